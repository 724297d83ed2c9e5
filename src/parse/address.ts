// Email addresses as bounces write them: "rfc822; <a@b>", "utf-8; josé@exämple.com",
// "a@b (comment)", "Name <a@b>", "a@b." at the end of a sentence, "mailto:a@b".
//
// An address is read whole or not at all (docs/security.md): the text around an
// "@" is taken up to a real boundary (whitespace, a bracket, a list separator
// after another address, a label such as "To:"), and if that text is not one valid
// address it is rejected, never cut down to a valid tail: "a;drop-table;--@corp.example"
// is no address, not "--@corp.example". RFC 6531 addresses are read: UTF-8 local parts
// and IDN domains (bytes held as latin1 are read as UTF-8 when they are), and quoted
// local parts keep their quotes. Bidirectional and other invisible format characters
// make a candidate invalid: shown reversed, they would name another address.

/** Characters that never belong to an address: controls, bidi and other format characters, the replacement character. */
const FORBIDDEN = /[\p{Cc}\p{Cf}\u2028\u2029\ufffd]/u;
/** "mailto:" opening a local part's text, in any ASCII case (as its lower-cased text starting with "mailto:"). */
const MAILTO = /^mailto:/i;
/** What ends the text of a candidate to the left and right (the address cannot hold them unquoted). */
const HARD_WIDE = /[\s\p{P}\p{Z}\p{S}]/u;
const HARD_ASCII = new Set([...' \t\r\n\f\v<>()[]']);
/** The same as a table by code, and the characters that end a domain's text: the loops below run per character. */
const HARD_CODE = new Uint8Array(128);
for (const ch of HARD_ASCII) HARD_CODE[ch.charCodeAt(0)] = 1;
const hard = (ch: string): boolean => (ch < '\x80' ? HARD_ASCII.has(ch) : HARD_WIDE.test(ch));
/** [A-Za-z0-9] by code (this runs for every character around every "@": no regex per character). */
const alnumCode = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
const domainChar = (ch: string): boolean => {
  const c = ch.charCodeAt(0);
  return c < 0x80 ? alnumCode(c) || c === 0x2e || c === 0x2d : /[\p{L}\p{M}\p{N}]/u.test(ch);
};
/** Characters that end a domain's text when they follow it. */
const AFTER_DOMAIN = ',;:"\'`.?!';
const AFTER_DOMAIN_CODE = new Uint8Array(128);
for (const ch of AFTER_DOMAIN) AFTER_DOMAIN_CODE[ch.charCodeAt(0)] = 1;
/** Only ASCII: the characters 0x00-0x7f. */
// eslint-disable-next-line no-control-regex -- ASCII is exactly 0x00-0x7f, NUL included
const ASCII_ONLY = /^[\x00-\x7f]*$/;
/** Only bytes: a latin1 string of raw mail bytes. */
// eslint-disable-next-line no-control-regex -- a byte is exactly 0x00-0xff, NUL included
const NOT_BYTE = /[^\x00-\xff]/;
/** Characters a quoted local part cannot hold unescaped. */
// eslint-disable-next-line no-control-regex -- the control characters are what is refused
const QUOTED_CONTROL = /[\x00-\x1f\x7f]/;
const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]$/;
/** A dot-atom of ASCII atext only, the common case, checked at once. */
const ASCII_DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** A list separator or label's colon in a local part's text. */
const SEPARATOR = /[,;:]/;
/** The same, kept when a local part is split at them. */
const SEPARATORS = /([,;:])/;
/** Address types before a DSN field's address (RFC 3464, RFC 6533), and "mailto:". */
const TYPE_PREFIX = /^(?:rfc822|utf-8|utf8|x-[a-z0-9-]+|smtp|x400|unknown)$/i;

/** One candidate around an "@": the address, or why the text there is not one. */
export interface Candidate {
  /** Where the candidate's text starts and ends in the scanned (Unicode) text. */
  start: number;
  end: number;
  address: string | null;
  /** The whole text that was rejected (for the mail's problem), when address is null. */
  text: string;
}

const ANGLED = /<([^<>]*@[^<>]*)>/g;

