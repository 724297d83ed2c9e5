// Postmark's webhooks through the daemon: a request with the webhook URL's basic
// auth, as Postmark sends it, changes the address in Postgres; a wrong password or
// none stores nothing; the same record posted twice counts once; with Postgres
// cut the answer is 5xx (Postmark retries) and the retry is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntakeDaemon, type IntakeDaemon } from '../helpers/intake-daemon.js';
import { metricSample } from '../helpers/smtp-socket.js';
import { waitFor } from '../helpers/wait.js';

const AUTH = 'postmark:a-long-webhook-password';
const basic = (cred: string) => ({ authorization: `Basic ${Buffer.from(cred).toString('base64')}` });
let d: IntakeDaemon;

const bounce = (id: number, email: string, type: string, details: string) =>
  JSON.stringify({
    RecordType: 'Bounce',
    ID: id,
    Type: type,
    TypeCode: 1,
    Name: 'Hard bounce',
    MessageID: `883953f4-6105-42a2-a16a-${String(id).padStart(12, '0')}`,
    MessageStream: 'outbound',
    Description: 'The server was unable to deliver your message (ex: unknown user, mailbox not found).',
    Details: details,
    Email: email,
    From: 'news@sender.example',
    BouncedAt: '2026-12-01T10:00:00Z',
    Inactive: true,
    CanActivate: true,
    Subject: 'Your December offers',
  });

beforeAll(async () => {
  d = await startIntakeDaemon({ INMAIL_POSTMARK_AUTH: AUTH });
});
afterAll(async () => {
  await d?.stop();
});

describe('POST /v1/intake/postmark', () => {
  it('a hard bounce quarantines the address with the reason read from the remote text', async () => {
    const r = await d.post(
      '/v1/intake/postmark',
      bounce(1001, 'gone@example.org', 'HardBounce', 'smtp;550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown'),
      basic(AUTH),
    );
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ received: 1, stored: 1, duplicates: 0 });
    await d.processed('postmark');
    expect(await d.address('email', 'gone@example.org')).toMatchObject({ status: 'quarantined', reason: 'userunknown' });
  });

  it('a spam complaint denylists the address', async () => {
    const complaint = JSON.stringify({
      RecordType: 'SpamComplaint',
      ID: 2002,
      Type: 'SpamComplaint',
      TypeCode: 512,
      Email: 'angry@example.net',
      BouncedAt: '2026-12-01T11:00:00Z',
      MessageID: 'b7bc2f4a-e38e-4336-af7d-e6c392c2f817',
    });
    expect((await d.post('/v1/intake/postmark', complaint, basic(AUTH))).status).toBe(200);
    await waitFor('complaint applied', async () => (await d.address('email', 'angry@example.net'))?.status === 'denylisted');
  });

  it('a soft bounce counts one soft error and quarantines nothing', async () => {
    const body = bounce(1003, 'full@example.org', 'SoftBounce', 'smtp;452 4.2.2 The email account that you tried to reach is over quota');
    expect((await d.post('/v1/intake/postmark', body, basic(AUTH))).status).toBe(200);
    await waitFor('soft error counted', async () => (await d.address('email', 'full@example.org'))?.error_count === 1);
    expect(await d.address('email', 'full@example.org')).toMatchObject({ status: 'erroneous', reason: 'mailboxfull' });
  });

  it('the same record posted twice counts once', async () => {
    const body = bounce(1004, 'twice@example.org', 'HardBounce', 'smtp;550 5.1.1 user unknown');
    expect(JSON.parse((await d.post('/v1/intake/postmark', body, basic(AUTH))).body)).toMatchObject({ stored: 1 });
    expect(JSON.parse((await d.post('/v1/intake/postmark', body, basic(AUTH))).body)).toMatchObject({ stored: 0, duplicates: 1 });
    await d.processed('postmark');
    const events = await d.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM bounce_event WHERE address = 'twice@example.org'");
    expect(events.rows[0]?.n).toBe(1);
  });

  it('a wrong password or none is 401 and stores nothing, counted in the metrics', async () => {
    const before = (await d.rows('postmark')).reduce((n, r) => n + r.n, 0);
    const forged = bounce(1005, 'victim@example.org', 'HardBounce', 'smtp;550 5.1.1 user unknown');
    expect((await d.post('/v1/intake/postmark', forged, basic('postmark:guessed'))).status).toBe(401);
    expect((await d.post('/v1/intake/postmark', forged)).status).toBe(401);
    expect((await d.rows('postmark')).reduce((n, r) => n + r.n, 0)).toBe(before);
    expect(await d.address('email', 'victim@example.org')).toBeNull();
    expect(await d.daemon.waitForLog(/refused: basic auth does not match/)).toContain('"intake":"postmark"');
  });

  it('with Postgres cut the answer is 503 and the retry after it comes back is stored', async () => {
    const body = bounce(1006, 'later@example.org', 'HardBounce', 'smtp;550 5.1.1 user unknown');
    await d.pgProxy.cut();
    const during = await d.post('/v1/intake/postmark', body, basic(AUTH));
    await d.pgProxy.restore();
    expect(during.status).toBe(503);
    await waitFor('the retry is stored', async () => (await d.post('/v1/intake/postmark', body, basic(AUTH))).status === 200);
    await waitFor('quarantined', async () => (await d.address('email', 'later@example.org'))?.status === 'quarantined');
  });
});

describe('metrics', () => {
  it('count each source under its own intake label', async () => {
    const port = JSON.parse(await d.daemon.waitForLog(/"msg":"inmail started"/)) as { httpPort: number };
    const text = await (await fetch(`http://127.0.0.1:${port.httpPort}/metrics`)).text();
    expect(
      metricSample(text, 'inmail_mails_received_total', { intake: 'postmark', result: 'accepted', reason: '' }),
    ).toBeGreaterThanOrEqual(4);
    expect(metricSample(text, 'inmail_mails_received_total', { intake: 'postmark', result: 'refused', reason: 'bad-auth' })).toBe(1);
  });
});
