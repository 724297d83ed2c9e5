// What an HTTP intake (an ESP's event webhook, an SMS gateway, push results)
// does with one request: verify it as its provider signs it, then split it into
// events, each stored as its own item with the provider's event id as its
// idempotency key (docs/intake.md). Storing and enqueueing is the contract's
// (accept.ts); a source only reads and verifies.
import type { IncomingHttpHeaders } from 'node:http';
import type { ReportSource } from '../../domain/source.js';
import type { IncomingMail } from '../store-raw.js';

export interface WebhookRequest {
  /** The URL as the provider called it (scheme, host, path and query): some signatures cover it. */
  url: string;
  headers: IncomingHttpHeaders;
  /** The body exactly as received: signatures cover the bytes. */
  body: Buffer;
  remoteAddr: string;
  /** A bearer token of scope `intake` came with the request (SMS and push accept one instead of a signature). */
  tokenScoped: boolean;
}

export type WebhookOutcome =
  /** Verified: these events are stored (an empty list is a valid request that carries none). */
  | {
      kind: 'events';
      items: IncomingMail[];
      /** Verified events that change no address (opens, clicks): counted, not stored. */
      ignored?: number;
      /** Run after the items are committed, before the 2xx (Mailgun's token is remembered only once its events are stored). */
      committed?: () => Promise<void>;
    }
  /** Refused before anything is stored: answered with `status`, counted under `reason`, logged with `why`. */
  | { kind: 'refused'; status: 400 | 401 | 403 | 415; reason: string; why: string }
  /** Verified and answered without storing anything (an SNS subscription confirmed). */
  | { kind: 'answered'; status: number; message: string };

export interface WebhookSource {
  source: ReportSource;
  /** False when its keys are not configured: the path then answers 404 and says which setting is missing. */
  configured: boolean;
  /** The setting that enables it, for that message. */
  setting: string;
  /** The last part of its URL, /v1/intake/{path}; the source's name when absent. */
  path?: string;
  /** For the API document (openapi.json): what it takes, how it is verified, the body's media types. */
  doc: { summary: string; verifiedBy: string; mediaTypes: readonly string[] };
  receive(req: WebhookRequest): Promise<WebhookOutcome>;
}

export const refused = (status: 400 | 401 | 403 | 415, reason: string, why: string): WebhookOutcome => ({
  kind: 'refused',
  status,
  reason,
  why,
});

/** One event as a stored item: its JSON, keyed by the provider's own id so that a retry counts once. */
export function eventItem(source: ReportSource, eventId: string, event: unknown, req: WebhookRequest, ref?: string | null): IncomingMail {
  return {
    source,
    sourceRef: ref ?? null,
    remoteAddr: req.remoteAddr,
    rcptTo: [],
    body: Buffer.from(JSON.stringify(event)),
    keys: [`${source}:event:${eventId}`],
  };
}

export function header(req: WebhookRequest, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** The body as JSON, or a refusal saying why not. */
export function jsonBody(req: WebhookRequest): { ok: true; value: unknown } | { ok: false; outcome: WebhookOutcome } {
  try {
    return { ok: true, value: JSON.parse(req.body.toString('utf8')) as unknown };
  } catch (err) {
    return { ok: false, outcome: refused(400, 'bad-json', `body is not JSON: ${err instanceof Error ? err.message : String(err)}`) };
  }
}
