-- Retention (docs/pipeline.md) forgets the idempotency keys of raw mails it dropped.
-- Fingerprints are inserted in time order, so a BRIN index finds the old ones
-- for a fraction of a B-tree's size and at almost no cost per insert.
CREATE INDEX mail_fingerprint_created_brin ON mail_fingerprint USING brin (created_at);
