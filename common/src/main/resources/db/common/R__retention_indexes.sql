-- What the retention job (common's Retention) deletes by age, found through an index so that each
-- chunk it deletes costs an index range scan, not a scan of the table. Repeatable for the reason in
-- R__outbox_event_notify.sql; IF NOT EXISTS lets it run again.
CREATE INDEX IF NOT EXISTS idempotency_record_created ON idempotency_record (created_at);
CREATE INDEX IF NOT EXISTS processed_event_processed ON processed_event (processed_at);
CREATE INDEX IF NOT EXISTS outbox_event_published ON outbox_event (published_at) WHERE published_at IS NOT NULL;
