// RFC 3464 delivery-status reader, forgiving: groups not separated by an
// empty line, "rfc822;" prefixes missing or doubled, folded fields, a
// Diagnostic-Code without a Status, an Action spelled "failure".
import type { Action } from '../domain/verdict.js';
import { dsnAddress, invalidAddresses } from './address.js';
import { findReplyCode, findStatus } from './codes.js';
import { isSpace, trimmed } from './mime.js';

export interface DsnRecipient {
  address: string;
  originalAddress: string;
  action: Action | null;
  status: string;
  replyCode: string;
  diagnostic: string;
  remoteMta: string;
  lastAttempt: Date | null;
  /**
   * A local mailer failed: the recipient was a pipe to a program ("|/usr/bin/procmail"), or the
   * Diagnostic-Code is of type X-Unix (RFC 3464 §2.3.6: a local program's exit status or words).
   */
  program: boolean;
  /** A reply code written in the Status field instead of an enhanced status ("Status: 550"). */
  statusReply?: string;
  /** The reply written in the Status field ("Status: 553 Exceeded maximum inbound message size"). */
  statusText?: string;
  /** Will-Retry-Until is written only for a delayed recipient (RFC 3464 §2.3.9). */
  willRetry?: boolean;
  /** A bare local name where the address should be ("Final-Recipient: LOCAL; jdoe", Exchange and Domino gateways). */
  localName?: string;
}

export interface DsnReport {
  reportingMta: string;
  arrivalDate: Date | null;
  recipients: DsnRecipient[];
  /** Recipient fields whose text is not one valid address (read as none, never cut into another). */
  invalid: string[];
  /** Groups with a Final-Recipient field that holds no address we can read, kept for their fields. */
  unnamed: DsnRecipient[];
}

/** The start of the problem kept with a mail whose DSN names a recipient that is not one valid address. */
export const INVALID_ADDRESS_PROBLEM = 'recipient field holds no valid address';

/**
 * The problem of the DSN parts' recipient fields that hold no valid address, or null;
 * without DSN parts, of the odd addresses in `text` (a bounce's own text, when it named no recipient).
 */
export function invalidRecipientProblem(dsnParts: readonly string[], text = ''): string | null {
  return invalidFieldsProblem(dsnParts.length ? dsnParts.flatMap((p) => parseDeliveryStatus(p).invalid) : invalidAddresses(text));
}

