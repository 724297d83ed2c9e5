// Postmark's bounce, spam-complaint and delivery webhooks (docs/intake.md):
// one JSON event per request, protected by HTTP basic auth on the webhook URL
// (webhooks.postmark.auth, INMAIL_POSTMARK_AUTH). Postmark retries on any
// answer but 2xx, so a refusal of a stored event never happens here.
import { timingSafeEqual } from 'node:crypto';
import { eventItem, header, jsonBody, refused, type WebhookOutcome, type WebhookRequest, type WebhookSource } from './types.js';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The id Postmark gives each record, made unique across record types. */
function eventId(event: Record<string, unknown>): string | null {
  const type = typeof event.RecordType === 'string' ? event.RecordType : '';
  if (typeof event.ID === 'number' || (typeof event.ID === 'string' && event.ID)) return `${type}:${event.ID}`;
  // Delivery records have no ID of their own: the message and the recipient name one.
  if (typeof event.MessageID === 'string' && typeof event.Recipient === 'string') return `${type}:${event.MessageID}:${event.Recipient}`;
  return null;
}

export function postmarkSource(auth: string | undefined): WebhookSource {
  return {
    source: 'postmark',
    configured: auth !== undefined,
    setting: 'webhooks.postmark.auth (INMAIL_POSTMARK_AUTH)',
    doc: {
      summary: 'Postmark bounce, spam complaint and delivery webhooks',
      verifiedBy: 'HTTP basic auth INMAIL_POSTMARK_AUTH',
      mediaTypes: ['application/json'],
    },
    async receive(req: WebhookRequest): Promise<WebhookOutcome> {
      const m = /^Basic\s+(\S+)\s*$/i.exec(header(req, 'authorization') ?? '');
      if (!m?.[1]) return refused(401, 'no-auth', 'no basic auth: the webhook URL must carry user:password');
      if (!auth || !sameSecret(Buffer.from(m[1], 'base64').toString('utf8'), auth))
        return refused(401, 'bad-auth', 'basic auth does not match webhooks.postmark.auth');
      const parsed = jsonBody(req);
      if (!parsed.ok) return parsed.outcome;
      const events = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
      const items = [];
      for (const e of events) {
        if (typeof e !== 'object' || e === null) return refused(400, 'bad-event', 'an event is not a JSON object');
        const event = e as Record<string, unknown>;
        const id = eventId(event);
        if (!id) return refused(400, 'bad-event', 'event has neither ID nor MessageID and Recipient');
        items.push(eventItem('postmark', id, event, req, typeof event.RecordType === 'string' ? event.RecordType : null));
      }
      return { kind: 'events', items };
    },
  };
}
