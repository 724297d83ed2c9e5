-- Bulk changes made by an operator (release, delete, import, reapply, undo): who,
-- when, with which filter, and each address as it was before, so that
-- `inmail quarantine undo CHANGE_ID` can restore it (docs/operations.md).
CREATE TABLE operator_change (
  id          bigserial PRIMARY KEY,
  kind        text NOT NULL,                 -- 'release', 'delete', 'import', 'reapply', 'undo'
  by          text NOT NULL,                 -- 'operator:<name>'
  at          timestamptz NOT NULL DEFAULT now(),
  filter      jsonb NOT NULL DEFAULT '{}',   -- the filter or file the change was made from
  note        text,
  addresses   integer NOT NULL DEFAULT 0,
  undoes      bigint REFERENCES operator_change (id),
  undone_by   bigint REFERENCES operator_change (id)
);
CREATE INDEX operator_change_at_idx ON operator_change (at);

-- One row per address a change touched: its whole row before (NULL: it did not
-- exist) and the status the change left (NULL: the change deleted it).
CREATE TABLE operator_change_address (
  change_id    bigint NOT NULL REFERENCES operator_change (id) ON DELETE CASCADE,
  channel      text NOT NULL,
  address_key  text NOT NULL,
  before       jsonb,
  after_status text,
  PRIMARY KEY (change_id, channel, address_key)
);

-- History rows written by a bulk change name it.
ALTER TABLE address_history ADD COLUMN change_id bigint;
