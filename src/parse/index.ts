// parseMail: bytes (and the envelope, when known) in, what the mail is and
// what it says about each recipient out. Pure, and never throws: a mail that
// cannot be read comes back with `error` set.
//
// The steps: read MIME → complaint? → bounce? → an MTA's other notice? → auto-reply? → unknown.
import type { OriginalMessage, ParseContext, ParsedMail, RecipientVerdict } from '../domain/verdict.js';
import { decodedBytes, normalizeLineEnds, parseContentType, parseHeaders, parseMessage, splitHead, type Message } from './mime.js';
import { viewOf, type MailView } from './view.js';
import { isComplaint, readComplaint } from './arf.js';
import { isAutoReply } from './autoreply.js';
import { readBounce } from './bounce.js';
import { bounceEvidence, looksLikeBounce, MTA_SENDER, mtaNotice } from './detect.js';
import { findOriginal } from './original.js';
import { forgetReports, invalidFieldsProblem, invalidRecipientProblem, parseDate } from './dsn.js';
import { cutAtOriginal, forgetCut } from './text.js';
import { findAddress } from './address.js';
import { autoReplyVerdict, complaintVerdict } from './verdicts.js';
import { pgText } from '../domain/pg-text.js';

export type { ParsedMail, ParseContext, RecipientVerdict } from '../domain/verdict.js';

/** Larger mails are read only up to this size: bounces carry their verdict at the start. */
const MAX_READ = 4 * 1024 * 1024;

export async function parseMail(raw: Buffer, ctx?: ParseContext): Promise<ParsedMail> {
  return parseMailSync(raw, ctx);
}

const NO_ORIGINAL: OriginalMessage = { messageId: null, verp: null, deliveryId: null };

export function parseMailSync(raw: Buffer, ctx?: ParseContext): ParsedMail {
  let text = normalizeLineEnds(raw.subarray(0, MAX_READ).toString('latin1'));
  // A NUL in the bytes is read as a space before anything else, so that phrases still match across it.
  if (raw.indexOf(0) >= 0) text = pgText(text);
  const parsed = parseText(text, ctx, 0);
  // The caches that serve one mail's readers let go of its text, which would otherwise outlive V8's young generation.
  forgetReports();
  forgetCut();
  if (raw.length > MAX_READ && !parsed.error) parsed.problem ??= `only the first ${MAX_READ >> 20} MiB of ${raw.length} bytes read`;
  return withoutNul(parsed);
}

/**
 * NUL read as a space in every text the parser returns (see pgText): the bytes' own
 * NULs are gone before parsing; this catches those a base64 or quoted-printable
 * part or an encoded word decodes to. The verdicts are this parse's own objects.
 */
function withoutNul(p: ParsedMail): ParsedMail {
  for (let i = 0; i < p.recipients.length; i++) {
    const r = p.recipients[i]!;
    r.address = pgText(r.address);
    r.diagnostic = pgText(r.diagnostic);
    r.remoteMta = pgText(r.remoteMta);
    r.status = pgText(r.status);
    r.replyCode = pgText(r.replyCode);
  }
  const o = p.original;
  // `original` may be the shared NO_ORIGINAL: replaced, never changed in place.
  p.original = { messageId: pgText(o.messageId), verp: pgText(o.verp), deliveryId: pgText(o.deliveryId) };
  return p;
}

