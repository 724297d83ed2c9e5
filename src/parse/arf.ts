// Complaints: ARF (RFC 5965) and the provider variants that are not quite
// ARF (Hotmail/Outlook JMRP and AOL's scomp without a feedback-report part,
// X-ARF, SpamCop's text report, Amazon SES's JSON, Apple Mail's one-click
// unsubscribe). The recipient is the complaining address, and no other.
import type { FeedbackType } from '../domain/verdict.js';
import type { Headers, Message } from './mime.js';
import { decodedBytes, parseHeaders, partText, splitHead } from './mime.js';
import { findAddress, findAddresses } from './address.js';
import { fieldLines, parseDate } from './dsn.js';
import { returnedHeaders } from './original.js';
import { sesJson } from './families/amazonses.js';

export interface Complaint {
  /** The complained-about addresses, one verdict each (an ARF report may carry several Original-Rcpt-To). */
  addresses: string[];
  feedbackType: FeedbackType;
  occurredAt: Date | null;
  via: string;
}

const TYPES: Record<string, FeedbackType> = {
  abuse: 'abuse',
  fraud: 'fraud',
  virus: 'virus',
  'not-spam': 'not-spam',
  'opt-out': 'opt-out',
  'opt-out-list': 'opt-out',
  other: 'other',
  'auth-failure': 'auth-failure',
  // The draft name of RFC 6591's type, which older DKIM reporters still write.
  dkim: 'auth-failure',
};

const SES_COMPLAINT = /notificationType\\?"\s*:\s*\\?"Complaint/;

export function isComplaint(msg: Message): boolean {
  const ct = msg.contentType;
  if (ct.type === 'multipart/report' && (ct.params['report-type'] ?? '').toLowerCase() === 'feedback-report') return true;
  if (msg.all.some((p) => p.contentType.type === 'message/feedback-report')) return true;
  if (mislabeledReport(msg)) return true;
  if ((msg.headers.raw('x-apple-unsubscribe') ?? '').trim().toLowerCase() === 'true') return true;
  if (msg.rawBody.includes('notificationType') && SES_COMPLAINT.test(msg.rawBody)) return true;
  // Hotmail/Outlook JMRP: a forwarded copy carrying the original recipient.
  const from = (msg.headers.raw('from') ?? '').toLowerCase();
  if (/staff@hotmail\.com|@.*(?:jmrp|fbl)/.test(from) && /complaint/i.test(msg.headers.get('subject') ?? '')) return true;
  if (msg.rawBody.includes('buse report') && abuseReportCopy(msg)) return true;
  if (xArf(msg) || spamCopReport(msg)) return true;
  return false;
}

/** Has the mail a part of this type (the root aside)? */
const hasPart = (msg: Message, type: string): boolean => msg.all.some((p, i) => i > 0 && p.contentType.type === type);

/**
 * The complained mail attached whole beside RFC 5965's example sentence ("This is an email abuse report
 * for an email message received from IP ..."), without a feedback-report part: AOL's older "scomp"
 * reports (multipart/mixed) and Microsoft's JMRP from any sender address.
 */
function abuseReportCopy(msg: Message): boolean {
  if (!hasPart(msg, 'message/rfc822') || hasPart(msg, 'message/delivery-status')) return false;
  return msg.all.some(
    (p) => !p.children.length && p.contentType.type === 'text/plain' && /^\s*this is an email abuse report\b/i.test(p.rawBody),
  );
}

/**
 * X-ARF (x-arf.org; Abusix and network abuse desks): "X-ARF: YES", a report.txt of YAML-like fields with
 * "Category: abuse" (or "fraud") and the offending mail as its evidence ("Attachment: message/rfc822").
 */
function xArf(msg: Message): boolean {
  if ((msg.headers.raw('x-arf') ?? '').trim().toLowerCase() !== 'yes' || !hasPart(msg, 'message/rfc822')) return false;
  return msg.all.some((p) => !p.children.length && /^category:[ \t]*(?:abuse|fraud)\b/im.test(p.rawBody));
}

