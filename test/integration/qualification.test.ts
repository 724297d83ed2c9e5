// The delivery log qualification with real Postgres and Redis: unknown texts are
// listed to-qualify, an operator qualifies one with the CLI, and reapply
// quarantines the addresses its stored events concern.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { storeRaw } from '../../src/intake/store-raw.js';
import { processMail, type ProcessDeps } from '../../src/jobs/process-mail.js';
import { createLogger } from '../../src/logger.js';
import { QualificationLog } from '../../src/qualify/qualification-log.js';
import { listQualifications } from '../../src/store/qualification-log.js';
import { startRules, type RulesRuntime } from '../../src/qualify/runtime.js';
import { runCli } from '../helpers/daemon.js';
import { buildDsn } from '../helpers/dsn.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

let db: TestDb;
let prefix: string;
let config: Config;
let rules: RulesRuntime;
let deps: ProcessDeps;
let env: Record<string, string>;

const UNKNOWN = (who: string, n: number) => `550 5.0.0 <${who}>: zorglub refused by the frobnicator, ticket ${n}`;

async function bounce(address: string, diagnostic: string, status = '5.0.0'): Promise<void> {
  const body = Buffer.from(buildDsn({ recipients: [{ address, status, diagnostic }] }));
  const stored = await storeRaw(db.pool, { source: 'file', rcptTo: ['b@bounces.test'], body });
  const outcome = await processMail(deps, stored.id);
  expect(outcome.kind).toBe('processed');
}

async function status(address: string): Promise<string | null> {
  const r = await db.pool.query<{ status: string }>('SELECT status FROM address WHERE address_key = lower($1)', [address]);
  return r.rows[0]?.status ?? null;
}

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  env = { INMAIL_DATABASE_URL: db.url, INMAIL_REDIS_URL: REDIS_URL, INMAIL_QUEUE_PREFIX: prefix, INMAIL_LOG_LEVEL: 'silent' };
  config = loadConfig({ env, fileExists: () => false });
  const logger = createLogger('silent');
  rules = await startRules({ pool: db.pool, redisUrl: REDIS_URL, prefix, logger, pollSeconds: 0.2, flushSeconds: 0.1 });
  deps = {
    pool: db.pool,
    policy: config.policy,
    keys: { caseSensitiveLocalPart: false },
    logger,
    qualify: rules.engine.qualify,
    observe: (events) => rules.log.record(events),
  };
});

afterAll(async () => {
  await rules?.stop();
  await db?.drop();
  await dropPrefix(prefix);
});

