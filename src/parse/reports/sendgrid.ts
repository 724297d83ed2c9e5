// SendGrid's Event Webhook events (its documented JSON: event bounce, dropped,
// deferred, delivered, spamreport, unsubscribe, group_unsubscribe). A bounce's
// `reason` is the remote server's text and decides through the classifier;
// SendGrid's `bounce_classification` is only the fallback. A drop is SendGrid
// refusing to send: for an address on its own suppression lists it repeats
// what an earlier event said (docs/intake.md), for anything else it is the
// sender's problem and changes nothing.
import type { Reason } from '../../domain/reasons.js';
import type { Action, ParsedMail } from '../../domain/verdict.js';
import { readAttempt } from '../report.js';
import { date, isObject, str, type Json } from './fields.js';
import { complaintVerdict } from '../verdicts.js';
import { reportOf, unknownReport } from './shape.js';

/** SendGrid's bounce classifications: what each says when the remote's text does not. */
const CLASSIFICATIONS: Record<string, Reason> = {
  'invalid address': 'userunknown',
  'mailbox unavailable': 'suspend',
  technical: 'systemerror',
  content: 'contenterror',
  reputation: 'badreputation',
  'frequency or volume': 'speeding',
  unclassified: 'undefined',
};

/** Drop reasons naming SendGrid's own suppression lists, and the address syntax check. */
const DROPS: Record<string, { fallback: Reason } | 'abuse' | 'opt-out'> = {
  'bounced address': { fallback: 'userunknown' },
  invalid: { fallback: 'userunknown' },
  'unsubscribed address': 'opt-out',
  'spam reporting address': 'abuse',
};

export function readSendgrid(event: unknown): ParsedMail {
  if (!isObject(event)) return unknownReport('sendgrid', 'event is not a JSON object');
  const type = str(event, 'event');
  const address = str(event, 'email');
  const at = date(event.timestamp);
  const deliveryId = str(event, 'sg_message_id') || null;
  if (!address) return unknownReport('sendgrid', `${type || 'event'} names no email`);
  const ignored = () => reportOf('sendgrid', 'unknown', [], deliveryId, at);
  const attempt = (action: Action, diagnostic: string, fallback: Reason, status = str(event, 'status')) =>
    reportOf(
      'sendgrid',
      'bounce',
      [readAttempt({ address, action, diagnostic, status: validStatus(status), occurredAt: at, fallback })],
      deliveryId,
      at,
    );
  switch (type) {
    case 'bounce':
      return attempt('failed', str(event, 'reason'), bounceFallback(event));
    case 'deferred':
      return attempt('delayed', str(event, 'response') || str(event, 'reason'), 'expired');
    case 'delivered':
      return attempt('delivered', str(event, 'response'), 'delivered', '');
    case 'spamreport':
      return reportOf('sendgrid', 'complaint', [complaintVerdict(address, 'abuse', at)], deliveryId, at);
    case 'unsubscribe':
    case 'group_unsubscribe':
      return reportOf('sendgrid', 'complaint', [complaintVerdict(address, 'opt-out', at)], deliveryId, at);
    case 'dropped': {
      const drop = DROPS[str(event, 'reason').trim().toLowerCase()];
      if (!drop) return ignored();
      if (drop === 'abuse' || drop === 'opt-out')
        return reportOf('sendgrid', 'complaint', [complaintVerdict(address, drop, at)], deliveryId, at);
      return attempt('failed', `SendGrid dropped: ${str(event, 'reason')}`, drop.fallback, '');
    }
    default:
      return ignored();
  }
}

/** The fallback of a bounce: its classification, else what its type says (a block is about the sender). */
function bounceFallback(event: Json): Reason {
  const c = CLASSIFICATIONS[str(event, 'bounce_classification').trim().toLowerCase()];
  if (c) return c;
  return str(event, 'type') === 'blocked' ? 'blocked' : 'undefined';
}

/** SendGrid's `status` is the enhanced code ("5.1.1"); anything else is left to the text. */
function validStatus(status: string): string {
  return /^[245]\.\d{1,3}\.\d{1,3}$/.test(status) ? status : '';
}
