import { Command } from 'commander';
import pg from 'pg';
import { migrate } from '../db/migrate.js';
import { asServiceError } from '../db/pool.js';
import { cliConfig, print, withPool, type CliContext } from './context.js';

/** A fresh machine has a server but not our database: create it, as an operator would. */
async function createDatabaseIfMissing(url: string): Promise<string | null> {
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

export function migrateCommand(ctx: CliContext): Command {
  return new Command('migrate')
    .description('apply database migrations (creating the database if it does not exist), then exit')
    .action(async () => {
      const config = cliConfig(ctx);
      const created = await createDatabaseIfMissing(config.database.url);
      if (created) print(`created database ${created}`);
      const applied = await withPool(config, (pool) => migrate(pool), { migrated: false });
      print(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    });
}
