-- raw_mail's primary key (id, received_at) leads with id, so it already serves
-- lookups by id alone; the separate index on id only cost every insert and every
-- state change of a raw mail one more index entry.
DROP INDEX IF EXISTS raw_mail_id_idx;
