-- Counters of changes made outside the daemon (the CLI, later the API), kept in
-- Postgres in the same transaction as the change; the daemon adds them to its
-- own counters of the same name at scrape time (docs/operations.md).
CREATE TABLE metric_counter (
  name    text NOT NULL,
  labels  jsonb NOT NULL DEFAULT '{}',
  value   double precision NOT NULL DEFAULT 0,
  PRIMARY KEY (name, labels)
);