function parseText(raw: string, ctx: ParseContext | undefined, depth: number): ParsedMail {
  let original = NO_ORIGINAL;
  let date: Date | null = null;
  try {
    const msg = parseMessage(raw);
    date = parseDate(msg.headers.raw('date'));
    original = findOriginal(msg, ctx);
    const v = viewOf(msg);
    // A bounce forwarded as an attachment (a relay or a user passing it on): the attached report is the one to read.
    // A notice whose own layout a family reader knows, and that names its recipients, is the report
    // even when it returns a bounce (Sendmail returning a bounce to postmaster): the attached report is
    // the returned message, not the one to read.
    const inner = depth === 0 && !v.dsnParts.length ? forwardedReport(msg) : null;
    if (inner !== null && !readsOwnLayout(v)) {
      const p = parseText(inner, ctx, depth + 1);
      // A feedback report forwarded whole (a person, an ESP's "forward spam reports"): the complaint is its.
      if ((p.kind === 'bounce' && p.recipients.length) || p.kind === 'complaint') return p;
    }
    if (ctx?.hint === 'feedback' || isComplaint(msg)) {
      const returned = msg.returned;
      const c = readComplaint(msg);
      // The complained mail found where returnedHeaders does not look (Hotmail's whole-body form, SpamCop's text): its ids.
      if (!returned && msg.returned) original = findOriginal(msg, ctx);
      if (c.addresses.length || isComplaint(msg)) {
        // One verdict per complained-about address: each is the complaining recipient of its copy.
        const recipients = c.addresses.map((a) => complaintVerdict(a, c.feedbackType, c.occurredAt ?? date));
        return found(original, date, 'complaint', recipients, c.via, msg.problem);
      }
    }
    const evidence = bounceEvidence(v);
    if (evidence) {
      const b = readBounce(v);
      // A recipient field that is not one valid address is read as none, and said (docs/security.md).
      // The delivery-status parts were read once by readBounce: their odd fields come with its result.
      const invalid = v.dsnParts.length
        ? invalidFieldsProblem(b.invalid)
        : invalidRecipientProblem([], b.recipients.length ? '' : cutAtOriginal(v.text));
      const problem = msg.problem && invalid ? `${msg.problem}; ${invalid}` : msg.problem || invalid || null;
      // A mail with a delivery-status part, naming only odd addresses, or in a layout a family knows as a bounce,
      // is a bounce even when none of its recipients could be read.
      // Found by its words alone (detect.ts bounceEvidence) and naming no recipient, it is no bounce either.
      if (b.recipients.length || v.dsnParts.length || invalid || b.final || (evidence === 'layout' && !isAutoReply(msg))) {
        // readBounce's verdicts are this call's own: completed in place.
        for (let i = 0; i < b.recipients.length; i++) b.recipients[i]!.occurredAt ??= date;
        return found(original, date, 'bounce', b.recipients, b.via, problem);
      }
    }
    // An MTA's notice about something else (a frozen message, a forward file's errors) marks itself auto-replied as its bounces do: neither.
    const notice = mtaNotice(v);
    if (notice) return found(original, date, 'unknown', [], notice.name, msg.problem);
    if (isAutoReply(msg)) return found(original, date, 'auto-reply', autoReplyOf(v, date), 'autoreply', msg.problem);
    return found(original, date, 'unknown', [], 'none', msg.problem);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return {
      kind: 'unknown',
      recipients: [],
      original,
      date,
      via: 'error',
      error: `unreadable mail: ${why.split('\n')[0]}`,
      problem: null,
    };
  }
}

/**
 * A mail that was read. A MIME problem that was worked around is not an error: the mail was read, and it is
 * said all the same. (Written out, not a closure per mail nor a spread of common fields: see
 * docs/parser-generalisation.md, Speed.)
 */
function found(
  original: ParsedMail['original'],
  date: Date | null,
  kind: ParsedMail['kind'],
  recipients: RecipientVerdict[],
  via: string,
  problem: string | null,
): ParsedMail {
  return { original, date, error: null, problem, kind, recipients, via };
}

/** The notice is a bounce in a layout a family reader knows (not the generic reader's guess) and names its recipients. */
function readsOwnLayout(v: MailView): boolean {
  if (!looksLikeBounce(v)) return false;
  const b = readBounce(v);
  return b.recipients.length > 0 && b.via !== 'generic';
}

/** Words without which an attached head can be neither a delivery report nor an MTA's notice. */
const REPORT_OR_MTA = /multipart\/report|mailer[- ]daemon|mail delivery|postmaster/i;

/**
 * The attached message, when it is itself a delivery report (multipart/report; report-type=delivery-status or none),
 * a feedback report (report-type=feedback-report) or an MTA's notice: one from Mailer-Daemon, postmaster or a "Mail
 * Delivery System" (Exim's, qmail's, Sendmail's text-only bounces, forwarded whole by a person). Its headers alone
 * decide; the caller keeps its reading only when it names recipients of a bounce, or is a complaint.
 */
function forwardedReport(msg: Message): string | null {
  for (let i = 0; i < msg.all.length; i++) {
    const p = msg.all[i]!;
    // The root counts too (msg.all[0]): a bounce wrapped whole as message/rfc822 is read as forwarded.
    if (p.contentType.type !== 'message/rfc822') continue;
    const body = decodedBytes(p);
    const head = splitHead(body).head;
    // Most attachments are the returned message itself: its head names neither, and is not parsed again here.
    if (!REPORT_OR_MTA.test(head)) continue;
    const headers = parseHeaders(head);
    const ct = parseContentType(headers.raw('content-type'));
    // A report without its report-type (some MTAs leave it out) is read as one too.
    const reportType = (ct.params['report-type'] ?? 'delivery-status').toLowerCase();
    if (ct.type === 'multipart/report' && (reportType.includes('delivery-status') || reportType === 'feedback-report')) return body;
    if (MTA_SENDER.test(headers.get('from') ?? '')) return body;
  }
  return null;
}

function autoReplyOf(v: MailView, at: Date | null): RecipientVerdict[] {
  const address = findAddress(v.msg.headers.get('from') ?? '');
  return address ? [autoReplyVerdict(address, v.subject, at)] : [];
}
