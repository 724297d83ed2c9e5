-- Inbound email rules and the delivery log qualification (docs/reasons.md).
-- Shipped rules live in config/rules/*.yaml and never in the database, so an
-- upgrade of the shipped set cannot touch what operators wrote here.

-- Operators' rules. Shown and referred to as 'u<id>'.
CREATE TABLE inbound_rule (
  id               bigserial PRIMARY KEY,
  position         integer NOT NULL DEFAULT 100,     -- order among user rules (lower first), then id
  channel          text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms', 'push')),
  match_text       text,                             -- case-insensitive substring of the diagnostic
  match_regex      text,                             -- regular expression on the diagnostic (checked safe before saving)
  match_normalized text,                             -- exact normalized text (rules made by `qualification refresh`)
  match_status     text,                             -- enhanced status code or prefix: 5.1.1, 5.7
  match_reply_code text,                             -- SMTP reply code or prefix: 550, 55
  match_remote_mta text,                             -- substring of the remote MTA
  match_domain     text,                             -- recipient domain or parent domain
  reason           text NOT NULL,
  type             text NOT NULL CHECK (type IN ('hard', 'soft', 'ignored')),
  failure_reason   smallint NOT NULL,
  example          text NOT NULL,
  note             text,
  enabled          boolean NOT NULL DEFAULT true,
  qualification_id bigint,                           -- the qualification row `refresh` made it from
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (num_nonnulls(match_text, match_regex, match_normalized, match_status, match_reply_code, match_remote_mta, match_domain) > 0)
);
CREATE UNIQUE INDEX inbound_rule_qualification_idx ON inbound_rule (qualification_id) WHERE qualification_id IS NOT NULL;

-- Shipped rules an operator disabled (or re-enabled): kept by id, across upgrades of the set.
CREATE TABLE shipped_rule_override (
  rule_id     text PRIMARY KEY,
  enabled     boolean NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Hits per rule (user or shipped), flushed in batches by the workers: a rule
-- that matches nothing for months is visible.
CREATE TABLE rule_hit (
  rule_id      text PRIMARY KEY,
  hits         bigint NOT NULL DEFAULT 0,
  last_hit_at  timestamptz
);

-- One row, bumped by every change of rules or of operator qualifications;
-- workers poll it as the fallback of the Redis notification.
CREATE TABLE rules_version (
  id       boolean PRIMARY KEY DEFAULT true CHECK (id),
  version  bigint NOT NULL DEFAULT 0
);
INSERT INTO rules_version (id, version) VALUES (true, 0);

CREATE FUNCTION inmail_bump_rules_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE rules_version SET version = version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER inbound_rule_version AFTER INSERT OR UPDATE OR DELETE ON inbound_rule
  FOR EACH STATEMENT EXECUTE FUNCTION inmail_bump_rules_version();
CREATE TRIGGER shipped_rule_override_version AFTER INSERT OR UPDATE OR DELETE ON shipped_rule_override
  FOR EACH STATEMENT EXECUTE FUNCTION inmail_bump_rules_version();

-- The delivery log qualification: one row per (channel, normalized text).
-- Workers aggregate occurrences in memory and flush one multi-row upsert per
-- second, so a frequent text is written once a second per worker, never once per mail.
CREATE TABLE qualification (
  id               bigserial PRIMARY KEY,
  channel          text NOT NULL DEFAULT 'email',
  normalized_text  text NOT NULL,
  text_key         text GENERATED ALWAYS AS (md5(normalized_text)) STORED,  -- btree-safe key of long texts
  first_text       text NOT NULL,
  occurrences      integer NOT NULL DEFAULT 0 CHECK (occurrences BETWEEN 0 AND 100000),
  first_seen       timestamptz NOT NULL,
  last_seen        timestamptz NOT NULL,
  status           text NOT NULL DEFAULT 'to-qualify' CHECK (status IN ('to-qualify', 'keep', 'ignore')),
  reason           text,
  type             text CHECK (type IN ('hard', 'soft', 'ignored')),
  failure_reason   smallint,
  status_code      text,
  reply_code       text,
  rule_id          text,                              -- the rule that decided (null: parser heuristics)
  qualified_by     text,                              -- set when an operator decided; such rows are never overwritten
  qualified_at     timestamptz,
  refreshed_rule   bigint,                            -- the user rule `refresh` made of it
  UNIQUE (channel, text_key)
);
CREATE INDEX qualification_status_idx ON qualification (status, occurrences DESC);

-- Only an operator's decision changes what workers do; the workers' own flushes must not bump the version.
CREATE TRIGGER qualification_version AFTER UPDATE ON qualification
  FOR EACH ROW WHEN (OLD.qualified_at IS DISTINCT FROM NEW.qualified_at
    OR (NEW.qualified_at IS NOT NULL
        AND (OLD.status, OLD.reason, OLD.type, OLD.failure_reason) IS DISTINCT FROM (NEW.status, NEW.reason, NEW.type, NEW.failure_reason)))
  EXECUTE FUNCTION inmail_bump_rules_version();

-- Events carry the key of their normalized text, so `reapply` finds them.
ALTER TABLE bounce_event ADD COLUMN text_key text;
CREATE INDEX bounce_event_text_idx ON bounce_event (text_key, received_at) WHERE text_key IS NOT NULL;
