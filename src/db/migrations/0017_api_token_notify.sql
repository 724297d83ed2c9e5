-- The api role caches verified tokens in memory (docs/security.md) and LISTENs on
-- inmail_api_token to forget them as soon as a token is created, revoked, changed
-- or deleted, whoever does it: the CLI, the API or SQL by hand. Postgres sends the
-- notification when the transaction commits. last_used_at alone is not a change.
CREATE FUNCTION inmail_api_token_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('inmail_api_token', '');
  RETURN NULL;
END
$$;

CREATE TRIGGER api_token_changed
  AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF name, scope, token_hash, revoked_at ON api_token
  FOR EACH STATEMENT EXECUTE FUNCTION inmail_api_token_changed();
