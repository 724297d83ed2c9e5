-- Keys of the delivery-report attempts already applied (docs/intake.md,
-- "Delivery reports"): a sha256 (16 bytes of it) of what an attempt that states its time says,
-- so that the same attempt posted again inside another batch (an overlapping
-- window of the sender's log) changes nothing. Inserted by the worker's commit
-- transaction; deleted by retention after retention.attemptKeyDays.
CREATE TABLE delivery_attempt_seen (
  key      bytea PRIMARY KEY,
  seen_at  timestamptz NOT NULL DEFAULT now()
);
-- Keys are inserted in time order: a BRIN index finds the old ones for retention
-- for a fraction of a B-tree's size and at almost no cost per insert (as 0007).
CREATE INDEX delivery_attempt_seen_at_brin ON delivery_attempt_seen USING brin (seen_at);
