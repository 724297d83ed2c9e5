// SendGrid's Event Webhook through the daemon: a batch signed as SendGrid signs it
// (ECDSA P-256 over timestamp + body, with a key pair made here, the public half
// configured as SendGrid shows it) changes the addresses in Postgres; a forged
// or stale request is 401 and stores nothing; the same event posted twice counts
// once; with Postgres cut the answer is 503 (SendGrid retries) and the retry is stored.
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/daemon.js';
import { startIntakeDaemon, type IntakeDaemon } from '../helpers/intake-daemon.js';
import { metricSample } from '../helpers/smtp-socket.js';
import { waitFor } from '../helpers/wait.js';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const PATH = '/v1/intake/sendgrid';
let d: IntakeDaemon;
let n = 0;

function signed(events: unknown[], opts: { at?: number; key?: typeof privateKey } = {}) {
  const body = JSON.stringify(events);
  const timestamp = String(Math.floor((opts.at ?? Date.now()) / 1000));
  const signature = sign('sha256', Buffer.from(timestamp + body), opts.key ?? privateKey).toString('base64');
  return {
    body,
    headers: { 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': timestamp },
  };
}

const event = (email: string, fields: Record<string, unknown>) => ({
  email,
  timestamp: Math.floor(Date.now() / 1000),
  'smtp-id': `<${++n}.sendgrid@sender.example>`,
  sg_event_id: `ZXZlbnQ${n}`,
  sg_message_id: `14c5d75ce93.dfd.64b469.filter0001.${n}.0`,
  ...fields,
});

const post = (events: unknown[], opts: Parameters<typeof signed>[1] = {}) => {
  const s = signed(events, opts);
  return d.post(PATH, s.body, s.headers);
};

beforeAll(async () => {
  d = await startIntakeDaemon({ INMAIL_SENDGRID_VERIFICATION_KEY: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') });
});
afterAll(async () => {
  await d?.stop();
});

describe('POST /v1/intake/sendgrid', () => {
  it('a batch: a bounce quarantines, a spam report and an unsubscribe denylist, a deferral is recorded and changes nothing yet, opens are left aside', async () => {
    const r = await post([
      event('gone@example.org', {
        event: 'bounce',
        type: 'bounce',
        status: '5.1.1',
        reason: 'smtp;550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
        bounce_classification: 'Invalid Address',
      }),
      event('angry@example.net', { event: 'spamreport' }),
      event('leaving@example.net', { event: 'unsubscribe' }),
      event('full@example.org', { event: 'deferred', response: '452 4.2.2 Mailbox full, try again later', attempt: '2' }),
      event('reader@example.org', { event: 'open', useragent: 'Mozilla/5.0', ip: '192.0.2.1' }),
      event('reader@example.org', { event: 'processed' }),
    ]);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ received: 6, stored: 4, duplicates: 0, ignored: 2 });
    await d.processed('sendgrid');
    expect(await d.address('email', 'gone@example.org')).toMatchObject({ status: 'quarantined', reason: 'userunknown' });
    expect(await d.address('email', 'angry@example.net')).toMatchObject({ status: 'denylisted' });
    expect(await d.address('email', 'leaving@example.net')).toMatchObject({ status: 'denylisted' });
    const deferred = await d.db.pool.query<{ action: string; reason: string }>(
      "SELECT action, reason FROM bounce_event WHERE address = 'full@example.org'",
    );
    expect(deferred.rows).toEqual([{ action: 'delayed', reason: 'mailboxfull' }]);
    expect(await d.address('email', 'full@example.org')).toBeNull();
    expect(await d.address('email', 'reader@example.org')).toBeNull();
  });

  it('the same event posted twice counts once', async () => {
    const e = event('twice@example.org', { event: 'bounce', type: 'bounce', reason: '550 5.1.1 user unknown' });
    expect(JSON.parse((await post([e])).body)).toMatchObject({ stored: 1 });
    // SendGrid's retry: the same event in a new request, newly signed.
    expect(JSON.parse((await post([e, event('other@example.org', { event: 'delivered', response: '250 OK' })])).body)).toMatchObject({
      stored: 1,
      duplicates: 1,
    });
    await d.processed('sendgrid');
    const events = await d.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM bounce_event WHERE address = 'twice@example.org'");
    expect(events.rows[0]?.n).toBe(1);
  });

  it('a forged or stale request is 401 and stores nothing, counted in the metrics', async () => {
    const before = (await d.rows('sendgrid')).reduce((s, r) => s + r.n, 0);
    const forgedEvent = [event('victim@example.org', { event: 'bounce', type: 'bounce', reason: '550 5.1.1 user unknown' })];
    const otherKey = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    expect((await post(forgedEvent, { key: otherKey })).status).toBe(401);
    // A request SendGrid really signed, replayed after the window.
    expect((await post(forgedEvent, { at: Date.now() - 3600_000 })).status).toBe(401);
    // A signed body with another body put in its place.
    const s = signed([event('nobody@example.org', { event: 'delivered' })]);
    expect((await d.post(PATH, JSON.stringify(forgedEvent), s.headers)).status).toBe(401);
    expect((await d.post(PATH, JSON.stringify(forgedEvent))).status).toBe(401);
    expect((await d.rows('sendgrid')).reduce((s2, r) => s2 + r.n, 0)).toBe(before);
    expect(await d.address('email', 'victim@example.org')).toBeNull();
    expect(await d.daemon.waitForLog(/refused: timestamp \d+ outside the replay window/)).toContain('"intake":"sendgrid"');
  });

  it('with Postgres cut the answer is 503 and the retry after it comes back is stored', async () => {
    const e = [event('later@example.org', { event: 'bounce', type: 'bounce', reason: '550 5.1.1 user unknown' })];
    await d.pgProxy.cut();
    const during = await post(e);
    await d.pgProxy.restore();
    expect(during.status).toBe(503);
    await waitFor('the retry is stored', async () => (await post(e)).status === 200);
    await waitFor('quarantined', async () => (await d.address('email', 'later@example.org'))?.status === 'quarantined');
  });
});

describe('inmail stats', () => {
  it('shows the mails by source and the addresses by channel, beside the totals', async () => {
    await d.processed('sendgrid');
    const cli = await runCli(['stats', '--json'], d.env);
    expect(cli.code).toBe(0);
    const stats = JSON.parse(cli.stdout) as {
      mails: { received: number; processed: number };
      addresses: { quarantined: number; denylisted: number };
      mailsBySource: Record<string, { received: number; processed: number; pending: number; failed: number }>;
      addressesByChannel: Record<string, { quarantined: number; denylisted: number }>;
    };
    const rows = await d.rows('sendgrid');
    expect(stats.mailsBySource.sendgrid?.received).toBe(rows.reduce((s, r) => s + r.n, 0));
    expect(stats.mailsBySource.sendgrid?.processed).toBe(rows.find((r) => r.state === 'processed')?.n);
    expect(stats.mails.received).toBe(Object.values(stats.mailsBySource).reduce((s, c) => s + c.received, 0));
    expect(stats.addressesByChannel.email).toMatchObject({ quarantined: 3, denylisted: 2 });
    expect(stats.addresses).toMatchObject({ quarantined: 3, denylisted: 2 });
    const text = await runCli(['stats'], d.env);
    expect(text.stdout).toMatch(/^mails\s+all\s+sendgrid$/m);
    expect(text.stdout).toMatch(/^addresses\s+all\s+email$/m);
  });
});

describe('metrics', () => {
  it('count sendgrid under its own intake label', async () => {
    const port = JSON.parse(await d.daemon.waitForLog(/"msg":"inmail started"/)) as { httpPort: number };
    const text = await (await fetch(`http://127.0.0.1:${port.httpPort}/metrics`)).text();
    expect(
      metricSample(text, 'inmail_mails_received_total', { intake: 'sendgrid', result: 'accepted', reason: '' }),
    ).toBeGreaterThanOrEqual(6);
    expect(metricSample(text, 'inmail_mails_received_total', { intake: 'sendgrid', result: 'ignored', reason: '' })).toBe(2);
    expect(metricSample(text, 'inmail_mails_received_total', { intake: 'sendgrid', result: 'refused', reason: 'bad-signature' })).toBe(2);
    expect(metricSample(text, 'inmail_mails_received_total', { intake: 'sendgrid', result: 'refused', reason: 'replay' })).toBe(1);
  });
});
