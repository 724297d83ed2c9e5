// The sending side's push results (docs/intake.md): `{"token","platform","error",
// "status"}`, one or an array, posted with a bearer token of scope intake (push
// services sign nothing that reaches us); so always on.
import { isObject, str } from '../../parse/reports/fields.js';
import type { IncomingMail } from '../store-raw.js';
import { hashKey } from './event-key.js';
import { eventItem, jsonBody, refused, type WebhookOutcome, type WebhookRequest, type WebhookSource } from './types.js';

export function pushSource(): WebhookSource {
  return {
    source: 'push',
    configured: true,
    setting: 'a bearer token of scope intake',
    doc: { summary: 'push send results (FCM, APNs)', verifiedBy: 'a bearer token of scope intake', mediaTypes: ['application/json'] },
    async receive(req: WebhookRequest): Promise<WebhookOutcome> {
      if (!req.tokenScoped) return refused(401, 'no-auth', 'push results need a bearer token of scope intake');
      const parsed = jsonBody(req);
      if (!parsed.ok) return parsed.outcome;
      const events = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
      const items: IncomingMail[] = [];
      for (const event of events) {
        if (!isObject(event)) return refused(400, 'bad-event', 'a result is not a JSON object');
        if (!str(event, 'token').trim()) return refused(400, 'bad-event', 'a result names no token');
        const id = str(event, 'id');
        items.push(eventItem('push', id ? `id:${id}` : hashKey(event), event, req, str(event, 'platform') || null));
      }
      return { kind: 'events', items };
    },
  };
}