/** The problem of these recipient fields that hold no valid address (DsnReport.invalid), or null. */
export function invalidFieldsProblem(invalid: readonly string[]): string | null {
  if (invalid.length === 0) return null;
  // Invisible and bidi characters are written as escapes: shown raw, they would reorder the text around them.
  const shown = invalid
    .slice(0, 5)
    .map((v) => JSON.stringify(v.slice(0, 120)).replace(/[\p{Cc}\p{Cf}]/gu, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
  return `${INVALID_ADDRESS_PROBLEM}: ${shown.join(', ')}`;
}

const ACTIONS: Record<string, Action> = {
  failed: 'failed',
  failure: 'failed',
  fail: 'failed',
  bounced: 'failed',
  error: 'failed',
  // Postfix's address-verification reports ("sendmail -bv", verify(8)) write deliverable / undeliverable.
  undeliverable: 'failed',
  delayed: 'delayed',
  delay: 'delayed',
  deferred: 'delayed',
  'delivery delayed': 'delayed',
  // SendGrid's report once its retries ran out (no RFC 3464 action): it gave up.
  expired: 'failed',
  delivered: 'delivered',
  deliverable: 'delivered',
  relayed: 'relayed',
  expanded: 'expanded',
};

export function parseAction(v: string): Action | null {
  const k = v
    .trim()
    .toLowerCase()
    .replace(/\s*\(.*$/, '');
  return ACTIONS[k] ?? null;
}

export function parseDate(v: string | undefined): Date | null {
  if (!v) return null;
  const s = (v.includes('(') ? v.replace(/\s*\([^)]*\)\s*$/, '') : v).trim();
  const d = new Date(rfc5322Time(s) ?? s);
  if (Number.isNaN(d.getTime())) return null;
  const y = d.getUTCFullYear();
  return y > 1980 && y < 2200 ? d : null;
}

/** The usual RFC 5322 date ("Mon, 7 Dec 2026 03:20:14 +0000"), each field in range. */
const RFC5322_DATE =
  /^(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), +)?(\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) ([12]\d{3}) ([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))? ([+-])([01]\d|2[0-3])([0-5]\d)$/;
const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/**
 * The time of a date in RFC 5322's usual form, or null for any other text (then read by `new Date`,
 * which gives the same time for this form): V8's parser of free-form dates was a few percent of
 * `inmail parse`, and almost every Date and Arrival-Date is written so.
 */
export function rfc5322Time(s: string): number | null {
  const m = RFC5322_DATE.exec(s);
  if (!m) return null;
  const day = Number(m[1]);
  if (day < 1 || day > 31) return null;
  const offset = (Number(m[8]) * 60 + Number(m[9])) * 60_000;
  const utc = Date.UTC(Number(m[3]), MONTHS.indexOf(m[2]!) / 3, day, Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
  return m[7] === '-' ? utc + offset : utc - offset;
}

/** An indented line that is a DSN field of its own, not a folded value (reports indented as a whole); sticky, tried at a line's start. */
const INDENTED_FIELD =
  /[ \t]+(?:final-recipient|original-recipient|action|status|remote-mta|diagnostic-code|last-attempt-date|will-retry-until|reporting-mta|arrival-date|x-actual-recipient|received-from-mta)[ \t]*:/iy;

/**
 * Unfolded "Name: value" fields, in order; lines that are not fields are skipped.
 * Lines as text.split(/\r?\n/) gives them, read by offsets: a field is /^[ \t]*([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/
 * read a character at a time, and no string is made for a line, only for the names and values kept.
 */
export function fieldLines(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (let start = 0; start <= text.length;) {
    let nl = text.indexOf('\n', start);
    let end = nl;
    if (nl < 0) end = nl = text.length;
    else if (nl > start && text.charCodeAt(nl - 1) === 0x0d) end = nl - 1;
    const from = start;
    start = nl + 1;
    const first = end > from ? text.charCodeAt(from) : -1;
    // A folded line continues the field above it; after an empty line there is none to continue
    // (a report whose fields are all indented, as some gateways write it).
    if ((first === 0x20 || first === 0x09) && out.length && out[out.length - 1]![0] !== '' && !blank(text, from, end)) {
      INDENTED_FIELD.lastIndex = from;
      if (!INDENTED_FIELD.test(text)) {
        const last = out[out.length - 1]!;
        last[1] += ' ' + trimmed(text, from, end);
        continue;
      }
    }
    let i = from;
    while (i < end && isBlankChar(text.charCodeAt(i))) i++;
    const nameStart = i;
    if (i < end && isLetter(text.charCodeAt(i))) {
      i++;
      while (i < end && isNameChar(text.charCodeAt(i))) i++;
      const nameEnd = i;
      while (i < end && isBlankChar(text.charCodeAt(i))) i++;
      // "(.*)$" holds no line terminator other than the one split on.
      if (i < end && text.charCodeAt(i) === 0x3a && !hasTerminator(text, i + 1, end)) {
        out.push([text.slice(nameStart, nameEnd).toLowerCase(), trimmed(text, i + 1, end)]);
        continue;
      }
    }
    if (blank(text, from, end)) out.push(['', '']); // group separator
  }
  return out;
}

const isBlankChar = (c: number): boolean => c === 0x20 || c === 0x09;
const isLetter = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);
const isNameChar = (c: number): boolean => isLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d;

/** `s.slice(from, to)` holds a character that "." does not match (\r, \u2028, \u2029; \n never). */
function hasTerminator(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x0d || c === 0x2028 || c === 0x2029) return true;
  }
  return false;
}

/** `s.slice(from, to).trim() === ''`. */
function blank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

function emptyRecipient(): DsnRecipient {
  return {
    address: '',
    originalAddress: '',
    action: null,
    status: '',
    replyCode: '',
    diagnostic: '',
    remoteMta: '',
    lastAttempt: null,
    program: false,
  };
}

