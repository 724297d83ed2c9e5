// Bounces: the RFC 3464 report when there is one, completed by the family
// reader's view of the human text; the family reader alone otherwise.
import type { Action, RecipientVerdict } from '../domain/verdict.js';
import { gated, type MailView } from './view.js';
import { parseDeliveryStatus, fieldLines, type DsnRecipient } from './dsn.js';
import { classify, isPermanent, type SmtpCommand } from './classify.js';
import { qualify, type Reason } from '../domain/reasons.js';
import { FAMILIES } from './families/index.js';
import type { FamilyRecipient } from './families/family.js';
import { NO_CAUSE, findCommand, joinReplyLines } from './text.js';
import { SMTP_TO_DSN, findReplyCode, findStatus, pseudoStatus, quotedAnswer, remoteStatus, statusFromReply } from './codes.js';
import { providerReason, remoteHost } from './providers/index.js';
import { returnedHeaders } from './original.js';
import { findAddresses } from './address.js';

export interface BounceResult {
  recipients: RecipientVerdict[];
  via: string;
  /** The delivery-status parts' recipient fields that hold no valid address (DsnReport.invalid), read once here. */
  invalid: string[];
  /** A family whose layout is its alone read the mail (Family.final): a bounce even when it names no recipient. */
  final: boolean;
}

/** One recipient's evidence before the classifier has spoken (also built by report.ts from a provider's fields). */
export interface Draft {
  address: string;
  action: Action;
  status: string;
  replyCode: string;
  diagnostic: string;
  remoteMta: string;
  occurredAt: Date | null;
  command: SmtpCommand;
  hint: Reason | null;
  /** The family's verdict when the evidence decides nothing for sure (see FamilyRecipient.fallback). */
  fallback?: Reason;
  /** False when the mail states no enhanced status: one is derived from the reason. */
  statusStated: boolean;
  program?: boolean;
  /** See FamilyRecipient.senderSide. */
  senderSide?: boolean;
  /** See FamilyRecipient.pseudoTemporary. */
  pseudoTemporary?: readonly Reason[];
}

/** Reasons that speak of the message, not of the address: what a check of the message can say (docs/reasons.md). */
const OF_THE_MESSAGE: ReadonlySet<Reason> = new Set<Reason>([
  'spamdetected',
  'virusdetected',
  'contenterror',
  'policyviolation',
  'mesgtoobig',
  'exceedlimit',
  'notcompliantrfc',
]);

export function readBounce(v: MailView): BounceResult {
  const invalid: string[] = [];
  const unnamed: DsnRecipient[] = [];
  const dsn = readDsn(v, invalid, unnamed);
  // The first family that knows the layout and finds a recipient in it; one that finds none lets the next try,
  // unless the layout is its alone (Family.final).
  let family: (typeof FAMILIES)[number] | undefined;
  let fromText: FamilyRecipient[] = [];
  // hot: baseline code, see docs/parser-generalisation.md, Speed (indexed loops, no closures per mail).
  for (let i = 0; i < FAMILIES.length; i++) {
    const f = FAMILIES[i]!;
    if (!f.detect(v)) continue;
    family ??= f;
    const found = f.read(v);
    if (found.length || f.final) {
      family = f;
      fromText = found;
      break;
    }
  }
  // A report of one recipient whose field holds no address we can read ("rfc822; jdoe at example.org", a
  // gateway's own notation) is about the one recipient the text or the returned message names: its
  // Status and Diagnostic-Code are still the report's.
  if (!dsn.length && unnamed.length === 1 && fromText.length === 1) dsn.push({ ...unnamed[0]!, address: fromText[0]!.address });
  const recipients: RecipientVerdict[] = [];
  let via: string;
  if (dsn.length) {
    for (let i = 0; i < dsn.length; i++) {
      const d = merge(dsn[i]!, fromText, dsn.length === 1);
      if (d.address) recipients.push(verdict(d));
    }
    via = family && family.name !== 'generic' ? `rfc3464+${family.name}` : 'rfc3464';
  } else {
    fromText = oncePerTextAddress(fromText);
    for (let i = 0; i < fromText.length; i++) {
      const d = fromFamily(fromText[i]!);
      if (d.address) recipients.push(verdict(d));
    }
    via = family?.name ?? 'none';
  }
  return { recipients, via, invalid, final: family?.final === 'bounce' };
}

/** A Final-Recipient field at a line start of the text (its word known from the one pass over the text). */
const PASTED_FIELDS = gated(/^[ \t]*final-recipient\s*:/im);

