-- Credits that entered an account in the org's current cycle (allocation, rollover, top-ups,
-- transfers in): the pool's "total this cycle" is this counter, reset by the cycle close, so it is
-- right even when an operator closes a cycle early and never needs a sum over the journal.
ALTER TABLE account ADD COLUMN cycle_in bigint NOT NULL DEFAULT 0;
UPDATE account a SET cycle_in = coalesce((
    SELECT sum(e.amount) FROM journal_entry e JOIN journal_tx t ON t.id = e.tx_id JOIN org_view o ON o.org_id = a.org_id
    WHERE e.account_id = a.id AND e.amount > 0 AND t.created_at >= o.cycle_start), 0)
WHERE a.kind = 'POOL';

-- The pool cap counts a member's open holds on the pool whatever cycle they were made in, so held
-- pool credits are a per-member figure, not a per-cycle one. pool_usage keeps the draws per cycle.
CREATE TABLE pool_hold (
    org_id  uuid   NOT NULL,
    user_id text   NOT NULL,
    held    bigint NOT NULL CHECK (held >= 0),
    PRIMARY KEY (org_id, user_id)
);
INSERT INTO pool_hold (org_id, user_id, held)
SELECT r.org_id, r.user_id, sum(h.amount) FROM reservation r JOIN reservation_hold h ON h.reservation_id = r.id
JOIN account a ON a.id = h.account_id WHERE r.status = 'ACTIVE' AND a.kind = 'POOL' GROUP BY r.org_id, r.user_id;
ALTER TABLE pool_usage DROP COLUMN held;

-- Who made a hold: only that caller captures or releases it (an admin or an operator may release it).
ALTER TABLE reservation ADD COLUMN holder text;
UPDATE reservation SET holder = user_id;
ALTER TABLE reservation ALTER COLUMN holder SET NOT NULL;
CREATE INDEX reservation_active_member ON reservation (org_id, user_id) WHERE status = 'ACTIVE';

-- Only transfers an admin made can be reversed: not the system's sweeps and recurring allocations,
-- and not a reversal itself.
ALTER TABLE journal_tx ADD COLUMN reversible boolean NOT NULL DEFAULT false;
UPDATE journal_tx SET reversible = true WHERE type = 'TRANSFER' AND actor <> 'system' AND reverses IS NULL;
CREATE INDEX journal_tx_reverses ON journal_tx (reverses) WHERE reverses IS NOT NULL;
