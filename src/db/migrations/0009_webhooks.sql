-- Signed outbound webhooks (docs/webhooks.md). Every decision is written to an
-- outbox (webhook_event) by triggers, in the same transaction as the change, so
-- that no path (worker, cleanup, operator, incident decision, reapply) can
-- change an address without its event, and a rollback takes the event with it.
-- The api role turns outbox rows into one delivery per subscribed endpoint and
-- sends them through BullMQ with retries.
CREATE TABLE webhook_endpoint (
  id          bigserial PRIMARY KEY,
  url         text NOT NULL,
  events      text[] NOT NULL,
  secret      text NOT NULL,
  enabled     boolean NOT NULL DEFAULT true,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE webhook_event (
  id             bigserial PRIMARY KEY,
  type           text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now(),
  data           jsonb NOT NULL,
  dispatched_at  timestamptz
);
CREATE INDEX webhook_event_undispatched_idx ON webhook_event (id) WHERE dispatched_at IS NULL;

CREATE TABLE webhook_delivery (
  id                bigserial PRIMARY KEY,
  event_id          bigint NOT NULL REFERENCES webhook_event (id) ON DELETE CASCADE,
  endpoint_id       bigint NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
  status            text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  enqueued          boolean NOT NULL DEFAULT false,
  attempts          integer NOT NULL DEFAULT 0,
  last_status_code  integer,
  last_error        text,
  last_attempt_at   timestamptz,
  delivered_at      timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  UNIQUE (event_id, endpoint_id)
);
CREATE INDEX webhook_delivery_unqueued_idx ON webhook_delivery (id) WHERE status = 'pending' AND NOT enqueued;
CREATE INDEX webhook_delivery_recent_idx ON webhook_delivery (created_at DESC);

-- Whether any enabled endpoint wants this event type: without one, nothing is written.
CREATE FUNCTION inmail_webhook_wanted(t text) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM webhook_endpoint WHERE enabled AND (t = ANY (events) OR '*' = ANY (events)))
$$;

-- address.changed: one event per history row whose status moved (deletes included, to = 'deleted').
CREATE FUNCTION inmail_webhook_address_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF inmail_webhook_wanted('address.changed') THEN
    INSERT INTO webhook_event (type, data)
    SELECT 'address.changed', jsonb_build_object(
      'address', COALESCE(a.address, n.address_key), 'channel', n.channel, 'from', n.from_status, 'to', n.to_status,
      'reason', n.reason, 'by', n.by, 'at', n.at, 'ruleId', n.rule_id, 'eventId', n.event_id, 'note', n.note, 'historyId', n.id)
    FROM new_rows n LEFT JOIN address a ON a.channel = n.channel AND a.address_key = n.address_key
    WHERE n.from_status IS DISTINCT FROM n.to_status
    ORDER BY n.id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER address_history_webhook AFTER INSERT ON address_history
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION inmail_webhook_address_changed();

CREATE FUNCTION inmail_webhook_incident_json(i incident) RETURNS jsonb LANGUAGE sql STABLE AS $$
  SELECT jsonb_build_object('id', i.id, 'domain', i.domain, 'status', i.status, 'addresses', i.addresses,
    'sampleText', i.sample_text, 'openedAt', i.opened_at, 'decidedAt', i.decided_at, 'decidedBy', i.decided_by, 'note', i.note)
$$;

-- incident.opened on insert; incident.confirmed / incident.dismissed when an operator decides.
CREATE FUNCTION inmail_webhook_incident() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  t text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    t := 'incident.opened';
  ELSIF NEW.status IS DISTINCT FROM OLD.status THEN
    t := 'incident.' || NEW.status;
  ELSE
    RETURN NULL;
  END IF;
  IF inmail_webhook_wanted(t) THEN
    INSERT INTO webhook_event (type, data) VALUES (t, inmail_webhook_incident_json(NEW));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER incident_webhook AFTER INSERT OR UPDATE OF status ON incident
  FOR EACH ROW EXECUTE FUNCTION inmail_webhook_incident();
