// A small, forgiving MIME reader: just what bounce parsing needs (headers,
// the part tree, decoded text), without mailparser's HTML and link work,
// which is most of its cost. Works on a latin1 string so that byte offsets
// survive; text is decoded to Unicode per part from its own charset.
import { decodeBytes, decodeHeaderValue } from './charset.js';
import { MIME_LIMITS } from './limits.js';

/** Limits against hostile input (docs/pipeline.md): deeper or wider trees are cut, never followed. */
const { depth: MAX_DEPTH, parts: MAX_PARTS, headerBytes: MAX_HEADER_BYTES } = MIME_LIMITS;

export class Headers {
  // Two parallel arrays, looked up by a scan, instead of a Map of arrays: a part has a handful of
  // fields and a mail some 30 in all, read some 45 times; the Map's tables and a one-value array per
  // name were most of what parsing headers allocated (docs/parser-generalisation.md, "Speed").
  /** Lower-cased names, one per field, in order. */
  private readonly keys: string[] = [];
  /** Raw (unfolded, not decoded) values, one per field, in order. */
  private readonly values: string[] = [];
  /**
   * Decoded values by field, made at the first `get` of each: readers ask for the same fields again
   * (Subject, From, Content-Type), and each decoding tests the value against a pattern or two.
   */
  private decoded: string[] | null = null;

  add(name: string, value: string): void {
    this.keys.push(name.toLowerCase());
    this.values.push(value);
  }
  /** Lower-cased names, each once, in the order first seen. */
  get names(): string[] {
    return this.keys.filter((k, i) => this.keys.indexOf(k) === i);
  }
  /** First raw value. */
  raw(name: string): string | undefined {
    const i = this.keys.indexOf(name);
    return i < 0 ? undefined : this.values[i];
  }
  /** First value with RFC 2047 encoded words decoded. */
  get(name: string): string | undefined {
    const i = this.keys.indexOf(name);
    if (i < 0) return undefined;
    const decoded = (this.decoded ??= []);
    return (decoded[i] ??= decodeHeaderValue(this.values[i]!));
  }
  all(name: string): string[] {
    const out: string[] = [];
    for (let i = this.keys.indexOf(name); i >= 0; i = this.keys.indexOf(name, i + 1)) out.push(this.values[i]!);
    return out;
  }
  has(name: string): boolean {
    return this.keys.includes(name);
  }
}

export interface ContentType {
  type: string; // "text/plain", lower case
  params: Record<string, string>; // lower-cased names
}

export interface Part {
  headers: Headers;
  contentType: ContentType;
  /** The raw body (latin1 string of the bytes), transfer encoding not undone. */
  rawBody: string;
  children: Part[];
  /** decodedBytes' and partText's results, kept with the part once made (see there). */
  decoded?: string | undefined;
  text?: string | undefined;
}

export interface Message extends Part {
  /** Every part in document order, the root included. */
  all: Part[];
  /** Set when the MIME structure was cut or broken; the rest is still usable. */
  problem: string | null;
  /** The returned original's headers, kept once read (returnedHeaders in original.ts). */
  returned?: Headers | null | undefined;
}

/** Splits a latin1 string into header block and body at the first empty line. */
export function splitHead(s: string): { head: string; body: string } {
  // A part that starts with its empty line has no headers (qmail clones such as indimail write
  // their notice so): the text up to the next empty line is body, not a broken header block.
  const lead = /^\r?\n/.exec(s);
  if (lead) return { head: '', body: s.slice(lead[0].length) };
  const at = emptyLineAt(s.length > MAX_HEADER_BYTES ? s.slice(0, MAX_HEADER_BYTES) : s);
  if (at < 0) {
    // No empty line: if it does not even start like a header, treat it all as body.
    return /^[\x21-\x39\x3b-\x7e]+:/.test(s) ? { head: s, body: '' } : { head: '', body: s };
  }
  return { head: s.slice(0, at), body: s.slice(emptyLineEnd(s, at)) };
}

/**
 * Where `/\r?\n\r?\n/` first matches in `s`, or -1; found by `indexOf`, which skips from line end to
 * line end, where the pattern tried every position (splitHead runs for every part and returned
 * message). The match's first "\n" is the first one that a "\n" or "\r\n" follows, and the match starts
 * at the "\r" before it if there is one: a match starting earlier would hold an earlier such "\n". The
 * search for the kind of break the text's first line ends with comes first, and the other looks only
 * before what it found: neither reads past the first empty line when there is one.
 */
