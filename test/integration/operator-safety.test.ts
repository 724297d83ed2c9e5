// No command releases or deletes everyone by accident: empty filter values are
// refused, a filterless release or delete needs --all, a large one needs a
// yes (asked on a terminal, --yes otherwise), and every bulk change is one
// transaction, recorded, and undoable. Runs the built CLI (`npm test` builds).
import { spawn } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { releaseAddresses } from '../../src/quarantine/operator.js';
import { seedAddresses, statusOf } from '../helpers/addresses.js';
import { CLI, runCli } from '../helpers/daemon.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
let env: Record<string, string>;
let dir: string;
const q = (...args: string[]) => runCli(['quarantine', ...args], env);

async function reseed(): Promise<void> {
  await db.pool.query('TRUNCATE address, address_history, operator_change, operator_change_address');
  await seedAddresses(db.pool, [
    {
      address: 'a1@example.jp',
      status: 'quarantined',
      reason: 'userunknown',
      type: 'hard',
      errorCount: 1,
      lastErrorText: '550 5.1.1 User Unknown',
    },
    {
      address: 'a2@example.jp',
      status: 'quarantined',
      reason: 'userunknown',
      type: 'hard',
      errorCount: 1,
      lastErrorText: '550 5.1.1 User Unknown',
    },
    {
      address: 'a3@example.jp',
      status: 'erroneous',
      reason: 'mailboxfull',
      type: 'soft',
      errorCount: 3,
      lastErrorText: '452 4.2.2 Mailbox full',
    },
    {
      address: 'b1@example.org',
      status: 'quarantined',
      reason: 'userunknown',
      type: 'hard',
      errorCount: 1,
      lastErrorText: '550 5.1.1 User Unknown',
    },
  ]);
}

/** Runs the CLI with a pseudo-terminal (util-linux `script`), typing `answer` at the prompt. */
function runOnTerminal(args: string[], answer: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
    const p = spawn('script', ['-qec', command, '/dev/null'], {
      env: { PATH: process.env.PATH ?? '', TERM: 'dumb', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    let answered = false;
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!answered && out.includes('[y/N]')) {
        answered = true;
        p.stdin.write(`${answer}\n`);
      }
    });
    p.on('exit', (code) => resolve({ code, out }));
  });
}

beforeAll(async () => {
  db = await createTestDb();
  dir = await mkdtemp(join(tmpdir(), 'inmail-safety-'));
  const config = join(dir, 'inmail.yaml');
  await writeFile(config, 'operator:\n  confirmAbove: 2\n');
  env = { INMAIL_DATABASE_URL: db.url, INMAIL_LOG_LEVEL: 'silent', USER: 'tester', INMAIL_CONFIG: config };
});
beforeEach(reseed);
afterAll(async () => db.drop());

describe('filters', () => {
  it('an empty filter value is a usage error naming the flag, and changes nothing', async () => {
    for (const [args, flag] of [
      [['release', '--domain', ''], '--domain'],
      [['release', '--address', ' '], '--address'],
      [['release', '--text', ''], '--text'],
      [['delete', '--domain', ''], '--domain'],
      [['list', '--domain', ''], '--domain'],
      [['export', '--text', ''], '--text'],
    ] as const) {
      const r = await q(...args, '--yes');
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toContain(flag);
    }
    expect(await statusOf(db.pool, 'a1@example.jp')).toBe('quarantined');
  });

  it('the shared release refuses an empty value and a missing filter too (for the API, which has no flag parser)', async () => {
    await expect(
      releaseAddresses(db.pool, { domain: '' }, { dryRun: false, by: 'operator:t', note: null, now: new Date() }),
    ).rejects.toThrow(/--domain/);
    // The field is `all`: the CLI prints it as --all, the API's problem+json names it.
    await expect(releaseAddresses(db.pool, {}, { dryRun: false, by: 'operator:t', note: null, now: new Date() })).rejects.toMatchObject({
      field: 'all',
    });
    expect(await statusOf(db.pool, 'a1@example.jp')).toBe('quarantined');
  });

  it('release or delete with no filter needs --all', async () => {
    const r = await q('release', '--yes');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--all');
    expect((await q('release', '--status', 'quarantined', '--yes')).code).toBe(2);
    const d = await q('delete', '--yes');
    expect(d.code).toBe(2);
    expect(d.stderr).toContain('--all');
    expect(await statusOf(db.pool, 'a1@example.jp')).toBe('quarantined');
    const all = await q('release', '--all', '--yes', '--json');
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toMatchObject({ dryRun: false, count: 4 });
  });
});

