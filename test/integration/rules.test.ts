// Inbound email rules with real Postgres and Redis: a rule added with the CLI
// while a worker runs decides the next mail without a restart; bad rules are
// refused; an upgrade of the shipped set keeps every user rule.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startDaemon, type Daemon } from '../../src/app/daemon.js';
import { storeRaw } from '../../src/intake/store-raw.js';
import { enqueueMail, mailQueue, type MailJobData } from '../../src/jobs/queue.js';
import { connectRedis, createRedis } from '../../src/db/redis.js';
import { createLogger } from '../../src/logger.js';
import { decide, matchInputOf, RuleEngine } from '../../src/qualify/engine.js';
import { insertUserRule, setShippedEnabled } from '../../src/store/rules.js';
import { resultOf } from '../../src/qualify/rules.js';
import { loadShippedRules } from '../../src/qualify/shipped.js';
import { runCli } from '../helpers/daemon.js';
import { buildDsn } from '../helpers/dsn.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

let db: TestDb;
let prefix: string;
let env: Record<string, string>;
let daemon: Daemon;
let producer: Redis;
let queue: Queue<MailJobData>;
const logs: string[] = [];

async function sendBounce(address: string, diagnostic: string): Promise<{ reason: string; rule_id: string | null }> {
  const body = Buffer.from(buildDsn({ recipients: [{ address, status: '5.0.0', diagnostic }] }));
  const stored = await storeRaw(db.pool, { source: 'file', rcptTo: ['b@bounces.test'], body });
  await enqueueMail(queue, { id: stored.id, receivedAt: stored.receivedAt }, 1);
  return waitFor(`the event of ${address}`, async () => {
    const r = await db.pool.query<{ reason: string; rule_id: string | null }>(
      'SELECT reason, rule_id FROM bounce_event WHERE raw_mail_id = $1',
      [stored.id],
    );
    return r.rows[0];
  });
}

const reloads = () => logs.filter((l) => l.includes('"msg":"rules reloaded"')).length;

beforeAll(async () => {
  db = await createTestDb();
  prefix = testPrefix();
  env = { INMAIL_DATABASE_URL: db.url, INMAIL_REDIS_URL: REDIS_URL, INMAIL_QUEUE_PREFIX: prefix, INMAIL_LOG_LEVEL: 'info' };
  // A slow version poll, so that the reloads below within a second come from the Redis notification.
  const config = loadConfig({
    env: { ...env, INMAIL_CONFIG: '/virtual/inmail.yaml', INMAIL_HTTP_PORT: '0' },
    readFile: () => 'rules:\n  pollSeconds: 5\n  flushSeconds: 0.2\nqueue:\n  concurrency: 2\n  workerThreads: 0\n',
    fileExists: () => true,
  });
  const logger = createLogger('info', { write: (line: string) => void logs.push(line) });
  daemon = await startDaemon(config, ['worker'], logger);
  producer = createRedis(REDIS_URL, 'producer');
  await connectRedis(producer, REDIS_URL);
  queue = mailQueue(producer, prefix);
});

afterAll(async () => {
  await queue?.close();
  producer?.disconnect();
  await daemon?.stop();
  await db?.drop();
  await dropPrefix(prefix);
});

