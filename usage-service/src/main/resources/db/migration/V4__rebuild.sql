-- Rebuilds from the topics (see RebuildService and the README). Each one is recorded with the first
-- cycle start and day it recomputes: counters of earlier cycles and days stay as they are, because
-- the topics (30 days' retention) can no longer replay all of their events.
CREATE TABLE usage_rebuild (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Cycles starting and days before this date are kept; NULL: nothing is kept, everything is recomputed.
    kept_before  date,
    requested_at timestamptz NOT NULL DEFAULT now(),
    finished_at  timestamptz,
    records      bigint
);

-- The ids of the events counted before the latest rebuild (moved out of processed_event by it). When
-- such an event comes again (the replay, or a late redelivery) it is counted only into the cycles and
-- days the rebuild recomputes; an event not listed here was never counted and counts everywhere.
CREATE TABLE rebuild_prior_event (
    event_id text PRIMARY KEY
);
