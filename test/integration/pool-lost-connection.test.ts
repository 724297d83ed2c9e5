// A pooled connection lost while checked out, between two queries (src/db/pool.ts):
// pg-pool listens to a client's errors only while it is idle, so without a listener
// of our own the 'error' event ends the process. A real outage through a TCP proxy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPool, type Pool } from '../../src/db/pool.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { startProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

let db: TestDb;
let proxy: TcpProxy;
let pool: Pool;

beforeAll(async () => {
  db = await createTestDb();
  proxy = await startProxy('127.0.0.1', 5432);
  const url = new URL(db.url);
  url.host = `127.0.0.1:${proxy.port}`;
  pool = createPool(url.toString(), 2);
});
afterAll(async () => {
  await pool.end();
  await proxy.close();
  await db.drop();
});

describe('a pooled connection lost while checked out', () => {
  it('fails its next query instead of ending the process, and is not handed out again', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (err: unknown) => uncaught.push(err);
    process.on('uncaughtException', onUncaught);
    try {
      const client = await pool.connect();
      await client.query('SELECT 1');
      // Held between two queries when the connection goes: the error event comes with no query to take it.
      await proxy.cut();
      await new Promise((r) => setTimeout(r, 300));
      await expect(client.query('SELECT 1')).rejects.toThrow();
      client.release();
      expect(uncaught).toEqual([]);
      await proxy.restore();
      // The pool opens a new connection: the broken one was dropped at its release.
      expect((await pool.query<{ one: number }>('SELECT 1 AS one')).rows[0]?.one).toBe(1);
    } finally {
      process.off('uncaughtException', onUncaught);
    }
  });
});
