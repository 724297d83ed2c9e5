-- Incident guard (docs/states-and-policy.md): when one recipient domain sends the same hard
-- error for many distinct addresses within minutes (a provider outage, a wrong
-- rejection of the sender), further quarantines of that (domain, text) pair are
-- held in an incident until an operator confirms or dismisses it.
CREATE TABLE incident (
  id           bigserial PRIMARY KEY,
  domain       text NOT NULL,
  text_key     text NOT NULL,
  sample_text  text,
  addresses    integer NOT NULL,                 -- distinct addresses in the window when it opened
  opened_at    timestamptz NOT NULL DEFAULT now(),
  status       text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'confirmed', 'dismissed')),
  decided_at   timestamptz,
  decided_by   text,
  note         text
);
-- One open incident per pair; concurrent workers crossing the threshold meet here.
CREATE UNIQUE INDEX incident_open_idx ON incident (domain, text_key) WHERE status = 'open';
CREATE INDEX incident_pair_idx ON incident (domain, text_key, decided_at);

ALTER TABLE bounce_event ADD COLUMN incident_id bigint;
CREATE INDEX bounce_event_incident_idx ON bounce_event (incident_id) WHERE incident_id IS NOT NULL;
