-- Sender-side failures per recipient domain (docs/reasons.md): an IP on a blocklist,
-- a missing PTR, SPF/DKIM/DMARC failures and rate limits say nothing about the
-- recipient, so they are counted here instead of against the address.
-- One row per (domain, day, reason, slot): the slot (raw mail id modulo 8)
-- spreads the upserts of one busy domain over several rows, so that concurrent
-- workers during an incident do not queue on one hot row. Readers sum the slots.
CREATE TABLE domain_health (
  domain      text NOT NULL,
  day         date NOT NULL,
  reason      text NOT NULL,
  slot        smallint NOT NULL,
  errors      bigint NOT NULL DEFAULT 0,             -- failed recipients
  messages    bigint NOT NULL DEFAULT 0,             -- bounce mails that carried them
  first_seen  timestamptz NOT NULL,
  last_seen   timestamptz NOT NULL,
  PRIMARY KEY (domain, day, reason, slot)
);
CREATE INDEX domain_health_day_idx ON domain_health (day);
