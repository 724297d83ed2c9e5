// Once per test run: a migrated template database that every test file clones.
import { createPool } from '../../src/db/pool.js';
import { migrate } from '../../src/db/migrate.js';
import { templateName, urlFor, withAdmin } from './pg-admin.js';

export default async function setup(): Promise<void> {
  await ensureTemplate({ dropOthers: true });
}

/**
 * Builds the template for the current migrations unless it exists. With
 * `dropOthers`, templates of other migration sets go (once per run); without,
 * they are left alone: a run on another branch of the same machine may be using one.
 */
export async function ensureTemplate(opts: { dropOthers: boolean }): Promise<void> {
  const name = templateName();
  await withAdmin(async (admin) => {
    // Parallel runs share the template: one builds it, the others wait on the lock.
    await admin.query('SELECT pg_advisory_lock(7426001)');
    try {
      const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (exists.rowCount) return;
      await admin.query(`CREATE DATABASE ${name}_build`);
      const pool = createPool(urlFor(`${name}_build`), 2);
      try {
        await migrate(pool);
      } finally {
        await pool.end();
      }
      await admin.query(`ALTER DATABASE ${name}_build RENAME TO ${name}`);
      await admin.query(`ALTER DATABASE ${name} WITH IS_TEMPLATE true`);
      if (!opts.dropOthers) return;
      // Older templates (from changed migrations) are of no further use.
      const old = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE 'inmail\\_tpl\\_%' AND datname <> $1 AND datname NOT LIKE '%\\_build'`,
        [name],
      );
      for (const { datname } of old.rows) {
        await admin.query(`ALTER DATABASE ${datname} WITH IS_TEMPLATE false`);
        await admin.query(`DROP DATABASE IF EXISTS ${datname}`);
      }
    } finally {
      await admin.query('SELECT pg_advisory_unlock(7426001)');
    }
  });
}
