// Delivery reports through the daemon: JSON lines posted with a token of scope
// intake, one attempt each. A refusal at RCPT quarantines the address with the
// remote's text and history says delivery-report; a soft failure then a
// delivery leaves the address valid again; a request sent twice counts once,
// and so does an attempt that states its time sent again inside another request
// or twice in one (not one without `at`); a bad line or no token stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../src/operations/tokens.js';
import { startIntakeDaemon, type IntakeDaemon } from '../helpers/intake-daemon.js';
import { waitFor } from '../helpers/wait.js';

let d: IntakeDaemon;
let bearer: Record<string, string>;
const lines = (...xs: object[]) => xs.map((x) => JSON.stringify(x)).join('\n') + '\n';
const eventsOf = async (address: string) =>
  (await d.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM bounce_event WHERE address = $1', [address])).rows[0]?.n;
/** The MX counts of a domain (docs/mx-advice.md), summed over minutes and slots. */
const outcomesOf = async (domain: string) =>
  (
    await d.db.pool.query<{ sent: number; failed_hard: number; failed_soft: number }>(
      `SELECT sum(sent)::int AS sent, sum(failed_hard)::int AS failed_hard, sum(failed_soft)::int AS failed_soft
         FROM delivery_outcome WHERE domain = $1`,
      [domain],
    )
  ).rows[0];

beforeAll(async () => {
  d = await startIntakeDaemon({});
  bearer = { authorization: `Bearer ${(await createToken(d.db.pool, 'intake', 'mta')).token}`, 'content-type': 'application/x-ndjson' };
});
afterAll(async () => {
  await d?.stop();
});

describe('POST /v1/intake/deliveries', () => {
  it('a refusal at RCPT quarantines the address with the remote text, by delivery-report', async () => {
    const body = lines(
      {
        recipient: 'nobody@refuses.example',
        outcome: 'failed',
        code: 550,
        enhanced: '5.1.1',
        text: '<nobody@refuses.example>: Recipient address rejected: User unknown in local recipient table',
        command: 'RCPT',
        mxHost: 'mx1.refuses.example',
        mxIp: '192.0.2.25',
        at: '2026-12-01T10:00:00Z',
        deliveryId: 'q-1001',
      },
      { recipient: 'someone@fine.example', outcome: 'delivered', code: 250, text: '2.0.0 Ok: queued as 4XYZ', mxHost: 'mx.fine.example' },
    );
    const r = await d.post('/v1/intake/deliveries', body, bearer);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ received: 1, stored: 1, duplicates: 0 });
    await d.processed('delivery');
    expect(await d.address('email', 'nobody@refuses.example')).toMatchObject({ status: 'quarantined', reason: 'userunknown' });
    const ev = await d.db.pool.query<{ diagnostic: string; delivery_id: string; remote_mta: string }>(
      "SELECT diagnostic, delivery_id, remote_mta FROM bounce_event WHERE address = 'nobody@refuses.example'",
    );
    expect(ev.rows).toEqual([
      {
        diagnostic: '550 5.1.1 <nobody@refuses.example>: Recipient address rejected: User unknown in local recipient table',
        delivery_id: 'q-1001',
        remote_mta: 'mx1.refuses.example',
      },
    ]);
    const h = await d.db.pool.query<{ by: string; to_status: string }>(
      "SELECT by, to_status FROM address_history WHERE address_key = 'nobody@refuses.example'",
    );
    expect(h.rows).toEqual([{ by: 'delivery-report', to_status: 'quarantined' }]);
    // A delivery to an address never seen creates no address.
    expect(await d.address('email', 'someone@fine.example')).toBeNull();
  });

  it('a delivery releases an erroneous address as a success DSN does', async () => {
    const soft = lines({
      recipient: 'full@soft.example',
      outcome: 'failed',
      code: 452,
      enhanced: '4.2.2',
      text: 'Mailbox full',
      command: 'RCPT',
    });
    expect((await d.post('/v1/intake/deliveries', soft, bearer)).status).toBe(200);
    await waitFor('soft error counted', async () => (await d.address('email', 'full@soft.example'))?.status === 'erroneous');
    const ok = lines({ recipient: 'full@soft.example', outcome: 'delivered', code: 250, text: 'Ok' });
    expect((await d.post('/v1/intake/deliveries', ok, bearer)).status).toBe(200);
    await waitFor('released', async () => (await d.address('email', 'full@soft.example'))?.status === 'valid');
  });

  it('the same request sent twice counts once', async () => {
    const body = lines({
      recipient: 'twice@refuses.example',
      outcome: 'failed',
      code: 550,
      text: '5.1.1 no such user',
      at: '2026-12-01T11:00:00Z',
    });
    expect(JSON.parse((await d.post('/v1/intake/deliveries', body, bearer)).body)).toMatchObject({ stored: 1 });
    expect(JSON.parse((await d.post('/v1/intake/deliveries', body, bearer)).body)).toMatchObject({ stored: 0, duplicates: 1 });
    await d.processed('delivery');
    const n = await d.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM bounce_event WHERE address = 'twice@refuses.example'");
    expect(n.rows[0]?.n).toBe(1);
  });

  // Sent again inside another request: an overlapping window of the sender's log.
  it('the same attempts inside another request change nothing: error count, events and MX counts as for one', async () => {
    const first = { recipient: 'window@overlap.example', outcome: 'failed', code: 452, enhanced: '4.2.2', text: 'Mailbox full' };
    const soft1 = { ...first, mxHost: 'mx.overlap.example', at: '2026-11-01T10:00:00Z', deliveryId: 'q-1' };
    const soft2 = { ...soft1, at: '2026-11-03T10:00:00Z', deliveryId: 'q-2' };
    const hard = {
      recipient: 'gone@overlap.example',
      outcome: 'failed',
      code: 550,
      enhanced: '5.1.1',
      text: 'User unknown',
      mxHost: 'mx.overlap.example',
      at: '2026-11-01T10:00:01Z',
    };
    const sent = {
      recipient: 'fine@overlap.example',
      outcome: 'delivered',
      code: 250,
      mxHost: 'mx.overlap.example',
      at: '2026-11-01T10:00:02Z',
    };
    for (const body of [
      lines(soft1, hard, sent),
      lines(soft2),
      // The overlap, re-cut: other bytes, so another batch; the MX in capitals and the time with milliseconds.
      lines({ ...soft1, at: '2026-11-01T10:00:00.000Z', mxHost: 'MX.overlap.example' }, soft2, hard, sent),
    ]) {
      expect(JSON.parse((await d.post('/v1/intake/deliveries', body, bearer)).body)).toMatchObject({ stored: 1, duplicates: 0 });
      await d.processed('delivery');
    }
    // Two soft errors two days apart count twice; the first again, two days before the last, would have made it three.
    expect(await d.address('email', 'window@overlap.example')).toMatchObject({ status: 'erroneous', error_count: 2 });
    expect(await d.address('email', 'gone@overlap.example')).toMatchObject({ status: 'quarantined', error_count: 1 });
    expect(await eventsOf('window@overlap.example')).toBe(2);
    expect(await eventsOf('gone@overlap.example')).toBe(1);
    expect(await outcomesOf('overlap.example')).toEqual({ sent: 1, failed_hard: 1, failed_soft: 2 });
  });

  it('an attempt without `at` sent again inside another request counts twice: its time is its receipt', async () => {
    const soft = { recipient: 'untimed@notime.example', outcome: 'failed', code: 452, enhanced: '4.2.2', text: 'Mailbox full' };
    await d.post('/v1/intake/deliveries', lines(soft), bearer);
    await d.processed('delivery');
    await d.post('/v1/intake/deliveries', lines(soft, { recipient: 'other@notime.example', outcome: 'delivered' }), bearer);
    await d.processed('delivery');
    expect(await eventsOf('untimed@notime.example')).toBe(2);
    expect(await outcomesOf('notime.example')).toEqual({ sent: 1, failed_hard: 0, failed_soft: 2 });
  });

  it('two copies of one attempt inside one request count once', async () => {
    const soft = { recipient: 'copy@copies.example', outcome: 'failed', code: 452, text: '4.2.2 Mailbox full', at: '2026-11-05T08:00:00Z' };
    const sent = { recipient: 'ok@copies.example', outcome: 'delivered', code: 250, at: '2026-11-05T08:00:01Z' };
    const r = await d.post('/v1/intake/deliveries', lines(soft, sent, soft, sent), bearer);
    expect(JSON.parse(r.body)).toMatchObject({ stored: 1 });
    await d.processed('delivery');
    expect(await d.address('email', 'copy@copies.example')).toMatchObject({ status: 'erroneous', error_count: 1 });
    expect(await eventsOf('copy@copies.example')).toBe(1);
    expect(await outcomesOf('copies.example')).toEqual({ sent: 1, failed_hard: 0, failed_soft: 1 });
  });

  it('a bad line or no token stores nothing', async () => {
    const before = await d.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM raw_mail WHERE source = 'delivery'");
    const good = { recipient: 'x@refuses.example', outcome: 'failed', code: 550 };
    const bad = await d.post('/v1/intake/deliveries', lines(good, { recipient: 'y@refuses.example', outcome: 'bounced' }), bearer);
    expect(bad.status).toBe(400);
    expect(bad.body).toContain('line 2');
    expect((await d.post('/v1/intake/deliveries', lines(good), { 'content-type': 'application/x-ndjson' })).status).toBe(401);
    const after = await d.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM raw_mail WHERE source = 'delivery'");
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });
});
