-- Wakes the outbox relay when a transaction that wrote outbox rows commits. The trigger queues a
-- NOTIFY on channel outbox_event; PostgreSQL delivers it only if and when the transaction commits,
-- once per transaction however many rows or statements it wrote (equal notifications are merged).
-- The relay LISTENs and publishes at once; its poll is only the fallback (see OutboxRelay).
-- Repeatable, not V0_4: a shared version would sort before the services' own V2, V3 already applied
-- and Flyway would refuse it. Flyway runs it after every versioned migration, and again whenever this
-- file changes, so each statement may run twice.
CREATE OR REPLACE FUNCTION outbox_event_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_event', '');
    RETURN NULL;
END
$$;

CREATE OR REPLACE TRIGGER outbox_event_notify AFTER INSERT ON outbox_event
    FOR EACH STATEMENT EXECUTE FUNCTION outbox_event_notify();
