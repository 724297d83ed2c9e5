// What an operator sees when something is off: a reader that stops early
// (`inmail ... | head`) ends the command quietly with exit 0; a database that
// is missing or not migrated is one line saying so and naming `inmail migrate`,
// exit 3. Runs the built CLI (`npm test` builds).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAddresses } from '../helpers/addresses.js';
import { CLI, runCli } from '../helpers/daemon.js';
import { urlFor, withAdmin } from '../helpers/pg-admin.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
const empty = `inmail_t_empty_${randomBytes(4).toString('hex')}`;

/** `inmail ARGS | head -n 1`, through a real shell pipe. */
function throughHead(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const cmd = `set -o pipefail; '${process.execPath}' '${CLI}' ${args.map((a) => `'${a}'`).join(' ')} | head -n 1`;
    const p = spawn('bash', ['-c', cmd], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    p.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    p.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(async () => {
  db = await createTestDb();
  // Enough rows that the CLI is still writing when head has gone.
  const rows = Array.from({ length: 30_000 }, (_, i) => `('email', 'u${i}@example.jp', 'u${i}@example.jp', 'example.jp', 'quarantined')`);
  await db.pool.query(`INSERT INTO address (channel, address_key, address, domain, status) VALUES ${rows.join(',')}`);
  await seedAddresses(db.pool, []);
  await withAdmin((a) => a.query(`CREATE DATABASE ${empty}`));
});
afterAll(async () => {
  await db.drop();
  await withAdmin((a) => a.query(`DROP DATABASE IF EXISTS ${empty} WITH (FORCE)`));
});

describe('EPIPE', () => {
  for (const args of [
    ['quarantine', 'export'],
    ['quarantine', 'list', '--json', '--limit', '30000'],
    ['quarantine', 'list', '--limit', '30000'],
  ]) {
    it(`\`inmail ${args.join(' ')} | head\` ends quietly with exit 0`, async () => {
      const r = await throughHead(args, { INMAIL_DATABASE_URL: db.url, INMAIL_LOG_LEVEL: 'silent' });
      expect(r.stderr).toBe('');
      expect(r.stdout.split('\n').length).toBe(2);
      expect(r.code).toBe(0);
    });
  }
});

describe('database not ready', () => {
  it('a database that exists but is not migrated: one line naming `inmail migrate`, exit 3', async () => {
    for (const args of [['stats'], ['quarantine', 'list'], ['quarantine', 'show', 'a@example.jp']]) {
      const r = await runCli(args, { INMAIL_DATABASE_URL: urlFor(empty), INMAIL_LOG_LEVEL: 'silent' });
      expect(r.code, args.join(' ')).toBe(3);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toContain('not migrated');
      expect(r.stderr).toContain('inmail migrate');
    }
  });

  it('a database that does not exist: one line naming `inmail migrate`, exit 3', async () => {
    const r = await runCli(['stats'], { INMAIL_DATABASE_URL: urlFor(`${empty}_missing`), INMAIL_LOG_LEVEL: 'silent' });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('does not exist');
    expect(r.stderr).toContain('inmail migrate');
  });
});

describe('service down', () => {
  it('Postgres unreachable: one line naming it, where, and the variable that says where; exit 3', async () => {
    const r = await runCli(['quarantine', 'list'], {
      INMAIL_DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/inmail',
      INMAIL_LOG_LEVEL: 'silent',
    });
    expect(r.code).toBe(3);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/Postgres cannot be reached at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/inmail.*INMAIL_DATABASE_URL/);
    expect(r.stderr).not.toContain('secret');
  });
});

describe('config check', () => {
  it('warns of a placeholder bounce domain, naming the variable, and still exits 0', async () => {
    const r = await runCli(['config', 'check'], { INMAIL_BOUNCE_DOMAINS: 'bounces.example.com', INMAIL_CONFIG: '/dev/null' });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('INMAIL_BOUNCE_DOMAINS');
    expect(r.stderr).toContain('bounces.example.com is a placeholder');
    expect(r.stdout).toContain('1 warning');
  });
});
