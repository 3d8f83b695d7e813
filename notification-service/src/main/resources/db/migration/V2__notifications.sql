-- Who is in which org, from team.events: recipients (admins, members) and their email addresses.
CREATE TABLE org_info (
    org_id uuid PRIMARY KEY,
    name   text NOT NULL
);

CREATE TABLE member (
    org_id       uuid    NOT NULL,
    user_id      text    NOT NULL,
    email        text,
    display_name text,
    role         text    NOT NULL,
    active       boolean NOT NULL,
    PRIMARY KEY (org_id, user_id)
);

CREATE INDEX member_admins ON member (org_id) WHERE role = 'ADMIN' AND active;

-- The in-app inbox. One row per event, recipient and type: the unique key makes a second copy of
-- an event impossible even if it slipped past processed_event.
CREATE TABLE notification (
    seq        bigint      GENERATED ALWAYS AS IDENTITY UNIQUE,
    id         uuid        PRIMARY KEY,
    user_id    text        NOT NULL,
    org_id     uuid,
    type       text        NOT NULL,
    event_id   text        NOT NULL,
    title      text        NOT NULL,
    body       text        NOT NULL,
    data       jsonb       NOT NULL,
    read_at    timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (event_id, user_id, type)
);

CREATE INDEX notification_inbox ON notification (user_id, seq DESC);
CREATE INDEX notification_unread ON notification (user_id) WHERE read_at IS NULL;

-- Emails to send, one per notification, written in the same transaction as the notification and
-- sent by a worker with retries, so a slow or failing SMTP server never holds up the event stream.
CREATE TABLE email_delivery (
    id              uuid        PRIMARY KEY REFERENCES notification (id),
    user_id         text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING',
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_error      text,
    sent_at         timestamptz
);

CREATE INDEX email_delivery_due ON email_delivery (next_attempt_at) WHERE status = 'PENDING';

-- A user's choices; a missing row means the default for that type and channel.
CREATE TABLE notification_preference (
    user_id text    NOT NULL,
    type    text    NOT NULL,
    channel text    NOT NULL,
    enabled boolean NOT NULL,
    PRIMARY KEY (user_id, type, channel)
);

-- Org webhooks. The secret is kept as given: signing needs it.
CREATE TABLE webhook (
    id          uuid        PRIMARY KEY,
    org_id      uuid        NOT NULL,
    url         text        NOT NULL,
    secret      text        NOT NULL,
    event_types text[]      NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX webhook_org ON webhook (org_id);

-- One delivery per webhook and event; every retry (and a re-drive) reuses its id and exact body.
CREATE TABLE webhook_delivery (
    id              uuid        PRIMARY KEY,
    webhook_id      uuid        NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_id        text        NOT NULL,
    event_type      text        NOT NULL,
    body            text        NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING',
    attempts        int         NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    last_status     int,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    delivered_at    timestamptz,
    UNIQUE (webhook_id, event_id)
);

CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'PENDING';

