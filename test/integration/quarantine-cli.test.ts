// The built CLI as scripts use it: exit codes and JSON shapes of
// `inmail quarantine ...` and `inmail stats --json` (docs/cli.md).
// Needs `npm run build` first (`npm test` does it).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAddresses } from '../helpers/addresses.js';
import { runCli } from '../helpers/daemon.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
let env: Record<string, string>;
let dir: string;
const q = (...args: string[]) => runCli(['quarantine', ...args], env);
const SHOW_KEYS = [
  'address',
  'channel',
  'status',
  'reason',
  'type',
  'failureReason',
  'errorCount',
  'firstErrorAt',
  'lastErrorAt',
  'lastErrorText',
  'updatedAt',
];

beforeAll(async () => {
  db = await createTestDb();
  env = { INMAIL_DATABASE_URL: db.url, INMAIL_LOG_LEVEL: 'silent', USER: 'tester' };
  dir = await mkdtemp(join(tmpdir(), 'inmail-q-'));
  await seedAddresses(db.pool, [
    {
      address: 'kijitora@example.jp',
      status: 'quarantined',
      reason: 'userunknown',
      type: 'hard',
      lastErrorAt: new Date('2026-11-20T10:00:00Z'),
      lastErrorText: '550 5.1.1 <kijitora@example.jp>... User Unknown',
      updatedAt: new Date('2026-11-20T10:00:00Z'),
    },
    {
      address: 'neko@example.jp',
      status: 'erroneous',
      reason: 'mailboxfull',
      type: 'soft',
      lastErrorAt: new Date('2026-11-20T11:00:00Z'),
      lastErrorText: '452 4.2.2 Mailbox full',
      updatedAt: new Date('2026-11-20T11:00:00Z'),
    },
  ]);
  await db.pool.query(`INSERT INTO domain_health VALUES ('gmail.com', current_date, 'blocked', 0, 12, 4, now(), now())`);
});
afterAll(async () => db.drop());

describe('inmail quarantine (built CLI)', () => {
  it('show --json prints the documented shape, and exits 1 for an address never seen', async () => {
    const r = await q('show', 'Kijitora@Example.JP', '--json');
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([...SHOW_KEYS, 'history']);
    expect(json).toMatchObject({ address: 'kijitora@example.jp', status: 'quarantined', reason: 'userunknown' });
    expect((await q('show', 'nobody@example.jp', '--json')).code).toBe(1);
  });

  it('list --json prints one object per line and nothing else; exits 1 when nothing matches', async () => {
    const r = await q('list', '--json', '--domain', 'example.jp');
    expect(r.code).toBe(0);
    const lines = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.address)).toEqual(['neko@example.jp', 'kijitora@example.jp']);
    expect(Object.keys(lines[0] ?? {})).toEqual(SHOW_KEYS);
    const none = await q('list', '--json', '--reason', 'suspend');
    expect(none).toMatchObject({ code: 1, stdout: '' });
  });

  it('exits 2 naming the flag on a bad value', async () => {
    for (const [args, flag] of [
      [['list', '--status', 'quarantine'], '--status'],
      [['list', '--since', 'last tuesday'], '--since'],
      [['list', '--reason', 'nosuchreason'], '--reason'],
      [['list', '--limit', '0'], '--limit'],
      [['release', '--status', 'allowlisted'], '--status'],
      [['set', 'x@example.jp'], '--status'],
    ] as const) {
      const r = await q(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(flag);
    }
  });

  it('set records the operator from $USER and the note', async () => {
    const r = await q('set', 'vip@example.jp', '--status', 'allowlisted', '--note', 'CEO', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      address: 'vip@example.jp',
      channel: 'email',
      from: 'valid',
      to: 'allowlisted',
      reason: null,
      changed: true,
    });
    const show = JSON.parse((await q('show', 'vip@example.jp', '--json')).stdout) as { history: unknown[] };
    expect(show.history).toEqual([expect.objectContaining({ from: 'valid', to: 'allowlisted', by: 'operator:tester', note: 'CEO' })]);
  });

  it('release --dry-run --json reports what would change; the real run the same count; then nothing matches', async () => {
    const dry = await q('release', '--text', 'User Unknown', '--dry-run', '--json');
    expect(dry.code).toBe(0);
    const d = JSON.parse(dry.stdout) as { dryRun: boolean; count: number; addresses: { address: string }[] };
    expect(d).toMatchObject({ dryRun: true, count: 1 });
    expect(d.addresses.map((a) => a.address)).toEqual(['kijitora@example.jp']);
    const real = await q('release', '--text', 'User Unknown', '--json', '--by', 'alice');
    expect(JSON.parse(real.stdout)).toMatchObject({ dryRun: false, count: 1 });
    expect(await q('release', '--text', 'User Unknown', '--dry-run')).toMatchObject({ code: 1 });
  });

  it('import reports bad lines with exit 2 and applies nothing; export prints CSV', async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'address,channel,status,reason,note\nok@example.jp,email,denylisted,,\nbroken,email,valid,,\n');
    const r = await q('import', bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:3:`);
    expect((await q('show', 'ok@example.jp')).code).toBe(1);

    const good = join(dir, 'good.csv');
    await writeFile(good, 'address,channel,status,reason,note\nok@example.jp,email,denylisted,,by mail\n');
    const ok = await q('import', good, '--json');
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual({ imported: true, lines: 1, changed: 1, unchanged: 0, change: expect.any(Number) });

    const exp = await q('export', '--status', 'denylisted');
    expect(exp).toMatchObject({ code: 0, stdout: 'address,channel,status,reason,note\nok@example.jp,email,denylisted,,by mail\n' });
    expect((await q('import', join(dir, 'missing.csv'))).code).toBe(2);
  });

  it('delete forgets an address and exits 1 the second time', async () => {
    expect((await q('delete', 'ok@example.jp')).code).toBe(0);
    expect((await q('delete', 'ok@example.jp')).code).toBe(1);
  });

  it('stats --json adds the domain-health view', async () => {
    const r = await runCli(['stats', '--json'], env);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout) as { domainHealth: unknown[] };
    expect(s.domainHealth).toEqual([
      { domain: 'gmail.com', errors: 12, messages: 4, lastSeenAt: expect.any(String), reasons: { blocked: 12 } },
    ]);
  });
});
