// The header, DSN-field, quoted-printable and date readers were rewritten to read by offsets
// (docs/parser-generalisation.md, "Speed"): each must give what the former regex-and-split
// version gave, kept here as the reference, on awkward input.
import { describe, expect, it } from 'vitest';
import { decodeQP, parseHeaders } from '../../src/parse/mime.js';
import { fieldLines, parseDate, rfc5322Time } from '../../src/parse/dsn.js';

/** The former parseHeaders: lines split, names and values trimmed, folds joined with a space. */
function headersBefore(head: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let name = '';
  let value = '';
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && name) {
      value += ' ' + line.trim();
      continue;
    }
    if (name) out.push([name.toLowerCase(), value.trim()]);
    const colon = line.indexOf(':');
    if (colon > 0 && /^[^\s:]+\s*$/.test(line.slice(0, colon))) {
      name = line.slice(0, colon).trim();
      value = line.slice(colon + 1);
    } else name = '';
  }
  if (name) out.push([name.toLowerCase(), value.trim()]);
  return out;
}

const INDENTED_BEFORE =
  /^[ \t]+(?:final-recipient|original-recipient|action|status|remote-mta|diagnostic-code|last-attempt-date|will-retry-until|reporting-mta|arrival-date|x-actual-recipient|received-from-mta)[ \t]*:/i;

function fieldLinesBefore(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const line of text.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length && out[out.length - 1]![0] !== '' && line.trim() && !INDENTED_BEFORE.test(line)) {
      out[out.length - 1]![1] += ' ' + line.trim();
      continue;
    }
    const m = /^[ \t]*([A-Za-z][A-Za-z0-9-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (m) out.push([m[1]!.toLowerCase(), m[2]!.trim()]);
    else if (line.trim() === '') out.push(['', '']);
  }
  return out;
}

function qpBefore(s: string): string {
  return s
    .replace(/[\t ]+(?=\r?\n)/g, '')
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

/** A small random text over the characters these readers treat specially. */
function noise(seed: number, alphabet: readonly string[], length: number): string {
  let x = seed;
  let s = '';
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += alphabet[x % alphabet.length];
  }
  return s;
}

const HEADER_BITS = ['A', 'b', '-', ':', ' ', '\t', '\r', '\n', '\r\n', 'Subject: ', '\n ', '\n\t', '\u00a0', 'x', '=', ';'];
const FIELD_BITS = [...HEADER_BITS, 'Status', 'final-recipient:', '\n  Action:', '\u2028', '1', '\n\n'];
const QP_BITS = ['=', 'A', 'f', '0', '9', 'g', ' ', '\t', '\r', '\n', '=\r\n', '=\n', '=4', '1'];

describe('readers by offset', () => {
  it('read headers as the split-and-trim reader did', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const head = noise(seed, HEADER_BITS, 4 + (seed % 40));
      const h = parseHeaders(head);
      const got = h.names.flatMap((n) => h.all(n).map((v): [string, string] => [n, v]));
      const want = headersBefore(head);
      const byName = want.map((w) => w[0]).filter((n, i, all) => all.indexOf(n) === i);
      expect(got, JSON.stringify(head)).toEqual(byName.flatMap((n) => want.filter((w) => w[0] === n)));
    }
  });

  it('read a folded value whose first or last line is blank as before', () => {
    expect(parseHeaders('Subject:\n  hello\n\tworld').raw('subject')).toBe('hello world');
    expect(parseHeaders('Subject: a  \n b\n   ').raw('subject')).toBe('a   b');
    expect(parseHeaders('Subject:   \n   \n x').raw('subject')).toBe('x');
  });

  it('read DSN fields as the split-and-regex reader did', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const text = noise(seed, FIELD_BITS, 4 + (seed % 50));
      expect(fieldLines(text), JSON.stringify(text)).toEqual(fieldLinesBefore(text));
    }
  });

  it('decode quoted-printable as the three replaces did', () => {
    for (let seed = 1; seed <= 3000; seed++) {
      const text = noise(seed, QP_BITS, 2 + (seed % 40));
      expect(decodeQP(text), JSON.stringify(text)).toBe(qpBefore(text));
    }
  });

  it("read the usual dates to V8's own time, and leave the others to it", () => {
    for (const s of [
      'Mon, 7 Dec 2026 03:20:14 +0000',
      'Thu,  9 Oct 2017 23:34:45 +0900',
      '31 Feb 2020 00:00 -0130',
      'Sat, 06 Jul 2013 23:59:59 -2359',
    ]) {
      expect(rfc5322Time(s), s).toBe(new Date(s).getTime());
    }
    for (const s of [
      'Thu, 01 Oct 15 14:13:34 UTC',
      'Sat, 06 Jul 2013 23:34:45 JST',
      '7 Dec 2026 24:00:00 +0000',
      '0 Dec 2026 10:00:00 +0000',
    ])
      expect(rfc5322Time(s), s).toBeNull();
    expect(parseDate('Mon, 7 Dec 2026 03:20:14 +0100 (CET)')?.toISOString()).toBe('2026-12-07T02:20:14.000Z');
  });
});