export function emptyLineAt(s: string): number {
  const first = s.indexOf('\n');
  if (first < 0) return -1;
  const crlfFirst = first > 0 && s.charCodeAt(first - 1) === 0x0d;
  const a = s.indexOf(crlfFirst ? '\n\r\n' : '\n\n', first);
  const before = a < 0 ? s : s.slice(0, a + 1);
  const b = before.indexOf(crlfFirst ? '\n\n' : '\n\r\n', first);
  const nl = a < 0 ? b : b < 0 ? a : Math.min(a, b);
  if (nl < 0) return -1;
  return nl > 0 && s.charCodeAt(nl - 1) === 0x0d ? nl - 1 : nl;
}

/** The end of the `/\r?\n\r?\n/` match that starts at `at` (see emptyLineAt). */
function emptyLineEnd(s: string, at: number): number {
  let i = at;
  if (s.charCodeAt(i) === 0x0d) i++;
  i++; // "\n"
  if (s.charCodeAt(i) === 0x0d) i++;
  return i + 1; // "\n"
}

export function parseHeaders(head: string): Headers {
  const h = new Headers();
  // The current field: its name by offsets (nameEnd < 0: none, after a garbage line), its value by
  // offsets of its first line and, once folded, as a string. Names and values are cut once, trimmed.
  let nameStart = 0;
  let nameEnd = -1;
  let from = 0;
  let to = 0;
  let folded: string | null = null;
  // A folded value's ends are white space only when its first line is blank or its last is:
  // otherwise it is not trimmed again (a trim flattens the string the folds were joined into).
  let rough = false;
  // Lines as split(/\r?\n/) would give them, without the regex: this runs for every part of every mail.
  // By offsets into `head`: no string is made for a line, only for the names and values kept.
  for (let start = 0; start <= head.length;) {
    let nl = head.indexOf('\n', start);
    let end = nl;
    if (nl < 0) end = nl = head.length;
    else if (nl > start && head.charCodeAt(nl - 1) === 0x0d) end = nl - 1;
    const lineStart = start;
    start = nl + 1;
    const first = end > lineStart ? head.charCodeAt(lineStart) : -1;
    if ((first === 0x20 || first === 0x09) && nameEnd >= 0) {
      if (folded === null) {
        folded = trimmed(head, from, to, true);
        rough = folded === '';
      }
      const more = trimmed(head, lineStart, end);
      folded += ' ' + more;
      if (more === '') rough = true;
      continue;
    }
    if (nameEnd >= 0) h.add(head.slice(nameStart, nameEnd), folded === null ? trimmed(head, from, to) : rough ? folded.trim() : folded);
    const colon = head.indexOf(':', lineStart);
    nameEnd = colon > lineStart && colon < end ? fieldNameEnd(head, lineStart, colon) : -1;
    // Otherwise a garbage line (an mbox "From " line, a broken fold): skipped.
    nameStart = lineStart;
    from = colon + 1;
    to = end;
    folded = null;
  }
  if (nameEnd >= 0) h.add(head.slice(nameStart, nameEnd), folded === null ? trimmed(head, from, to) : rough ? folded.trim() : folded);
  return h;
}

/** `s.slice(from, to).trim()` (or `.trimStart()`), cut once. */
export function trimmed(s: string, from: number, to: number, startOnly = false): string {
  while (from < to && isSpace(s.charCodeAt(from))) from++;
  while (!startOnly && to > from && isSpace(s.charCodeAt(to - 1))) to--;
  return s.slice(from, to);
}

/**
 * Where the field name `s.slice(from, colon)` ends without its trailing white space, or -1 when it
 * is no name: it must hold no white space before that (was /^[^\s:]+\s*$/, without the slice).
 */
function fieldNameEnd(s: string, from: number, colon: number): number {
  let end = colon;
  while (end > from && isSpace(s.charCodeAt(end - 1))) end--;
  if (end === from) return -1;
  for (let i = from; i < end; i++) if (isSpace(s.charCodeAt(i))) return -1;
  return end;
}

/** JavaScript's \s, which the pattern it replaces used. */
export function isSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

export function parseContentType(v: string | undefined, dflt = 'text/plain'): ContentType {
  if (!v) return { type: dflt, params: {} };
  // Indexed loops, no destructuring: in baseline code (most of a run, docs/parser-generalisation.md,
  // "Speed") each step of an iterator allocates its result object.
  const parts = splitParams(v);
  const first = parts[0] ?? '';
  let type = first.trim().toLowerCase();
  let from = 1;
  // A parameter after the type with no ';' ("text/plain\n   charset=..." as some MTAs fold it).
  // (Only a type with white space inside can be one.)
  const bare = /\s/.test(type) ? /^([^\s/]+\/[^\s]+)\s+([a-z][\w-]*\s*=.*)$/.exec(type) : null;
  if (bare) {
    type = bare[1] ?? type;
    parts[0] = first.trim().slice(type.length);
    from = 0;
  }
  const params: Record<string, string> = {};
  for (let i = from; i < parts.length; i++) {
    const p = parts[i]!;
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    let val = p.slice(eq + 1).trim();
    if (val.startsWith('"')) val = val.slice(1, val.endsWith('"') && val.length > 1 ? -1 : undefined);
    const name = p.slice(0, eq).trim().toLowerCase();
    params[name.endsWith('*') ? name.slice(0, -1) : name] = val;
  }
  return { type: type.includes('/') ? type : dflt, params };
}

