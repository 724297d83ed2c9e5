// The worker's stages against a real database: what each kind of notice does.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeRaw } from '../../src/intake/store-raw.js';
import { processMail, type ProcessDeps } from '../../src/jobs/process-mail.js';
import { metrics } from '../../src/metrics.js';
import { makeVerpToken } from '../../src/quarantine/verp.js';
import { buildArf, testDkimKey } from '../helpers/arf.js';
import { buildDsn } from '../helpers/dsn.js';
import { createTestDb, type TestDb } from '../helpers/test-db.js';
import { workerDeps } from '../helpers/policy.js';

let db: TestDb;
let deps: ProcessDeps;

beforeAll(async () => {
  db = await createTestDb();
  deps = workerDeps(db.pool);
});
afterAll(async () => db?.drop());

async function receive(body: string | Buffer) {
  const stored = await storeRaw(db.pool, { source: 'smtp', rcptTo: ['b@bounces.test'], body: Buffer.from(body) });
  return { stored, outcome: await processMail(deps, stored.id) };
}
const address = async (a: string) =>
  (await db.pool.query<{ status: string; error_count: number }>('SELECT status, error_count FROM address WHERE address_key = $1', [a]))
    .rows[0] ?? null;
const raw = async (id: number) =>
  (
    await db.pool.query<{ state: string; error: string | null; kind: string | null }>(
      'SELECT state, error, kind FROM raw_mail WHERE id = $1',
      [id],
    )
  ).rows[0];

