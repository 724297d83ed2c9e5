// Mailgun's webhooks (docs/intake.md): one JSON event per request,
// {"signature":{"timestamp","token","signature"},"event-data":{...}}, signed with
// the hex HMAC-SHA256 of timestamp + token under the HTTP webhook signing key
// (webhooks.mailgun.signingKey, INMAIL_MAILGUN_SIGNING_KEY). A timestamp outside
// the replay window is refused, and so is a token already used: tokens are
// remembered in Postgres (intake_nonce) so that every api process knows them,
// and only once the request's events are committed, so that a request answered
// 503 can be sent again with the same token.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isObject, obj, str } from '../../parse/reports/fields.js';
import { withinWindow } from './replay-window.js';
import { eventItem, jsonBody, refused, type WebhookOutcome, type WebhookRequest, type WebhookSource } from './types.js';

/** Events that change no address: not stored, only counted. */
const MAILGUN_IGNORED: ReadonlySet<string> = new Set(['accepted', 'opened', 'clicked', 'stored', 'list_member_uploaded']);

/** The tokens already used, shared by the api processes (src/store/intake-nonces.ts). */
export interface NonceStore {
  seen(nonce: string): Promise<boolean>;
  remember(nonce: string): Promise<void>;
}

export function mailgunSignature(signingKey: string, timestamp: string, token: string): string {
  return createHmac('sha256', signingKey)
    .update(timestamp + token)
    .digest('hex');
}

function sameHex(given: string, expected: string): boolean {
  const a = Buffer.from(given.toLowerCase());
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function mailgunSource(signingKey: string | undefined, nonces: NonceStore, now: () => number = Date.now): WebhookSource {
  return {
    source: 'mailgun',
    configured: signingKey !== undefined,
    setting: 'webhooks.mailgun.signingKey (INMAIL_MAILGUN_SIGNING_KEY)',
    doc: {
      summary: 'Mailgun event webhooks',
      verifiedBy: 'HMAC-SHA256 of timestamp and token with INMAIL_MAILGUN_SIGNING_KEY',
      mediaTypes: ['application/json'],
    },
    async receive(req: WebhookRequest): Promise<WebhookOutcome> {
      const parsed = jsonBody(req);
      // The signature is inside the body: a body that is not JSON carries none.
      if (!parsed.ok) return refused(401, 'no-signature', 'body is not JSON, so it carries no signature');
      const body = isObject(parsed.value) ? parsed.value : {};
      const sig = obj(body, 'signature');
      const timestamp = str(sig, 'timestamp');
      const token = str(sig, 'token');
      const signature = str(sig, 'signature');
      if (!timestamp || !token || !signature) return refused(401, 'no-signature', 'no signature.timestamp, .token and .signature');
      if (!signingKey || !sameHex(signature, mailgunSignature(signingKey, timestamp, token)))
        return refused(401, 'bad-signature', 'signature does not match webhooks.mailgun.signingKey');
      if (!withinWindow(Number(timestamp), now())) return refused(401, 'replay', `timestamp ${timestamp} outside the replay window`);
      // A Postgres failure here throws: 503, and Mailgun sends again.
      if (await nonces.seen(token)) return refused(401, 'replay', 'token already used');
      const event = body['event-data'];
      if (!isObject(event)) return refused(400, 'bad-event', 'no event-data object');
      const type = str(event, 'event');
      const committed = () => nonces.remember(token);
      if (MAILGUN_IGNORED.has(type)) return { kind: 'events', items: [], ignored: 1, committed };
      const id = str(event, 'id');
      if (!id) return refused(400, 'bad-event', 'event-data has no id');
      return { kind: 'events', items: [eventItem('mailgun', id, event, req, type || null)], ignored: 0, committed };
    },
  };
}