/** Splits on ';' outside double quotes (by index: a string built a character at a time was most of the parser's garbage). */
function splitParams(v: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (c === 0x3b && !quoted) {
      out.push(v.slice(start, i));
      start = i + 1;
    }
  }
  out.push(v.slice(start));
  return out;
}

/**
 * The mail's text with line ends the reader knows, decided by its first line end (no pass over the
 * text): CR alone (files saved on classic Mac OS) or CR CR LF (CRLF converted to CRLF once more by a
 * store or a transfer) become CRLF. Any other text is returned as it is.
 */
export function normalizeLineEnds(s: string): string {
  const nl = s.indexOf('\n');
  if (nl < 0) return s.includes('\r') ? s.replace(/\r/g, '\r\n') : s;
  if (nl >= 2 && s.charCodeAt(nl - 1) === 0x0d && s.charCodeAt(nl - 2) === 0x0d) return s.replace(/\r+\n/g, '\r\n');
  return s;
}

export function parseMessage(raw: string): Message {
  // Empty lines before the first header (a file written with a blank line first) are no part of the
  // mail: read as its start, they would make the whole mail a body without headers (see splitHead).
  if (raw.charCodeAt(0) === 0x0a || raw.charCodeAt(0) === 0x0d) raw = raw.replace(/^(?:[ \t]*\r?\n)+(?=[\x21-\x39\x3b-\x7e]+[ \t]*:)/, '');
  const state = { count: 0, problem: null as string | null };
  const root = parsePart(raw, 0, state, 'text/plain');
  const all: Part[] = [];
  const walk = (p: Part): void => {
    all.push(p);
    for (let i = 0; i < p.children.length; i++) walk(p.children[i]!);
  };
  walk(root);
  // Written out, not `{ ...root, ... }`: a spread that adds fields went through V8's runtime each time.
  return {
    headers: root.headers,
    contentType: root.contentType,
    rawBody: root.rawBody,
    children: root.children,
    decoded: root.decoded,
    text: root.text,
    all,
    problem: state.problem,
    returned: undefined,
  };
}

interface State {
  count: number;
  problem: string | null;
}

function parsePart(raw: string, depth: number, state: State, dflt: string): Part {
  state.count++;
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const contentType = parseContentType(headers.raw('content-type'), dflt);
  const part: Part = { headers, contentType, rawBody: body, children: [], decoded: undefined, text: undefined };
  if (!contentType.type.startsWith('multipart/')) return part;
  if (depth >= MAX_DEPTH || state.count >= MAX_PARTS) {
    state.problem ??= 'MIME tree too deep or too wide; the rest was not read';
    return part;
  }
  // No boundary parameter (often a "boundary=" line that lost its folding indent): guess it from the body.
  const declared = contentType.params['boundary'];
  const boundary = declared || guessBoundary(body);
  if (!boundary) {
    state.problem ??= 'multipart without a boundary';
    return part;
  }
  if (!declared) state.problem ??= 'multipart without a boundary parameter; the boundary was guessed from the body';
  const childDefault = contentType.type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
  let chunks = splitMultipart(body, boundary);
  if (chunks.length === 0) {
    // A boundary parameter that the body does not use (seen in the wild): guess it from the body.
    const guessed = guessBoundary(body);
    if (guessed) {
      chunks = splitMultipart(body, guessed);
      state.problem ??= 'the boundary parameter is not used by the body; the boundary was guessed';
    }
  }
  for (let i = 0; i < chunks.length; i++) {
    if (state.count >= MAX_PARTS) {
      state.problem ??= 'too many MIME parts; the rest was not read';
      break;
    }
    part.children.push(parsePart(chunks[i]!, depth + 1, state, childDefault));
  }
  if (part.children.length === 0) {
    // No delimiter at all: read the body as plain text rather than lose it.
    state.problem ??= 'multipart with no parts; read as text';
    part.contentType = { type: 'text/plain', params: { charset: contentType.params['charset'] ?? '' } };
  }
  return part;
}

/** A "--token" line that occurs at least twice is the boundary the body really uses. */
function guessBoundary(body: string): string | null {
  const seen = new Map<string, number>();
  // Boundaries may start with dashes ("----=_Part_0_1"); a line of dashes alone is a separator.
  for (const m of body.matchAll(/^--(-*[^\s-][^\s]{5,200}?)(?:--)?\r?$/gm)) {
    const b = m[1] ?? '';
    const n = (seen.get(b) ?? 0) + 1;
    if (n >= 2) return b;
    seen.set(b, n);
  }
  return null;
}

