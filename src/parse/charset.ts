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

/** Labels of single-byte charsets: ISO 8859, Windows' 125x, KOI8. */
const SINGLE_BYTE_LABEL = /^(?:iso[-_]?8859|latin|l\d$|windows-?12|cp-?12|win-?12|koi8)/;

export function decodeBytes(bytes: string, charset: string | undefined): string {
  const cs = (charset ?? '')
    .trim()
    .toLowerCase()
    .replace(/^["']|["']$/g, '');
  if (cs.startsWith('iso-2022-jp') || cs === 'csiso2022jp' || bytes.includes('\x1b$B')) return decodeJis(bytes);
  if (ASCII_ONLY.test(bytes)) return bytes;
  const buf = Buffer.from(bytes, 'latin1');
  // No charset, ASCII or UTF-8 claimed for 8-bit text: UTF-8 when it is, else guessed from the bytes
  // (a mailer that labels everything utf-8 while it writes Shift_JIS, GB2312 or windows-1251).
  if (cs === '' || cs === 'us-ascii' || cs === 'ascii' || cs === 'utf-8' || cs === 'utf8') {
    const s = buf.toString('utf8');
    return s.includes('\ufffd') ? unlabeled(buf) : s;
  }
  // A single-byte charset claimed for bytes that are valid UTF-8 (a mailer's default label over
  // UTF-8 text): UTF-8. Latin text in these charsets is next to never valid UTF-8 ("Ã¤" for "ä").
  if (SINGLE_BYTE_LABEL.test(cs)) {
    const s = buf.toString('utf8');
    if (!s.includes('\ufffd')) return s;
  }
  try {
    const label = knownLabel(cs);
    const td = label === null ? null : textDecoder(label);
    if (td) return td.decode(buf);
    if (label !== null) return iconv().decode(buf, label);
  } catch (e) {
    // A charset iconv knows but cannot decode these bytes with: fall through to UTF-8.
    void e;
  }
  return utf8OrLatin1(buf);
}

/**
 * Spellings of charset labels that neither Node's decoders nor iconv-lite know, as mailers write them:
 * an "x-" or "x-ms-" prefix on a known name (x-cp936, x-euc-cn, x-big5, x-windows-949, x-ms-cp932),
 * "iso-latin-2", and a few old names (CN-GB for GB2312, ujis and x-euc for EUC-JP, uhc for Korean cp949).
 */
const LABEL_ALIASES: Record<string, string> = {
  'cn-gb': 'gb18030',
  ujis: 'euc-jp',
  'x-euc': 'euc-jp',
  'euc-jp-ms': 'euc-jp',
  uhc: 'cp949',
  'dos-866': 'cp866',
};

/** The label itself, or the spelling of it that a decoder knows, or null; kept per label. */
const LABELS = new Map<string, string | null>();
function knownLabel(cs: string): string | null {
  let label = LABELS.get(cs);
  if (label !== undefined) return label;
  const tries = [cs, LABEL_ALIASES[cs], cs.replace(/^x-(?:ms-)?/, ''), cs.replace(/^iso-latin-/, 'latin')];
  label = null;
  for (const t of tries) {
    if (t && (textDecoder(t) || iconv().encodingExists(t))) {
      label = t;
      break;
    }
  }
  LABELS.set(cs, label);
  return label;
}

/**
 * 8-bit text with no charset that is not UTF-8 (Japanese, Chinese, Korean and Russian MTAs send their
 * notices so): the legacy charset the bytes read best in, else latin1 as before. Runs only on such text.
 * Japanese by its kana, Korean by Hangul alone, Big5 by its low trail bytes (GB2312 has none), else GB18030;
 * Cyrillic by words of Cyrillic letters in lower case after the first, Central European by letters
 * inside Latin words where latin1 reads symbols ("pe³na" for "pełna").
 */
function unlabeled(buf: Buffer): string {
  const latin1 = buf.toString('latin1');
  let best = latin1;
  // Another charset must read clearly better than latin1: by two characters at least.
  let bestScore = scriptScore(latin1, LATIN1) + 1;
  // Words of Cyrillic or of a double-byte charset are runs of bytes above 0x7f; text in a Latin script
  // has such bytes one at a time ("Empfänger"). The other candidates' decoders (whose tables load on
  // first use) are only tried when most of them stand in runs.
  const runs = mostlyRuns(buf);
  for (let i = 0; i < SNIFFED.length; i++) {
    const [label, script] = SNIFFED[i]!;
    if (!runs && script !== LATIN2) continue;
    const td = strictDecoder(label);
    if (!td || (label === 'big5' && !lowTrailByte(buf))) continue;
    let s: string;
    try {
      s = td.decode(buf);
    } catch {
      continue;
    }
    const score = scriptScore(s, script);
    if (score > bestScore) {
      best = s;
      bestScore = score;
    }
  }
  return best;
}

/** The scripts a candidate charset's text is written in (latin1 itself, and Central European). */
const LATIN1 = 1;
const LATIN2 = 2;
const KANA = 3;
const HANGUL = 4;
const HAN = 5;
const CYRILLIC = 6;
/**
 * Candidate charsets in order of preference (a later one must score higher), each with the script its
 * text is written in. Cyrillic first: its text also decodes as valid GB18030, and scores as much a byte.
 */
const SNIFFED: Array<[string, number]> = [
  ['windows-1251', CYRILLIC],
  ['koi8-r', CYRILLIC],
  ['shift_jis', KANA],
  ['euc-jp', KANA],
  ['euc-kr', HANGUL],
  ['big5', HAN],
  ['gb18030', HAN],
  ['iso-8859-2', LATIN2],
];

const LETTER = /\p{L}/u;

/**
 * How well `s` reads in `script`, by its characters outside ASCII. Latin: a letter beside an ASCII
 * letter +1 (for Central European only between two, where latin1 has symbols: "pe³na"), a symbol
 * between two -1. Cyrillic: a letter of the script +1, -1 when beside an ASCII letter (latin1 read as
 * Cyrillic, "Empfдnger") or a capital after a small letter (KOI8-R read as windows-1251 swaps the
 * cases). Kana, Hangul, Han: +2 a character (two bytes), -2 beside an ASCII letter or outside the
 * script; Japanese must be a quarter kana (Chinese and Korean decode as kanji in EUC-JP), Korean counts
 * Hangul alone (Chinese decodes as Hangul and Hanja in EUC-KR).
 */
function scriptScore(s: string, script: number): number {
  let score = 0;
  let kana = 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    n++;
    const ch = s[i]!;
    const before = i > 0 && isAsciiLetter(s.charCodeAt(i - 1));
    const after = i + 1 < s.length && isAsciiLetter(s.charCodeAt(i + 1));
    if (script === LATIN1 || script === LATIN2) {
      if (!LETTER.test(ch)) score -= before && after ? 1 : 0;
      else if (script === LATIN1 ? before || after : before && after) score++;
    } else if (script === CYRILLIC) {
      const upperAfterLower = ch !== ch.toLowerCase() && i > 0 && s[i - 1] !== s[i - 1]!.toUpperCase();
      score += c >= 0x400 && c <= 0x4ff && !before && !after && !upperAfterLower ? 1 : -1;
    } else {
      const isKana = c >= 0x3040 && c <= 0x30ff;
      const isHangul = c >= 0xac00 && c <= 0xd7a3;
      const isHan = (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);
      if (isKana) kana++;
      const fits = script === HANGUL ? isHangul : isKana || isHan;
      score += fits && !before && !after ? 2 : -2;
    }
  }
  if (script === KANA && kana * 4 < n) return -Infinity;
  return score;
}

/**
 * Most bytes above 0x7f stand next to another, or one byte from another (Big5's second byte may be
 * ASCII: "退信" is B0 68 AB 48).
 */
function mostlyRuns(buf: Buffer): boolean {
  let high = 0;
  let inRuns = 0;
  const n = buf.length;
  for (let i = 0; i < n; i++) {
    if (buf[i]! < 0x80) continue;
    high++;
    if (
      (i > 0 && buf[i - 1]! >= 0x80) ||
      (i + 1 < n && buf[i + 1]! >= 0x80) ||
      (i > 1 && buf[i - 2]! >= 0x80) ||
      (i + 2 < n && buf[i + 2]! >= 0x80)
    ) {
      inRuns++;
    }
  }
  return inRuns * 2 > high;
}

/** A byte 0x40-0x7e after a lead byte 0xa1-0xf9: Big5's second byte, which GB2312 and EUC never write. */
function lowTrailByte(buf: Buffer): boolean {
  for (let i = 1; i < buf.length; i++) {
    const c = buf[i]!;
    if (c >= 0x40 && c <= 0x7e && buf[i - 1]! >= 0xa1 && buf[i - 1]! <= 0xf9) return true;
  }
  return false;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

const STRICT = new Map<string, TextDecoder | null>();
function strictDecoder(label: string): TextDecoder | null {
  let td = STRICT.get(label);
  if (td === undefined) {
    try {
      td = new TextDecoder(label, { fatal: true });
    } catch {
      td = null;
    }
    STRICT.set(label, td);
  }
  return td;
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
      const label = cs.replace(/\*.*$/, '');
      // UTF-8 words stay UTF-8 or latin1 each: a character split across two words is joined below.
      return /^utf-?8$/i.test(label) ? utf8OrLatin1(Buffer.from(bytes, 'latin1')) : decodeBytes(bytes, label);
    });
  }
  // Raw ISO-2022-JP (7-bit, its escapes written as they are), as older Japanese mailers write a Subject.
  if (out.includes('\x1b$B')) return decodeJis(out);
  if (ASCII_ONLY.test(out)) return out;
  // Raw 8-bit bytes and no encoded word (Japanese and Chinese MTAs write their Subject so, in their
  // legacy charset): read as a body with no charset is. Decoded words keep the UTF-8-or-latin1 rule.
  if (out === v) return decodeBytes(v, '');
  return decodeRaw8bit(out);
}

function decodeRaw8bit(s: string): string {
  // Only re-decode when every char is a byte (i.e. not already decoded Unicode).
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return s;
  return utf8OrLatin1(Buffer.from(s, 'latin1'));
}