/** The DSN's recipients; `invalid` gets the recipient fields that are not one address, `unnamed` their groups. */
function readDsn(v: MailView, invalid: string[], unnamed: DsnRecipient[]): DsnRecipient[] {
  const out: DsnRecipient[] = [];
  for (let i = 0; i < v.dsnParts.length; i++) {
    const report = parseDeliveryStatus(v.dsnParts[i]!);
    for (let j = 0; j < report.invalid.length; j++) invalid.push(report.invalid[j]!);
    for (let j = 0; j < report.unnamed.length; j++) unnamed.push(report.unnamed[j]!);
    for (let j = 0; j < report.recipients.length; j++) {
      const r = report.recipients[j]!;
      r.lastAttempt ??= report.arrivalDate;
      out.push(r);
    }
  }
  // DSN fields pasted into the text part (no delivery-status part).
  if (!out.length && PASTED_FIELDS.test(v) && fieldLines(v.text).some(([k]) => k === 'status' || k === 'action')) {
    out.push(...parseDeliveryStatus(v.text).recipients);
  }
  // A bare local name ("Final-Recipient: LOCAL; jdoe") is the returned message's recipient of that name, if there is one.
  if (out.some((r) => !r.address && r.localName)) {
    const named = out.filter((r) => !r.address && r.localName);
    const h = returnedHeaders(v.msg);
    const sent = ['to', 'cc'].flatMap((k) => findAddresses(h?.raw(k) ?? ''));
    for (const r of named) r.address = sent.find((a) => a.slice(0, a.lastIndexOf('@')).toLowerCase() === r.localName?.toLowerCase()) ?? '';
  }
  for (let i = out.length - 1; i >= 0; i--) if (!out[i]!.address) out.splice(i, 1);
  return oncePerAddress(out);
}

/**
 * One record per recipient: a report that names an address twice (two delivery-status parts, or a
 * group repeated) gives one verdict, the failure winning over a delay, the fields completed from both.
 */
function oncePerAddress(list: DsnRecipient[]): DsnRecipient[] {
  const byAddress = new Map<string, DsnRecipient>();
  const out: DsnRecipient[] = [];
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const key = r.address.toLowerCase();
    const first = byAddress.get(key);
    if (!first) {
      byAddress.set(key, r);
      out.push(r);
      continue;
    }
    if (r.action === 'failed' && first.action !== 'failed') {
      first.action = r.action;
      if (r.status) first.status = r.status;
      if (r.diagnostic) first.diagnostic = r.diagnostic;
      if (r.replyCode) first.replyCode = r.replyCode;
    }
    first.status ||= r.status;
    first.diagnostic ||= r.diagnostic;
    first.replyCode ||= r.replyCode;
    first.remoteMta ||= r.remoteMta;
    first.lastAttempt ??= r.lastAttempt;
    first.program ||= r.program;
  }
  return out;
}

/**
 * One recipient per address from the text too: a notice that lists an address twice (qmail's paragraph
 * repeated for a recipient given twice, a transcript naming it on two lines) gives one verdict, the
 * failure winning over a delay and a permanent answer over a temporary one, as the DSN's records do (oncePerAddress).
 */
function oncePerTextAddress(list: FamilyRecipient[]): FamilyRecipient[] {
  if (list.length < 2) return list;
  const out: FamilyRecipient[] = [];
  const byAddress = new Map<string, number>();
  for (let i = 0; i < list.length; i++) {
    const r = list[i]!;
    const key = r.address.toLowerCase();
    const at = byAddress.get(key);
    if (at === undefined) {
      byAddress.set(key, out.length);
      out.push(r);
    } else if (weight(r) > weight(out[at]!)) out[at] = r;
  }
  return out;
}

/** How final a text recipient's answer is: a failure with a permanent code, another failure, a delay. */
function weight(r: FamilyRecipient): number {
  const cls = r.status || statusFromReply(r.replyCode);
  if (r.action ? r.action !== 'failed' : cls.startsWith('4')) return 0;
  return cls.startsWith('5') ? 2 : 1;
}

// merge's patterns, compiled once (a regex literal in a function makes a RegExp object each time it runs).
/** A Diagnostic-Code that is a bare number (a program's exit status, "X-Unix; 67"). */
const BARE_NUMBER = /^\s*\d{1,3}\s*$/;
/** Text with a word in it. */
const WORDY = /[a-z]{3}/i;
/** A generic status of any class. */
const GENERIC_STATUS = /^[245]\.0\.0$/;
const ENVELOPE_EXPIRED = /^envelope expired\b/i;

/**
 * A failure that carries no code at all but calls itself temporary ("The user(s) account is temporarily over
 * quota", "persistent transient failure"): its made-up status takes the temporary class (4.0.9NN), as the reference
 * parser's pseudo codes do for such words (docs/parser-generalisation.md, "Status of a text with no code"). Only
 * the status's class: whether the address is kept is the reason's and the action's to say.
 */