/** The chunks between "--boundary" lines; a missing close boundary (truncated mail) is tolerated. */
export function splitMultipart(body: string, boundary: string): string[] {
  const delim = '--' + boundary;
  const chunks: string[] = [];
  let start = -1;
  let pos = 0;
  for (;;) {
    const i = body.indexOf(delim, pos);
    if (i < 0) break;
    const atLineStart = i === 0 || body[i - 1] === '\n';
    pos = i + delim.length;
    if (!atLineStart) continue;
    const closing = body.startsWith('--', pos);
    // "--b" is no delimiter of "--ba": after the boundary only padding may follow (RFC 2046 §5.1.1).
    // Haraka nests boundaries that extend the outer one ("...1412" holding "...1412a").
    if (!closing && !paddingOnly(body, pos, Math.min(body.length, pos + 80))) continue;
    if (start >= 0) {
      // The CRLF before the delimiter belongs to the delimiter.
      let end = i;
      if (body[end - 1] === '\n') end--;
      if (body[end - 1] === '\r') end--;
      chunks.push(body.slice(start, Math.max(start, end)));
    }
    if (closing) return chunks;
    const eol = body.indexOf('\n', pos);
    if (eol < 0) return chunks;
    start = eol + 1;
    pos = start;
  }
  if (start >= 0 && start < body.length) chunks.push(body.slice(start));
  return chunks;
}

/** `s.slice(from, to)` is blanks up to the end of its line, or up to `to` (was /^[ \t]*\r?(?:\n|$)/ on that slice). */
function paddingOnly(s: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x09)) i++;
  if (i === to || s.charCodeAt(i) === 0x0a) return true;
  return s.charCodeAt(i) === 0x0d && (i + 1 === to || s.charCodeAt(i + 1) === 0x0a);
}

/**
 * Each part's decoded body and text, made once: the view, the returned-message and complaint
 * readers and several family readers each ask for the same parts. A part never changes once read.
 * Kept as fields of the part, not in a module-level WeakMap: that map's table lives in V8's old
 * generation, and what a mail put in it was copied out of the young generation by the next
 * scavenges (docs/parser-generalisation.md, "Speed").
 */

/** The part's body with the transfer encoding undone, as a latin1 byte string. */
export function decodedBytes(part: Part): string {
  return (part.decoded ??= undoTransferEncoding(part));
}

function undoTransferEncoding(part: Part): string {
  const cte = (part.headers.raw('content-transfer-encoding') ?? '').trim().toLowerCase();
  if (cte === 'base64') return decodeBase64(part.rawBody);
  if (cte === 'quoted-printable') return decodeQP(part.rawBody);
  return part.rawBody;
}

/**
 * Base64 text, its padding kept: blocks padded each on its own (mailers that encode line by line,
 * base64 texts appended to one another) are decoded one by one. Node's decoder stops at the first
 * padding, and with the padding dropped the blocks ran together into other bytes.
 */
export function decodeBase64(s: string): string {
  const clean = s.replace(/[^A-Za-z0-9+/=]/g, '');
  const eq = clean.indexOf('=');
  if (eq < 0 || eq >= clean.length - 2) return Buffer.from(clean, 'base64').toString('latin1');
  const blocks = clean.split(/(?<==)(?=[^=])/);
  let out = '';
  for (let i = 0; i < blocks.length; i++) out += Buffer.from(blocks[i]!, 'base64').toString('latin1');
  return out;
}

export function decodeQP(s: string): string {
  const t = s.replace(/[\t ]+(?=\r?\n)/g, '').replace(/=\r?\n/g, '');
  // Then each "=XX" (was a replace with a function: a list of every match, then a string per match), left to right.
  let i = t.indexOf('=');
  if (i < 0) return t;
  let out = '';
  let from = 0;
  for (; i >= 0; i = t.indexOf('=', i + 1)) {
    const hi = hexValue(t.charCodeAt(i + 1));
    const lo = hi < 0 ? -1 : hexValue(t.charCodeAt(i + 2));
    if (lo < 0) continue;
    out += t.slice(from, i) + String.fromCharCode(hi * 16 + lo);
    from = i + 3;
    i += 2;
  }
  return from === 0 ? t : out + t.slice(from);
}

/** The value of a hexadecimal digit's code, or -1 (NaN, past the end, included). */
function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** The part's body as Unicode text. */
export function partText(part: Part): string {
  return (part.text ??= decodeBytes(decodedBytes(part), part.contentType.params['charset']));
}
