// SMS replies and delivery receipts through the daemon: Twilio's form posts signed
// with X-Twilio-Signature as Twilio signs them, and the plain JSON form with a
// bearer token of scope intake. A STOP denylists the number on the sms channel and
// only a START lifts that, never an operator's denylist; receipts count hard and
// soft errors; a forged signature stores nothing; the same event twice counts once;
// with Postgres cut the answer is 503 and the retry is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twilioSignature } from '../../src/intake/http/twilio-signature.js';
import { runCli } from '../helpers/daemon.js';
import { startIntakeDaemon, type IntakeDaemon } from '../helpers/intake-daemon.js';
import { waitFor } from '../helpers/wait.js';

const AUTH_TOKEN = 'twilio-test-auth-token-0123456789';
const PATH = '/v1/intake/sms';
// As behind a proxy: Twilio signs the URL it called, not the one the daemon sees.
const PUBLIC_URL = 'https://inmail.example.com/v1/intake/sms';
let d: IntakeDaemon;
let token: string;
let sid = 0;

const nextSid = () => `SM${String(++sid).padStart(32, '0')}`;

/** Twilio's inbound-message webhook, its fields as Twilio posts them. */
const inbound = (from: string, body: string, messageSid = nextSid()) => ({
  ToCountry: 'FR',
  SmsMessageSid: messageSid,
  NumMedia: '0',
  SmsSid: messageSid,
  SmsStatus: 'received',
  Body: body,
  To: '+33700000001',
  NumSegments: '1',
  MessageSid: messageSid,
  AccountSid: 'AC00000000000000000000000000000000',
  From: from,
  ApiVersion: '2010-04-01',
});

/** Twilio's status callback of an outbound message. */
const statusCallback = (to: string, status: string, errorCode?: string, messageSid = nextSid()) => ({
  SmsSid: messageSid,
  SmsStatus: status,
  MessageStatus: status,
  To: to,
  MessageSid: messageSid,
  AccountSid: 'AC00000000000000000000000000000000',
  From: '+33700000001',
  ApiVersion: '2010-04-01',
  ...(errorCode ? { ErrorCode: errorCode } : {}),
});

/** Posts form fields as Twilio does: urlencoded, signed over the URL and the sorted fields. */
const twilio = (params: Record<string, string>, authToken = AUTH_TOKEN) =>
  d.post(PATH, new URLSearchParams(params).toString(), {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': twilioSignature(authToken, PUBLIC_URL, Object.entries(params)),
  });

const bearer = (body: unknown) => d.post(PATH, JSON.stringify(body), { authorization: `Bearer ${token}` });

const history = async (number: string) =>
  (
    await d.db.pool.query<{ by: string; to_status: string }>(
      "SELECT by, to_status FROM address_history WHERE channel = 'sms' AND address_key = $1 ORDER BY id",
      [number],
    )
  ).rows;

const stored = async () => (await d.rows('sms')).reduce((n, r) => n + r.n, 0);

beforeAll(async () => {
  d = await startIntakeDaemon(
    { INMAIL_TWILIO_AUTH_TOKEN: AUTH_TOKEN },
    [
      'queue:\n  sweepEverySeconds: 1\n  stuckAfterSeconds: 1',
      // The file's auth token is overridden by INMAIL_TWILIO_AUTH_TOKEN: requests are signed with the variable's.
      `webhooks:\n  twilio:\n    authToken: overridden-by-the-variable\n    publicUrl: ${PUBLIC_URL}`,
      '  sms:\n    stopWords: [STOP, ARRET]\n    startWords: [START]\n',
    ].join('\n'),
  );
  const made = await runCli(['tokens', 'create', '--scope', 'intake', '--json'], d.env);
  token = (JSON.parse(made.stdout) as { token: string }).token;
});
afterAll(async () => {
  await d?.stop();
});

