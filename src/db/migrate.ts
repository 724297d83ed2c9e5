// Applies numbered .sql files in order, each in its own transaction, under an
// advisory lock, recording each in a ledger so that it runs once.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import pg from 'pg';
import { asServiceError, type Pool } from './pool.js';

// Works from src/db (tests) and dist/db (built): the .sql files stay in src.
export const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/db/migrations/', import.meta.url));
const LOCK_KEY = 0x696e6d61; // 'inma'

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[\w-]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ id: Number(f.slice(0, 4)), name: f, sql: readFileSync(join(dir, f), 'utf8') }));
}

/** Applies the migrations not yet in the ledger; returns the names applied. */
export async function migrate(pool: Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migration (
      id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set((await client.query<{ id: number }>('SELECT id FROM schema_migration')).rows.map((r) => r.id));
    for (const m of listMigrations(dir)) {
      if (done.has(m.id)) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migration (id, name) VALUES ($1, $2)', [m.id, m.name]);
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${m.name} failed: ${(err as Error).message}`, { cause: err });
      }
      applied.push(m.name);
    }
    await client.query('SELECT inmail_ensure_partitions(2)');
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return applied;
}

/** Names of migrations present on disk but not applied (readiness check). */
export async function pendingMigrations(pool: Pool, dir = MIGRATIONS_DIR): Promise<string[]> {
  const exists = await pool.query<{ t: string | null }>(`SELECT to_regclass('schema_migration')::text AS t`);
  const done = exists.rows[0]?.t
    ? new Set((await pool.query<{ id: number }>('SELECT id FROM schema_migration')).rows.map((r) => r.id))
    : new Set<number>();
  return listMigrations(dir)
    .filter((m) => !done.has(m.id))
    .map((m) => m.name);
}

/** A fresh machine has a server but not our database: create it, as an operator would. */
export async function createDatabaseIfMissing(url: string): Promise<string | null> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!name) return null;
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount) return null;
    await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    return name;
  } catch (err) {
    throw asServiceError(err, url);
  } finally {
    await client.end().catch(() => undefined);
  }
}