/**
 * The last reports read, by their text: the same delivery-status part is read by readBounce and
 * by several family readers of one mail. Each caller gets its own copy of the records (readBounce
 * completes them in place).
 */
let recent = new Map<string, DsnReport>();
const RECENT_MAX = 8;

/**
 * Lets go of the reports kept: called once a mail is read. The cache is a new Map each time, never
 * cleared in place: a Map that has lived long has its table in V8's old generation, and Map#clear
 * then makes the new table there too, so each mail's text put in it was referenced from the old
 * generation and copied out of the young one at the next scavenges, even once cleared and dead
 * (most of the mail text a batch run promoted; docs/parser-generalisation.md, "Speed").
 */
export function forgetReports(): void {
  if (recent.size > 0) recent = new Map();
}

export function parseDeliveryStatus(text: string): DsnReport {
  let report = recent.get(text);
  if (!report) {
    if (recent.size >= RECENT_MAX) recent = new Map();
    report = readDeliveryStatus(text);
    recent.set(text, report);
  }
  // hot: baseline code, see docs/parser-generalisation.md, Speed (an array spread iterates; a map calls back).
  const recipients: DsnRecipient[] = [];
  for (let i = 0; i < report.recipients.length; i++) recipients.push({ ...report.recipients[i]! });
  return { ...report, recipients, invalid: report.invalid.slice() };
}