describe('POST /v1/intake/sms: replies', () => {
  it('a signed STOP puts the number On denylist on the sms channel, by sms-stop; START lifts it, by sms-start', async () => {
    const r = await twilio(inbound('+33612345678', 'Stop'));
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ received: 1, stored: 1, duplicates: 0 });
    await waitFor('STOP applied', async () => (await d.address('sms', '+33612345678'))?.status === 'denylisted');
    expect(await history('+33612345678')).toEqual([{ by: 'sms-stop', to_status: 'denylisted' }]);

    expect((await twilio(inbound('+33612345678', 'START'))).status).toBe(200);
    await waitFor('START applied', async () => (await d.address('sms', '+33612345678'))?.status === 'valid');
    expect((await history('+33612345678')).map((h) => h.by)).toEqual(['sms-stop', 'sms-start']);
  });

  it("START never lifts an operator's denylist, set before the STOP or after it", async () => {
    const set = await runCli(['quarantine', 'set', '+33698765432', '--channel', 'sms', '--status', 'denylisted'], d.env);
    expect(set.code, set.stderr).toBe(0);
    expect((await bearer({ from: '+33 6 98 76 54 32', text: 'stop', id: 'op-1' })).status).toBe(200);
    expect((await bearer({ from: '+33698765432', text: 'start', id: 'op-2' })).status).toBe(200);

    // A STOP first, then an operator's denylist over it: the operator's now.
    expect((await bearer({ from: '+33611112222', text: 'STOP', id: 'op-3' })).status).toBe(200);
    await waitFor('STOP applied', async () => (await d.address('sms', '+33611112222'))?.status === 'denylisted');
    const over = await runCli(['quarantine', 'set', '+33611112222', '--channel', 'sms', '--status', 'denylisted'], d.env);
    expect(over.code, over.stderr).toBe(0);
    expect((await bearer({ from: '+33611112222', text: 'START', id: 'op-4' })).status).toBe(200);

    await d.processed('sms');
    expect(await d.address('sms', '+33698765432')).toMatchObject({ status: 'denylisted' });
    expect(await d.address('sms', '+33611112222')).toMatchObject({ status: 'denylisted' });
    expect((await history('+33698765432')).map((h) => h.by)).toEqual([expect.stringMatching(/^operator:/)]);
    expect((await history('+33611112222')).map((h) => h.by)).toEqual(['sms-stop', expect.stringMatching(/^operator:/)]);
  });

  it('the configured words decide: ARRET stops; UNSTOP, no longer configured, is just a reply', async () => {
    expect((await twilio(inbound('+33621212121', 'Arrêt'))).status).toBe(200);
    await waitFor('ARRET applied', async () => (await d.address('sms', '+33621212121'))?.status === 'denylisted');
    expect((await twilio(inbound('+33621212121', 'unstop'))).status).toBe(200);
    await d.processed('sms');
    expect(await d.address('sms', '+33621212121')).toMatchObject({ status: 'denylisted' });
  });

  it('a request signed for the URL the daemon sees, not the public one Twilio calls, is refused', async () => {
    const params = inbound('+33621212122', 'STOP');
    const sig = twilioSignature(AUTH_TOKEN, `${d.base}${PATH}`, Object.entries(params));
    const r = await d.post(PATH, new URLSearchParams(params).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': sig,
    });
    expect(r.status).toBe(401);
  });

  it('other replies are stored and processed and change nothing', async () => {
    expect((await twilio(inbound('+33655555555', 'See you on Tuesday, thanks'))).status).toBe(200);
    await d.processed('sms');
    expect(await d.address('sms', '+33655555555')).toBeNull();
    const events = await d.db.pool.query("SELECT 1 FROM bounce_event WHERE channel = 'sms' AND address = '+33655555555'");
    expect(events.rowCount).toBe(0);
  });
});

