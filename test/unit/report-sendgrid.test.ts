// SendGrid's Event Webhook: the signature check of the intake (keys made here,
// signed as SendGrid signs: ECDSA P-256 over SHA-256 of timestamp + body, DER,
// base64) and the reader of each event type. The events follow SendGrid's
// documented fields; addresses and texts are made up.
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sendgridSource, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../src/intake/http/sendgrid.js';
import type { WebhookRequest } from '../../src/intake/http/types.js';
import { readReport } from '../../src/parse/reports/index.js';
import { readSendgrid } from '../../src/parse/reports/sendgrid.js';

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const shownKey = publicKey.export({ format: 'der', type: 'spki' }).toString('base64');
const NOW = Date.UTC(2026, 11, 1, 10, 0, 0);

function request(body: string, timestamp = String(NOW / 1000), key = privateKey): WebhookRequest {
  const signature = sign('sha256', Buffer.from(timestamp + body), key).toString('base64');
  return {
    url: 'http://x/v1/intake/sendgrid',
    headers: { [SIGNATURE_HEADER]: signature, [TIMESTAMP_HEADER]: timestamp },
    body: Buffer.from(body),
    remoteAddr: '192.0.2.9',
    tokenScoped: false,
  };
}

const event = (fields: Record<string, unknown>) => ({
  email: 'someone@example.org',
  timestamp: 1764583200,
  sg_event_id: 'ZXZlbnQtMQ',
  sg_message_id: '14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0',
  ...fields,
});

describe('sendgrid intake: verification', () => {
  const source = sendgridSource(shownKey, () => NOW);
  const body = JSON.stringify([
    event({ event: 'bounce', sg_event_id: 'a1', reason: '550 5.1.1 user unknown' }),
    event({ event: 'open', sg_event_id: 'a2' }),
    event({ event: 'spamreport', sg_event_id: 'a3' }),
  ]);

  it('a request signed with the key SendGrid shows is split into its events, keyed by sg_event_id; opens are only counted', async () => {
    const out = await source.receive(request(body));
    expect(out.kind).toBe('events');
    if (out.kind !== 'events') return;
    expect(out.items.map((i) => i.keys)).toEqual([['sendgrid:event:a1'], ['sendgrid:event:a3']]);
    expect(out.ignored).toBe(1);
  });

  it('accepts the key as PEM too', async () => {
    const pem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect((await sendgridSource(pem, () => NOW).receive(request(body))).kind).toBe('events');
  });

  it('refuses another key, a changed body, a changed timestamp, no signature', async () => {
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey;
    expect(await source.receive(request(body, undefined, other))).toMatchObject({ kind: 'refused', status: 401, reason: 'bad-signature' });
    const changed = { ...request(body), body: Buffer.from(body.replace('a1', 'a9')) };
    expect(await source.receive(changed)).toMatchObject({ kind: 'refused', reason: 'bad-signature' });
    const retimed = request(body);
    retimed.headers[TIMESTAMP_HEADER] = String(NOW / 1000 + 1);
    expect(await source.receive(retimed)).toMatchObject({ kind: 'refused', reason: 'bad-signature' });
    expect(await source.receive({ ...request(body), headers: {} })).toMatchObject({ kind: 'refused', reason: 'no-signature' });
  });

  it('refuses a well signed request outside the replay window', async () => {
    expect(await source.receive(request(body, String(NOW / 1000 - 601)))).toMatchObject({ kind: 'refused', status: 401, reason: 'replay' });
    expect((await source.receive(request(body, String(NOW / 1000 - 590)))).kind).toBe('events');
  });

  it('is off without a key, and a key that is no EC public key stops the start', () => {
    expect(sendgridSource(undefined).configured).toBe(false);
    expect(() => sendgridSource('bm90IGEga2V5')).toThrow();
  });
});

