// Amazon SES notifications through an SNS topic's HTTPS subscription
// (docs/intake.md, "Amazon SES"). Every SNS message is signed (sns-signature.ts)
// with a certificate from the trusted set or fetched from the SNS host pattern
// only (sns-certs.ts); only the configured topics are accepted, and an old
// Timestamp is refused as a replay. A Notification is stored whole, one item
// per SNS MessageId (SNS retries with the same id), and read later by
// src/parse/reports/ses.ts; a SubscriptionConfirmation is confirmed by fetching
// its SubscribeURL, and stores nothing.
import { isObject, str, type Json } from '../../parse/reports/fields.js';
import { FetchRefused, FetchUnavailable, hostPattern, httpsGet, snsCerts, urlRefusal, validNow, type SnsCerts } from './sns-certs.js';
import { isSnsType, supportedVersion, verifySns, type SnsType } from './sns-signature.js';
import { eventItem, jsonBody, refused, type WebhookOutcome, type WebhookRequest, type WebhookSource } from './types.js';

export interface SesSettings {
  trustedCerts: readonly string[];
  topicArns: readonly string[];
  certHost: string;
  /** A message whose Timestamp is older than this is refused (0: no limit). */
  maxAgeSeconds: number;
}

/** Longest wait for the SNS host (a certificate, a SubscribeURL): SNS itself gives up on us after 15 s. */
const FETCH_TIMEOUT_MS = 5000;
const MAX_CONFIRM_BYTES = 64 * 1024;

const REQUIRED: Record<SnsType, readonly string[]> = {
  Notification: ['MessageId', 'TopicArn', 'Message', 'Timestamp'],
  SubscriptionConfirmation: ['MessageId', 'TopicArn', 'Message', 'Timestamp', 'SubscribeURL', 'Token'],
  UnsubscribeConfirmation: ['MessageId', 'TopicArn', 'Message', 'Timestamp', 'SubscribeURL', 'Token'],
};

const unavailable = (why: string): WebhookOutcome => ({
  kind: 'answered',
  status: 503,
  message: `${why}: answered 503 so that SNS retries`,
});

/** SES's notificationType (or eventType, for event publishing) of a Notification, as the item's reference. */
function sesKind(message: string): string | null {
  try {
    const m: unknown = JSON.parse(message);
    if (!isObject(m)) return null;
    return str(m, 'notificationType') || str(m, 'eventType') || null;
  } catch {
    return null;
  }
}

export function sesSource(settings: SesSettings | undefined): WebhookSource {
  const topics = new Set(settings?.topicArns ?? []);
  const host = hostPattern(settings?.certHost ?? '(?!)');
  const certs: SnsCerts = snsCerts(settings?.trustedCerts ?? [], FETCH_TIMEOUT_MS);
  const maxAgeMs = (settings?.maxAgeSeconds ?? 0) * 1000;

  /** Verifies the message's signature: a refusal, a 503 when its certificate cannot be fetched now, or null when it is SNS's. */
  async function verify(type: SnsType, m: Json): Promise<WebhookOutcome | null> {
    const version = m.SignatureVersion;
    const signature = str(m, 'Signature');
    const certUrl = str(m, 'SigningCertURL');
    if (!signature || !certUrl) return refused(401, 'no-signature', 'no Signature or SigningCertURL: not an SNS message');
    if (!supportedVersion(version)) return refused(401, 'signature-version', `SignatureVersion ${String(version)} is not 1 or 2`);
    const badUrl = urlRefusal(certUrl, host, true);
    if (badUrl) return refused(401, 'cert-url', `SigningCertURL refused (${badUrl})`);
    const now = Date.now();
    if (certs.trusted.some((c) => validNow(c, now) && verifySns(type, m, version, signature, c))) return null;
    let cert;
    try {
      cert = await certs.fetch(certUrl);
    } catch (err) {
      if (err instanceof FetchUnavailable) return unavailable(`signing certificate unavailable (${err.message})`);
      return refused(401, 'cert-unavailable', `signing certificate refused: ${err instanceof FetchRefused ? err.message : String(err)}`);
    }
    return verifySns(type, m, version, signature, cert) ? null : refused(401, 'bad-signature', 'SNS signature does not verify');
  }

  async function confirm(m: Json): Promise<WebhookOutcome> {
    const url = str(m, 'SubscribeURL');
    const topic = str(m, 'TopicArn');
    const badUrl = urlRefusal(url, host, false);
    if (badUrl) return refused(401, 'subscribe-url', `SubscribeURL refused (${badUrl})`);
    try {
      await httpsGet(url, FETCH_TIMEOUT_MS, MAX_CONFIRM_BYTES);
    } catch (err) {
      // SNS sends the confirmation again on a 5xx; a refused URL is as much worth a retry.
      return unavailable(`subscription to ${topic} not confirmed (${err instanceof Error ? err.message : String(err)})`);
    }
    return { kind: 'answered', status: 200, message: `subscription to ${topic} confirmed` };
  }

  return {
    source: 'ses',
    configured: topics.size > 0,
    setting: 'webhooks.ses.topicArns',
    doc: {
      summary: 'Amazon SES notifications through SNS',
      verifiedBy: 'SNS message signature (v1, v2); topic in webhooks.ses.topicArns',
      mediaTypes: ['text/plain', 'application/json'],
    },
    async receive(req: WebhookRequest): Promise<WebhookOutcome> {
      const parsed = jsonBody(req);
      if (!parsed.ok) return parsed.outcome;
      const m = parsed.value;
      if (!isObject(m)) return refused(400, 'bad-message', 'body is not a JSON object');
      const type = m.Type;
      if (!isSnsType(type)) return refused(400, 'bad-message', `unknown SNS message Type ${JSON.stringify(type)?.slice(0, 60) ?? ''}`);
      const missing = REQUIRED[type].find((f) => typeof m[f] !== 'string' || m[f] === '');
      if (missing) return refused(400, 'bad-message', `${type} without ${missing}`);
      const topic = str(m, 'TopicArn');
      if (!topics.has(topic)) return refused(401, 'topic', `TopicArn ${topic} is not in webhooks.ses.topicArns`);
      const at = Date.parse(str(m, 'Timestamp'));
      if (Number.isNaN(at)) return refused(400, 'bad-message', 'Timestamp is not a date');
      if (maxAgeMs > 0 && Date.now() - at > maxAgeMs)
        return refused(401, 'stale', `Timestamp ${str(m, 'Timestamp')} is older than webhooks.ses.maxAgeSeconds: a replay`);
      const failed = await verify(type, m);
      if (failed) return failed;
      if (type === 'SubscriptionConfirmation') return confirm(m);
      if (type === 'UnsubscribeConfirmation')
        return { kind: 'answered', status: 200, message: `unsubscribed from ${topic}; not subscribing again` };
      return { kind: 'events', items: [eventItem('ses', str(m, 'MessageId'), m, req, sesKind(str(m, 'Message')))] };
    },
  };
}
