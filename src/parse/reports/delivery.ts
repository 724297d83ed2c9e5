// The sending MTA's delivery reports (docs/intake.md, "Delivery reports"): a
// stored item holds a batch of attempts, each read into a recipient verdict
// through readAttempt, so that a refusal during the sender's own SMTP
// conversation gets the reason a bounce with the same text would get. A
// delivered attempt is a success (it releases an `erroneous` address), a
// deferred one a delay.
import { toAttempt, type DeliveryAttempt } from '../../domain/delivery.js';
import { qualify } from '../../domain/reasons.js';
import type { Action, ParsedMail, RecipientVerdict } from '../../domain/verdict.js';
import type { SmtpCommand } from '../classify.js';
import { readAttempt } from '../report.js';
import { date } from './fields.js';
import { reportOf, unknownReport } from './shape.js';

const ACTIONS: Record<DeliveryAttempt['outcome'], Action> = { delivered: 'delivered', deferred: 'delayed', failed: 'failed' };

/** The reporter's name of the refused command, in the classifier's terms; '' lets the text decide. */
export function commandOf(name: string | undefined): SmtpCommand | '' {
  const c = (name ?? '').trim().toUpperCase();
  if (c.startsWith('RCPT')) return 'RCPT';
  if (c.startsWith('MAIL')) return 'MAIL';
  if (c.startsWith('DATA') || c.includes('END-OF-DATA') || c.startsWith('BDAT') || c === 'BODY') return 'DATA';
  if (c === 'HELO' || c === 'EHLO' || c === 'LHLO') return 'HELO';
  if (c.startsWith('CONN') || c === 'GREETING' || c === 'BANNER') return 'CONN';
  return '';
}

/** The reply as the remote sent it ("550 5.1.1 text"), from the parts the reporter gives. */
function replyText(a: DeliveryAttempt): string {
  const text = (a.text ?? '').trim();
  if (/^[2-5]\d\d\b/.test(text)) return text;
  return [a.code, a.enhanced, text].filter((s) => s).join(' ');
}

const DELIVERED = qualify('delivered');

export function attemptVerdict(a: DeliveryAttempt): RecipientVerdict {
  // Most attempts are deliveries: their text decides nothing, so the classifier is not run for them.
  if (a.outcome === 'delivered')
    return {
      address: a.recipient,
      action: 'delivered',
      status: a.enhanced ?? '',
      replyCode: a.code ?? '',
      reason: 'delivered',
      type: DELIVERED.type,
      failureReason: DELIVERED.failureReason,
      diagnostic: replyText(a),
      remoteMta: a.mxHost || a.mxIp || '',
      feedbackType: null,
      occurredAt: date(a.at),
      sure: true,
      deliveryId: a.deliveryId ?? null,
    };
  const command = commandOf(a.command);
  const v = readAttempt({
    address: a.recipient,
    action: ACTIONS[a.outcome],
    diagnostic: replyText(a),
    ...(a.enhanced ? { status: a.enhanced } : {}),
    ...(a.code ? { replyCode: a.code } : {}),
    remoteMta: a.mxHost || a.mxIp || '',
    occurredAt: date(a.at),
    ...(command ? { command } : {}),
  });
  return { ...v, deliveryId: a.deliveryId ?? null };
}

/** A stored batch: a JSON array of attempts (as validated at intake). */
export function readDelivery(event: unknown): ParsedMail {
  if (!Array.isArray(event)) return unknownReport('delivery', 'stored delivery report is not a JSON array');
  const recipients: RecipientVerdict[] = [];
  for (const line of event) {
    const a = toAttempt(line);
    if (typeof a !== 'string') recipients.push(attemptVerdict(a));
  }
  return reportOf('delivery', 'bounce', recipients, null, null);
}