function saysTemporary(d: Draft): boolean {
  return !d.replyCode && !d.status && /temporar|persistent/i.test(d.diagnostic);
}

function merge(d: DsnRecipient, text: readonly FamilyRecipient[], alone: boolean): Draft {
  const t = textOf(d.address.toLowerCase(), text, alone);
  let diagnostic = d.diagnostic;
  // Keep the richer of the two texts: the DSN's Diagnostic-Code is often cut or missing, or
  // says nothing of this recipient: a program's bare exit status ("X-Unix; 67"), or the last
  // reply of the session (Sendmail's "554 5.5.1 Error: no valid recipients" to DATA).
  const noCause =
    !!t?.diagnostic &&
    ((NO_CAUSE.test(diagnostic) && !NO_CAUSE.test(t.diagnostic)) || (BARE_NUMBER.test(diagnostic) && WORDY.test(t.diagnostic)));
  if (t && (!diagnostic || noCause || (t.diagnostic.length > diagnostic.length && t.diagnostic.includes(diagnostic.slice(0, 20)))))
    diagnostic = t.diagnostic;
  // The reader's step and verdict belong to the answer it read: when the DSN's Diagnostic-Code states
  // another (its own precise status, not the text's), they say nothing of it (docs/parser-generalisation.md, "Transplant").
  const sameAnswer = !t || diagnostic === t.diagnostic || !otherAnswer(diagnostic, t.diagnostic);
  const precise = findStatus(diagnostic, false);
  let status = d.status || t?.status || precise;
  // A generic x.0.0 loses to a precise code of the same class in the text; so does a Status Sendmail only
  // translated from the bare reply code (`SMTP_TO_DSN`: 552 → 5.2.2) beside the remote's own "(#5.3.4)".
  const translated = !!status && SMTP_TO_DSN[d.replyCode || findReplyCode(diagnostic)] === status;
  if ((status.endsWith('.0.0') || translated) && precise && precise[0] === status[0] && !precise.endsWith('.0.0')) status = precise;
  // The remote server's own code beside its reply beats the reporting MTA's guess of the same class,
  // and a failed recipient's permanent answer beats a 4.x the reporting MTA kept (Postfix's "refused to talk to me").
  const remote = remoteStatus(diagnostic);
  const permanentAnswer = d.action === 'failed' && remote.startsWith('5') && status.startsWith('4');
  let replyCode = (noCause ? findReplyCode(diagnostic) : d.replyCode) || t?.replyCode || findReplyCode(diagnostic);
  // A generic Status of the other class (Exim's "5.0.0" once it gave up on a 4xx deferral)
  // loses to the remote's own code that its reply code confirms ("450 4.2.0 ...").
  // So does a Status that only changed the class of the remote's code (Haraka's 5.3.2 after retrying a "421 4.3.2").
  const confirmed =
    (GENERIC_STATUS.test(status) || remote.slice(1) === status.slice(1)) && remote[0] !== status[0] && replyCode[0] === remote[0];
  if (remote && remote !== status && (remote[0] === status[0] || permanentAnswer || confirmed) && !remote.endsWith('.0.0')) status = remote;
  // The remote's answer quoted inside the reporting MTA's own words: the DSN's Status of the same class
  // states only the MTA's view ("Status: 4.4.7" beside "... <421 4.4.2 Connection timed out>", "Status:
  // 5.0.0" beside "Message rejected: '5.2.2 ...'").
  const quoted = quotedAnswer(diagnostic);
  if (quoted && quoted.status[0] === status[0]) {
    status = quoted.status;
    replyCode = quoted.replyCode || replyCode;
  }
  // No Action: the class of the Status says it, else the reply code (a "Status: 450" some MTAs write).
  const cls = status[0] ?? replyCode[0] ?? '';
  const action = d.action ?? t?.action ?? (cls === '4' ? 'delayed' : cls === '2' ? 'delivered' : 'failed');
  // OpenSMTPD reports an expired envelope as "delayed" with the last retry's 4.4.7, though the
  // message has left its queue: a final failure whose status is not stated.
  if (action === 'delayed' && t && ENVELOPE_EXPIRED.test(t.diagnostic)) {
    return {
      address: d.address,
      action: 'failed',
      status: '',
      replyCode,
      diagnostic,
      remoteMta: d.remoteMta,
      occurredAt: d.lastAttempt,
      command: '',
      hint: 'expired',
      statusStated: false,
    };
  }
  const out: Draft = {
    address: d.address,
    action,
    status,
    replyCode,
    diagnostic,
    remoteMta: d.remoteMta,
    occurredAt: d.lastAttempt,
    command: (sameAnswer && t?.command) || findCommand(diagnostic),
    hint: sameAnswer ? (t?.hint ?? null) : null,
    statusStated: status !== '',
    program: d.program,
  };
  // Fields added after, not spread in: a spread that adds fields takes V8's slow runtime path.
  if (sameAnswer && t?.fallback) out.fallback = t.fallback;
  if (t?.senderSide) out.senderSide = true;
  return out;
}

