// Mailgun's webhooks through the daemon: a request signed as Mailgun signs it
// (hex HMAC-SHA256 of timestamp + token under the signing key) changes the
// address in Postgres; a forged request, a stale one and one whose token was
// already used are 401 and store nothing; the same event posted twice (newly
// signed) counts once; with Postgres cut the answer is 503 and the same
// request, sent again, is stored.
import { createHmac, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntakeDaemon, type IntakeDaemon } from '../helpers/intake-daemon.js';
import { metricSample } from '../helpers/smtp-socket.js';
import { waitFor } from '../helpers/wait.js';

const KEY = randomBytes(16).toString('hex');
const PATH = '/v1/intake/mailgun';
let d: IntakeDaemon;
let n = 0;

function signed(eventData: Record<string, unknown>, opts: { at?: number; key?: string; token?: string } = {}): string {
  const timestamp = String(Math.floor((opts.at ?? Date.now()) / 1000));
  const token = opts.token ?? randomBytes(25).toString('hex');
  const signature = createHmac('sha256', opts.key ?? KEY)
    .update(timestamp + token)
    .digest('hex');
  return JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': eventData });
}

const failed = (recipient: string, severity: 'permanent' | 'temporary', status: Record<string, unknown>, reason = 'bounce') => ({
  id: `mgEvent${++n}AbCdEf`,
  event: 'failed',
  timestamp: Date.now() / 1000,
  severity,
  reason,
  recipient,
  'recipient-domain': recipient.split('@')[1],
  'log-level': 'error',
  'delivery-status': { 'attempt-no': 1, 'mx-host': 'mx.example.org', 'session-seconds': 0.4, ...status },
  message: { headers: { 'message-id': `${n}.mailgun@sender.example`, from: 'news@sender.example', to: recipient } },
});

beforeAll(async () => {
  d = await startIntakeDaemon({ INMAIL_MAILGUN_SIGNING_KEY: KEY });
});
afterAll(async () => {
  await d?.stop();
});

describe('POST /v1/intake/mailgun', () => {
  it('a permanent failure quarantines the address with the reason read from the remote text', async () => {
    const r = await d.post(
      PATH,
      signed(
        failed('gone@example.org', 'permanent', {
          code: 550,
          'enhanced-code': '5.1.1',
          message:
            "5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address",
          description: '',
        }),
      ),
    );
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ received: 1, stored: 1, duplicates: 0, ignored: 0 });
    await d.processed('mailgun');
    expect(await d.address('email', 'gone@example.org')).toMatchObject({ status: 'quarantined', reason: 'userunknown' });
  });

  it('a complaint and an unsubscribe denylist; an open is left aside', async () => {
    const base = { timestamp: Date.now() / 1000, 'log-level': 'warn' };
    expect((await d.post(PATH, signed({ ...base, id: 'cmpl1', event: 'complained', recipient: 'angry@example.net' }))).status).toBe(200);
    expect((await d.post(PATH, signed({ ...base, id: 'unsub1', event: 'unsubscribed', recipient: 'leaving@example.net' }))).status).toBe(
      200,
    );
    const open = await d.post(PATH, signed({ ...base, id: 'open1', event: 'opened', recipient: 'reader@example.net' }));
    expect(JSON.parse(open.body)).toEqual({ received: 1, stored: 0, duplicates: 0, ignored: 1 });
    await waitFor('complaints applied', async () => (await d.address('email', 'leaving@example.net'))?.status === 'denylisted');
    expect(await d.address('email', 'angry@example.net')).toMatchObject({ status: 'denylisted' });
    expect(await d.address('email', 'reader@example.net')).toBeNull();
  });

  it('the same event posted twice, newly signed, counts once', async () => {
    const e = failed('twice@example.org', 'permanent', { code: 550, message: '550 5.1.1 user unknown' });
    expect(JSON.parse((await d.post(PATH, signed(e))).body)).toMatchObject({ stored: 1 });
    expect(JSON.parse((await d.post(PATH, signed(e))).body)).toMatchObject({ stored: 0, duplicates: 1 });
    await d.processed('mailgun');
    const events = await d.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM bounce_event WHERE address = 'twice@example.org'");
    expect(events.rows[0]?.n).toBe(1);
  });

  it('a forged, stale or replayed request is 401 and stores nothing, counted in the metrics', async () => {
    const e = () => failed('victim@example.org', 'permanent', { code: 550, message: '550 5.1.1 user unknown' });
    const first = signed(failed('once@example.org', 'permanent', { code: 550, message: '550 5.1.1 user unknown' }));
    expect((await d.post(PATH, first)).status).toBe(200);
    const before = (await d.rows('mailgun')).reduce((s, r) => s + r.n, 0);
    expect((await d.post(PATH, signed(e(), { key: 'guessed' }))).status).toBe(401);
    expect((await d.post(PATH, signed(e(), { at: Date.now() - 3600_000 }))).status).toBe(401);
    expect((await d.post(PATH, JSON.stringify({ 'event-data': e() }))).status).toBe(401);
    // A request Mailgun really signed, sent again: its token is known.
    expect((await d.post(PATH, first)).status).toBe(401);
    // Its signature over another event: the token is known before the event is read.
    const taken = JSON.parse(first) as { signature: unknown };
    expect((await d.post(PATH, JSON.stringify({ signature: taken.signature, 'event-data': e() }))).status).toBe(401);
    expect((await d.rows('mailgun')).reduce((s, r) => s + r.n, 0)).toBe(before);
    expect(await d.address('email', 'victim@example.org')).toBeNull();
    expect(await d.daemon.waitForLog(/refused: token already used/)).toContain('"intake":"mailgun"');
  });

  it('with Postgres cut the answer is 503, and the same request sent again is stored', async () => {
    const body = signed(failed('later@example.org', 'permanent', { code: 550, message: '550 5.1.1 user unknown' }));
    await d.pgProxy.cut();
    const during = await d.post(PATH, body);
    await d.pgProxy.restore();
    expect(during.status).toBe(503);
    await waitFor('the retry is stored', async () => (await d.post(PATH, body)).status === 200);
    await waitFor('quarantined', async () => (await d.address('email', 'later@example.org'))?.status === 'quarantined');
  });

  it('a temporary failure is recorded as a delay and quarantines nothing', async () => {
    const e = failed('full@example.org', 'temporary', { code: 452, 'enhanced-code': '4.2.2', message: '4.2.2 Mailbox full' }, 'generic');
    expect((await d.post(PATH, signed(e))).status).toBe(200);
    await d.processed('mailgun');
    const rows = await d.db.pool.query<{ action: string; reason: string }>(
      "SELECT action, reason FROM bounce_event WHERE address = 'full@example.org'",
    );
    expect(rows.rows).toEqual([{ action: 'delayed', reason: 'mailboxfull' }]);
  });
});

describe('metrics', () => {
  it('count mailgun under its own intake label', async () => {
    const port = JSON.parse(await d.daemon.waitForLog(/"msg":"inmail started"/)) as { httpPort: number };
    const text = await (await fetch(`http://127.0.0.1:${port.httpPort}/metrics`)).text();
    expect(metricSample(text, 'inmail_mails_received_total', { intake: 'mailgun', result: 'accepted', reason: '' })).toBeGreaterThanOrEqual(
      5,
    );
    expect(metricSample(text, 'inmail_mails_received_total', { intake: 'mailgun', result: 'refused', reason: 'bad-signature' })).toBe(1);
    expect(metricSample(text, 'inmail_mails_received_total', { intake: 'mailgun', result: 'refused', reason: 'replay' })).toBe(3);
  });
});
