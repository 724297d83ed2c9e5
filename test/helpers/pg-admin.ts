// Admin connection to the local Postgres used by tests to create and drop databases.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { listMigrations } from '../../src/db/migrate.js';

export const ADMIN_URL = process.env.INMAIL_TEST_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export function urlFor(database: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${database}`;
  return u.toString();
}

/** The template's name changes whenever a migration changes, so a stale template is never used. */
export function templateName(): string {
  const h = createHash('sha256');
  for (const m of listMigrations()) h.update(m.name).update(m.sql);
  return `inmail_tpl_${h.digest('hex').slice(0, 12)}`;
}

export async function withAdmin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