/**
 * The family reader's recipient that a DSN recipient (`a`, lower case) is: by address, by original address, or
 * the only one when the report has one recipient too (`alone`). Of a report of several, a recipient the text does
 * not name keeps its own fields: the text's one answer is another recipient's, and read as this one's it turned a
 * delay or a relay into that recipient's unknown user.
 */
function textOf(a: string, text: readonly FamilyRecipient[], alone: boolean): FamilyRecipient | undefined {
  // hot: baseline code, see docs/parser-generalisation.md, Speed.
  for (let i = 0; i < text.length; i++) if (text[i]!.address.toLowerCase() === a) return text[i];
  for (let i = 0; i < text.length; i++) if (text[i]!.origin?.toLowerCase() === a) return text[i];
  return text.length === 1 && alone ? text[0] : undefined;
}

/**
 * Two answers whose statuses differ: the text quotes another reply than the DSN states. A generic X.0.0 beside
 * a precise code of its class may be the same answer told less precisely (see `merge`).
 */
function otherAnswer(dsn: string, text: string): boolean {
  const a = findStatus(dsn, false);
  const b = findStatus(text, false);
  if (!a || !b || a === b) return false;
  return a[0] !== b[0] || (!a.endsWith('.0.0') && !b.endsWith('.0.0'));
}

function fromFamily(t: FamilyRecipient): Draft {
  const cls = t.status || statusFromReply(t.replyCode);
  const out: Draft = {
    address: t.address,
    action: t.action ?? (cls.startsWith('4') ? 'delayed' : 'failed'),
    status: t.status,
    replyCode: t.replyCode,
    diagnostic: t.diagnostic,
    remoteMta: '',
    occurredAt: null,
    command: t.command,
    hint: t.hint ?? null,
    statusStated: t.status !== '',
  };
  if (t.fallback) out.fallback = t.fallback;
  if (t.senderSide) out.senderSide = true;
  if (t.pseudoTemporary) out.pseudoTemporary = t.pseudoTemporary;
  return out;
}

export function verdict(d: Draft): RecipientVerdict {
  const hint = d.hint ?? (d.action === 'failed' || d.action === 'delayed' ? providerHint(d) : null);
  let v =
    hint === 'undefined'
      ? { reason: hint, sure: false }
      : classify({
          action: d.action,
          status: d.status,
          replyCode: d.replyCode,
          diagnostic: d.diagnostic,
          command: d.command,
          hint,
          program: d.program,
        });
  // A family's own reading of its wording beats a guess, never a decision.
  if (!v.sure && d.fallback && (d.action === 'failed' || d.action === 'delayed')) v = { reason: d.fallback, sure: false };
  // The sender's own system refused the message: what its words say of the address is not a verdict on it.
  if (d.senderSide && !OF_THE_MESSAGE.has(v.reason)) v = { reason: d.fallback ?? 'contenterror', sure: false };
  const temporary = d.action === 'delayed' || d.replyCode.startsWith('4') || d.status.startsWith('4');
  const q = qualify(v.reason, { permanent: isPermanent(d.status, d.replyCode, d.diagnostic), temporary });
  const status =
    d.statusStated || d.action === 'delivered'
      ? d.status
      : pseudoStatus(v.reason, temporary || saysTemporary(d) || (d.pseudoTemporary?.includes(v.reason) ?? false));
  return {
    address: d.address,
    action: d.action,
    status,
    replyCode: d.replyCode,
    reason: v.reason,
    type: d.senderSide ? 'ignored' : q.type,
    failureReason: q.failureReason,
    diagnostic: d.diagnostic,
    remoteMta: d.remoteMta,
    feedbackType: null,
    occurredAt: d.occurredAt,
    sure: v.sure,
  };
}

/** What the answering provider's own code says (Orange's "OFR_506", Spectrum's "AUP#I-1310"), if it is one that publishes them. */
function providerHint(d: Draft): Reason | null {
  const domain = d.address.slice(d.address.lastIndexOf('@') + 1).toLowerCase();
  // Lower-cased once, for the host and for the providers' checks; a multi-line reply as one sentence.
  const text = joinReplyLines(d.diagnostic.toLowerCase());
  return providerReason({
    host: remoteHost(d.remoteMta, text),
    domain,
    status: d.status,
    replyCode: d.replyCode,
    command: d.command,
    text,
  });
}
