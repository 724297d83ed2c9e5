-- Bearer tokens of the HTTP API (docs/api.md). Only a SHA-256 of each token is
-- kept: the token itself is printed once by `inmail tokens create`. Tokens are
-- 32 random bytes, so a plain hash is enough (no password stretching needed).
CREATE TABLE api_token (
  id            bigserial PRIMARY KEY,
  name          text,
  scope         text NOT NULL CHECK (scope IN ('read', 'write', 'admin', 'intake')),
  token_hash    bytea NOT NULL UNIQUE,
  prefix        text NOT NULL,                      -- the first characters, to recognise a token in a list
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  revoked_at    timestamptz
);
