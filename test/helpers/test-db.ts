// One database per test file, cloned from the migrated template, dropped afterwards.
import { randomBytes } from 'node:crypto';
import { createPool, type Pool } from '../../src/db/pool.js';
import { ensureTemplate } from './global-setup.js';
import { templateName, urlFor, withAdmin } from './pg-admin.js';

export interface TestDb {
  name: string;
  url: string;
  pool: Pool;
  drop(): Promise<void>;
}

export async function createTestDb(): Promise<TestDb> {
  const name = `inmail_t_${randomBytes(5).toString('hex')}`;
  const template = templateName();
  const clone = () =>
    withAdmin(async (admin) => {
      // CREATE DATABASE ... TEMPLATE fails while another session is connected to the template;
      // test files clone in parallel, so take turns.
      await admin.query('SELECT pg_advisory_lock(7426002)');
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      } finally {
        await admin.query('SELECT pg_advisory_unlock(7426002)');
      }
    });
  try {
    await clone();
  } catch (err) {
    // A run with other migrations (another branch on this machine) dropped our template: build it again.
    if ((err as { code?: string }).code !== '3D000') throw err;
    await ensureTemplate({ dropOthers: false });
    await clone();
  }
  const url = urlFor(name);
  const pool = createPool(url, 5);
  return {
    name,
    url,
    pool,
    async drop() {
      await pool.end();
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A BullMQ prefix of this test file's own. */
export const testPrefix = (): string => `inmail-test-${randomBytes(4).toString('hex')}`;