describe('the worker', () => {
  it('logs a delay notice as an event and changes no address', async () => {
    const { stored, outcome } = await receive(
      buildDsn({
        recipients: [
          {
            address: 'slow@example.com',
            action: 'delayed',
            status: '4.4.1',
            diagnostic: 'connect to mx.example.com: Connection timed out',
          },
        ],
      }),
    );
    expect(outcome).toMatchObject({ kind: 'processed', mailKind: 'bounce', events: 1, changed: 0 });
    expect(await address('slow@example.com')).toBeNull();
    const ev = await db.pool.query('SELECT action, outcome FROM bounce_event WHERE raw_mail_id = $1', [stored.id]);
    expect(ev.rows).toEqual([{ action: 'delayed', outcome: 'ignored' }]);
  });

  it('makes an erroneous address valid on a delivered notice, and creates no row for a stranger', async () => {
    await receive(buildDsn({ recipients: [{ address: 'back@example.com', status: '4.2.2', diagnostic: '452 4.2.2 Mailbox full' }] }));
    expect(await address('back@example.com')).toMatchObject({ status: 'erroneous', error_count: 1 });
    await receive(
      buildDsn({ recipients: [{ address: 'back@example.com', action: 'delivered', status: '2.0.0', diagnostic: '250 2.0.0 Ok' }] }),
    );
    expect(await address('back@example.com')).toMatchObject({ status: 'valid', error_count: 0 });
    await receive(buildDsn({ recipients: [{ address: 'stranger@example.com', action: 'delivered', status: '2.0.0' }] }));
    expect(await address('stranger@example.com')).toBeNull();
  });

  it('keeps an empty mail as failed with its reason, never retried', async () => {
    const { stored, outcome } = await receive('');
    expect(outcome).toEqual({ kind: 'failed', why: 'empty message' });
    expect(await raw(stored.id)).toMatchObject({ state: 'failed', error: 'empty message' });
    expect(await processMail(deps, stored.id)).toEqual({ kind: 'skipped', why: 'not-pending' });
  });

  it('keeps a bounce whose recipient cannot be read as failed with a stated reason', async () => {
    const broken =
      'Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed\r\n';
    const { stored, outcome } = await receive(broken);
    expect(outcome.kind).toBe('failed');
    expect((await raw(stored.id))?.error).toMatch(/no recipient/);
  });

  it('commits a bounce whose reply holds a NUL byte (read as a space; the raw mail keeps it)', async () => {
    const { stored, outcome } = await receive(
      buildDsn({ recipients: [{ address: 'nul@example.com', status: '5.1.1', diagnostic: '550 5.1.1 no\u0000such user' }] }),
    );
    expect(outcome).toMatchObject({ kind: 'processed', events: 1, changed: 1 });
    expect(await address('nul@example.com')).toMatchObject({ status: 'quarantined' });
    const ev = await db.pool.query<{ diagnostic: string }>('SELECT diagnostic FROM bounce_event WHERE raw_mail_id = $1', [stored.id]);
    expect(ev.rows).toEqual([{ diagnostic: '550 5.1.1 no such user' }]);
    const body = await db.pool.query<{ body: Buffer }>('SELECT body FROM raw_mail WHERE id = $1', [stored.id]);
    expect(body.rows[0]?.body.includes(0)).toBe(true);
  });

  it('processes an ordinary mail as unknown without failing it', async () => {
    const { stored, outcome } = await receive('From: a@example.com\r\nTo: b@bounces.test\r\nSubject: hello\r\n\r\nJust a note.\r\n');
    expect(outcome).toMatchObject({ kind: 'processed', mailKind: 'unknown', events: 0 });
    expect(await raw(stored.id)).toMatchObject({ state: 'processed', kind: 'unknown' });
  });

  it('processes a mail whose MIME had to be worked around, keeping the problem with the raw mail and counting it', async () => {
    const before = (await metrics.parseProblems.get()).values[0]?.value ?? 0;
    // The boundary parameter names a delimiter that the body never uses: the parser guesses the one it does use.
    const dsn = buildDsn({ recipients: [{ address: 'guessed@example.com', status: '5.1.1', diagnostic: '550 5.1.1 No such user' }] });
    const renamed = dsn.replace(/boundary="([^"]+)"/, 'boundary="not-the-one-used"');
    expect(renamed).not.toBe(dsn);
    const { stored, outcome } = await receive(renamed);
    expect(outcome).toMatchObject({ kind: 'processed', mailKind: 'bounce' });
    expect(await address('guessed@example.com')).toMatchObject({ status: 'quarantined' });
    expect(await raw(stored.id)).toMatchObject({ state: 'processed', error: expect.stringMatching(/boundary/) });
    expect((await metrics.parseProblems.get()).values[0]?.value).toBe(before + 1);
  });

  it('changes counters once when the same raw mail is processed twice', async () => {
    const { stored } = await receive(buildDsn({ recipients: [{ address: 'once@example.com', status: '5.1.1' }] }));
    expect(await processMail(deps, stored.id)).toEqual({ kind: 'skipped', why: 'not-pending' });
    expect(await address('once@example.com')).toMatchObject({ status: 'quarantined', error_count: 1 });
  });

  it('with a VERP secret, applies a bounce whose token was issued for its recipient and holds a forged one', async () => {
    const verp = { secret: 'a-long-test-secret-of-the-sender', requireValid: true };
    const signed = { ...deps, verp };
    const good = `bounce+${makeVerpToken(verp.secret, 'd77', 'signed@example.com')}@bounces.test`;
    const a = await storeRaw(db.pool, {
      source: 'smtp',
      rcptTo: [good],
      body: Buffer.from(buildDsn({ recipients: [{ address: 'signed@example.com', status: '5.1.1' }] })),
    });
    await processMail(signed, a.id);
    expect(await address('signed@example.com')).toMatchObject({ status: 'quarantined' });

    // A token issued for someone else, reused to name a victim.
    const b = await storeRaw(db.pool, {
      source: 'smtp',
      rcptTo: [good],
      body: Buffer.from(buildDsn({ recipients: [{ address: 'victim@example.com', status: '5.1.1' }] })),
    });
    expect(await processMail(signed, b.id)).toMatchObject({ kind: 'processed', changed: 0 });
    expect(await address('victim@example.com')).toBeNull();
    const ev = await db.pool.query('SELECT outcome FROM bounce_event WHERE raw_mail_id = $1', [b.id]);
    expect(ev.rows).toEqual([{ outcome: 'unverified' }]);
  });

  describe('with a VERP secret, complaints', () => {
    const verp = { secret: 'a-long-test-secret-of-the-sender', requireValid: true };
    const complaint = async (body: string, d: ProcessDeps) => {
      const stored = await storeRaw(db.pool, { source: 'smtp', rcptTo: ['fbl@bounces.test'], body: Buffer.from(body) });
      return { id: stored.id, outcome: await processMail(d, stored.id) };
    };
    const outcomes = async (id: number) =>
      (await db.pool.query<{ address: string; outcome: string }>('SELECT address, outcome FROM bounce_event WHERE raw_mail_id = $1', [id]))
        .rows;

    it('count when the original carries a Return-Path token issued for the complaining recipient', async () => {
      const rp = `bounce+${makeVerpToken(verp.secret, 'd81', 'liked-it-not@example.com')}@bounces.test`;
      const { id, outcome } = await complaint(buildArf({ recipient: 'liked-it-not@example.com', returnPath: rp }), { ...deps, verp });
      expect(outcome).toMatchObject({ kind: 'processed', mailKind: 'complaint', changed: 1 });
      expect(await address('liked-it-not@example.com')).not.toBeNull();
      expect((await outcomes(id))[0]?.outcome).not.toBe('unverified');
    });

    it('change nothing when forged: no token, or a token issued for someone else', async () => {
      const other = `bounce+${makeVerpToken(verp.secret, 'd82', 'attacker@example.com')}@bounces.test`;
      for (const [victim, rp] of [
        ['victim-a@example.com', undefined],
        ['victim-b@example.com', other],
      ] as const) {
        const { id, outcome } = await complaint(buildArf({ recipient: victim, ...(rp ? { returnPath: rp } : {}) }), { ...deps, verp });
        expect(outcome).toMatchObject({ kind: 'processed', mailKind: 'complaint', changed: 0 });
        expect(await address(victim)).toBeNull();
        expect(await outcomes(id)).toEqual([{ address: victim, outcome: 'unverified' }]);
      }
    });

    it('count without a token when a trusted feedback-loop provider signed them (DKIM), and not when the signer is unknown or the report was altered', async () => {
      const key = testDkimKey('fbl.provider.test');
      const trusting = { ...deps, verp: { ...verp, fblDkimDomains: ['provider.test'], resolver: key.resolver } };
      const signed = await key.sign(buildArf({ recipient: 'signed-fbl@example.com' }));
      expect((await complaint(signed, trusting)).outcome).toMatchObject({ kind: 'processed', changed: 1 });
      expect(await address('signed-fbl@example.com')).not.toBeNull();

      const untrusted = await key.sign(buildArf({ recipient: 'unknown-signer@example.com' }));
      const notListed = { ...deps, verp: { ...verp, fblDkimDomains: ['other-provider.test'], resolver: key.resolver } };
      expect((await complaint(untrusted, notListed)).outcome).toMatchObject({ changed: 0 });
      expect(await address('unknown-signer@example.com')).toBeNull();

      // The signed report of one recipient, edited to name another.
      const altered = (await key.sign(buildArf({ recipient: 'first@example.com' }))).replace(/first@example\.com/g, 'altered@example.com');
      const { id } = await complaint(altered, trusting);
      expect(await address('altered@example.com')).toBeNull();
      expect(await outcomes(id)).toEqual([{ address: 'altered@example.com', outcome: 'unverified' }]);
    });

    it('with requireValid off, a forged one is only logged', async () => {
      const { outcome } = await complaint(buildArf({ recipient: 'logged-only@example.com' }), {
        ...deps,
        verp: { ...verp, requireValid: false },
      });
      expect(outcome).toMatchObject({ changed: 1 });
    });
  });
});
