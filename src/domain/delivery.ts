// One delivery attempt as the sending MTA reports it (docs/intake.md, "Delivery
// reports"): the JSON line of POST /v1/intake/deliveries, and what the readers
// of Postfix, KumoMTA and PowerMTA logs turn their records into.
export const DELIVERY_OUTCOMES = ['delivered', 'deferred', 'failed'] as const;
export type DeliveryOutcome = (typeof DELIVERY_OUTCOMES)[number];

export interface DeliveryAttempt {
  recipient: string;
  outcome: DeliveryOutcome;
  /** The remote's SMTP reply: code (550), enhanced status (5.1.1), text, as far as the reporter knows them. */
  code?: string;
  enhanced?: string;
  text?: string;
  /** The SMTP command the remote refused (RCPT, DATA, MAIL, CONNECT), when the reporter says. */
  command?: string;
  /** The MX the sender talked to. */
  mxHost?: string;
  mxIp?: string;
  /** When the attempt ended (ISO 8601). */
  at?: string;
  /** The sending side's own id of the message. */
  deliveryId?: string;
}

const OUTCOMES: ReadonlySet<string> = new Set(DELIVERY_OUTCOMES);
const TEXT_FIELDS = ['code', 'enhanced', 'text', 'command', 'mxHost', 'mxIp', 'at', 'deliveryId'] as const;
/** A field longer than this is cut: a reply text is a few hundred bytes, never a mail. */
const MAX_FIELD = 2000;

/** A JSON value read as an attempt, or why it is not one. Numbers are accepted where text is expected (code 550). */
export function toAttempt(v: unknown): DeliveryAttempt | string {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const o = v as Record<string, unknown>;
  const recipient = typeof o.recipient === 'string' ? o.recipient.trim() : '';
  if (!recipient.includes('@')) return 'recipient is missing or not an address';
  if (typeof o.outcome !== 'string' || !OUTCOMES.has(o.outcome)) return `outcome must be one of ${DELIVERY_OUTCOMES.join(', ')}`;
  const a: DeliveryAttempt = { recipient: recipient.slice(0, MAX_FIELD), outcome: o.outcome as DeliveryOutcome };
  for (const k of TEXT_FIELDS) {
    const f = o[k];
    if (typeof f === 'string' && f !== '') a[k] = f.slice(0, MAX_FIELD);
    else if (typeof f === 'number' && Number.isFinite(f)) a[k] = String(f);
  }
  if (a.at !== undefined && Number.isNaN(new Date(a.at).getTime())) return 'at is not a date';
  return a;
}

/** One JSON line read as an attempt: null for a blank line, or why it is not one. */
export function attemptOfLine(line: string): DeliveryAttempt | string | null {
  if (!line.trim()) return null;
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch {
    return 'not JSON';
  }
  return toAttempt(v);
}