/** SpamCop's text report: "[SpamCop (URL) id:N]Subject", the offending mail pasted after "[ Offending message ]". */
const SPAMCOP_CUT = /^\[ Offending message \][ \t]*\r?\n/m;
function spamCopReport(msg: Message): boolean {
  return /^\s*\[SpamCop \(/i.test(msg.headers.get('subject') ?? '') && SPAMCOP_CUT.test(msg.rawBody);
}

/**
 * A feedback report whose part is labeled text/plain (or left unlabeled): a leaf, outside any
 * returned message, holding RFC 5965's three required fields (Feedback-Type, User-Agent, Version).
 */
function mislabeledReport(msg: Message): Message['all'][number] | undefined {
  return msg.all.find(
    (p) =>
      !p.children.length &&
      // Also as an attachment of unknown type ("report.txt", application/octet-stream).
      (p.contentType.type === 'text/plain' || p.contentType.type === 'application/octet-stream') &&
      // A pattern, not a scan of line starts in JavaScript: compiled to machine code at its first
      // run (`--no-regexp-tier-up`, cli/parse.ts), it rules a part out three times faster.
      /^feedback-type[ \t]*:/im.test(p.rawBody) &&
      /^user-agent[ \t]*:/im.test(p.rawBody) &&
      /^version[ \t]*:/im.test(p.rawBody),
  );
}

/**
 * The recipient a VERP return path encodes ("bounces+judy=bigmail.example@bounce.sender.example":
 * qmail's and Postfix's VERP, local-part "prefix" "+" or "-" "user=domain"), or "".
 */
export function verpRecipient(returnPath: string): string {
  const m = /^<?[A-Za-z0-9._]*[+-]([A-Za-z0-9._%+-]+)=((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})@/.exec(returnPath.trim());
  return m ? `${m[1]}@${m[2]}` : '';
}

/** Amazon SES complaint notifications (JSON, maybe inside an SNS envelope). */
function sesComplaint(msg: Message): Complaint | null {
  if (!SES_COMPLAINT.test(msg.rawBody)) return null;
  const j = sesJson(partText(msg));
  const c = j?.['complaint'];
  if (!c || typeof c !== 'object') return null;
  const o = c as Record<string, unknown>;
  const list = Array.isArray(o['complainedRecipients']) ? (o['complainedRecipients'] as unknown[]) : [];
  const emailOf = (x: unknown): string => {
    const e = x && typeof x === 'object' ? (x as Record<string, unknown>)['emailAddress'] : undefined;
    return typeof e === 'string' ? findAddress(e) : '';
  };
  const addresses = unique(list.map(emailOf));
  const fb = typeof o['complaintFeedbackType'] === 'string' ? o['complaintFeedbackType'].toLowerCase() : 'abuse';
  const at = typeof o['timestamp'] === 'string' ? parseDate(o['timestamp']) : null;
  return { addresses, feedbackType: TYPES[fb] ?? 'other', occurredAt: at, via: 'amazonses' };
}

/** Non-empty addresses, each once (case-insensitively), in order. */
function unique(addresses: readonly string[]): string[] {
  const seen = new Set<string>();
  return addresses.filter((a) => a && !seen.has(a.toLowerCase()) && seen.add(a.toLowerCase()));
}

/**
 * The complained mail's headers: the returned part's; else the whole body when the report is itself
 * message/rfc822 (Hotmail's older JMRP form); else the mail SpamCop pastes after its marker.
 */
function complainedHeaders(msg: Message): Headers | null {
  const orig = returnedHeaders(msg);
  if (orig) return orig;
  const cut = SPAMCOP_CUT.exec(msg.rawBody);
  const head =
    msg.contentType.type === 'message/rfc822'
      ? splitHead(decodedBytes(msg.all[0]!)).head
      : cut
        ? splitHead(msg.rawBody.slice(cut.index + cut[0].length)).head
        : null;
  // Kept as the mail's returned headers, so that the original's ids (Message-ID, VERP token) are read from them too.
  if (head !== null) msg.returned = parseHeaders(head);
  return msg.returned ?? null;
}

/**
 * Local parts a report writes in place of the complainer's: RFC 6590's redaction (a placeholder or a
 * hash of the local part: 32 or more hex digits, an MD5 or SHA digest), providers' "redacted@", "xxxxx@".
 */
const REDACTED_LOCAL = /^(?:redacted|removed|hidden|anonymi[sz]ed|x{3,}|\*+|[0-9a-f]{32,})$/i;

/**
 * A filter of candidate addresses: "" for one that names no complainer. A redacted address; the
 * report's own sender and addressee (the feedback loop's address, the mailbox it reports to); the
 * complained mail's sender (From, Sender, Reply-To, Return-Path); the list it was sent to (List-Post's
 * address, or the address RFC 2919's List-Id "<name.domain>" is built from, as Mailman and Google Groups do).
 */
function notComplainers(msg: Message, orig: Headers | null): (address: string) => string {
  const own = new Set<string>();
  const add = (v: string | undefined): void => {
    for (const a of findAddresses(v ?? '')) own.add(a.toLowerCase());
  };
  add(msg.headers.raw('from'));
  add(msg.headers.raw('to'));
  if (orig) {
    for (const h of ['from', 'sender', 'reply-to', 'return-path', 'list-post']) add(orig.raw(h));
  }
  const listId = /<([^<>\s]+)>/.exec(orig?.raw('list-id') ?? '')?.[1]?.toLowerCase() ?? '';
  return (address) => {
    const a = address.toLowerCase();
    const at = a.lastIndexOf('@');
    if (!address || own.has(a) || REDACTED_LOCAL.test(a.slice(0, at))) return '';
    return listId && `${a.slice(0, at)}.${a.slice(at + 1)}` === listId ? '' : address;
  };
}

export function readComplaint(msg: Message): Complaint {
  const ses = sesComplaint(msg);
  if (ses) return ses;
  const report = msg.all.find((p) => p.contentType.type === 'message/feedback-report') ?? mislabeledReport(msg);
  const fields = report ? fieldLines(partText(report)) : [];
  const field = (n: string): string => fields.find(([k]) => k === n)?.[1] ?? '';
  // The token alone: some generators add a comment or a parameter ("abuse (spam)", "abuse;").
  const token = /^[A-Za-z-]+/.exec(field('feedback-type'))?.[0]?.toLowerCase() ?? '';
  const type = TYPES[token] ?? (report ? 'other' : 'abuse');
  const orig = complainedHeaders(msg);
  const usable = notComplainers(msg, orig);
  // RFC 5965 §3.2: Original-Rcpt-To "may appear multiple times", once per recipient of the reported message.
  // A redacted one (RFC 6590's "Redacted-Address: xxxxx@", AOL's "Original-Rcpt-To: <@...>", a placeholder
  // or hashed local part) holds no address and leaves the choice to the returned message.
  const rcptTo = unique(fields.filter(([k]) => k === 'original-rcpt-to').map(([, v]) => usable(findAddress(v))));
  // Else: the returned message's own recipient headers, then the envelope the sender chose (a VERP
  // return path in Original-Mail-From or the returned Return-Path encodes the recipient). A To naming
  // several addresses does not say which one complained.
  const to = findAddresses(orig?.raw('to') ?? '');
  const fallback =
    usable(findAddress(field('removal-recipient'))) ||
    usable(findAddress(orig?.raw('x-hmxmroriginalrecipient') ?? '')) ||
    (to.length === 1 ? usable(to[0]!) : '') ||
    usable(findAddress(orig?.raw('x-original-to') ?? '')) ||
    usable(findAddress(orig?.raw('delivered-to') ?? '')) ||
    usable(findAddress(orig?.raw('envelope-to') ?? '')) ||
    usable(verpRecipient(field('original-mail-from'))) ||
    usable(verpRecipient(orig?.raw('return-path') ?? ''));
  const addresses = rcptTo.length ? rcptTo : unique([fallback]);
  if (!report && (msg.headers.raw('x-apple-unsubscribe') ?? '').trim().toLowerCase() === 'true') {
    return {
      addresses: unique([findAddress(msg.headers.raw('from') ?? '')]),
      feedbackType: 'opt-out',
      occurredAt: parseDate(msg.headers.raw('date')),
      via: 'apple-unsubscribe',
    };
  }
  return {
    addresses,
    feedbackType: type,
    occurredAt: parseDate(field('arrival-date') || field('received-date')),
    via: report ? 'arf' : xArf(msg) ? 'x-arf' : spamCopReport(msg) ? 'spamcop' : 'jmrp',
  };
}

/** A feedback type as a complaint report names it (ARF's Feedback-Type, SES's complaintFeedbackType), in our vocabulary. */
export const feedbackTypeOf = (name: string): FeedbackType => TYPES[name.toLowerCase()] ?? 'other';
