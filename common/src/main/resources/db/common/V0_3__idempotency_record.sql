-- Shared by every service with mutating POSTs.
-- Idempotency keys, claimed in the same transaction as the change they guard; the response is
-- stored with the change, so a retry with the same key replays it.
CREATE TABLE idempotency_record (
    caller          text        NOT NULL,
    idempotency_key text        NOT NULL,
    fingerprint     text        NOT NULL,
    response        text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);
