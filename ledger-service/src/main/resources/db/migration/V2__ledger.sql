-- The ledger's own view of orgs and members, built from team.events (never from the team database).
CREATE TABLE org_view (
    org_id             uuid        PRIMARY KEY,
    plan               text        NOT NULL,
    monthly_allocation bigint      NOT NULL,
    rollover           boolean     NOT NULL,
    personal_fallback  boolean     NOT NULL,
    cycle_anchor       date        NOT NULL,
    -- The current billing cycle [cycle_start, cycle_end); cycle close moves it forward.
    cycle_start        date        NOT NULL,
    cycle_end          date        NOT NULL
);

CREATE INDEX org_view_cycle_due ON org_view (cycle_end);

CREATE TABLE member_view (
    org_id       uuid    NOT NULL,
    user_id      text    NOT NULL,
    email        text    NOT NULL,
    display_name text,
    role         text    NOT NULL,
    pool_access  boolean NOT NULL,
    pool_cap     bigint,
    active       boolean NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

-- Holder accounts carry balance (sum of their lots) and reserved; system accounts (ISSUANCE, SPENT,
-- EXPIRED) only take the other side of entries and keep no balance, so they are never a hot row.
CREATE TABLE account (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- POOL:<org>, MEMBER:<org>:<user>, PERSONAL:<user>, SYSTEM:<name>
    ref      text   NOT NULL UNIQUE,
    kind     text   NOT NULL CHECK (kind IN ('POOL', 'MEMBER', 'PERSONAL', 'SYSTEM')),
    org_id   uuid,
    user_id  text,
    balance  bigint NOT NULL DEFAULT 0,
    reserved bigint NOT NULL DEFAULT 0,
    CHECK (kind = 'SYSTEM' OR (balance >= 0 AND reserved >= 0 AND reserved <= balance))
);

INSERT INTO account (ref, kind) VALUES ('SYSTEM:ISSUANCE', 'SYSTEM'), ('SYSTEM:SPENT', 'SYSTEM'),
    ('SYSTEM:EXPIRED', 'SYSTEM');

-- A batch of credits in one account; balances are sums of lots.
CREATE TABLE lot (
    id         uuid        PRIMARY KEY,
    account_id bigint      NOT NULL REFERENCES account (id),
    kind       text        NOT NULL CHECK (kind IN ('SUBSCRIPTION', 'ROLLOVER', 'FREE', 'TOP_UP')),
    expires_at timestamptz,
    remaining  bigint      NOT NULL CHECK (remaining >= 0),
    created_at timestamptz NOT NULL
);

CREATE INDEX lot_open ON lot (account_id) WHERE remaining > 0;

CREATE TABLE journal_tx (
    id          uuid        PRIMARY KEY,
    seq         bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    org_id      uuid,
    type        text        NOT NULL,
    amount      bigint      NOT NULL,
    actor       text        NOT NULL,
    reason      text,
    reverses    uuid        REFERENCES journal_tx (id),
    details     jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL
);

CREATE INDEX journal_tx_org ON journal_tx (org_id, seq);

-- Double entry: the entries of a transaction sum to zero. lot_id names the lot a holder entry
-- created or drew from.
CREATE TABLE journal_entry (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tx_id      uuid   NOT NULL REFERENCES journal_tx (id),
    account_id bigint NOT NULL REFERENCES account (id),
    lot_id     uuid   REFERENCES lot (id),
    amount     bigint NOT NULL CHECK (amount <> 0)
);

CREATE INDEX journal_entry_tx ON journal_entry (tx_id);
CREATE INDEX journal_entry_account ON journal_entry (account_id, tx_id);

-- Pool credits a member drew (and holds) in one cycle, for the per-member pool cap.
CREATE TABLE pool_usage (
    org_id      uuid   NOT NULL,
    user_id     text   NOT NULL,
    cycle_start date   NOT NULL,
    drawn       bigint NOT NULL DEFAULT 0,
    held        bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (org_id, user_id, cycle_start)
);

CREATE TABLE reservation (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL,
    user_id     text        NOT NULL,
    action      text        NOT NULL,
    amount      bigint      NOT NULL CHECK (amount > 0),
    status      text        NOT NULL CHECK (status IN ('ACTIVE', 'CAPTURED', 'RELEASED', 'EXPIRED')),
    captured    bigint,
    cycle_start date        NOT NULL,
    expires_at  timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    resolved_at timestamptz
);

CREATE INDEX reservation_due ON reservation (expires_at) WHERE status = 'ACTIVE';

CREATE TABLE reservation_hold (
    reservation_id uuid   NOT NULL REFERENCES reservation (id),
    position       int    NOT NULL,
    account_id     bigint NOT NULL REFERENCES account (id),
    amount         bigint NOT NULL CHECK (amount > 0),
    PRIMARY KEY (reservation_id, position)
);

CREATE TABLE auto_top_up (
    account_id      bigint PRIMARY KEY REFERENCES account (id),
    threshold       bigint NOT NULL,
    amount          bigint NOT NULL,
    per_cycle_limit int    NOT NULL,
    fired           int    NOT NULL DEFAULT 0,
    cycle_start     date,
    armed           boolean NOT NULL DEFAULT true
);

CREATE TABLE recurring_allocation (
    org_id  uuid   NOT NULL,
    user_id text   NOT NULL,
    mode    text   NOT NULL CHECK (mode IN ('TOP_UP_TO', 'ADD')),
    amount  bigint NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
