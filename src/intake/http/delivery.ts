// The sending MTA's delivery reports (docs/intake.md, "Delivery reports"):
// POST /v1/intake/deliveries with a bearer token of scope `intake`, a body of
// JSON lines, one attempt each. A line that is not an attempt refuses the whole
// request (400, nothing stored), so the sender fixes its writer instead of
// losing lines silently. Attempts are stored in batches of DELIVERY_BATCH
// lines, one item each: at tens of thousands of attempts a second, an item per
// attempt would cost a raw row, its keys and a job each (measured in
// docs/intake.md). A batch's idempotency key is its bytes' hash: a request sent
// again counts once. The same attempt inside another batch is recognised later,
// by the worker (jobs/attempt-key.ts), when it states its time.
import { attemptOfLine, type DeliveryAttempt } from '../../domain/delivery.js';
import type { IncomingMail } from '../store-raw.js';
import { refused, type WebhookOutcome, type WebhookRequest, type WebhookSource } from './types.js';

/** Attempts per stored item. */
export const DELIVERY_BATCH = 1000;

/** The body's lines as attempts, or the first line that is not one. */
function readLines(text: string): { ok: true; attempts: DeliveryAttempt[] } | { ok: false; line: number; why: string } {
  const attempts: DeliveryAttempt[] = [];
  let n = 0;
  for (const line of text.split('\n')) {
    n++;
    const a = attemptOfLine(line);
    if (typeof a === 'string') return { ok: false, line: n, why: a };
    if (a) attempts.push(a);
  }
  return { ok: true, attempts };
}

/** Attempts as stored items of up to DELIVERY_BATCH each. */
export function deliveryItems(
  attempts: readonly DeliveryAttempt[],
  from: { remoteAddr?: string | null; ref?: string | null },
): IncomingMail[] {
  const items: IncomingMail[] = [];
  for (let i = 0; i < attempts.length; i += DELIVERY_BATCH) {
    const batch = attempts.slice(i, i + DELIVERY_BATCH);
    items.push({
      source: 'delivery',
      sourceRef: from.ref ?? null,
      remoteAddr: from.remoteAddr ?? null,
      rcptTo: [],
      body: Buffer.from(JSON.stringify(batch)),
    });
  }
  return items;
}

export function deliverySource(): WebhookSource {
  return {
    source: 'delivery',
    // Its key is the API's own token of scope intake: always on.
    configured: true,
    setting: '',
    path: 'deliveries',
    doc: {
      summary: 'delivery reports of the sending MTA, one JSON line per attempt',
      verifiedBy: 'a bearer token of scope intake',
      mediaTypes: ['application/x-ndjson'],
    },
    async receive(req: WebhookRequest): Promise<WebhookOutcome> {
      if (!req.tokenScoped) return refused(401, 'no-token', 'delivery reports need a bearer token of scope intake');
      const read = readLines(req.body.toString('utf8'));
      if (!read.ok) return refused(400, 'bad-line', `line ${read.line}: ${read.why}`);
      return { kind: 'events', items: deliveryItems(read.attempts, { remoteAddr: req.remoteAddr }) };
    },
  };
}