describe('confirmation above operator.confirmAbove', () => {
  it('a script needs --yes; nothing is released without it', async () => {
    const r = await q('release', '--text', 'User Unknown');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--yes.*3 addresses.*operator\.confirmAbove = 2/);
    expect(await statusOf(db.pool, 'a1@example.jp')).toBe('quarantined');
    // At or under the limit no one is asked.
    expect((await q('release', '--domain', 'example.org')).code).toBe(0);
    expect(await statusOf(db.pool, 'b1@example.org')).toBe('valid');
  });

  it('on a terminal it asks: "n" changes nothing, "y" releases', async () => {
    const no = await runOnTerminal(['quarantine', 'release', '--text', 'User Unknown'], 'n');
    expect(no.out).toContain('Release 3 addresses');
    expect(no.code).toBe(1);
    expect(await statusOf(db.pool, 'a1@example.jp')).toBe('quarantined');
    const yes = await runOnTerminal(['quarantine', 'release', '--text', 'User Unknown'], 'y');
    expect(yes.code).toBe(0);
    expect(yes.out).toMatch(/released 3 addresses: change \d+/);
    expect(await statusOf(db.pool, 'a1@example.jp')).toBe('valid');
  });
});

describe('bulk changes: one transaction, recorded, undoable', () => {
  it('a release is all or nothing: a failure on its last page leaves every page before it unchanged', async () => {
    // A real fault: the database refuses to write one of the addresses.
    await db.pool.query(`CREATE OR REPLACE FUNCTION refuse_b1() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.address_key = 'b1@example.org' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`);
    await db.pool.query('CREATE TRIGGER refuse_b1 BEFORE UPDATE ON address FOR EACH ROW EXECUTE FUNCTION refuse_b1()');
    try {
      await expect(
        releaseAddresses(db.pool, { texts: ['5.'] }, { dryRun: false, by: 'operator:t', note: null, now: new Date(), batchSize: 1 }),
      ).rejects.toThrow(/refused for the test/);
    } finally {
      await db.pool.query('DROP TRIGGER refuse_b1 ON address');
    }
    for (const a of ['a1@example.jp', 'a2@example.jp']) expect(await statusOf(db.pool, a)).toBe('quarantined');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM operator_change')).rows[0]).toEqual({ n: 0 });
  });

  it('records who, when and the filter; undo restores the previous states', async () => {
    const r = await q('release', '--domain', 'example.jp', '--yes', '--json', '--by', 'alice', '--note', 'INC-7');
    expect(r.code).toBe(0);
    const { change, count } = JSON.parse(r.stdout) as { change: number; count: number };
    expect(count).toBe(3);
    const changes = await q('changes', '--json');
    expect(JSON.parse(changes.stdout.trim().split('\n')[0] ?? '')).toMatchObject({
      id: change,
      kind: 'release',
      by: 'operator:alice',
      addresses: 3,
      note: 'INC-7',
      filter: { domain: 'example.jp', statuses: ['quarantined', 'erroneous'] },
      at: expect.any(String),
      undoneBy: null,
    });
    const shown = JSON.parse((await q('show', 'a3@example.jp', '--json')).stdout) as { status: string; errorCount: number };
    expect(shown).toMatchObject({ status: 'valid', errorCount: 0 });

    const undo = await q('undo', String(change));
    expect(undo.code).toBe(0);
    expect(undo.stdout).toContain('3 addresses restored');
    const back = JSON.parse((await q('show', 'a3@example.jp', '--json')).stdout) as { history: { to: string; note?: string }[] };
    expect(back).toMatchObject({
      status: 'erroneous',
      reason: 'mailboxfull',
      type: 'soft',
      errorCount: 3,
      lastErrorText: '452 4.2.2 Mailbox full',
    });
    expect(back.history.map((h) => h.to)).toEqual(['valid', 'erroneous']);
    expect(back.history[1]?.note).toBe(`undo of change ${change} (release)`);
    // Twice is a usage error naming what undid it.
    const again = await q('undo', String(change));
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('already undone');
    expect((await q('undo', '999999')).code).toBe(1);
  });

  it('undo leaves alone an address changed again since', async () => {
    const r = JSON.parse((await q('release', '--domain', 'example.jp', '--yes', '--json')).stdout) as { change: number };
    expect((await q('set', 'a1@example.jp', '--status', 'denylisted')).code).toBe(0);
    const undo = await q('undo', String(r.change), '--json');
    expect(JSON.parse(undo.stdout)).toMatchObject({
      restored: 2,
      skipped: [{ key: 'a1@example.jp', status: 'denylisted', expected: 'valid' }],
    });
    expect(await statusOf(db.pool, 'a1@example.jp')).toBe('denylisted');
    expect(await statusOf(db.pool, 'a2@example.jp')).toBe('quarantined');
  });

  it('a bulk delete and an import are undone too (deleted rows come back, imported new rows go)', async () => {
    const del = JSON.parse((await q('delete', '--domain', 'example.org', '--json')).stdout) as { change: number; count: number };
    expect(del.count).toBe(1);
    expect(await statusOf(db.pool, 'b1@example.org')).toBeNull();
    expect((await q('undo', String(del.change))).code).toBe(0);
    expect(await statusOf(db.pool, 'b1@example.org')).toBe('quarantined');

    const file = join(dir, 'import.csv');
    await writeFile(file, 'address,channel,status,reason,note\nnew@example.jp,email,denylisted,,\na1@example.jp,email,valid,,\n');
    const imp = JSON.parse((await q('import', file, '--json')).stdout) as { change: number };
    expect(await statusOf(db.pool, 'new@example.jp')).toBe('denylisted');
    expect((await q('undo', String(imp.change))).code).toBe(0);
    expect(await statusOf(db.pool, 'new@example.jp')).toBeNull();
    expect(await statusOf(db.pool, 'a1@example.jp')).toBe('quarantined');
  });
});

