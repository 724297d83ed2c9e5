// The incident guard: mass hard failures of one domain and text are held, and an
// operator confirms or dismisses them; nothing is lost either way.
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttp } from '../../src/http.js';
import { storeRaw } from '../../src/intake/store-raw.js';
import { incidentJson } from '../../src/quarantine/incidents.js';
import { listIncidents } from '../../src/store/incidents.js';
import { processMail, type ProcessDeps } from '../../src/jobs/process-mail.js';
import { buildDsn } from '../helpers/dsn.js';
import { runCli } from '../helpers/daemon.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { workerDeps } from '../helpers/policy.js';

let db: TestDb;
let deps: ProcessDeps;
const OUTAGE = '550 5.1.1 The email account that you tried to reach does not exist. (outage simulation)';

beforeAll(async () => {
  db = await createTestDb();
  deps = workerDeps(db.pool, { guard: { enabled: true, threshold: 5, windowSeconds: 600 } });
});
afterAll(async () => db?.drop());

async function bounce(address: string, diagnostic = OUTAGE) {
  const stored = await storeRaw(db.pool, {
    source: 'smtp',
    rcptTo: ['b@bounces.test'],
    body: Buffer.from(buildDsn({ recipients: [{ address, status: '5.1.1', diagnostic }] })),
  });
  return processMail(deps, stored.id);
}
const status = async (a: string) =>
  (await db.pool.query<{ status: string }>('SELECT status FROM address WHERE address_key = $1', [a])).rows[0]?.status ?? null;
const outcomes = async (domain: string) =>
  (
    await db.pool.query<{ outcome: string; n: number }>(
      'SELECT outcome, count(*)::int AS n FROM bounce_event WHERE domain = $1 GROUP BY 1 ORDER BY 1',
      [domain],
    )
  ).rows;
const cli = (args: string[]) => runCli(args, { INMAIL_DATABASE_URL: db.url, INMAIL_OPERATOR: 'alice' });

describe('the incident guard', () => {
  it('quarantines up to the threshold, then holds further hard failures of the same domain and text', async () => {
    for (let i = 1; i <= 5; i++) await bounce(`user${i}@outage.test`);
    expect(await status('user5@outage.test')).toBe('quarantined');
    await bounce('user6@outage.test');
    await bounce('user7@outage.test');
    expect(await status('user6@outage.test')).toBeNull();
    expect(await outcomes('outage.test')).toEqual([
      { outcome: 'applied', n: 5 },
      { outcome: 'held', n: 2 },
    ]);

    // Other domains, and other texts of the same domain, go on as usual.
    await bounce('user6@elsewhere.test');
    expect(await status('user6@elsewhere.test')).toBe('quarantined');
    await bounce(
      'mailbox@outage.test',
      '550 5.1.1 <mailbox@outage.test>: Recipient address rejected: User unknown in local recipient table',
    );
    expect(await status('mailbox@outage.test')).toBe('quarantined');
  });

  it('raises the open incident on the HTTP API', async () => {
    const server = await startHttp({
      host: '127.0.0.1',
      port: 0,
      logger: pino({ level: 'silent' }),
      checks: [],
      routes: { '/incidents': async () => (await listIncidents(db.pool, 'open')).map(incidentJson) },
    });
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/incidents`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual([expect.objectContaining({ domain: 'outage.test', status: 'open', held: 2 })]);
    } finally {
      await server.close();
    }
  });

  it('lists the open incident, and a dismissal leaves the held addresses alone and the events kept', async () => {
    const listed = await cli(['incidents', 'list', '--status', 'open', '--json']);
    expect(listed.code).toBe(0);
    const incident = JSON.parse(listed.stdout.trim()) as { id: number; domain: string; held: number; addresses: number };
    expect(incident).toMatchObject({ domain: 'outage.test', held: 2, addresses: 6 });

    const dismissed = await cli(['incidents', 'dismiss', String(incident.id), '--note', 'provider outage', '--json']);
    expect(dismissed.code).toBe(0);
    expect(JSON.parse(dismissed.stdout)).toMatchObject({
      status: 'dismissed',
      decidedBy: 'operator:alice',
      events: 2,
      addressesChanged: 0,
    });
    expect(await status('user7@outage.test')).toBeNull();
    expect(await outcomes('outage.test')).toEqual([
      { outcome: 'applied', n: 6 },
      { outcome: 'dismissed', n: 2 },
    ]);

    const again = await cli(['incidents', 'dismiss', String(incident.id)]);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already dismissed/);
  });

  it('counts the window again from the decision, and a confirmation applies the held events', async () => {
    for (let i = 10; i <= 16; i++) await bounce(`user${i}@outage.test`);
    // Five after the dismissal apply (10-14); the sixth and seventh open a new incident.
    expect(await status('user14@outage.test')).toBe('quarantined');
    expect(await status('user15@outage.test')).toBeNull();
    const open = JSON.parse((await cli(['incidents', 'list', '--status', 'open', '--json'])).stdout.trim()) as { id: number; held: number };
    expect(open.held).toBe(2);

    const confirmed = await cli(['incidents', 'confirm', String(open.id), '--json']);
    expect(JSON.parse(confirmed.stdout)).toMatchObject({ status: 'confirmed', events: 2, addressesChanged: 2 });
    expect(await status('user15@outage.test')).toBe('quarantined');
    expect(await status('user16@outage.test')).toBe('quarantined');
    const shown = JSON.parse((await cli(['quarantine', 'show', 'user16@outage.test', '--json'])).stdout) as {
      history: { by: string; note?: string }[];
    };
    expect(shown.history.at(-1)).toMatchObject({ by: 'operator:alice', note: expect.stringMatching(/incident \d+ confirmed/) });
  });

  it('does nothing when disabled', async () => {
    const off = { ...deps, guard: { enabled: false, threshold: 1, windowSeconds: 600 } };
    for (const a of ['a@quiet.test', 'b@quiet.test', 'c@quiet.test']) {
      const stored = await storeRaw(db.pool, {
        source: 'smtp',
        rcptTo: ['b@bounces.test'],
        body: Buffer.from(buildDsn({ recipients: [{ address: a, status: '5.1.1', diagnostic: OUTAGE }] })),
      });
      await processMail(off, stored.id);
    }
    expect(await outcomes('quiet.test')).toEqual([{ outcome: 'applied', n: 3 }]);
  });
});
