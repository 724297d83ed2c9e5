// An SMS gateway's events (docs/intake.md): an inbound reply (Twilio's form fields
// `From`/`Body`, or the plain JSON `{"from","text"}`) and a delivery receipt
// (Twilio's status callback `MessageSid`/`MessageStatus`/`ErrorCode`/`To`, or
// `{"to","status","error"}`). A reply whose first word(s) are an opt-out keyword
// denylists the number, an opt-in keyword lifts what an opt-out set, any other reply
// changes nothing. A receipt's error code is the gateway's own precise vocabulary
// and decides the reason; an unknown code goes through the classifier with its text.
import { qualify, type Reason } from '../../domain/reasons.js';
import { DEFAULT_SMS_KEYWORDS, type SmsKeywords } from '../../domain/sms-keywords.js';
import type { Action, ParsedMail, RecipientVerdict } from '../../domain/verdict.js';
import { readAttempt } from '../report.js';
import { date, isObject, str, type Json } from './fields.js';
import { reportOf, unknownReport } from './shape.js';

/** What an error code says of the number: a reason, or that its owner opted out at the gateway. */
type Meaning = Reason | 'optout';

/**
 * Twilio's error codes of a failed or undelivered message (its error dictionary),
 * with the words they stand for when the callback does not quote them.
 * Sender-side ones (the account, its registration, its rate) are read as such and
 * never count against the number.
 */
const TWILIO: Record<string, [Meaning, string]> = {
  '30001': ['speeding', 'queue overflow'],
  '30002': ['authfailure', 'account suspended'],
  '30003': ['expired', 'unreachable destination handset'],
  '30004': ['rejected', 'message blocked'],
  '30005': ['userunknown', 'unknown destination handset'],
  '30006': ['notaccept', 'landline or unreachable carrier'],
  '30007': ['filtered', 'message filtered'],
  '30008': ['undefined', 'unknown error'],
  '30009': ['systemerror', 'missing segment'],
  '30010': ['authfailure', 'message price exceeds max price'],
  '30022': ['speeding', 'A2P 10DLC throughput exceeded'],
  '30023': ['speeding', 'A2P 10DLC daily cap reached'],
  '30024': ['authfailure', 'numeric sender id not provisioned'],
  '30032': ['authfailure', 'toll-free number not verified'],
  '30034': ['authfailure', 'message from an unregistered number'],
  '21211': ['userunknown', 'invalid To phone number'],
  '21408': ['authfailure', 'permission to send to this region not enabled'],
  '21610': ['optout', 'attempt to send to unsubscribed recipient'],
  '21614': ['notaccept', 'To number is not a mobile number'],
};

/** Error names of other gateways and of the plain form, compared lower-case with `_` for any separator. */
const NAMES: Record<string, Meaning> = {
  unknown_subscriber: 'userunknown',
  unknown_destination: 'userunknown',
  unknown_number: 'userunknown',
  invalid_number: 'userunknown',
  invalid_destination: 'userunknown',
  number_not_in_service: 'userunknown',
  landline: 'notaccept',
  not_mobile: 'notaccept',
  absent_subscriber: 'expired',
  unreachable: 'expired',
  handset_unreachable: 'expired',
  expired: 'expired',
  handset_busy: 'toomanyconn',
  carrier_busy: 'toomanyconn',
  network_error: 'networkerror',
  system_error: 'systemerror',
  memory_full: 'mailboxfull',
  handset_full: 'mailboxfull',
  blocked: 'rejected',
  filtered: 'filtered',
  spam: 'spamdetected',
  unsubscribed: 'optout',
  opted_out: 'optout',
};

/** Receipt statuses: Twilio's, and the SMPP delivery-receipt words many gateways pass on. */
const STATUSES: Record<string, Action | null> = {
  delivered: 'delivered',
  delivrd: 'delivered',
  failed: 'failed',
  undelivered: 'failed',
  undeliv: 'failed',
  rejected: 'failed',
  rejectd: 'failed',
  expired: 'failed',
  deleted: 'failed',
};

const isTwilio = (e: Json): boolean => ['MessageSid', 'SmsSid', 'SmsMessageSid', 'AccountSid'].some((k) => k in e);

/** Twilio's field or the plain form's. */
const field = (e: Json, twilio: string, plain: string): string => (str(e, twilio) || str(e, plain)).trim();

/** Whether a stored event is a delivery receipt (else an inbound reply); also decides its key at intake. */
export function isReceipt(e: Json): boolean {
  if (isTwilio(e)) {
    if (str(e, 'MessageStatus')) return true;
    const sms = str(e, 'SmsStatus').toLowerCase();
    return sms !== '' && sms !== 'received' && sms !== 'receiving';
  }
  return 'status' in e || ('to' in e && !('from' in e));
}