describe('rules at run time', () => {
  it('decides the next mail by a rule added while the daemon runs, without a restart', async () => {
    const before = await sendBounce('ann@one.example', '550 5.0.0 blorp overflowed the quux 12');
    expect(before.rule_id).toBeNull();

    const seen = reloads();
    const add = await runCli(
      ['rules', 'add', '--text', 'blorp overflowed', '--reason', 'mailboxfull', '--example', '550 5.0.0 blorp overflowed the quux'],
      env,
    );
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/added u\d+/);
    const id = /u\d+/.exec(add.stdout)?.[0];
    const started = Date.now();
    await waitFor('the worker to reload its rules', async () => reloads() > seen, { timeoutMs: 3000 });
    expect(Date.now() - started).toBeLessThan(1000);

    const after = await sendBounce('ben@two.example', '550 5.0.0 blorp overflowed the quux 13');
    expect(after).toEqual({ reason: 'mailboxfull', rule_id: id });
    await waitFor('the hit to be counted', async () => {
      const r = await db.pool.query<{ hits: number }>('SELECT hits FROM rule_hit WHERE rule_id = $1', [id]);
      return r.rows[0]?.hits === 1;
    });
  });

  it('reloads on the version check alone when no notification comes', async () => {
    const seen = reloads();
    // Straight SQL: no Redis message, only the rules_version row bumped by the trigger.
    await db.pool.query(`UPDATE inbound_rule SET reason = 'suspend', type = 'soft', failure_reason = 4`);
    await waitFor('the poll to reload', async () => reloads() > seen, { timeoutMs: 10_000 });
    expect(await sendBounce('cid@three.example', '550 5.0.0 blorp overflowed the quux 14')).toMatchObject({ reason: 'suspend' });
  });

  it('refuses bad rules with a clear message and exit 2, and unknown ids with exit 1', async () => {
    const slow = await runCli(['rules', 'add', '--regex', '(a+)+$', '--reason', 'userunknown', '--example', 'aaa'], env);
    expect(slow.code).toBe(2);
    expect(slow.stderr).toMatch(/backtrack catastrophically/);
    const invalid = await runCli(['rules', 'add', '--regex', 'user (unknown', '--reason', 'userunknown', '--example', 'user unknown'], env);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/invalid regular expression/);
    const example = await runCli(['rules', 'add', '--text', 'gone', '--reason', 'userunknown', '--example', 'no such user'], env);
    expect(example.code).toBe(2);
    expect(example.stderr).toMatch(/example does not match/);
    expect((await runCli(['rules', 'disable', 'no-such-rule'], env)).code).toBe(1);
    expect((await runCli(['rules', 'delete', 'en-userunknown'], env)).code).toBe(2);
  });

  it('lists the rules that matched nothing for N days, never-hit ones included, and not a rule hit today', async () => {
    // The two mails the user rule decided above, once their hits are flushed.
    await waitFor('both hits to be flushed', async () => {
      const r = await db.pool.query<{ n: string }>('SELECT sum(hits) AS n FROM rule_hit');
      return r.rows[0]?.n === '2';
    });
    const idle = await runCli(['rules', 'list', '--unused-days', '90', '--json'], env);
    expect(idle.code, idle.stderr).toBe(0);
    const ids = idle.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; hits: number });
    expect(ids.some((r) => r.id === 'en-mailboxfull' && r.hits === 0)).toBe(true);
    const hit = await db.pool.query<{ rule_id: string }>('SELECT rule_id FROM rule_hit WHERE hits > 0');
    expect(hit.rows.length).toBeGreaterThan(0);
    for (const { rule_id } of hit.rows) expect(ids.map((r) => r.id)).not.toContain(rule_id);
    // A hit a year ago makes the rule idle again.
    await db.pool.query(`UPDATE rule_hit SET last_hit_at = now() - interval '365 days'`);
    const old = await runCli(['rules', 'list', '--unused-days', '90', '--json'], env);
    expect(old.stdout).toContain(`"id":"${hit.rows[0]?.rule_id}"`);
    const bad = await runCli(['rules', 'list', '--unused-days', 'soon'], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--unused-days/);
  });

  it('tells which rule decides a text and why', async () => {
    const r = await runCli(['rules', 'test', '552 5.2.2 Mailbox full', '--json'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ step: 'shipped', ruleId: 'en-mailboxfull', reason: 'mailboxfull', status: '5.2.2' });
    expect((JSON.parse(r.stdout) as { why: string }).why).toMatch(/mailbox/i);
  });

  it('exports user rules and imports them back: the same rules, not copies', async () => {
    const out = await runCli(['rules', 'export', '--json'], env);
    expect(out.code, out.stderr).toBe(0);
    const dir = mkdtempSync(join(tmpdir(), 'inmail-rules-'));
    try {
      writeFileSync(join(dir, 'rules.json'), out.stdout);
      const imp = await runCli(['rules', 'import', join(dir, 'rules.json')], env);
      expect(imp.code, imp.stderr).toBe(0);
      const n = await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_rule');
      expect(n.rows[0]?.n).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('an upgrade of the shipped set', () => {
  it("keeps user rules and operators' switches, and a user rule still overrides a shipped one", async () => {
    const v1 = mkdtempSync(join(tmpdir(), 'inmail-shipped-v1-'));
    const v2 = mkdtempSync(join(tmpdir(), 'inmail-shipped-v2-'));
    try {
      writeFileSync(
        join(v1, 'en.yaml'),
        [
          'rules:',
          '  - { id: acme-full, example: "acme says box full", match: { text: "box full" }, result: { reason: mailboxfull } }',
          '  - { id: acme-gone, example: "acme says user gone", match: { text: "user gone" }, result: { reason: userunknown } }',
        ].join('\n'),
      );
      writeFileSync(
        join(v2, 'en.yaml'),
        [
          'rules:',
          '  - { id: acme-full, example: "acme says box full", match: { text: "box full" }, result: { reason: systemfull } }',
          '  - { id: acme-gone, example: "acme says user gone", match: { text: "user gone" }, result: { reason: userunknown } }',
          '  - { id: acme-new, example: "acme says slow down", match: { text: "slow down" }, result: { reason: speeding } }',
        ].join('\n'),
      );
      const own = await insertUserRule(db.pool, {
        order: 1,
        channel: 'email',
        match: { text: 'box full' },
        result: resultOf('suspend'),
        example: 'acme says box full',
        enabled: true,
      });
      await setShippedEnabled(db.pool, 'acme-gone', false);

      const before = await new RuleEngine(loadShippedRules(v1)).load(db.pool);
      expect(before.shipped.find((r) => r.id === 'acme-full')?.result.reason).toBe('mailboxfull');
      const userRules = (await db.pool.query('SELECT * FROM inbound_rule ORDER BY id')).rows;
      const upgraded = new RuleEngine(loadShippedRules(v2));
      const snap = await upgraded.load(db.pool);
      const at = (text: string) =>
        decide(snap, matchInputOf({ diagnostic: text, status: '', replyCode: '', remoteMta: '', address: 'x@acme.example' }), {
          reason: 'undefined',
          type: 'ignored',
          failureReason: 0,
          sure: false,
        });
      expect(snap.user.map((r) => r.id)).toContain(own);
      expect(at('acme says box full')).toMatchObject({ step: 'user', ruleId: own, result: { reason: 'suspend' } });
      expect(at('acme says user gone').step).toBe('undefined');
      expect(at('acme says slow down')).toMatchObject({ step: 'shipped', ruleId: 'acme-new' });
      expect(snap.shipped.find((r) => r.id === 'acme-gone')?.enabled).toBe(false);
      expect((await db.pool.query('SELECT * FROM inbound_rule ORDER BY id')).rows).toEqual(userRules);
    } finally {
      rmSync(v1, { recursive: true, force: true });
      rmSync(v2, { recursive: true, force: true });
    }
  });
});
