// The webhook intake under load: SendGrid Event Webhook batches (arrays of 100
// to 1000 events, as SendGrid posts them), signed with a key pair made here,
// posted by a few concurrent senders to the daemon's /v1/intake/sendgrid until
// every stored event is processed. A realistic mix: mostly deliveries and
// bounces, some deferrals, drops, complaints and unsubscribes, and the opens,
// clicks and "processed" events SendGrid sends alongside, which the intake
// counts and leaves aside (docs/intake.md).
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import { prng } from '../helpers/prng.js';

export interface SendgridKeys {
  /** As SendGrid shows it: base64 of the SPKI DER. */
  shown: string;
  privateKey: KeyObject;
}

export function sendgridKeys(): SendgridKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { shown: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'), privateKey };
}

const MIX: [number, string][] = [
  [0.35, 'delivered'],
  [0.2, 'bounce'],
  [0.1, 'deferred'],
  [0.04, 'dropped'],
  [0.03, 'spamreport'],
  [0.03, 'unsubscribe'],
  [0.1, 'processed'],
  [0.1, 'open'],
  [0.05, 'click'],
];

const BOUNCE_TEXTS = [
  ['5.1.1', '550 5.1.1 The email account that you tried to reach does not exist.', 'Invalid Address'],
  ['5.2.2', '552 5.2.2 Mailbox full', 'Mailbox Unavailable'],
  ['5.7.1', '550 5.7.1 Message rejected due to local policy', 'Content'],
  ['5.0.0', '550 Requested action not taken: mailbox unavailable', 'Invalid Address'],
  ['', 'connection refused by remote host', 'Technical'],
] as const;

export function sendgridBatches(seed: number, events: number, addresses: number): { bodies: string[]; stored: number } {
  const rnd = prng(seed);
  const bodies: string[] = [];
  let stored = 0;
  let id = 0;
  const now = Math.floor(Date.now() / 1000);
  while (id < events) {
    const size = Math.min(events - id, 100 + Math.floor(rnd() * 901));
    const batch: Record<string, unknown>[] = [];
    for (let i = 0; i < size; i++, id++) {
      const x = rnd();
      let acc = 0;
      const type = MIX.find(([p]) => (acc += p) > x)?.[1] ?? 'delivered';
      const email = `user${Math.floor(rnd() * addresses)}@d${Math.floor(rnd() * 200)}.bench`;
      const e: Record<string, unknown> = {
        email,
        timestamp: now,
        'smtp-id': `<${seed}.${id}@sender.bench>`,
        event: type,
        sg_event_id: `bench-${seed}-${id}`,
        sg_message_id: `msg${seed}.${id}.filter0001.0`,
        category: ['newsletter'],
      };
      if (type === 'bounce') {
        const [status, reason, cls] = BOUNCE_TEXTS[Math.floor(rnd() * BOUNCE_TEXTS.length)] ?? BOUNCE_TEXTS[0];
        Object.assign(e, { type: rnd() < 0.8 ? 'bounce' : 'blocked', status, reason, bounce_classification: cls });
      } else if (type === 'deferred') Object.assign(e, { response: '451 4.3.0 try again later', attempt: '1' });
      else if (type === 'delivered') Object.assign(e, { response: '250 2.0.0 OK queued' });
      else if (type === 'dropped') e.reason = rnd() < 0.5 ? 'Bounced Address' : 'Unsubscribed Address';
      else if (type === 'open' || type === 'click')
        Object.assign(e, { useragent: 'Mozilla/5.0', ip: '192.0.2.1', url: 'https://x.bench/' });
      if (type !== 'processed' && type !== 'open' && type !== 'click') stored++;
      batch.push(e);
    }
    bodies.push(JSON.stringify(batch));
  }
  return { bodies, stored };
}

export interface WebhookLoadResult {
  events: number;
  stored: number;
  batches: number;
  /** Events posted per second (all of them), from the first post to the last event processed. */
  rate: number;
  /** The same over the events stored and processed. */
  storedRate: number;
  /** Events per second the intake answered 200 for (posting only). */
  intakeRate: number;
  seconds: number;
  retries: number;
}

export async function postSendgrid(o: {
  base: string;
  keys: SendgridKeys;
  bodies: readonly string[];
  senders: number;
  events: number;
  stored: number;
  pool: Pool;
}): Promise<WebhookLoadResult> {
  let next = 0;
  let retries = 0;
  const t0 = performance.now();
  const sender = async () => {
    for (;;) {
      const body = o.bodies[next++];
      if (body === undefined) return;
      for (;;) {
        // Signed when sent, as SendGrid does: the timestamp is the request's.
        const timestamp = String(Math.floor(Date.now() / 1000));
        const signature = sign('sha256', Buffer.from(timestamp + body), o.keys.privateKey).toString('base64');
        const r = await fetch(`${o.base}/v1/intake/sendgrid`, {
          method: 'POST',
          body,
          headers: {
            'content-type': 'application/json',
            'x-twilio-email-event-webhook-signature': signature,
            'x-twilio-email-event-webhook-timestamp': timestamp,
          },
        });
        await r.text();
        if (r.status === 200) break;
        if (r.status !== 503) throw new Error(`intake answered ${r.status}`);
        retries++;
        await new Promise((res) => setTimeout(res, 200));
      }
    }
  };
  await Promise.all(Array.from({ length: o.senders }, sender));
  const postedAt = performance.now();
  for (;;) {
    const r = await o.pool.query<{ pending: number; total: number }>(
      `SELECT count(*) FILTER (WHERE state = 'pending')::int AS pending, count(*)::int AS total FROM raw_mail WHERE source = 'sendgrid'`,
    );
    const row = r.rows[0];
    if (row && row.pending === 0 && row.total >= o.stored) break;
    if (performance.now() - postedAt > 300_000) throw new Error(`not processed after 300 s: ${JSON.stringify(row)}`);
    await new Promise((res) => setTimeout(res, 100));
  }
  const seconds = (performance.now() - t0) / 1000;
  return {
    events: o.events,
    stored: o.stored,
    batches: o.bodies.length,
    rate: o.events / seconds,
    storedRate: o.stored / seconds,
    intakeRate: o.events / ((postedAt - t0) / 1000),
    seconds,
    retries,
  };
}
