-- Ledger events and team events arrive on different topics, so a pool grant can be read before
-- the org's first cycle is known here. Its credits wait in this table and join the cycle they
-- belong to as soon as that cycle starts, instead of being dropped.
CREATE TABLE pool_in_pending (
    org_id uuid   PRIMARY KEY,
    amount bigint NOT NULL
);
