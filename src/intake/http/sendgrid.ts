// SendGrid's Event Webhook (docs/intake.md): a JSON array of events per request,
// signed with ECDSA P-256 over SHA-256 of the timestamp header followed by the
// raw body. The key is the public key SendGrid shows for the signed webhook
// (webhooks.sendgrid.verificationKey, INMAIL_SENDGRID_VERIFICATION_KEY: base64
// of its SPKI DER, or PEM). A timestamp outside the replay window is refused;
// within it, a replayed event is a duplicate of its sg_event_id.
import { verify, type KeyObject } from 'node:crypto';
import { ecPublicKey } from '../../config.js';
import { isObject } from '../../parse/reports/fields.js';
import { eventItem, header, jsonBody, refused, type WebhookOutcome, type WebhookRequest, type WebhookSource } from './types.js';
import { hashKey } from './event-key.js';
import { withinWindow } from './replay-window.js';

export const SIGNATURE_HEADER = 'x-twilio-email-event-webhook-signature';
export const TIMESTAMP_HEADER = 'x-twilio-email-event-webhook-timestamp';

/** Events that change no address: not stored, only counted (docs/intake.md). */
const SENDGRID_IGNORED: ReadonlySet<string> = new Set(['processed', 'open', 'click', 'group_resubscribe']);

/** The event's own id; SendGrid gives every event one, a hash of the event stands in if it is missing. */
const eventId = (event: Record<string, unknown>): string =>
  typeof event.sg_event_id === 'string' && event.sg_event_id ? event.sg_event_id : hashKey(event);

export function sendgridSource(verificationKey: string | undefined, now: () => number = Date.now): WebhookSource {
  let key: KeyObject | null = null;
  if (verificationKey !== undefined) {
    key = ecPublicKey(verificationKey);
    // The config check refuses such a key first; a caller that skipped it learns here.
    if (!key) throw new Error('INMAIL_SENDGRID_VERIFICATION_KEY: not an EC public key');
  }
  return {
    source: 'sendgrid',
    configured: key !== null,
    setting: 'webhooks.sendgrid.verificationKey (INMAIL_SENDGRID_VERIFICATION_KEY)',
    doc: {
      summary: 'SendGrid Event Webhook',
      verifiedBy: 'X-Twilio-Email-Event-Webhook-Signature (ECDSA) with INMAIL_SENDGRID_VERIFICATION_KEY',
      mediaTypes: ['application/json'],
    },
    async receive(req: WebhookRequest): Promise<WebhookOutcome> {
      const signature = header(req, SIGNATURE_HEADER);
      const timestamp = header(req, TIMESTAMP_HEADER);
      if (!signature || !timestamp) return refused(401, 'no-signature', `no ${SIGNATURE_HEADER} or ${TIMESTAMP_HEADER} header`);
      if (!key) return refused(401, 'bad-signature', 'no verification key');
      const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), req.body]);
      if (!verify('sha256', signed, key, Buffer.from(signature, 'base64')))
        return refused(401, 'bad-signature', 'signature does not verify with webhooks.sendgrid.verificationKey');
      // Checked after the signature, so that a forged request is never told about the window.
      if (!withinWindow(Number(timestamp), now())) return refused(401, 'replay', `timestamp ${timestamp} outside the replay window`);
      const parsed = jsonBody(req);
      if (!parsed.ok) return parsed.outcome;
      if (!Array.isArray(parsed.value)) return refused(400, 'bad-event', 'body is not a JSON array of events');
      const items = [];
      let ignored = 0;
      for (const e of parsed.value) {
        if (!isObject(e)) return refused(400, 'bad-event', 'an event is not a JSON object');
        const type = typeof e.event === 'string' ? e.event : '';
        if (SENDGRID_IGNORED.has(type)) {
          ignored++;
          continue;
        }
        items.push(eventItem('sendgrid', eventId(e), e, req, type || null));
      }
      return { kind: 'events', items, ignored };
    },
  };
}
