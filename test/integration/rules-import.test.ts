// `inmail rules import` as an operator moving rules between installations:
// every bad rule is reported at once (nothing imported), importing an export
// again changes nothing (rules are keyed by a stable key), and the documented
// `rules export --shipped` exists. Runs the built CLI (`npm test` builds).
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/daemon.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
let env: Record<string, string>;
let dir: string;
const rules = (...args: string[]) => runCli(['rules', ...args], env);
const count = async (): Promise<number> =>
  (await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM inbound_rule')).rows[0]?.n ?? -1;

beforeAll(async () => {
  db = await createTestDb();
  env = { INMAIL_DATABASE_URL: db.url, INMAIL_QUEUE_PREFIX: testPrefix(), INMAIL_LOG_LEVEL: 'silent', USER: 'tester' };
  dir = await mkdtemp(join(tmpdir(), 'inmail-rules-import-'));
});
afterAll(async () => db.drop());

describe('rules import', () => {
  it('reports every bad rule at once and imports nothing', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      [
        'rules:',
        '  - { example: "acme: user gone", match: { text: "user gone" }, result: { reason: userunknown } }',
        '  - { example: "acme: box full", match: { text: "box full" }, result: { reason: nosuchreason } }',
        '  - { example: "acme: nothing here", match: { text: "box gone" }, result: { reason: mailboxfull } }',
        '  - { example: "acme: slow", match: { regex: "(a+)+$" }, result: { reason: speeding } }',
      ].join('\n'),
    );
    const r = await rules('import', file);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('#2');
    expect(r.stderr).toContain('#3');
    expect(r.stderr).toContain('#4');
    expect(r.stderr).not.toContain('#1');
    expect(r.stderr).toMatch(/3 bad rules; nothing imported/);
    expect(await count()).toBe(0);
  });

  it('importing an export again changes nothing; a changed rule is updated under its key', async () => {
    const file = join(dir, 'good.yaml');
    await writeFile(
      file,
      [
        'rules:',
        '  - { key: acme-gone, example: "acme: user gone", match: { text: "user gone" }, result: { reason: userunknown } }',
        '  - { example: "acme: box full", match: { text: "box full" }, result: { reason: mailboxfull } }',
      ].join('\n'),
    );
    const first = await rules('import', file, '--json');
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ added: 2, updated: 0, unchanged: 0 });
    expect(await count()).toBe(2);

    const exported = await rules('export');
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain('key: acme-gone');
    const again = join(dir, 'export.yaml');
    await writeFile(again, exported.stdout);
    for (const f of [again, file]) {
      const r = await rules('import', f, '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ added: 0, updated: 0, unchanged: 2 });
    }
    expect(await count()).toBe(2);

    await writeFile(
      file,
      'rules:\n  - { key: acme-gone, example: "acme: user gone", match: { text: "user gone" }, result: { reason: suspend } }\n',
    );
    const changed = await rules('import', file, '--json');
    expect(JSON.parse(changed.stdout)).toMatchObject({ added: 0, updated: 1, unchanged: 0 });
    expect((await db.pool.query('SELECT reason FROM inbound_rule WHERE key = $1', ['acme-gone'])).rows).toEqual([{ reason: 'suspend' }]);
  });

  it('`rules add` of the same conditions twice is refused, naming the key, instead of a shadowed copy', async () => {
    const add = () => rules('add', '--text', 'quota gone', '--reason', 'mailboxfull', '--example', 'acme: quota gone');
    expect((await add()).code).toBe(0);
    const again = await add();
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/same conditions exists already \(key m-[0-9a-f]{16}\)/);
  });

  it('`rules export --shipped` prints the shipped set (as the README says)', async () => {
    const r = await rules('export', '--shipped', '--json');
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { rules: { id: string }[] };
    expect(out.rules.length).toBeGreaterThan(10);
    expect(out.rules.map((x) => x.id)).toContain('en-mailboxfull');
  });
});
