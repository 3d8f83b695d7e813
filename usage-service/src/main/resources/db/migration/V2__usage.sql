-- The usage projection: built only from ledger.events and team.events. Everything here except
-- unusual_alert is dropped and rebuilt by a rebuild (see the README).

-- The org's current billing cycle, as the ledger moves it.
CREATE TABLE org_cycle (
    org_id      uuid PRIMARY KEY,
    cycle_start date NOT NULL,
    cycle_end   date NOT NULL
);

CREATE TABLE member_info (
    org_id       uuid    NOT NULL,
    user_id      text    NOT NULL,
    email        text,
    display_name text,
    role         text    NOT NULL,
    active       boolean NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

-- Per member and cycle: credits drawn from each source and number of spends.
CREATE TABLE member_cycle_usage (
    org_id        uuid   NOT NULL,
    user_id       text   NOT NULL,
    cycle_start   date   NOT NULL,
    from_pool     bigint NOT NULL DEFAULT 0,
    from_member   bigint NOT NULL DEFAULT 0,
    from_personal bigint NOT NULL DEFAULT 0,
    spends        bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, user_id, cycle_start)
);

CREATE TABLE member_cycle_action (
    org_id      uuid   NOT NULL,
    user_id     text   NOT NULL,
    cycle_start date   NOT NULL,
    action      text   NOT NULL,
    credits     bigint NOT NULL DEFAULT 0,
    spends      bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, user_id, cycle_start, action)
);

-- Credits that entered the pool in each cycle (the progress bar's total).
CREATE TABLE pool_cycle (
    org_id      uuid   NOT NULL,
    cycle_start date   NOT NULL,
    cycle_end   date   NOT NULL,
    total_in    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, cycle_start)
);

-- The pool's latest available credits; only a newer event moves it, so arrival order cannot.
CREATE TABLE pool_state (
    org_id    uuid        PRIMARY KEY,
    available bigint      NOT NULL,
    as_of     timestamptz NOT NULL
);

CREATE TABLE daily_usage (
    org_id  uuid   NOT NULL,
    user_id text   NOT NULL,
    day     date   NOT NULL,
    credits bigint NOT NULL DEFAULT 0,
    spends  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, user_id, day)
);

-- Alerts already raised: at most one per member per day; kept across rebuilds so none is re-sent.
CREATE TABLE unusual_alert (
    org_id  uuid NOT NULL,
    user_id text NOT NULL,
    day     date NOT NULL,
    PRIMARY KEY (org_id, user_id, day)
);
