-- A user rule's stable key: the same rule imported twice (or an export imported
-- back) is one rule, updated in place, not a copy (docs/operations.md).
ALTER TABLE inbound_rule ADD COLUMN key text;
CREATE UNIQUE INDEX inbound_rule_key_idx ON inbound_rule (key) WHERE key IS NOT NULL;
