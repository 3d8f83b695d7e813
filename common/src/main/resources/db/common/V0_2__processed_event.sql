-- Shared by every service that consumes events.
-- Consumer deduplication: the id of every event this service has applied, recorded in the same
-- transaction as its effect, so a redelivered event changes nothing.
CREATE TABLE processed_event (
    event_id     text        PRIMARY KEY,
    topic        text        NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now()
);
