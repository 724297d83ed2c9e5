// Postmark's webhook records (its documented JSON: RecordType Bounce,
// SpamComplaint, Delivery). A bounce's `Details` is the remote's own text and
// decides the reason through the classifier; Postmark's `Type` is only the
// fallback when that text says nothing known, and decides the few types that
// are not failures of the recipient at all.
import type { Reason } from '../../domain/reasons.js';
import type { Action, ParsedMail, RecipientVerdict } from '../../domain/verdict.js';
import { readAttempt } from '../report.js';
import { date, isObject, str } from './fields.js';
import { autoReplyVerdict, complaintVerdict } from '../verdicts.js';
import { reportOf, unknownReport } from './shape.js';

type Meaning = { action: Action; fallback: Reason } | 'complaint' | 'auto-reply' | 'ignore';
const UNKNOWN: Meaning = { action: 'failed', fallback: 'undefined' };

/** Postmark bounce types (its TypeCode names): what each says when the remote's text does not. */
const TYPES: Record<string, Meaning> = {
  HardBounce: { action: 'failed', fallback: 'userunknown' },
  Transient: { action: 'delayed', fallback: 'expired' },
  SoftBounce: { action: 'failed', fallback: 'undefined' },
  DnsError: { action: 'failed', fallback: 'networkerror' },
  AddressChange: { action: 'failed', fallback: 'hasmoved' },
  BadEmailAddress: { action: 'failed', fallback: 'userunknown' },
  Blocked: { action: 'failed', fallback: 'blocked' },
  SpamNotification: { action: 'failed', fallback: 'filtered' },
  VirusNotification: { action: 'failed', fallback: 'virusdetected' },
  DMARCPolicy: { action: 'failed', fallback: 'authfailure' },
  Unknown: UNKNOWN,
  SpamComplaint: 'complaint',
  Unsubscribe: 'complaint',
  AutoResponder: 'auto-reply',
  // Not about the recipient: Postmark's own tests, operator actions, the sender's API or templates.
  Subscribe: 'ignore',
  OpenRelayTest: 'ignore',
  ChallengeVerification: 'ignore',
  ManuallyDeactivated: 'ignore',
  Unconfirmed: 'ignore',
  SMTPApiError: 'ignore',
  InboundError: 'ignore',
  TemplateRenderingFailed: 'ignore',
};

export function readPostmark(event: unknown): ParsedMail {
  if (!isObject(event)) return unknownReport('postmark', 'event is not a JSON object');
  const record = str(event, 'RecordType');
  const deliveryId = str(event, 'MessageID') || null;
  if (record === 'Delivery') {
    const address = str(event, 'Recipient');
    const at = date(event.DeliveredAt);
    return reportOf('postmark', 'bounce', address ? [delivered(address, str(event, 'Details'), at)] : [], deliveryId, at);
  }
  const address = str(event, 'Email');
  const at = date(event.BouncedAt);
  const type = TYPES[str(event, 'Type')] ?? (record === 'SpamComplaint' ? 'complaint' : UNKNOWN);
  if (!address) return unknownReport('postmark', `${record || 'event'} names no Email`);
  if (type === 'ignore') return reportOf('postmark', 'unknown', [], deliveryId, at);
  if (type === 'complaint')
    return reportOf(
      'postmark',
      'complaint',
      [complaintVerdict(address, str(event, 'Type') === 'Unsubscribe' ? 'opt-out' : 'abuse', at)],
      deliveryId,
      at,
    );
  if (type === 'auto-reply')
    return reportOf(
      'postmark',
      'auto-reply',
      [autoReplyVerdict(address, str(event, 'Subject') || str(event, 'Description'), at)],
      deliveryId,
      at,
    );
  const v = readAttempt({
    address,
    action: type.action,
    diagnostic: str(event, 'Details') || str(event, 'Description'),
    occurredAt: at,
    fallback: type.fallback,
  });
  return reportOf('postmark', 'bounce', [v], deliveryId, at);
}

function delivered(address: string, details: string, at: Date | null): RecipientVerdict {
  return readAttempt({ address, action: 'delivered', diagnostic: details, occurredAt: at });
}