function readDeliveryStatus(text: string): DsnReport {
  const report: DsnReport = { reportingMta: '', arrivalDate: null, recipients: [], invalid: [], unnamed: [] };
  // A field with an "@" that yields no address: odd text, kept as the mail's problem.
  const address = (value: string): string => {
    const a = dsnAddress(value);
    if (!a && value.includes('@') && !isProgram(value) && !report.invalid.includes(value)) report.invalid.push(value);
    return a;
  };
  let cur: DsnRecipient | null = null;
  let sawRecipientField = false;
  // A part whose every field is indented (some gateways indent the whole report): read it dedented.
  if (!/^[A-Za-z][A-Za-z0-9-]*[ \t]*:/m.test(text) && /^[ \t]+(?:final|original)-recipient[ \t]*:/im.test(text)) {
    text = text.replace(/^[ \t]+/gm, '');
  }
  let pending = false;
  let named = false;
  // An Original-Recipient read after the record's Action or Status, no empty line before it: the next record's
  // first field, when a Final-Recipient follows (RFC 3464 writes Original-Recipient first, and some reports run
  // their groups together).
  let lateOriginal = false;
  const flush = (): void => {
    lateOriginal = false;
    if (cur && (cur.address || cur.originalAddress || cur.localName)) report.recipients.push(cur);
    else if (cur && named) report.unnamed.push(cur);
    cur = null;
    named = false;
    sawRecipientField = false;
  };
  const fields = fieldLines(text);
  for (let f = 0; f < fields.length; f++) {
    // Indexed, not destructured: in baseline code each step of an iterator allocates (docs/parser-generalisation.md, "Speed").
    const name = fields[f]![0];
    const value = fields[f]![1];
    if (name === '') {
      // An empty line ends a recipient's group, but IIS's SMTP service (and gateways copying it)
      // put empty lines between one recipient's own fields: the group is closed only when the
      // next field is one it already has (or a new recipient).
      if (sawRecipientField) pending = true;
      continue;
    }
    if (pending) {
      const c: DsnRecipient | null = cur;
      const has = !c
        ? false
        : name === 'final-recipient'
          ? !!c.address || named
          : name === 'original-recipient' || name === 'x-actual-recipient'
            ? !!(c.address || c.originalAddress)
            : name === 'action'
              ? c.action !== null
              : name === 'status'
                ? !!c.status
                : name === 'diagnostic-code'
                  ? !!c.diagnostic
                  : name === 'remote-mta'
                    ? !!c.remoteMta
                    : false;
      if (has) flush();
      pending = false;
    }
    switch (name) {
      case 'reporting-mta':
        report.reportingMta = mtaName(value);
        break;
      case 'arrival-date':
        report.arrivalDate ??= parseDate(value);
        break;
      case 'original-recipient':
      case 'x-actual-recipient':
        // Original-Recipient may come before or after Final-Recipient: it opens a new
        // record (in groups not separated by empty lines) only when the current one has its own.
        if (cur && name === 'original-recipient' && cur.originalAddress) flush();
        cur ??= emptyRecipient();
        if (!cur.originalAddress) {
          lateOriginal = name === 'original-recipient' && !!cur.address && (cur.action !== null || !!cur.status);
          cur.originalAddress = address(value);
        }
        cur.program ||= isProgram(value);
        sawRecipientField = true;
        break;
      case 'final-recipient':
        // A record has one Final-Recipient, whether or not it held an address we read (x400, a local name).
        if (cur && (cur.address || named)) {
          const carried = lateOriginal ? cur.originalAddress : '';
          if (carried) cur.originalAddress = '';
          flush();
          if (carried) {
            cur = emptyRecipient();
            cur.originalAddress = carried;
          }
        }
        cur ??= emptyRecipient();
        cur.address = address(value);
        named = true;
        if (!cur.address) {
          const local = /^\s*(?:[\w-]+\s*;)?\s*<?([A-Za-z0-9][\w.+-]*)>?\s*$/.exec(value)?.[1];
          if (local) cur.localName = local;
        }
        cur.program ||= isProgram(value);
        sawRecipientField = true;
        break;
      case 'action':
        cur ??= emptyRecipient();
        cur.action = parseAction(value);
        break;
      case 'status':
        cur ??= emptyRecipient();
        cur.status = findStatus(value, true);
        if (!cur.status) cur.statusReply = findReplyCode(value);
        // Some gateways write the remote's whole reply there and no Diagnostic-Code: it is the answer to read.
        if (!cur.status && /^\s*[245]\d\d[ \t]+\S/.test(value)) cur.statusText = value.trim();
        break;
      case 'will-retry-until':
        cur ??= emptyRecipient();
        cur.willRetry = true;
        break;
      case 'remote-mta':
        cur ??= emptyRecipient();
        cur.remoteMta = mtaName(value);
        break;
      case 'diagnostic-code':
        cur ??= emptyRecipient();
        cur.diagnostic = diagnosticText(value);
        cur.program ||= /^\s*x-unix\s*;/i.test(value);
        break;
      case 'last-attempt-date':
        cur ??= emptyRecipient();
        cur.lastAttempt = parseDate(value);
        break;
      default:
        break;
    }
  }
  flush();
  for (let i = 0; i < report.recipients.length; i++) {
    const r = report.recipients[i]!;
    if (!r.address) r.address = r.originalAddress;
    if (!r.diagnostic && r.statusText) r.diagnostic = r.statusText;
    r.replyCode = findReplyCode(r.diagnostic) || (r.statusReply ?? '');
    if (!r.action && r.willRetry) r.action = 'delayed';
    const fromText = findStatus(r.diagnostic, false);
    // A generic Status (x.0.0) loses to a precise code written in the diagnostic.
    if (!r.status || (/\.0\.0$/.test(r.status) && fromText && fromText[0] === r.status[0])) r.status = fromText || r.status;
  }
  return report;
}

/** "rfc822; |/usr/local/bin/procmail", "X-Unix; \"|exec ...\"": delivery to a program. */
function isProgram(value: string): boolean {
  return /^\s*(?:[a-z0-9-]+\s*;\s*)?"?\|/i.test(value);
}

/** "dns; mx.example.jp" → "mx.example.jp". */
function mtaName(v: string): string {
  const semi = v.indexOf(';');
  return (
    (semi >= 0 ? v.slice(semi + 1) : v)
      .trim()
      .replace(/^\[|\]$/g, '')
      .split(/\s/)[0] ?? ''
  );
}

/** "smtp; 550 5.1.1 ..." → "550 5.1.1 ...". Courier writes "unknown; ..." for its own words. */
export function diagnosticText(v: string): string {
  return v
    .replace(/^\s*(?:smtp|x-[a-z0-9-]+|x-unix|unix|mta|x400|unknown)\s*;\s*/i, '')
    .replace(/\s+/g, ' ')
    .trim();
}
