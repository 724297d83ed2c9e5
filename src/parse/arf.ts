// Complaints: ARF (RFC 5965) and the provider variants that are not quite
// ARF (Hotmail/Outlook JMRP without a feedback-report part, Apple Mail's
// one-click unsubscribe). The recipient is the complaining address.
import type { FeedbackType } from '../domain/verdict.js';
import type { Message } from './mime.js';
import { partText } from './mime.js';
import { findAddress } from './address.js';
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
  return false;
}

/**
 * A feedback report whose part is labeled text/plain (or left unlabeled): a leaf, outside any
 * returned message, holding RFC 5965's three required fields (Feedback-Type, User-Agent, Version).
 */
function mislabeledReport(msg: Message): Message['all'][number] | undefined {
  return msg.all.find(
    (p) =>
      !p.children.length &&
      p.contentType.type === 'text/plain' &&
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

export function readComplaint(msg: Message): Complaint {
  const ses = sesComplaint(msg);
  if (ses) return ses;
  const report = msg.all.find((p) => p.contentType.type === 'message/feedback-report') ?? mislabeledReport(msg);
  const fields = report ? fieldLines(partText(report)) : [];
  const field = (n: string): string => fields.find(([k]) => k === n)?.[1] ?? '';
  // The token alone: some generators add a comment or a parameter ("abuse (spam)", "abuse;").
  const token = /^[A-Za-z-]+/.exec(field('feedback-type'))?.[0]?.toLowerCase() ?? '';
  const type = TYPES[token] ?? (report ? 'other' : 'abuse');
  const orig = returnedHeaders(msg);
  // RFC 5965 §3.2: Original-Rcpt-To "may appear multiple times", once per recipient of the reported message.
  // A redacted one (RFC 6590's "Redacted-Address: xxxxx@", AOL's "Original-Rcpt-To: <@...>") holds no
  // address and leaves the choice to the returned message.
  const rcptTo = unique(fields.filter(([k]) => k === 'original-rcpt-to').map(([, v]) => findAddress(v)));
  // Else: the returned message's own recipient headers, then the envelope the sender chose (a VERP
  // return path in Original-Mail-From or the returned Return-Path encodes the recipient).
  const fallback =
    findAddress(field('removal-recipient')) ||
    findAddress(orig?.raw('x-hmxmroriginalrecipient') ?? '') ||
    findAddress(orig?.raw('to') ?? '') ||
    findAddress(orig?.raw('x-original-to') ?? '') ||
    findAddress(orig?.raw('delivered-to') ?? '') ||
    findAddress(orig?.raw('envelope-to') ?? '') ||
    verpRecipient(field('original-mail-from')) ||
    verpRecipient(orig?.raw('return-path') ?? '');
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
    via: report ? 'arf' : 'jmrp',
  };
}

/** A feedback type as a complaint report names it (ARF's Feedback-Type, SES's complaintFeedbackType), in our vocabulary. */
export const feedbackTypeOf = (name: string): FeedbackType => TYPES[name.toLowerCase()] ?? 'other';