describe('sendgrid reader', () => {
  it('a bounce: the remote text decides, over the classification', () => {
    const r = readSendgrid(
      event({
        event: 'bounce',
        type: 'bounce',
        status: '5.1.1',
        reason: '550 5.1.1 The email account that you tried to reach does not exist.',
        bounce_classification: 'Technical',
      }),
    );
    expect(r.kind).toBe('bounce');
    expect(r.recipients[0]).toMatchObject({
      address: 'someone@example.org',
      action: 'failed',
      reason: 'userunknown',
      type: 'hard',
      status: '5.1.1',
    });
    expect(r.original.deliveryId).toBe('14c5d75ce93.dfd.64b469.filter0001.16648.5515E0B88.0');
    expect(r.recipients[0]?.occurredAt?.toISOString()).toBe('2025-12-01T10:00:00.000Z');
  });

  it('a bounce whose text says nothing known falls back to its classification', () => {
    const r = readSendgrid(event({ event: 'bounce', type: 'bounce', reason: 'no thanks', bounce_classification: 'Invalid Address' }));
    expect(r.recipients[0]).toMatchObject({ reason: 'userunknown', sure: false });
  });

  it("a block with a reputation text is the sender's problem", () => {
    const r = readSendgrid(event({ event: 'bounce', type: 'blocked', reason: 'blocked', bounce_classification: 'Reputation' }));
    expect(r.recipients[0]).toMatchObject({ action: 'failed', type: 'ignored' });
  });

  it('deferred is delayed, read from its response', () => {
    const r = readSendgrid(event({ event: 'deferred', response: '452 4.2.2 mailbox over quota', attempt: '3' }));
    expect(r.recipients[0]).toMatchObject({ action: 'delayed', reason: 'mailboxfull', type: 'soft' });
  });

  it('delivered is a delivery', () => {
    expect(readSendgrid(event({ event: 'delivered', response: '250 2.0.0 OK' })).recipients[0]).toMatchObject({
      action: 'delivered',
      reason: 'delivered',
    });
  });

  it('a spam report is an abuse complaint; unsubscribes are opt-out complaints', () => {
    expect(readSendgrid(event({ event: 'spamreport' }))).toMatchObject({ kind: 'complaint', recipients: [{ feedbackType: 'abuse' }] });
    for (const e of ['unsubscribe', 'group_unsubscribe'])
      expect(readSendgrid(event({ event: e, asm_group_id: 7 }))).toMatchObject({
        kind: 'complaint',
        recipients: [{ feedbackType: 'opt-out' }],
      });
  });

  it("drops: the suppression lists repeat what they record, the sender's own problems change nothing", () => {
    expect(readSendgrid(event({ event: 'dropped', reason: 'Bounced Address' })).recipients[0]).toMatchObject({
      action: 'failed',
      type: 'hard',
    });
    expect(readSendgrid(event({ event: 'dropped', reason: 'Invalid' })).recipients[0]).toMatchObject({ action: 'failed', type: 'hard' });
    expect(readSendgrid(event({ event: 'dropped', reason: 'Unsubscribed Address' })).recipients[0]).toMatchObject({
      feedbackType: 'opt-out',
    });
    expect(readSendgrid(event({ event: 'dropped', reason: 'Spam Reporting Address' })).recipients[0]).toMatchObject({
      feedbackType: 'abuse',
    });
    for (const reason of ['Invalid SMTPAPI header', 'Spam Content (if spam checker app enabled)', 'Recipient List over Package Quota'])
      expect(readSendgrid(event({ event: 'dropped', reason }))).toMatchObject({ kind: 'unknown', recipients: [], error: null });
  });

  it('an event it cannot read comes back with an error, never a throw', () => {
    expect(readSendgrid(event({ event: 'bounce', email: '' })).error).toMatch(/names no email/);
    expect(readReport('sendgrid', Buffer.from('[not json')).error).toMatch(/not JSON/);
    expect(readReport('sendgrid', Buffer.from('7')).error).toMatch(/not a JSON object/);
  });
});
