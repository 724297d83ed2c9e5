-- Nonces of signed webhooks (docs/intake.md): Mailgun's token, remembered for
-- the replay window so that a signed request posted a second time is refused
-- by every api process alike. Kept in Postgres, which the intake needs anyway
-- before any 2xx; rows older than the window are deleted as new ones arrive.
CREATE TABLE intake_nonce (
  source   text NOT NULL,
  nonce    text NOT NULL,
  seen_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, nonce)
);
CREATE INDEX intake_nonce_seen_at ON intake_nonce (seen_at);
