// A small, forgiving MIME reader: just what bounce parsing needs (headers,
// the part tree, decoded text), without mailparser's HTML and link work,
// which is most of its cost. Works on a latin1 string so that byte offsets
// survive; text is decoded to Unicode per part from its own charset.
import { decodeBytes, decodeHeaderValue } from './charset.js';
import { MIME_LIMITS } from './limits.js';

/** Limits against hostile input (docs/pipeline.md): deeper or wider trees are cut, never followed. */
const { depth: MAX_DEPTH, parts: MAX_PARTS, headerBytes: MAX_HEADER_BYTES } = MIME_LIMITS;

export class Headers {
  /** Lower-cased name → raw (unfolded, not decoded) values, in order. */
  private readonly map = new Map<string, string[]>();
  readonly names: string[] = [];

  add(name: string, value: string): void {
    const key = name.toLowerCase();
    const list = this.map.get(key);
    if (list) list.push(value);
    else {
      this.map.set(key, [value]);
      this.names.push(key);
    }
  }
  /** First raw value. */
  raw(name: string): string | undefined {
    return this.map.get(name)?.[0];
  }
  /** First value with RFC 2047 encoded words decoded. */
  get(name: string): string | undefined {
    const v = this.map.get(name)?.[0];
    return v === undefined ? undefined : decodeHeaderValue(v);
  }
  all(name: string): string[] {
    return this.map.get(name) ?? [];
  }
  has(name: string): boolean {
    return this.map.has(name);
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
}

export interface Message extends Part {
  /** Every part in document order, the root included. */
  all: Part[];
  /** Set when the MIME structure was cut or broken; the rest is still usable. */
  problem: string | null;
}

/** Splits a latin1 string into header block and body at the first empty line. */
export function splitHead(s: string): { head: string; body: string } {
  // A part that starts with its empty line has no headers (qmail clones such as indimail write
  // their notice so): the text up to the next empty line is body, not a broken header block.
  const lead = /^\r?\n/.exec(s);
  if (lead) return { head: '', body: s.slice(lead[0].length) };
  const m = /\r?\n\r?\n/.exec(s.length > MAX_HEADER_BYTES ? s.slice(0, MAX_HEADER_BYTES) : s);
  if (!m) {
    // No empty line: if it does not even start like a header, treat it all as body.
    return /^[\x21-\x39\x3b-\x7e]+:/.test(s) ? { head: s, body: '' } : { head: '', body: s };
  }
  return { head: s.slice(0, m.index), body: s.slice(m.index + m[0].length) };
}

export function parseHeaders(head: string): Headers {
  const h = new Headers();
  let name = '';
  let value = '';
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
    if ((first === 0x20 || first === 0x09) && name) {
      value += ' ' + head.slice(lineStart, end).trim();
      continue;
    }
    if (name) h.add(name, value.trim());
    const colon = head.indexOf(':', lineStart);
    if (colon > lineStart && colon < end && isFieldName(head, lineStart, colon)) {
      name = head.slice(lineStart, colon).trim();
      value = head.slice(colon + 1, end);
    } else {
      name = ''; // garbage line (an mbox "From " line, a broken fold): skipped
    }
  }
  if (name) h.add(name, value.trim());
  return h;
}

/** `s.slice(from, colon)` is a field name: no white space, then optional trailing white space (was /^[^\s:]+\s*$/, without the slice). */
function isFieldName(s: string, from: number, colon: number): boolean {
  let end = colon;
  while (end > from && isSpace(s.charCodeAt(end - 1))) end--;
  if (end === from) return false;
  for (let i = from; i < end; i++) if (isSpace(s.charCodeAt(i))) return false;
  return true;
}

/** JavaScript's \s, which the pattern it replaces used. */
function isSpace(c: number): boolean {
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
  const [first, ...rest] = splitParams(v);
  let type = (first ?? '').trim().toLowerCase();
  // A parameter after the type with no ';' ("text/plain\n   charset=..." as some MTAs fold it).
  // (Only a type with white space inside can be one.)
  const bare = /\s/.test(type) ? /^([^\s/]+\/[^\s]+)\s+([a-z][\w-]*\s*=.*)$/.exec(type) : null;
  if (bare) {
    type = bare[1] ?? type;
    rest.unshift((first ?? '').trim().slice(type.length));
  }
  const params: Record<string, string> = {};
  for (const p of rest) {
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

export function parseMessage(raw: string): Message {
  const state = { count: 0, problem: null as string | null };
  const root = parsePart(raw, 0, state, 'text/plain');
  const all: Part[] = [];
  const walk = (p: Part): void => {
    all.push(p);
    for (const c of p.children) walk(c);
  };
  walk(root);
  return { ...root, all, problem: state.problem };
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
  const part: Part = { headers, contentType, rawBody: body, children: [] };
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
  for (const chunk of chunks) {
    if (state.count >= MAX_PARTS) {
      state.problem ??= 'too many MIME parts; the rest was not read';
      break;
    }
    part.children.push(parsePart(chunk, depth + 1, state, childDefault));
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
 */
const DECODED = new WeakMap<Part, string>();
const TEXT = new WeakMap<Part, string>();

/** The part's body with the transfer encoding undone, as a latin1 byte string. */
export function decodedBytes(part: Part): string {
  let bytes = DECODED.get(part);
  if (bytes === undefined) DECODED.set(part, (bytes = undoTransferEncoding(part)));
  return bytes;
}

function undoTransferEncoding(part: Part): string {
  const cte = (part.headers.raw('content-transfer-encoding') ?? '').trim().toLowerCase();
  if (cte === 'base64') return Buffer.from(part.rawBody.replace(/[^A-Za-z0-9+/]/g, ''), 'base64').toString('latin1');
  if (cte === 'quoted-printable') return decodeQP(part.rawBody);
  return part.rawBody;
}

export function decodeQP(s: string): string {
  return s
    .replace(/[\t ]+(?=\r?\n)/g, '')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** The part's body as Unicode text. */
export function partText(part: Part): string {
  let text = TEXT.get(part);
  if (text === undefined) TEXT.set(part, (text = decodeBytes(decodedBytes(part), part.contentType.params['charset'])));
  return text;
}
