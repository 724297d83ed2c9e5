// Structural limits checked before a mail is accepted (docs/pipeline.md): the size of
// its header, how deep its multiparts nest and how many parts it has. A mail
// past a limit is refused with a clear SMTP reply (the sending MTA keeps it
// and tells its sender), so the parser never meets a tree it would have to cut.
// One pass over line starts, no decoding: a few microseconds for a bounce.

export interface MimeLimits {
  maxHeaderBytes: number;
  maxDepth: number;
  maxParts: number;
}

export interface LimitBreach {
  limit: 'header-size' | 'mime-depth' | 'mime-parts';
  code: 552 | 554;
  message: string;
}

const LF = 0x0a;
const DASH = 0x2d;
const DELIMITER_START = Buffer.from('\n--');

export function checkMimeLimits(body: Buffer, limits: MimeLimits): LimitBreach | null {
  const headerEnd = endOfHeader(body, limits.maxHeaderBytes);
  if (headerEnd < 0) {
    return { limit: 'header-size', code: 552, message: `5.3.4 Message header too large (limit ${limits.maxHeaderBytes} bytes)` };
  }

  const boundaries: string[] = [];
  let parts = 0;
  let inHeader = true;
  let contentType: string | null = null;
  let capturing = false;

  for (let pos = 0; pos < body.length;) {
    let end = body.indexOf(LF, pos);
    if (end < 0) end = body.length;
    const first = body[pos];

    if (first === DASH && body[pos + 1] === DASH && boundaries.length > 0) {
      const line = body.toString('latin1', pos + 2, end).trimEnd();
      const at = delimiterOf(line, boundaries);
      if (at !== null) {
        if (at.closing) {
          boundaries.length = at.index; // this multipart and any left open inside it are done
          inHeader = false;
        } else {
          boundaries.length = at.index + 1;
          if (++parts > limits.maxParts) {
            return { limit: 'mime-parts', code: 554, message: `5.6.0 Too many MIME parts (limit ${limits.maxParts})` };
          }
          inHeader = true;
          contentType = null;
          capturing = false;
        }
        pos = end + 1;
        continue;
      }
    }

    if (inHeader) {
      const blank = end === pos || (end === pos + 1 && first === 0x0d);
      if (blank) {
        const next = contentType === null ? null : structureOf(contentType);
        if (next?.boundary) {
          boundaries.push(next.boundary);
          if (boundaries.length > limits.maxDepth) {
            return { limit: 'mime-depth', code: 554, message: `5.6.0 MIME parts nested too deep (limit ${limits.maxDepth} levels)` };
          }
        }
        // An attached message starts with headers of its own.
        inHeader = next?.message === true;
        contentType = null;
        capturing = false;
      } else if (first === 0x20 || first === 0x09) {
        if (capturing) contentType += body.toString('latin1', pos, end);
      } else {
        capturing = isContentType(body, pos);
        if (capturing) contentType = body.toString('latin1', pos, end);
      }
    }
    pos = end + 1;
    // In a body only delimiter lines matter: jump to the next line that starts with "--".
    if (!inHeader) {
      if (boundaries.length === 0) break; // a body outside any multipart: nothing more to count
      const next = body.indexOf(DELIMITER_START, pos - 1);
      if (next < 0) break;
      pos = next + 1;
    }
  }
  return null;
}

/** Offset of the blank line ending the top-level header; -1 when the header is longer than max. */
function endOfHeader(body: Buffer, max: number): number {
  const scan = body.subarray(0, max + 4);
  const lf = scan.indexOf('\n\n');
  const crlf = scan.indexOf('\n\r\n');
  const found = [lf, crlf].filter((i) => i >= 0 && i <= max);
  if (found.length > 0) return Math.min(...found);
  // No blank line at all: a mail that is all header (or truncated); too large only past the limit.
  return body.length <= max ? body.length : -1;
}

const CONTENT_TYPE = 'content-type:';

function isContentType(body: Buffer, pos: number): boolean {
  if (((body[pos] ?? 0) | 0x20) !== 0x63 || body.length - pos < CONTENT_TYPE.length) return false; // 'c' or 'C' first: cheap
  return body.toString('latin1', pos, pos + CONTENT_TYPE.length).toLowerCase() === CONTENT_TYPE;
}

function structureOf(header: string): { boundary: string | null; message: boolean } {
  const value = header.slice(CONTENT_TYPE.length).trimStart().toLowerCase();
  if (value.startsWith('message/rfc822') || value.startsWith('message/global')) return { boundary: null, message: true };
  if (!value.startsWith('multipart/')) return { boundary: null, message: false };
  const m = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(header);
  return { boundary: m ? (m[1] ?? m[2] ?? null) : null, message: false };
}

/** Which open boundary a "--" line delimits (innermost first), and whether it closes it. */
function delimiterOf(line: string, boundaries: readonly string[]): { index: number; closing: boolean } | null {
  for (let i = boundaries.length - 1; i >= 0; i--) {
    const b = boundaries[i] as string;
    if (!line.startsWith(b)) continue;
    const rest = line.slice(b.length);
    if (rest === '') return { index: i, closing: false };
    if (rest.startsWith('--')) return { index: i, closing: true };
  }
  return null;
}
