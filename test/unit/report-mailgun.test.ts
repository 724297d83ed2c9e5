// Mailgun's webhooks: the signature check of the intake (hex HMAC-SHA256 of
// timestamp + token, the replay window, a token used twice) and the reader of
// each event type. Events follow Mailgun's documented `event-data` fields;
// addresses and texts are made up. The token store here is a Set: the real
// one is Postgres (test/integration/intake-mailgun.test.ts).
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mailgunSignature, mailgunSource } from '../../src/intake/http/mailgun.js';
import type { WebhookRequest } from '../../src/intake/http/types.js';
import { readMailgun } from '../../src/parse/reports/mailgun.js';

const KEY = 'key-made-up-for-this-test';
const NOW = Date.UTC(2026, 11, 1, 10, 0, 0);

function request(eventData: Record<string, unknown>, opts: { timestamp?: string; token?: string; key?: string } = {}): WebhookRequest {
  const timestamp = opts.timestamp ?? String(NOW / 1000);
  const token = opts.token ?? randomBytes(25).toString('hex');
  const body = { signature: { timestamp, token, signature: mailgunSignature(opts.key ?? KEY, timestamp, token) }, 'event-data': eventData };
  return {
    url: 'http://x/v1/intake/mailgun',
    headers: {},
    body: Buffer.from(JSON.stringify(body)),
    remoteAddr: '192.0.2.9',
    tokenScoped: false,
  };
}

const failed = (fields: Record<string, unknown> = {}) => ({
  id: 'G9Bn5sl1TC6nu79C8C0bwg',
  event: 'failed',
  timestamp: 1764583200.25,
  severity: 'permanent',
  reason: 'bounce',
  recipient: 'someone@example.org',
  'delivery-status': {
    code: 550,
    'enhanced-code': '5.1.1',
    message: '5.1.1 The email account that you tried to reach does not exist.',
    description: '',
    'mx-host': 'mx.example.org',
    'attempt-no': 1,
  },
  message: { headers: { 'message-id': '20261201100000.1.ABC@mg.sender.example' } },
  ...fields,
});

function memoryNonces() {
  const seen = new Set<string>();
  return { seen: async (t: string) => seen.has(t), remember: async (t: string) => void seen.add(t) };
}

describe('mailgun intake: verification', () => {
  it('a signed request is one event keyed by its id; its token is remembered once committed, and refused after', async () => {
    const source = mailgunSource(KEY, memoryNonces(), () => NOW);
    const req = request(failed());
    const out = await source.receive(req);
    expect(out).toMatchObject({ kind: 'events', items: [{ keys: ['mailgun:event:G9Bn5sl1TC6nu79C8C0bwg'] }] });
    // Not committed (a 503): the same request may come again.
    expect((await source.receive(req)).kind).toBe('events');
    if (out.kind === 'events') await out.committed?.();
    expect(await source.receive(req)).toMatchObject({ kind: 'refused', status: 401, reason: 'replay' });
  });

  it('refuses another key, a changed token, an old timestamp, no signature', async () => {
    const source = mailgunSource(KEY, memoryNonces(), () => NOW);
    expect(await source.receive(request(failed(), { key: 'guessed' }))).toMatchObject({ kind: 'refused', reason: 'bad-signature' });
    const req = request(failed(), { token: 'a'.repeat(50) });
    const changed = { ...req, body: Buffer.from(req.body.toString().replace('a'.repeat(50), 'b'.repeat(50))) };
    expect(await source.receive(changed)).toMatchObject({ kind: 'refused', reason: 'bad-signature' });
    expect(await source.receive(request(failed(), { timestamp: String(NOW / 1000 - 3600) }))).toMatchObject({
      kind: 'refused',
      reason: 'replay',
    });
    expect(await source.receive({ ...req, body: Buffer.from('{"event-data":{}}') })).toMatchObject({
      kind: 'refused',
      reason: 'no-signature',
    });
    expect(await source.receive({ ...req, body: Buffer.from('not json') })).toMatchObject({ kind: 'refused', status: 401 });
  });

  it('opens and clicks are only counted', async () => {
    const out = await mailgunSource(KEY, memoryNonces(), () => NOW).receive(
      request({ id: 'x', event: 'opened', recipient: 'a@b.example' }),
    );
    expect(out).toMatchObject({ kind: 'events', items: [], ignored: 1 });
  });
});

describe('mailgun reader', () => {
  it('a permanent failure: the remote text and enhanced code decide', () => {
    const r = readMailgun(failed());
    expect(r.kind).toBe('bounce');
    expect(r.recipients[0]).toMatchObject({
      address: 'someone@example.org',
      action: 'failed',
      reason: 'userunknown',
      type: 'hard',
      status: '5.1.1',
      replyCode: '550',
      remoteMta: 'mx.example.org',
    });
    expect(r.original.deliveryId).toBe('20261201100000.1.ABC@mg.sender.example');
    expect(r.recipients[0]?.occurredAt?.toISOString()).toBe('2025-12-01T10:00:00.250Z');
  });

  it('a temporary failure is delayed and soft', () => {
    const r = readMailgun(
      failed({
        severity: 'temporary',
        reason: 'generic',
        'delivery-status': {
          code: 452,
          message: '4.2.2 The email account that you tried to reach is over quota.',
          'enhanced-code': '4.2.2',
        },
      }),
    );
    expect(r.recipients[0]).toMatchObject({ action: 'delayed', reason: 'mailboxfull', type: 'soft' });
  });

  it('the description counts when the message is empty', () => {
    const r = readMailgun(
      failed({ 'delivery-status': { code: 605, message: '', description: 'Not delivering to previously bounced address' } }),
    );
    expect(r.recipients[0]).toMatchObject({ action: 'failed', diagnostic: 'Not delivering to previously bounced address' });
  });

  it('suppressions repeat what they record; an ESP block changes nothing', () => {
    expect(readMailgun(failed({ reason: 'suppress-bounce', 'delivery-status': { code: 605, message: '' } })).recipients[0]).toMatchObject({
      action: 'failed',
      reason: 'userunknown',
    });
    expect(readMailgun(failed({ reason: 'suppress-complaint' })).recipients[0]).toMatchObject({ feedbackType: 'abuse' });
    expect(readMailgun(failed({ reason: 'suppress-unsubscribe' })).recipients[0]).toMatchObject({ feedbackType: 'opt-out' });
    expect(readMailgun(failed({ reason: 'espblock' }))).toMatchObject({ kind: 'unknown', recipients: [], error: null });
  });

  it('complained, unsubscribed and delivered', () => {
    const base = { id: 'x', timestamp: 1764583200, recipient: 'someone@example.org' };
    expect(readMailgun({ ...base, event: 'complained' })).toMatchObject({ kind: 'complaint', recipients: [{ feedbackType: 'abuse' }] });
    expect(readMailgun({ ...base, event: 'unsubscribed' })).toMatchObject({ kind: 'complaint', recipients: [{ feedbackType: 'opt-out' }] });
    expect(readMailgun({ ...base, event: 'delivered', 'delivery-status': { code: 250, message: 'OK' } }).recipients[0]).toMatchObject({
      action: 'delivered',
    });
  });

  it('an event without recipient comes back with an error', () => {
    expect(readMailgun({ event: 'failed' }).error).toMatch(/names no recipient/);
    expect(readMailgun('x').error).toMatch(/not a JSON object/);
  });
});
