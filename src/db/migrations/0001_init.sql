-- inmail schema, first cut (docs/pipeline.md, docs/states-and-policy.md).
-- Raw mails and events are append-mostly and partitioned by month of receipt,
-- so retention drops partitions; a DEFAULT partition means an insert never fails
-- for want of one. inmail_ensure_partitions() creates the months ahead and is
-- called by `migrate` and by the scheduler.

-- Raw mail exactly as received: nothing is acknowledged before a row is here.
CREATE TABLE raw_mail (
  id            bigserial NOT NULL,
  received_at   timestamptz NOT NULL DEFAULT now(),
  source        text NOT NULL,                       -- 'smtp', 'imap', 'file', 'http'
  source_ref    text,                                -- smtp: session id; imap: mailbox/uidvalidity/uid
  remote_addr   text,
  helo          text,
  mail_from     text,
  rcpt_to       text[] NOT NULL DEFAULT '{}',
  message_id    text,
  sha256        bytea NOT NULL,
  size          integer NOT NULL,
  body          bytea NOT NULL,
  state         text NOT NULL DEFAULT 'pending'
                CHECK (state IN ('pending', 'processed', 'failed', 'duplicate')),
  duplicate_of  bigint,
  attempts      integer NOT NULL DEFAULT 0,
  error         text,
  kind          text,                                -- bounce / complaint / auto-reply / unknown, once parsed
  processed_at  timestamptz,
  PRIMARY KEY (id, received_at)
) PARTITION BY RANGE (received_at);

CREATE TABLE raw_mail_default PARTITION OF raw_mail DEFAULT;
CREATE INDEX raw_mail_id_idx ON raw_mail (id);
CREATE INDEX raw_mail_pending_idx ON raw_mail (received_at) WHERE state = 'pending';
CREATE INDEX raw_mail_failed_idx ON raw_mail (received_at) WHERE state = 'failed';

-- Idempotency keys of raw mails (same bytes; same Message-ID from the same source).
-- Kept apart from the partitioned table because a unique key there would have
-- to include the partition key.
CREATE TABLE mail_fingerprint (
  fingerprint   text PRIMARY KEY,                    -- 'sha256:<hex>' or 'msgid:<source>:<message-id>'
  raw_mail_id   bigint NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per recipient a processed mail speaks of.
CREATE TABLE bounce_event (
  id              bigserial NOT NULL,
  raw_mail_id     bigint NOT NULL,
  received_at     timestamptz NOT NULL,              -- the raw mail's receipt (partition key)
  occurred_at     timestamptz NOT NULL,              -- when the failure happened (docs/states-and-policy.md)
  channel         text NOT NULL DEFAULT 'email',
  address         text NOT NULL,
  address_key     text NOT NULL,
  domain          text,
  kind            text NOT NULL,                     -- bounce / complaint / auto-reply / unknown
  action          text NOT NULL,                     -- failed / delayed / delivered / relayed / expanded
  status          text NOT NULL DEFAULT '',
  reply_code      text NOT NULL DEFAULT '',
  reason          text NOT NULL,
  type            text NOT NULL CHECK (type IN ('hard', 'soft', 'ignored')),
  failure_reason  smallint NOT NULL,
  diagnostic      text,
  remote_mta      text,
  feedback_type   text,
  original_message_id text,
  verp            text,
  delivery_id     text,
  rule_id         text,                              -- which rule decided (null: built-in heuristics)
  outcome         text NOT NULL,                     -- applied / ignored / unverified / allowlisted / held
  created_at      timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, received_at)
) PARTITION BY RANGE (received_at);

CREATE TABLE bounce_event_default PARTITION OF bounce_event DEFAULT;
CREATE INDEX bounce_event_raw_idx ON bounce_event (raw_mail_id);
CREATE INDEX bounce_event_address_idx ON bounce_event (channel, address_key, occurred_at);

-- Address states (docs/states-and-policy.md), keyed by channel and the compared form of the address.
CREATE TABLE address (
  channel          text NOT NULL DEFAULT 'email' CHECK (channel IN ('email', 'sms', 'push')),
  address_key      text NOT NULL,
  address          text NOT NULL,
  domain           text,
  status           text NOT NULL DEFAULT 'valid'
                   CHECK (status IN ('valid', 'erroneous', 'quarantined', 'denylisted', 'allowlisted')),
  reason           text,
  type             text,
  failure_reason   smallint,
  error_count      integer NOT NULL DEFAULT 0,
  first_error_at   timestamptz,
  last_error_at    timestamptz,
  last_significant_error_at timestamptz,
  last_error_text  text,
  last_message_id  text,
  last_delivery_id text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (channel, address_key)
);
CREATE INDEX address_status_idx ON address (status, last_error_at);
CREATE INDEX address_domain_idx ON address (domain);
CREATE INDEX address_updated_idx ON address (updated_at);

-- Every change of an address: who or what, when, from what to what.
CREATE TABLE address_history (
  id           bigserial PRIMARY KEY,
  channel      text NOT NULL,
  address_key  text NOT NULL,
  at           timestamptz NOT NULL DEFAULT now(),
  from_status  text,
  to_status    text NOT NULL,
  by           text NOT NULL,                        -- 'bounce', 'cleanup', 'operator:<name>', 'import'
  event_id     bigint,
  rule_id      text,
  reason       text,
  error_count  integer,
  note         text
);
CREATE INDEX address_history_key_idx ON address_history (channel, address_key, at);

-- Creates monthly partitions from the current month to `months_ahead` months later.
-- Rows already in the DEFAULT partition for a month block that month's partition:
-- such a month stays in DEFAULT (still queryable) and the function moves on.
CREATE FUNCTION inmail_ensure_partitions(months_ahead integer DEFAULT 2) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  parent text;
  m date;
  part text;
BEGIN
  FOREACH parent IN ARRAY ARRAY['raw_mail', 'bounce_event'] LOOP
    FOR i IN 0..months_ahead LOOP
      m := (date_trunc('month', now()) + make_interval(months => i))::date;
      part := format('%s_%s', parent, to_char(m, 'YYYYMM'));
      IF to_regclass(part) IS NULL THEN
        BEGIN
          EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                         part, parent, m, (m + interval '1 month')::date);
        EXCEPTION WHEN check_violation THEN
          RAISE NOTICE 'partition % left in default: rows already there', part;
        END;
      END IF;
    END LOOP;
  END LOOP;
END $$;
