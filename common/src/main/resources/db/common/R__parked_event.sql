-- Shared by every service that consumes events (common's ParkedEvents).
-- Events a consumer could not apply, parked so that their partition goes on: unreadable records at
-- once, readable ones after their bounded retries, and (for consumers that keep a key's order)
-- later events of the same key while an earlier one is parked. An operator re-drives them through
-- the same apply path (GET/POST /v1/operator/parked-events). A row is never deleted: redriven_at
-- says it was applied later. Repeatable for the reason in R__outbox_event_notify.sql: IF NOT EXISTS
-- lets it run again.
CREATE TABLE IF NOT EXISTS parked_event (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id        text,
    event_type      text,
    topic           text        NOT NULL,
    kafka_partition int         NOT NULL,
    kafka_offset    bigint      NOT NULL,
    message_key     text,
    payload         text,
    reason          text        NOT NULL,
    error           text        NOT NULL,
    attempts        int         NOT NULL,
    parked_at       timestamptz NOT NULL DEFAULT now(),
    redriven_at     timestamptz,
    -- A record redelivered after it was parked (its offset not committed yet) is parked once.
    UNIQUE (topic, kafka_partition, kafka_offset)
);

-- "Is an earlier event of this key still parked?", asked for every record of an order-keeping consumer.
CREATE INDEX IF NOT EXISTS parked_event_waiting ON parked_event (topic, message_key) WHERE redriven_at IS NULL;
