-- Credits come from the plan (ISSUANCE: allocations, free credits), from purchases the billing backend
-- records (PURCHASES) and from operator grants with a reason (GRANTS): one system account each, so the
-- audit can tell where every credit came from.
INSERT INTO account (ref, kind) VALUES ('SYSTEM:PURCHASES', 'SYSTEM'), ('SYSTEM:GRANTS', 'SYSTEM');

-- Requests and purchases share one sequence: the purchase history of an account lists both, newest first,
-- and pages by it.
CREATE SEQUENCE purchase_history_seq;

-- A request to buy credits for an account, handed to the billing backend as an event; it ends completed
-- (by a purchase), declined (by the billing backend) or expired (by the ledger's job).
CREATE TABLE top_up_request (
    id             uuid        PRIMARY KEY,
    seq            bigint      NOT NULL DEFAULT nextval('purchase_history_seq') UNIQUE,
    org_id         uuid,
    -- By ref, not id: asking opens no account (a personal balance opens with the first credits that arrive).
    account_ref    text        NOT NULL,
    amount         bigint      NOT NULL CHECK (amount > 0),
    requested_by   text        NOT NULL,
    automatic      boolean     NOT NULL,
    status         text        NOT NULL CHECK (status IN ('AWAITING_PAYMENT', 'COMPLETED', 'DECLINED', 'EXPIRED')),
    decline_reason text,
    created_at     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL,
    settled_at     timestamptz
);

CREATE INDEX top_up_request_due ON top_up_request (expires_at) WHERE status = 'AWAITING_PAYMENT';
CREATE INDEX top_up_request_open ON top_up_request (account_ref) WHERE status = 'AWAITING_PAYMENT';

-- A purchase the billing backend recorded after taking the payment: once per payment reference.
CREATE TABLE purchase (
    id                uuid        PRIMARY KEY,
    seq               bigint      NOT NULL DEFAULT nextval('purchase_history_seq') UNIQUE,
    payment_reference text        NOT NULL UNIQUE,
    org_id            uuid,
    account_id        bigint      NOT NULL REFERENCES account (id),
    amount            bigint      NOT NULL CHECK (amount > 0),
    request_id        uuid        UNIQUE REFERENCES top_up_request (id),
    price             bigint      CHECK (price >= 0),
    currency          text,
    transaction_id    uuid        NOT NULL UNIQUE REFERENCES journal_tx (id),
    recorded_by       text        NOT NULL,
    created_at        timestamptz NOT NULL,
    -- The account right after the purchase: the same payment reference again answers the first purchase whole.
    balance_after     bigint      NOT NULL,
    reserved_after    bigint      NOT NULL,
    available_after   bigint      NOT NULL
);

-- The purchase history of an account: requests, and purchases that completed no request, newest first.
CREATE INDEX top_up_request_history ON top_up_request (account_ref, seq);
CREATE INDEX purchase_history ON purchase (account_id, seq) WHERE request_id IS NULL;
