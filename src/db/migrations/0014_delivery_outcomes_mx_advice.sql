-- Delivery reports' outcomes and MX advice (docs/mx-advice.md). The sending
-- MTA's attempts are counted per recipient domain and per MX in one-minute
-- buckets, so that a rule's sliding window is a sum over its buckets; MX rules
-- turn those sums into advice (block for a duration, throttle to N an hour),
-- which the sending side reads and is told of by the mx.advice webhook.
CREATE TABLE delivery_outcome (
  bucket       timestamptz NOT NULL,           -- the minute the attempts ended in
  domain       text NOT NULL,
  mx           text NOT NULL DEFAULT '',       -- the MX host (or IP) talked to; '' unknown
  sent         integer NOT NULL DEFAULT 0,
  failed_hard  integer NOT NULL DEFAULT 0,
  failed_soft  integer NOT NULL DEFAULT 0,
  deferred     integer NOT NULL DEFAULT 0,
  sender_side  integer NOT NULL DEFAULT 0,     -- failed or deferred for a reason of the sender (docs/reasons.md)
  slot         smallint NOT NULL DEFAULT 0,    -- spreads a busy domain's upserts over rows (as domain_health)
  PRIMARY KEY (domain, mx, bucket, slot)
);
CREATE INDEX delivery_outcome_mx_idx ON delivery_outcome (mx, bucket) WHERE mx <> '';
CREATE INDEX delivery_outcome_bucket_idx ON delivery_outcome (bucket);

-- Operators' MX rules, shown as 'm<id>'; the shipped ones live in config/mx-rules.yaml.
CREATE TABLE mx_rule (
  id              bigserial PRIMARY KEY,
  scope           text NOT NULL CHECK (scope IN ('domain', 'mx')),
  match_target    text,                        -- only this domain / MX (or a parent domain); null: any
  window_seconds  integer NOT NULL CHECK (window_seconds > 0),
  min_messages    integer NOT NULL CHECK (min_messages > 0),
  error_share     double precision NOT NULL CHECK (error_share > 0 AND error_share <= 1),
  errors          text[] NOT NULL,             -- which outcomes count as errors: hard, soft, deferred, sender-side
  action          text NOT NULL CHECK (action IN ('block', 'throttle')),
  per_hour        integer CHECK (per_hour > 0),
  for_seconds     integer NOT NULL CHECK (for_seconds > 0),
  note            text,
  enabled         boolean NOT NULL DEFAULT true,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now(),
  CHECK ((action = 'throttle') = (per_hour IS NOT NULL))
);

-- Shipped MX rules an operator disabled or re-enabled, by id.
CREATE TABLE mx_rule_override (
  rule_id     text PRIMARY KEY,
  enabled     boolean NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- The advice in force, one row per domain or MX.
CREATE TABLE mx_advice (
  scope       text NOT NULL CHECK (scope IN ('domain', 'mx')),
  target      text NOT NULL,
  action      text NOT NULL CHECK (action IN ('block', 'throttle')),
  per_hour    integer,
  rule_id     text NOT NULL,
  since       timestamptz NOT NULL,
  until       timestamptz NOT NULL,
  messages    integer NOT NULL,                -- the window's volume when it was decided
  errors      integer NOT NULL,
  PRIMARY KEY (scope, target)
);
CREATE INDEX mx_advice_until_idx ON mx_advice (until);
