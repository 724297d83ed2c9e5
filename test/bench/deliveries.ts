// Delivery reports through the built daemon (docs/intake.md, "Delivery reports"):
// JSON lines posted to /v1/intake/deliveries in requests of REQUEST_LINES, a few
// at a time, one attempt per line, each recipient once: ~8 % refused as unknown
// users (hard), ~4 % mailbox full (soft), ~3 % refused for the sender (a DNSBL),
// ~5 % deferred, the rest delivered, over 2,000 domains. Each attempt states its
// time (`at`), as senders are asked to: the worker records its key (docs/intake.md).
// Measured: the intake rate (attempts acknowledged a second) and the end-to-end
// rate (attempts committed a second, keys, MX outcomes and advice included); then
// every failed address's state is checked against what its attempt says, and
// the MX counts against the number of attempts.
import { randomBytes } from 'node:crypto';
import type { TestDb } from '../helpers/test-db.js';

export const REQUEST_LINES = 10_000;
const PARALLEL = 4;

type Kind = 'hard' | 'soft' | 'sender' | 'deferred' | 'sent';

function attempt(i: number, run: string, at: string): { line: string; address: string; kind: Kind } {
  const domain = `d${i % 2000}.bench`;
  const address = `r${run}-${i}@${domain}`;
  const roll = (i * 7919) % 100;
  const base = { recipient: address, mxHost: `mx${i % 2000}.bench`, mxIp: `192.0.2.${i % 250}`, at, deliveryId: `${run}-${i}` };
  let kind: Kind;
  let rest: object;
  if (roll < 8) {
    kind = 'hard';
    rest = {
      outcome: 'failed',
      code: 550,
      enhanced: '5.1.1',
      text: `<${address}>: Recipient address rejected: User unknown`,
      command: 'RCPT',
    };
  } else if (roll < 12) {
    kind = 'soft';
    rest = { outcome: 'failed', code: 552, enhanced: '5.2.2', text: 'Mailbox full', command: 'RCPT' };
  } else if (roll < 15) {
    kind = 'sender';
    rest = {
      outcome: 'failed',
      code: 554,
      enhanced: '5.7.1',
      text: 'Service unavailable; Client host [198.51.100.7] blocked using zen.spamhaus.org',
      command: 'RCPT',
    };
  } else if (roll < 20) {
    kind = 'deferred';
    rest = { outcome: 'deferred', code: 451, enhanced: '4.3.0', text: 'Temporary local problem, please try later' };
  } else {
    kind = 'sent';
    rest = { outcome: 'delivered', code: 250, enhanced: '2.0.0', text: 'Ok: queued as 3F2A1' };
  }
  return { line: JSON.stringify({ ...base, ...rest }), address, kind };
}

export interface DeliveriesFigures {
  attempts: number;
  intakeRate: number;
  endToEndRate: number;
  seconds: number;
  wrongStates: number;
  /** Attempts in the MX counts (docs/mx-advice.md): each once, so `attempts`. */
  counted: number;
  expected: { quarantined: number; erroneous: number };
}

export async function deliveriesBench(db: TestDb, apiPort: number, token: string, n: number): Promise<DeliveriesFigures> {
  const run = randomBytes(3).toString('hex');
  // The attempts ended over the last minute, in order.
  const start = Date.now() - 60_000;
  const all = Array.from({ length: n }, (_, i) => attempt(i, run, new Date(start + Math.floor((i * 60_000) / n)).toISOString()));
  const bodies: string[] = [];
  for (let i = 0; i < n; i += REQUEST_LINES)
    bodies.push(
      all
        .slice(i, i + REQUEST_LINES)
        .map((a) => a.line)
        .join('\n'),
    );
  const t0 = performance.now();
  let next = 0;
  const poster = async () => {
    while (next < bodies.length) {
      const body = bodies[next++] ?? '';
      for (;;) {
        const r = await fetch(`http://127.0.0.1:${apiPort}/v1/intake/deliveries`, {
          method: 'POST',
          body,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
        });
        await r.text();
        if (r.status === 200) break;
        if (r.status !== 503) throw new Error(`intake answered ${r.status}`);
        await new Promise((res) => setTimeout(res, 200)); // the backlog bound: as a sender would, later
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, poster));
  const intakeSeconds = (performance.now() - t0) / 1000;
  for (;;) {
    const r = await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM raw_mail WHERE source = 'delivery' AND state = 'pending'");
    if (Number(r.rows[0]?.n) === 0) break;
    await new Promise((res) => setTimeout(res, 100));
  }
  const seconds = (performance.now() - t0) / 1000;
  // Every address's state as its one attempt says: hard → quarantined, soft → erroneous, the others no row.
  const expect = all.map((a) => (a.kind === 'hard' ? 'quarantined' : a.kind === 'soft' ? 'erroneous' : 'none'));
  const wrong = await db.pool.query<{ n: string }>(
    `SELECT count(*) AS n FROM unnest($1::text[], $2::text[]) AS e(address, status)
       LEFT JOIN address a ON a.channel = 'email' AND a.address_key = e.address
      WHERE COALESCE(a.status, 'none') <> e.status`,
    [all.map((a) => a.address), expect],
  );
  const counted = await db.pool.query<{ n: string }>(
    `SELECT sum(sent + failed_hard + failed_soft + deferred + sender_side) AS n FROM delivery_outcome WHERE domain LIKE '%.bench'`,
  );
  return {
    attempts: n,
    intakeRate: n / intakeSeconds,
    endToEndRate: n / seconds,
    seconds,
    wrongStates: Number(wrong.rows[0]?.n ?? -1),
    counted: Number(counted.rows[0]?.n ?? -1),
    expected: { quarantined: expect.filter((s) => s === 'quarantined').length, erroneous: expect.filter((s) => s === 'erroneous').length },
  };
}