describe('long commands on a terminal and in scripts', () => {
  it('release shows a progress bar with rate and ETA on a terminal, then one summary line', async () => {
    const r = await runOnTerminal(['quarantine', 'release', '--domain', 'example.jp', '--yes'], '');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/release \[[^\]]*\] +\d+% \| \d+\/3 addresses \| \d+\/s \| ETA/);
    expect(r.out).toMatch(/released 3 addresses: change \d+/);
    expect(r.out).not.toContain('a1@example.jp');
  });

  it('import shows reading and applying on a terminal, then one summary line', async () => {
    const file = join(dir, 'progress.csv');
    await writeFile(file, 'address,status\np1@example.jp,denylisted\np2@example.jp,denylisted\n');
    const r = await runOnTerminal(['quarantine', 'import', file], '');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/read \S+progress\.csv \[[^\]]*\] +\d+% \| \d+\/\d+ bytes \| \d+\/s \| ETA/);
    expect(r.out).toMatch(/import \[[^\]]*\] +\d+% \| \d+\/2 lines/);
    expect(r.out).toMatch(/progress\.csv: 2 lines, 2 changed, 0 unchanged: change \d+/);
  });

  it('in a script: no bar, one summary line; rows only with --verbose', async () => {
    const quiet = await q('release', '--domain', 'example.jp', '--dry-run');
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout.trim().split('\n')).toEqual(['would release 3 addresses (dry run; --verbose lists them)']);
    const verbose = await q('release', '--domain', 'example.jp', '--dry-run', '--verbose');
    expect(verbose.stdout).toContain('a1@example.jp');
  });
});
