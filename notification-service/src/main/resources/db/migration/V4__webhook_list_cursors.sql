-- An org's webhooks and a webhook's deliveries are listed newest first a page at a time, with the opaque
-- cursors of common's Cursors, which carry a sequence number: each table gets one. Rows already there are
-- numbered in the order they were created, and new rows continue after them.
ALTER TABLE webhook ADD COLUMN seq bigint;
UPDATE webhook w SET seq = o.n
FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM webhook) o WHERE w.id = o.id;
ALTER TABLE webhook ALTER COLUMN seq SET NOT NULL, ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('webhook', 'seq'), coalesce(max(seq), 0) + 1, false) FROM webhook;
DROP INDEX webhook_org;
CREATE INDEX webhook_org ON webhook (org_id, seq DESC);

ALTER TABLE webhook_delivery ADD COLUMN seq bigint;
UPDATE webhook_delivery d SET seq = o.n
FROM (SELECT id, row_number() OVER (ORDER BY created_at, id) AS n FROM webhook_delivery) o WHERE d.id = o.id;
ALTER TABLE webhook_delivery ALTER COLUMN seq SET NOT NULL, ALTER COLUMN seq ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('webhook_delivery', 'seq'), coalesce(max(seq), 0) + 1, false)
FROM webhook_delivery;
CREATE INDEX webhook_delivery_list ON webhook_delivery (webhook_id, seq DESC);