/**
 * A whole text that is one plain address: ASCII atext (without quotes, "|" and "`", which the scanner
 * reads apart) in dot-atoms, and a domain of letter-digit-hyphen labels under a top label of letters.
 * The scanner reads such a text as exactly this address (no boundary, separator or label inside; every
 * check of validDotAtom and validDomain holds but the lengths, tested beside it), so it is taken at
 * once: most From, To and recipient fields are this, and the scan cost a few µs each in baseline code.
 */
const PLAIN =
  /^[A-Za-z0-9!#$%&*+/=?^_{}~-]+(?:\.[A-Za-z0-9!#$%&*+/=?^_{}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

/** `s` when it is one plain address (PLAIN, local part and domain within their lengths), else "". */
function plainAddress(s: string): string {
  if (s.length > 64 + 1 + 253 || !PLAIN.test(s)) return '';
  const at = s.indexOf('@');
  return at <= 64 && s.length - at - 1 <= 253 ? s : '';
}

/** "Display Name <a@b>" and nothing else: no other "@" or angle bracket, only white space after it. */
const NAMED_ONLY = /^[^@<>]*<([^@<>]+@[^@<>]+)>\s*$/;

/** The first valid address in a text, or "" when none. An address in angle brackets wins. */
export function findAddress(text: string): string {
  const t = toUnicode(text);
  if (t.includes('<')) {
    // A module-level /g pattern, restarted here (matchAll copied the pattern on every call).
    ANGLED.lastIndex = 0;
    for (let m = ANGLED.exec(t); m; m = ANGLED.exec(t)) {
      // "Name <a@b>": a plain address in the brackets is what the scan would return, taken at once.
      const inner = plainAddress(m[1] ?? '') || firstAddress(scan(m[1] ?? ''));
      if (inner) return inner;
    }
  }
  return plainAddress(t) || firstAddress(scan(t));
}

/** The first candidate's address that is valid, or "". */
function firstAddress(found: readonly Candidate[]): string {
  // hot: baseline code, see docs/parser-generalisation.md, Speed (no callback per candidate).
  for (let i = 0; i < found.length; i++) if (found[i]!.address) return found[i]!.address!;
  return '';
}

/** Every valid address in a text, de-duplicated, in order. */
export function findAddresses(text: string): string[] {
  const t = toUnicode(text);
  // A header's value that is one address, bare or after a display name ("Name <a@b>"): its only candidate.
  const only = plainAddress(t) || plainAddress(NAMED_ONLY.exec(t)?.[1] ?? '');
  if (only) return [only];
  const out: string[] = [];
  const found = scan(t);
  for (let i = 0; i < found.length; i++) {
    const a = found[i]!.address;
    if (a && !out.includes(a)) out.push(a);
  }
  return out;
}

/** The candidates of a text that are not valid addresses (for reporting), in order. */
export function invalidAddresses(text: string): string[] {
  return scan(toUnicode(text)).flatMap((c) => (c.address ? [] : [c.text]));
}

/**
 * The address of a DSN recipient field ("rfc822; a@b", "utf-8; josé@例子.广告",
 * "rfc822; jos\x{E9}@example.com"), or "" when the field does not hold one valid address.
 */
export function dsnAddress(value: string): string {
  const semi = value.indexOf(';');
  // The address type is the atom before the first ";" (RFC 3464); the rest is one address.
  let v = semi >= 0 && /^\s*[A-Za-z0-9-]{1,19}\s*$/.test(value.slice(0, semi)) ? value.slice(semi + 1) : value;
  // "rfc822; a@b": one plain address is the field's address whatever the steps below would do to it.
  const plain = plainAddress(v.trim());
  if (plain) return plain;
  // RFC 6533 embedded Unicode in an ASCII field: \x{HEX}.
  v = toUnicode(v).replace(/\\x\{([0-9A-Fa-f]{1,6})\}/g, (m, hex: string) => {
    const cp = parseInt(hex, 16);
    return cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
  });
  // Exchange 5.5's X.400 form ("c=US;a= ;p=Org;dda:SMTP=a@b"): the SMTP address is the value of its dda:SMTP attribute.
  const x400 = /(?:^|;)\s*dda:smtp=([^;\s]+)/i.exec(v);
  if (x400) v = x400[1] ?? '';
  // Delivery to a program ("|/usr/bin/procmail user@example.com"): the address it was for, written whole among its arguments.
  if (/^\s*"?\|/.test(v)) return findAddress(v);
  // A trailing comment ("(expanded from <alias@x>)") is not part of the address.
  // A list separator left after it ("<a@b>,") is not either.
  v = v
    .replace(/\s*\([^()]*\)\s*$/, '')
    .replace(/[\s,;]+$/, '')
    .trim();
  // "<a@b>", or a display name before it.
  const inner = /^[^<>@]*<([^<>]*)>$/.exec(v);
  if (inner) v = (inner[1] ?? '').trim();
  // A URI or Exchange proxy-address prefix ("mailto:a@b", "SMTP:a@b") names the address's kind, not its local part.
  v = v.replace(/^(?:mailto|smtp):(?=[^\s:@]+@)/i, '');
  const found = scan(v);
  // The field is one address: anything else in it (a second address, a rejected one) and it holds none.
  if (found.length !== 1 || !found[0]?.address) return '';
  const c = found[0];
  const rest = (v.slice(0, c.start) + v.slice(c.end)).replace(/^["'`]|["'`.]$/g, '').trim();
  return rest === '' ? (c.address ?? '') : '';
}

/** True for the bounce's own postmaster/daemon addresses, which are never the failed recipient. */
export function isDaemonAddress(a: string): boolean {
  return /^(?:mailer-daemon|postmaster|mail-daemon|mailerdaemon|daemon|no-?reply|noreply|root|bounce[sd]?)@/i.test(a);
}

/**
 * Text whose characters all are bytes (a latin1 string of raw mail bytes) has its
 * valid UTF-8 sequences read as UTF-8 (SMTPUTF8 mail carries 8-bit UTF-8 headers
 * and fields); other bytes stay as they are, so that one stray latin1 byte does not
 * leave a bidi control (three bytes) unread next to an address.
 */
export function toUnicode(text: string): string {
  if (!/[\x80-\xff]/.test(text) || NOT_BYTE.test(text)) return text;
  return text.replace(/[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}/g, (m) => {
    const s = Buffer.from(m, 'latin1').toString('utf8');
    return s.includes('\ufffd') ? m : s;
  });
}

/** Longest text read on either side of an "@": an address has at most 64 + 255 characters. */
const REACH = 320;
/** "@"s looked at per text: a text with more is not a bounce's recipient list, and each costs a scan. */
const MAX_CANDIDATES = 5000;

/** Every candidate around an "@" of the text, valid or not, in order. */
function scan(text: string): Candidate[] {
  // Exchange 5.5's X.400 form of an address ("c=US;a= ;p=Org;dda:SMTP=a@b"): its "dda:SMTP=" label is
  // blanked in place (same length, so positions hold) and the address after it reads as any other.
  const t = text.includes('=') ? text.replace(/dda:smtp=/gi, (m) => ' '.repeat(m.length)) : text;
  const out: Candidate[] = [];
  let from = 0;
  let seen = 0;
  for (let at = t.indexOf('@', from); at >= 0 && seen++ < MAX_CANDIDATES; at = t.indexOf('@', from)) {
    const c = around(t, at);
    if (c) {
      out.push(c);
      from = Math.max(c.end, at + 1);
    } else from = at + 1;
  }
  return out;
}

/** The candidate around the "@" at `at`, or null when there is no text on one side of it. */
function around(t: string, at: number): Candidate | null {
  // Right: the domain, a run of label characters and dots, or a [literal].
  let end = at + 1;
  if (t[end] === '[') {
    const close = t.indexOf(']', end);
    end = close > 0 && close - end < 64 ? close + 1 : end;
  } else {
    const label = { ascii: true, alnum: false };
    while (end < t.length && end - at < REACH) {
      const c = t.charCodeAt(end);
      if (c < 0x80) {
        // ASCII, by code: a dot starts a label; a letter, digit or hyphen continues it; anything else ends the domain.
        if (c === 0x2e) {
          label.ascii = true;
          label.alnum = false;
        } else if (alnumCode(c)) label.alnum = true;
        else if (c !== 0x2d) break;
        end++;
        continue;
      }
      const ch = t[end] ?? '';
      if (!domainChar(ch)) break;
      if (ch === '.') {
        label.ascii = true;
        label.alnum = false;
      } else if (scriptChange(label, ch)) break;
      else track(label, ch);
      end++;
    }
  }
  // A sentence's final dot is not part of the domain.
  while (end > at + 1 && t[end - 1] === '.') end--;
  const domain = t.slice(at + 1, end);
  // What follows the domain must end it; any other character ("@", "_", "/", a letter of a
  // script the domain scan does not take) makes the whole text something else.
  let stop = end;
  // (What the domain holds matters only before a non-ASCII character: looked at then.)
  let domainRun: Run | null = null;
  while (stop < t.length && stop - end < REACH) {
    const c = t.charCodeAt(stop);
    if (
      c < 0x80
        ? HARD_CODE[c] === 1 || AFTER_DOMAIN_CODE[c] === 1
        : hard(t[stop] ?? '') || scriptChange((domainRun ??= runOf(domain)), t[stop] ?? '')
    )
      break;
    stop++;
  }

  // Left: a quoted local part, or the text back to a hard boundary.
  let start: number;
  let local: string;
  let quoted = false;
  if (t[at - 1] === '"') {
    const open = openingQuote(t, at - 1);
    if (open < 0) return reject(t, lineStart(t, at), stop);
    start = open;
    local = t.slice(open, at);
    quoted = true;
  } else {
    start = at;
    const run = { ascii: true, alnum: false };
    while (start > 0 && at - start < REACH) {
      const c = t.charCodeAt(start - 1);
      if (c < 0x80) {
        if (HARD_CODE[c] === 1 || c === 0x22) break;
        if (alnumCode(c)) run.alnum = true;
        start--;
        continue;
      }
      const ch = t[start - 1] ?? '';
      if (hard(ch) || scriptChange(run, ch)) break;
      track(run, ch);
      start--;
    }
    // No boundary within reach: far too long for an address.
    if (start > 0 && at - start >= REACH) return reject(t, start, end);
    local = t.slice(start, at);
  }
  if (!local && !domain) return null;
  if (stop > end) return reject(t, start, stop);

  if (!quoted) {
    // Labels and list separators before the local part: "To:a@b", "rfc822;a@b", "x@y.com,a@b".
    // (Split only when there is one: most local parts hold none, and need no array made.)
    if (SEPARATOR.test(local)) {
      const parts = local.split(SEPARATORS);
      const last = parts.pop() ?? '';
      for (let i = 0; i < parts.length; i += 2) {
        const seg = parts[i] ?? '';
        const sep = parts[i + 1] ?? '';
        const label = sep === ':' ? /^\p{L}[\p{L}\p{N}_-]+$/u.test(seg) || /^mailto$/i.test(seg) : sep === ';' && TYPE_PREFIX.test(seg);
        const listed = (sep === ',' || sep === ';') && seg.includes('@');
        if (!label && !listed && !(seg === '' && i === 0 && sep !== ',')) return reject(t, start, end);
      }
      start = at - last.length;
      local = last;
    }
    // A quote opening the address ("a@b", 'a@b'): it must open at a boundary, else it is part of the text.
    if (t.charCodeAt(start - 1) === 0x22 && start - 1 > 0 && !/[\s<(:,;]/.test(t[start - 2] ?? ''))
      return reject(t, wordStart(t, start - 1), end);
    // 'a@b' or `a@b`: a quote character on both sides wraps the address.
    const q = local[0];
    if ((q === "'" || q === '`') && t[end] === q) {
      local = local.slice(1);
      start++;
    }
    if (MAILTO.test(local)) {
      local = local.slice(7);
      start += 7;
    }
  }

  const address = `${local}@${domain}`;
  if (forbidden(local) || forbidden(domain)) return reject(t, start, end);
  if (!(quoted ? validQuoted(local) : validDotAtom(local)) || !validDomain(domain)) return reject(t, start, end);
  return { start, end, address, text: address };
}

/**
 * Text of another script glued to an ASCII address ("user@example.jpへ", "宛先user@example.jp")
 * ends it: such text is far more common than a label mixing ASCII with, say, CJK.
 * Latin letters with diacritics (josé, exämple) are part of the address.
 */
function scriptChange(run: Run, ch: string): boolean {
  return run.ascii && run.alnum && ch > '\x7f' && /\p{L}/u.test(ch) && !/\p{Script=Latin}/u.test(ch);
}

/** What a text holds, as a run read whole. */
function runOf(s: string): Run {
  return { ascii: ASCII_ONLY.test(s), alnum: /[A-Za-z0-9]/.test(s) };
}

/**
 * FORBIDDEN.test(s), by code while the text is ASCII (where only the controls are forbidden):
 * this runs for every candidate, and a /u pattern over a joined string cost more.
 */
function forbidden(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x80) return FORBIDDEN.test(s);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** What a run of characters read so far holds: only ASCII, and at least one letter or digit. */
interface Run {
  ascii: boolean;
  alnum: boolean;
}

function track(run: Run, ch: string): void {
  if (ch > '\x7f') run.ascii = false;
  else if (alnumCode(ch.charCodeAt(0))) run.alnum = true;
}

function reject(t: string, start: number, end: number): Candidate {
  return { start, end, address: null, text: t.slice(start, end).slice(0, 200) };
}

function lineStart(t: string, i: number): number {
  let s = i;
  while (s > 0 && i - s < REACH && !/\s/.test(t[s - 1] ?? '')) s--;
  return s;
}

function wordStart(t: string, i: number): number {
  let s = i;
  while (s > 0 && i - s < REACH && !hard(t[s - 1] ?? '')) s--;
  return s;
}

/** The index of the quote opening the quoted string that ends at `close`, or -1. */
function openingQuote(t: string, close: number): number {
  for (let i = close - 1; i >= 0 && close - i <= 130; i--) {
    const ch = t[i];
    if (ch === '\r' || ch === '\n') return -1;
    if (ch !== '"') continue;
    let backslashes = 0;
    for (let j = i - 1; j >= 0 && t[j] === '\\'; j--) backslashes++;
    if (backslashes % 2 === 1) continue;
    // The opening quote starts the address: at the start, or after a boundary.
    return i === 0 || /[\s<(:,;]/.test(t[i - 1] ?? '') ? i : -1;
  }
  return -1;
}

/** A dot-atom local part of ASCII atext and UTF-8 (RFC 6531), at most 64 characters, no empty atom. */
function validDotAtom(local: string): boolean {
  if (ASCII_DOT_ATOM.test(local)) return local.length <= 64;
  if (!local || [...local].length > 64) return false;
  return local
    .split('.')
    .every((atom) => atom !== '' && [...atom].every((ch) => ATEXT.test(ch) || (ch > '\x7f' && /[\p{L}\p{M}\p{N}]/u.test(ch))));
}

/** A quoted-string local part: "john doe", escapes allowed, no line break or control character. */
function validQuoted(local: string): boolean {
  if (local.length < 3 || local.length > 66 || local[0] !== '"' || local[local.length - 1] !== '"') return false;
  const inner = local.slice(1, -1).replace(/\\[\x20-\x7e]/g, 'x');
  return !/["\\]/.test(inner) && !QUOTED_CONTROL.test(inner);
}

/** A domain of at least two labels and a non-numeric top label (or an address literal); IDN labels as written. */
function validDomain(domain: string): boolean {
  // A "[" can start no label: the text is an address literal or nothing.
  if (domain.startsWith('[')) return /^\[(?:[0-9.]+|IPv6:[0-9a-fA-F:.]+)\]$/.test(domain);
  if (domain.length > 253) return false;
  const lastDot = domain.lastIndexOf('.');
  if (lastDot < 0) return false;
  const tld = domain.slice(lastDot + 1);
  if (tld.length < 2 || (tld.length === 2 && [...tld].length < 2) || /^\d+$/.test(tld)) return false;
  // Label by label, by offsets (was a split and a test per label: this runs for every candidate address).
  for (let start = 0; ;) {
    const dot = domain.indexOf('.', start);
    const end = dot < 0 ? domain.length : dot;
    if (!validLabel(domain, start, end)) return false;
    if (dot < 0) return true;
    start = dot + 1;
  }
}

/** `domain.slice(start, end)` is a label: 1 to 63 characters, letters, marks, digits and inner hyphens. */
function validLabel(domain: string, start: number, end: number): boolean {
  if (end === start || end - start > 63 || domain.charCodeAt(start) === 0x2d || domain.charCodeAt(end - 1) === 0x2d) return false;
  for (let i = start; i < end; i++) {
    const c = domain.charCodeAt(i);
    // Not [A-Za-z0-9-]: the label as a whole is read as Unicode.
    if (!alnumCode(c) && c !== 0x2d) return /^[\p{L}\p{M}\p{N}-]+$/u.test(domain.slice(start, end));
  }
  return true;
}
