-- Shared by every service (common's Flyway location db/common, applied before the service's own).
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
