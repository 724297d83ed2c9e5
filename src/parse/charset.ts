// Bytes (held as latin1 strings) to Unicode, and RFC 2047 encoded words.
// Unknown or lying charsets never throw: they fall back to UTF-8, then latin1.
import { createRequire } from 'node:module';
import { TextDecoder } from 'node:util';
import type Iconv from 'iconv-lite';
import type EncodingJapanese from 'encoding-japanese';

// Loaded on first use: most bounces are ASCII or UTF-8, and loading both (their
// tables expanded at load) was a tenth of the CPU of `inmail parse` over a corpus.
const require = createRequire(import.meta.url);
let iconvLib: typeof Iconv | null = null;
let japanese: typeof EncodingJapanese | null = null;
const iconv = (): typeof Iconv => (iconvLib ??= require('iconv-lite') as typeof Iconv);
const encodingJapanese = (): typeof EncodingJapanese => (japanese ??= require('encoding-japanese') as typeof EncodingJapanese);

// eslint-disable-next-line no-control-regex -- ASCII is exactly the bytes 0x00-0x7f, NUL included
const ASCII_ONLY = /^[\x00-\x7f]*$/;

export function decodeBytes(bytes: string, charset: string | undefined): string {
  const cs = (charset ?? '')
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (cs.startsWith('iso-2022-jp') || cs === 'csiso2022jp' || bytes.includes('\x1b$B')) return decodeJis(bytes);
  if (ASCII_ONLY.test(bytes)) return bytes;
  const buf = Buffer.from(bytes, 'latin1');
  if (cs === '' || cs === 'utf-8' || cs === 'utf8' || cs === 'us-ascii' || cs === 'ascii') {
    return utf8OrLatin1(buf);
  }
  try {
    const td = textDecoder(cs);
    if (td) return td.decode(buf);
    if (iconv().encodingExists(cs)) return iconv().decode(buf, cs);
  } catch (e) {
    // A charset iconv knows but cannot decode these bytes with: fall through to UTF-8.
    void e;
  }
  return utf8OrLatin1(buf);
}

function utf8OrLatin1(buf: Buffer): string {
  const s = buf.toString('utf8');
  return s.includes('\ufffd') ? buf.toString('latin1') : s;
}

function decodeJis(bytes: string): string {
  if (!bytes.includes('\x1b')) return bytes;
  const arr = Buffer.from(bytes, 'latin1');
  const td = textDecoder('iso-2022-jp');
  if (td) return td.decode(arr);
  return encodingJapanese().convert(Array.from(arr), { to: 'UNICODE', from: 'JIS', type: 'string' });
}

/**
 * Node's own decoder for a charset label (WHATWG encodings, with the ICU that official builds
 * carry), or null. Preferred to iconv-lite and encoding-japanese, whose tables cost more to
 * load than a whole corpus costs to decode; they remain for labels the platform lacks (cp932).
 */
const DECODERS = new Map<string, TextDecoder | null>();
function textDecoder(label: string): TextDecoder | null {
  let td = DECODERS.get(label);
  if (td === undefined) {
    try {
      td = new TextDecoder(label);
    } catch {
      td = null;
    }
    DECODERS.set(label, td);
  }
  return td;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

/** Decodes RFC 2047 encoded words, and 8-bit header bytes (seen in the wild) as UTF-8. */
export function decodeHeaderValue(v: string): string {
  let out = v;
  if (out.includes('=?')) {
    // Whitespace between two adjacent encoded words is not displayed (RFC 2047 §6.2).
    out = out.replace(/(\?=)\s+(?==\?)/g, '$1').replace(ENCODED_WORD, (_m, cs: string, enc: string, text: string) => {
      const bytes =
        enc.toLowerCase() === 'b'
          ? Buffer.from(text, 'base64').toString('latin1')
          : text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_x, h: string) => String.fromCharCode(parseInt(h, 16)));
      return decodeBytes(bytes, cs.replace(/\*.*$/, ''));
    });
  }
  return ASCII_ONLY.test(out) ? out : decodeRaw8bit(out);
}

function decodeRaw8bit(s: string): string {
  // Only re-decode when every char is a byte (i.e. not already decoded Unicode).
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return s;
  return utf8OrLatin1(Buffer.from(s, 'latin1'));
}