describe('POST /v1/intake/sms: delivery receipts', () => {
  it('an unknown destination handset (30005) quarantines the number, hard', async () => {
    expect((await twilio(statusCallback('+33622222222', 'undelivered', '30005'))).status).toBe(200);
    await waitFor('quarantined', async () => (await d.address('sms', '+33622222222'))?.status === 'quarantined');
    expect(await d.address('sms', '+33622222222')).toMatchObject({ reason: 'userunknown', error_count: 1 });
  });

  it('an unreachable handset (30003) counts one soft error, and a later delivered receipt releases it', async () => {
    expect((await twilio(statusCallback('+33633333333', 'undelivered', '30003'))).status).toBe(200);
    await waitFor('soft error', async () => (await d.address('sms', '+33633333333'))?.status === 'erroneous');
    expect(await d.address('sms', '+33633333333')).toMatchObject({ reason: 'expired', error_count: 1 });
    expect((await twilio(statusCallback('+33633333333', 'delivered'))).status).toBe(200);
    await waitFor('released', async () => (await d.address('sms', '+33633333333'))?.status === 'valid');
  });

  it('plain JSON receipts in a batch, with a bearer token', async () => {
    const r = await bearer([
      { to: '+4915112345678', status: 'failed', error: 'unknown subscriber', id: 'dlr-1' },
      { to: '+4915187654321', status: 'undelivered', error: 'absent subscriber', id: 'dlr-2' },
      { to: '+4915100000000', status: 'sent', id: 'dlr-3' },
    ]);
    expect(JSON.parse(r.body)).toEqual({ received: 3, stored: 3, duplicates: 0 });
    await d.processed('sms');
    expect(await d.address('sms', '+4915112345678')).toMatchObject({ status: 'quarantined', reason: 'userunknown' });
    expect(await d.address('sms', '+4915187654321')).toMatchObject({ status: 'erroneous', reason: 'expired' });
    expect(await d.address('sms', '+4915100000000')).toBeNull();
  });

  it('the same callback posted twice counts once', async () => {
    const callback = statusCallback('+33644444444', 'undelivered', '30003');
    expect(JSON.parse((await twilio(callback)).body)).toMatchObject({ stored: 1 });
    expect(JSON.parse((await twilio(callback)).body)).toMatchObject({ stored: 0, duplicates: 1 });
    const plain = { to: '+33644444445', status: 'failed', error: 'absent subscriber' };
    expect(JSON.parse((await bearer(plain)).body)).toMatchObject({ stored: 1 });
    expect(JSON.parse((await bearer(plain)).body)).toMatchObject({ stored: 0, duplicates: 1 });
    await d.processed('sms');
    const events = await d.db.pool.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM bounce_event WHERE channel = 'sms' AND address IN ('+33644444444', '+33644444445')",
    );
    expect(events.rows[0]?.n).toBe(2);
    expect(await d.address('sms', '+33644444444')).toMatchObject({ error_count: 1 });
  });
});

describe('POST /v1/intake/sms: refusals and outages', () => {
  it('a forged signature, none, or a wrong bearer token is refused and stores nothing', async () => {
    const before = await stored();
    const forged = inbound('+33677777777', 'STOP');
    expect((await twilio(forged, 'not-the-auth-token')).status).toBe(401);
    // Signed, then changed in transit.
    const signed = twilioSignature(AUTH_TOKEN, PUBLIC_URL, Object.entries(forged));
    const changed = new URLSearchParams({ ...forged, From: '+33677777778' }).toString();
    expect(
      (await d.post(PATH, changed, { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signed })).status,
    ).toBe(401);
    expect((await d.post(PATH, JSON.stringify({ from: '+33677777777', text: 'STOP' }))).status).toBe(401);
    expect((await d.post(PATH, JSON.stringify({ from: '+33677777777', text: 'STOP' }), { authorization: 'Bearer inm_nope' })).status).toBe(
      401,
    );
    expect(await stored()).toBe(before);
    expect(await d.address('sms', '+33677777777')).toBeNull();
    expect(await d.daemon.waitForLog(/refused: X-Twilio-Signature does not match/)).toContain('"intake":"sms"');
  });

  it('with Postgres cut the answer is 503 and the retry after it comes back is stored', async () => {
    const callback = statusCallback('+33688888888', 'failed', '30006');
    await d.pgProxy.cut();
    const during = await twilio(callback);
    await d.pgProxy.restore();
    expect(during.status).toBe(503);
    await waitFor('the retry is stored', async () => (await twilio(callback)).status === 200);
    await waitFor('quarantined', async () => (await d.address('sms', '+33688888888'))?.status === 'quarantined');
    expect(await d.address('sms', '+33688888888')).toMatchObject({ reason: 'notaccept' });
  });
});