describe('the qualification log', () => {
  it('lists a text no rule knows as to-qualify, once for two recipients at two domains, most frequent first', async () => {
    await bounce('alice@one.example', UNKNOWN('alice@one.example', 8812));
    await bounce('bob@two.example', UNKNOWN('bob@two.example', 9921));
    const row = await waitFor('the to-qualify row with both occurrences', async () => {
      const rows = await listQualifications(db.pool, { status: 'to-qualify' });
      return rows.find((r) => r.occurrences === 2);
    });
    expect(row.normalizedText).toBe('550 5.0.0 <*>: zorglub refused by the frobnicator, ticket #xxx#');
    expect(row.firstText).toContain('alice@one.example');
    expect(await status('alice@one.example')).not.toBe('quarantined');

    const cli = await runCli(['qualification', 'list', '--status', 'to-qualify', '--json'], env);
    expect(cli.code).toBe(0);
    const listed = cli.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; occurrences: number });
    expect(listed[0]).toMatchObject({ id: row.id, occurrences: 2 });
  });

  it('lets an operator keep the text as userunknown; reapply quarantines the addresses, a dry run first changes nothing', async () => {
    const [row] = await listQualifications(db.pool, { status: 'to-qualify' });
    if (!row) throw new Error('no to-qualify row');
    const bad = await runCli(['qualification', 'set', String(row.id), '--status', 'keep', '--reason', 'nosuchreason'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--reason: unknown reason/);
    expect((await runCli(['qualification', 'set', '999999', '--status', 'ignore'], env)).code).toBe(1);

    const set = await runCli(
      ['qualification', 'set', String(row.id), '--status', 'keep', '--reason', 'userunknown', '--type', 'hard'],
      env,
    );
    expect(set.code, set.stderr).toBe(0);

    const dry = await runCli(['qualification', 'reapply', '--dry-run', '--json'], env);
    expect(dry.code, dry.stderr).toBe(0);
    const dryReport = JSON.parse(dry.stdout) as { changed: { address: string; addressStatus: { to: string } | null }[] };
    expect(dryReport.changed.map((c) => c.addressStatus?.to)).toEqual(['quarantined', 'quarantined']);
    expect(await status('alice@one.example')).not.toBe('quarantined');

    const run = await runCli(['qualification', 'reapply', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(await status('alice@one.example')).toBe('quarantined');
    expect(await status('bob@two.example')).toBe('quarantined');
    const events = await db.pool.query<{ reason: string; rule_id: string }>('SELECT reason, rule_id FROM bounce_event ORDER BY id');
    expect(events.rows).toEqual([
      { reason: 'userunknown', rule_id: `q${row.id}` },
      { reason: 'userunknown', rule_id: `q${row.id}` },
    ]);

    // A second reapply finds nothing left to change.
    const again = JSON.parse((await runCli(['qualification', 'reapply', '--json'], env)).stdout) as { changed: unknown[] };
    expect(again.changed).toEqual([]);
  });

  it('decides new mail with the operator decision at once, and refresh turns it into a user rule', async () => {
    await waitFor('the engine to hold the decision', async () => rules.engine.snapshot.qualified.size === 1);
    await bounce('carol@three.example', UNKNOWN('carol@three.example', 4711));
    expect(await status('carol@three.example')).toBe('quarantined');

    const refresh = await runCli(['qualification', 'refresh', '--json'], env);
    expect(refresh.code, refresh.stderr).toBe(0);
    const made = JSON.parse(refresh.stdout.trim()) as { ruleId: string };
    const test = await runCli(['rules', 'test', UNKNOWN('dave@four.example', 1), '--json'], env);
    expect(JSON.parse(test.stdout)).toMatchObject({ step: 'user', ruleId: made.ruleId, reason: 'userunknown', type: 'hard' });
  });

  it('sets an ignored text so that it never quarantines', async () => {
    await bounce('erin@five.example', '550 5.0.0 gronk policy 77 says no');
    const row = await waitFor('the gronk row', async () =>
      (await listQualifications(db.pool)).find((r) => r.normalizedText.includes('gronk')),
    );
    expect((await runCli(['qualification', 'set', String(row.id), '--status', 'ignore'], env)).code).toBe(0);
    await waitFor('the engine to hold the ignore', async () => rules.engine.snapshot.qualified.size === 2);
    await bounce('frank@six.example', '550 5.0.0 gronk policy 78 says no');
    const ev = await db.pool.query<{ type: string; outcome: string }>(
      `SELECT type, outcome FROM bounce_event WHERE address = 'frank@six.example'`,
    );
    expect(ev.rows[0]).toEqual({ type: 'ignored', outcome: 'ignored' });
  });

  it('adds up occurrences in memory and caps them at 100000', async () => {
    const log = new QualificationLog();
    const row = {
      rawMailId: 1,
      receivedAt: new Date(),
      occurredAt: new Date(),
      channel: 'email',
      address: 'x@y.example',
      addressKey: 'x@y.example',
      domain: 'y.example',
      kind: 'bounce',
      action: 'failed',
      status: '5.0.0',
      replyCode: '550',
      reason: 'undefined',
      type: 'ignored',
      failureReason: 0,
      diagnostic: '550 capped text 1',
      remoteMta: null,
      feedbackType: null,
      originalMessageId: null,
      verp: null,
      deliveryId: null,
      ruleId: null,
      outcome: 'ignored',
    };
    for (let i = 0; i < 3; i++) log.record([{ row, sure: false }]);
    expect(log.pending()).toEqual({ texts: 1, hits: 0 });
    await log.flush(db.pool);
    const n = async () =>
      (
        await db.pool.query<{ occurrences: number }>(
          `SELECT occurrences FROM qualification WHERE normalized_text = '550 capped text #xxx#'`,
        )
      ).rows[0]?.occurrences;
    expect(await n()).toBe(3);
    await db.pool.query(`UPDATE qualification SET occurrences = 99999 WHERE normalized_text = '550 capped text #xxx#'`);
    for (let i = 0; i < 5; i++) log.record([{ row, sure: false }]);
    await log.flush(db.pool);
    expect(await n()).toBe(100000);
  });
});
