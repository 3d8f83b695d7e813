-- Transactional outbox: an event row is written in the same database transaction as the change
-- that caused it, and a relay publishes it to Kafka afterwards, in seq order. A crash or a Kafka
-- outage therefore loses no event and publishes none whose change did not commit.
CREATE TABLE outbox_event (
    seq          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id           uuid        NOT NULL UNIQUE,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    event_type   text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    published_at timestamptz
);

CREATE INDEX outbox_event_unpublished ON outbox_event (seq) WHERE published_at IS NULL;

-- Consumer deduplication: the id of every event this service has applied, recorded in the same
-- transaction as its effect, so a redelivered event changes nothing.
CREATE TABLE processed_event (
    event_id     text        PRIMARY KEY,
    topic        text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
