// Mailgun's webhook events (its documented JSON `event-data`: failed, complained,
// unsubscribed, delivered). A failure's delivery-status message is the remote
// server's text and decides through the classifier; Mailgun's severity gives the
// action (permanent: failed, temporary: delayed) and its reason the fallback.
// Mailgun's own suppressions (reason suppress-bounce, -complaint, -unsubscribe)
// repeat what an earlier event said, as SendGrid's drops do (docs/intake.md).
import type { Reason } from '../../domain/reasons.js';
import type { ParsedMail } from '../../domain/verdict.js';
import { readAttempt } from '../report.js';
import { date, isObject, obj, str, type Json } from './fields.js';
import { complaintVerdict } from '../verdicts.js';
import { reportOf, unknownReport } from './shape.js';

/** Mailgun's failure reasons: what each says when the remote's text does not; `ignore`: the sender's side. */
const REASONS: Record<string, Reason | 'abuse' | 'opt-out' | 'ignore'> = {
  bounce: 'undefined',
  generic: 'undefined',
  old: 'expired',
  'suppress-bounce': 'userunknown',
  'suppress-complaint': 'abuse',
  'suppress-unsubscribe': 'opt-out',
  espblock: 'ignore',
};

export function readMailgun(event: unknown): ParsedMail {
  if (!isObject(event)) return unknownReport('mailgun', 'event-data is not a JSON object');
  const type = str(event, 'event');
  const address = str(event, 'recipient');
  const at = date(event.timestamp);
  const deliveryId = messageId(event);
  if (!address) return unknownReport('mailgun', `${type || 'event'} names no recipient`);
  const status = obj(event, 'delivery-status');
  switch (type) {
    case 'failed': {
      const reason = REASONS[str(event, 'reason')] ?? 'undefined';
      if (reason === 'ignore') return reportOf('mailgun', 'unknown', [], deliveryId, at);
      if (reason === 'abuse' || reason === 'opt-out')
        return reportOf('mailgun', 'complaint', [complaintVerdict(address, reason, at)], deliveryId, at);
      const temporary = str(event, 'severity') === 'temporary';
      const v = readAttempt({
        address,
        action: temporary ? 'delayed' : 'failed',
        diagnostic: diagnostic(status) || `Mailgun: ${str(event, 'reason')}`,
        status: str(status, 'enhanced-code'),
        replyCode: replyCode(status),
        remoteMta: str(status, 'mx-host'),
        occurredAt: at,
        fallback: temporary && reason === 'undefined' ? 'expired' : reason,
      });
      return reportOf('mailgun', 'bounce', [v], deliveryId, at);
    }
    case 'delivered': {
      const v = readAttempt({
        address,
        action: 'delivered',
        diagnostic: diagnostic(status),
        remoteMta: str(status, 'mx-host'),
        occurredAt: at,
      });
      return reportOf('mailgun', 'bounce', [v], deliveryId, at);
    }
    case 'complained':
      return reportOf('mailgun', 'complaint', [complaintVerdict(address, 'abuse', at)], deliveryId, at);
    case 'unsubscribed':
      return reportOf('mailgun', 'complaint', [complaintVerdict(address, 'opt-out', at)], deliveryId, at);
    default:
      return reportOf('mailgun', 'unknown', [], deliveryId, at);
  }
}

/** The remote's words: `message` is its reply, `description` Mailgun's account of it; both when they differ. */
function diagnostic(status: Json): string {
  const message = str(status, 'message').trim();
  const description = str(status, 'description').trim();
  if (!description || description === message) return message;
  return message ? `${message} ${description}` : description;
}

function replyCode(status: Json): string {
  const code = str(status, 'code');
  return /^[245]\d\d$/.test(code) ? code : '';
}

function messageId(event: Json): string | null {
  return str(obj(obj(event, 'message'), 'headers'), 'message-id') || null;
}
