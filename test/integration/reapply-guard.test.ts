// `qualification reapply` goes through what the worker goes through: 30 stored
// hard failures at one domain with a text an operator has just qualified as
// userunknown must meet the incident guard (held, an incident opened), not
// quarantine 30 addresses; what it does change is recorded as one change
// (undoable) and counted in Postgres for the daemon's metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { storeRaw } from '../../src/intake/store-raw.js';
import { processMail, type ProcessDeps } from '../../src/jobs/process-mail.js';
import { createLogger } from '../../src/logger.js';
import { RuleEngine } from '../../src/qualify/engine.js';
import { normalizeText } from '../../src/qualify/normalize.js';
import { reapply } from '../../src/qualify/reapply.js';
import { loadShippedRules } from '../../src/qualify/shipped.js';
import { undoChange } from '../../src/quarantine/undo.js';
import { buildDsn } from '../helpers/dsn.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';

let db: TestDb;
const config = loadConfig({ env: {}, fileExists: () => false });
const TEXT = (who: string) => `550 5.0.0 <${who}>: zorglub refused by the frobnicator, ticket 4711`;
const guard = { enabled: true, threshold: 5, windowSeconds: 1 };

async function bounceAll(domain: string, n: number): Promise<void> {
  const deps: ProcessDeps = {
    pool: db.pool,
    policy: config.policy,
    keys: { caseSensitiveLocalPart: false },
    logger: createLogger('silent'),
  };
  const recipients = Array.from({ length: n }, (_, i) => ({
    address: `u${i}@${domain}`,
    status: '5.0.0',
    diagnostic: TEXT(`u${i}@${domain}`),
  }));
  const stored = await storeRaw(db.pool, { source: 'file', rcptTo: ['b@bounces.test'], body: Buffer.from(buildDsn({ recipients })) });
  expect((await processMail(deps, stored.id)).kind).toBe('processed');
}

async function keepAsUserUnknown(): Promise<void> {
  const normalized = normalizeText(TEXT('x@y.example'));
  await db.pool.query(
    `INSERT INTO qualification (normalized_text, first_text, first_seen, last_seen, status, reason, type, failure_reason, qualified_by, qualified_at)
     VALUES ($1, $2, now(), now(), 'keep', 'userunknown', 'hard', 1, 'operator:test', now())`,
    [normalized, TEXT('x@y.example')],
  );
}

const statuses = async (domain: string): Promise<Record<string, number>> => {
  const r = await db.pool.query<{ status: string; n: number }>(
    'SELECT status, count(*)::int AS n FROM address WHERE domain = $1 GROUP BY status',
    [domain],
  );
  return Object.fromEntries(r.rows.map((x) => [x.status, x.n]));
};

beforeAll(async () => {
  db = await createTestDb();
});
afterAll(async () => db.drop());

describe('qualification reapply', () => {
  it('meets the incident guard across its batches: 30 addresses at one domain are held, not quarantined', async () => {
    await bounceAll('big.example', 30);
    expect(await statuses('big.example')).not.toHaveProperty('quarantined');
    await keepAsUserUnknown();
    // Out of the guard's window: only the run's own count can see the mass.
    await new Promise((r) => setTimeout(r, 1100));
    const engine = new RuleEngine(loadShippedRules(config.rules.shippedDir));
    await engine.load(db.pool);
    const report = await reapply(db.pool, engine, { dryRun: false, policy: config.policy, guard, by: 'operator:test', batchSize: 4 });
    expect(report.changed).toHaveLength(30);
    expect(report.incidents).toHaveLength(1);
    expect(report.incidents[0]).toMatchObject({ domain: 'big.example' });
    // The first batch (4 addresses, under the threshold) applies; everything after the threshold is held.
    expect(report.held).toBe(26);
    expect((await statuses('big.example')).quarantined).toBe(4);
    const held = await db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM bounce_event WHERE outcome = 'held' AND incident_id = $1`,
      [report.incidents[0]?.id],
    );
    expect(held.rows[0]?.n).toBe(26);

    // Recorded and counted like an operator's change.
    expect(report.change).not.toBeNull();
    const counters = await db.pool.query<{ name: string; labels: unknown; value: number }>(
      'SELECT name, labels, value FROM metric_counter ORDER BY name',
    );
    expect(counters.rows).toEqual(
      expect.arrayContaining([
        { name: 'inmail_address_transitions_total', labels: { from: 'erroneous', to: 'quarantined' }, value: 4 },
        { name: 'inmail_incidents_opened_total', labels: {}, value: 1 },
        { name: 'inmail_incident_held_events_total', labels: {}, value: 26 },
      ]),
    );
    const undone = await undoChange(db.pool, report.change as number, 'operator:test', new Date());
    expect(undone.restored).toBe(4);
    expect(await statuses('big.example')).not.toHaveProperty('quarantined');
  });
});