/** The status a receipt reports, lower-case ("" when none). */
export const receiptStatus = (e: Json): string => field(e, 'MessageStatus', 'status').toLowerCase() || str(e, 'SmsStatus').toLowerCase();

const words = (s: string): string[] =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toUpperCase()
    .split(/\s+/)
    .map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''))
    .filter(Boolean);

const startsWith = (body: readonly string[], keyword: string): boolean => {
  const kw = words(keyword);
  return kw.length > 0 && kw.length <= body.length && kw.every((w, i) => body[i] === w);
};

/**
 * What a reply asks for: the first word(s) of its trimmed body compared with the
 * keywords, case and accents ignored ("Stop!", "arrêt merci"); a STOP wins when both match.
 */
export function requestOf(body: string, keywords: SmsKeywords): 'optout' | 'optin' | null {
  const w = words(body);
  if (keywords.stopWords.some((k) => startsWith(w, k))) return 'optout';
  if (keywords.startWords.some((k) => startsWith(w, k))) return 'optin';
  return null;
}

export function readSms(event: unknown, keywords: SmsKeywords = DEFAULT_SMS_KEYWORDS): ParsedMail {
  if (!isObject(event)) return unknownReport('sms', 'event is not a JSON object');
  const at = date(event.at ?? event.timestamp);
  const id = field(event, 'MessageSid', 'id') || str(event, 'SmsSid') || null;
  return isReceipt(event) ? receipt(event, id, at) : reply(event, keywords, id, at);
}

function reply(e: Json, keywords: SmsKeywords, id: string | null, at: Date | null): ParsedMail {
  const from = field(e, 'From', 'from');
  if (!from) return unknownReport('sms', 'reply names no From number');
  const body = field(e, 'Body', 'text');
  // Twilio's Advanced Opt-Out names the keyword it recognised; otherwise ours decide.
  const optOutType = str(e, 'OptOutType').toUpperCase();
  const request = optOutType === 'STOP' ? 'optout' : optOutType === 'START' ? 'optin' : optOutType ? null : requestOf(body, keywords);
  if (!request) return reportOf('sms', 'unknown', [], id, at);
  const v = requestVerdict(from, request, body.slice(0, 200), at);
  return reportOf('sms', request === 'optout' ? 'complaint' : 'unknown', [v], id, at);
}

/** The recipient's own request as a verdict: an opt-out reads as an opt-out complaint, an opt-in as a sign of life. */
function requestVerdict(address: string, request: 'optout' | 'optin', text: string, at: Date | null): RecipientVerdict {
  const reason: Reason = request === 'optout' ? 'feedback' : 'delivered';
  const q = qualify(reason);
  return {
    address,
    action: request === 'optout' ? 'failed' : 'delivered',
    status: '',
    replyCode: '',
    reason,
    type: q.type,
    failureReason: q.failureReason,
    diagnostic: text,
    remoteMta: '',
    feedbackType: request === 'optout' ? 'opt-out' : null,
    occurredAt: at,
    sure: true,
    channel: 'sms',
    request,
  };
}

function receipt(e: Json, id: string | null, at: Date | null): ParsedMail {
  const to = field(e, 'To', 'to');
  if (!to) return unknownReport('sms', 'receipt names no To number');
  const status = receiptStatus(e);
  const action = STATUSES[status];
  // queued, sent, accepted, read...: nothing about the number yet.
  if (!action) return reportOf('sms', 'unknown', [], id, at);
  if (action === 'delivered') {
    const v = readAttempt({ address: to, action, diagnostic: '', occurredAt: at });
    return reportOf('sms', 'bounce', [{ ...v, channel: 'sms' }], id, at);
  }
  const code = field(e, 'ErrorCode', 'error');
  const known = TWILIO[code];
  const meaning: Meaning | undefined = known?.[0] ?? NAMES[code.toLowerCase().replace(/[^a-z0-9]+/g, '_')];
  const said = str(e, 'ErrorMessage') || str(e, 'description') || known?.[1] || '';
  const diagnostic = [code && `${isTwilio(e) ? 'twilio ' : ''}${code}`, said].filter(Boolean).join(': ') || status;
  if (meaning === 'optout') return reportOf('sms', 'complaint', [requestVerdict(to, 'optout', diagnostic, at)], id, at);
  const v = readAttempt({
    address: to,
    action: 'failed',
    diagnostic,
    occurredAt: at,
    hint: meaning ?? null,
    // A receipt that only says "expired" is the handset that stayed out of reach.
    fallback: status === 'expired' ? 'expired' : 'undefined',
  });
  return reportOf('sms', 'bounce', [{ ...v, channel: 'sms' }], id, at);
}
