// Seeded, deterministic fuzzed mails: DSNs and feedback reports whose recipient
// text is drawn from an alphabet of the characters that break address readers
// (separators, quotes, bidi controls, UTF-8 letters, a second @), mutated fixtures
// and random bytes. Shared by the parser's property test and the SMTP fuzz test.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildDsn } from './dsn.js';
import { buildArf } from './arf.js';

const ALPHABET = [
  ..."abcxyz0189._-+=/!#$%&*?^`{|}~'",
  ';',
  ',',
  ':',
  '"',
  '"',
  ' ',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '\\',
  '@',
  'é',
  'ä',
  'ß',
  '用',
  '户',
  'й',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u200f',
  '\u200b',
  '\u00a0',
  '\t',
];
const DOMAINS = ['corp.example', 'exämple.com', '例子.广告', 'xn--exmple-cua.com', 'mx.example.org', '[192.0.2.1]', 'a', 'x.1'];

export function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)] as T;
}

/** A recipient text: often a valid address, often one with odd characters in it. */
export function fuzzAddress(rand: () => number): string {
  const n = 1 + Math.floor(rand() * 14);
  let local = '';
  for (let i = 0; i < n; i++) local += rand() < 0.6 ? pick(rand, [...'abcdefghij0123456789']) : pick(rand, ALPHABET);
  if (rand() < 0.15) local = `"${local.replace(/["\\]/g, '')}"`;
  return `${local}@${pick(rand, DOMAINS)}`;
}

const root = join(import.meta.dirname, '..', '..', 'fixtures');
const seeds: Buffer[] = (function walk(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.eml') ? [readFileSync(p)] : [];
  });
})(root);

export type FuzzKind = 'dsn' | 'arf' | 'mutated' | 'random';

/** One fuzzed mail and what it is; DSNs and reports are plain 8-bit text (no transfer encoding). */
export function fuzzMail(rand: () => number): { kind: FuzzKind; body: Buffer } {
  const r = rand();
  if (r < 0.45) {
    const recipients = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => ({
      address: fuzzAddress(rand),
      status: pick(rand, ['5.1.1', '4.2.2', '5.7.1', '2.0.0']),
      diagnostic: '550 rejected',
    }));
    const type = rand() < 0.3 ? 'utf-8' : 'rfc822';
    return { kind: 'dsn', body: Buffer.from(buildDsn({ recipients }).replace(/rfc822; ?/g, `${type}; `), 'utf8') };
  }
  if (r < 0.6) return { kind: 'arf', body: Buffer.from(buildArf({ recipient: fuzzAddress(rand) }), 'utf8') };
  if (r < 0.9) {
    const b = Buffer.from(pick(rand, seeds));
    for (let i = 0; i < 1 + rand() * 30; i++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
    return { kind: 'mutated', body: rand() < 0.3 ? b.subarray(0, Math.floor(rand() * b.length)) : b };
  }
  const bytes = Buffer.alloc(Math.floor(rand() * 3000));
  for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(rand() * 256);
  return { kind: 'random', body: bytes };
}
