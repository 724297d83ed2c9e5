// Operators see failed mails with their error and replay them through the queue.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startDaemon, type Daemon } from '../../src/app/daemon.js';
import { storeRaw } from '../../src/intake/store-raw.js';
import { buildDsn } from '../helpers/dsn.js';
import { runCli } from '../helpers/daemon.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

let db: TestDb;
let prefix: string;
let daemon: Daemon;
let env: Record<string, string>;

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  env = { INMAIL_DATABASE_URL: db.url, INMAIL_REDIS_URL: REDIS_URL, INMAIL_QUEUE_PREFIX: prefix };
  // The worker in this thread: the test runs the TypeScript sources, not the built threads' entry.
  const config = loadConfig({
    env: { ...env, INMAIL_HTTP_PORT: '0', INMAIL_CONFIG: '/virtual/inmail.yaml' },
    readFile: () => 'queue:\n  workerThreads: 0\n',
    fileExists: () => true,
  });
  daemon = await startDaemon(config, ['worker'], pino({ level: 'silent' }));
});
afterAll(async () => {
  await daemon?.stop();
  await db?.drop();
  if (prefix) await dropPrefix(prefix);
});

const state = async (id: number) =>
  (await db.pool.query<{ state: string }>('SELECT state FROM raw_mail WHERE id = $1', [id])).rows[0]?.state;

describe('mails list and replay', () => {
  it('lists a failed mail with its error, and replays it once the cause is gone', async () => {
    const dsn = buildDsn({ recipients: [{ address: 'replayed@example.com', status: '5.1.1', diagnostic: '550 5.1.1 No such user' }] });
    const stored = await storeRaw(db.pool, { source: 'smtp', rcptTo: ['b@bounces.test'], body: Buffer.from(dsn) });
    // The failure itself (a worker giving up during an outage) is set up directly: the cause is not the subject here.
    await db.pool.query(`UPDATE raw_mail SET state = 'failed', error = 'Postgres outage during processing' WHERE id = $1`, [stored.id]);

    const listed = await runCli(['mails', 'list', '--state', 'failed', '--json'], env);
    expect(listed.code).toBe(0);
    const lines = listed.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; error: string });
    expect(lines).toEqual([expect.objectContaining({ id: stored.id, state: 'failed', error: 'Postgres outage during processing' })]);

    const dry = await runCli(['replay', '--dry-run', '--json'], env);
    expect(JSON.parse(dry.stdout)).toEqual({ dryRun: true, matched: 1, enqueued: 0, ids: [stored.id] });
    expect(await state(stored.id)).toBe('failed');

    const real = await runCli(['replay', '--state', 'failed', '--json'], env);
    expect(real.code).toBe(0);
    expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, matched: 1, enqueued: 1 });
    await waitFor('the replayed mail to be processed', async () => (await state(stored.id)) === 'processed');
    const a = await db.pool.query(`SELECT status FROM address WHERE address_key = 'replayed@example.com'`);
    expect(a.rows).toEqual([{ status: 'quarantined' }]);

    const none = await runCli(['replay'], env);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/no failed mail matched/);
  });

  it('refuses a bad date with exit 2 naming the flag', async () => {
    const r = await runCli(['replay', '--since', 'yesterday'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--since/);
  });
});
