// Malformed input never throws and never hangs: 6,000 mutated, truncated and
// random messages from a seeded PRNG (deterministic), each parsed to a verdict.
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseMailSync } from '../../src/parse/index.js';
import { prng } from '../helpers/prng.js';

const root = join(import.meta.dirname, '..', '..', 'fixtures');
const seeds: Buffer[] = (function walk(dir: string): Buffer[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : n.endsWith('.eml') ? [readFileSync(p)] : [];
  });
})(root);

const NASTY = [
  '\r\n\r\n',
  '--',
  'Content-Type: multipart/mixed; boundary=""\n',
  '=?utf-8?B?',
  '=?x-unknown?Q?=FF=?=',
  '\x1b$B',
  '\0',
  'Final-Recipient: rfc822;\n',
  'Status: 9.9.9999\n',
  '\n--B0UND\n',
  ':'.repeat(500),
  '<'.repeat(300),
  '@'.repeat(200),
];

function mutate(rand: () => number, base: Buffer): Buffer {
  const b = Buffer.from(base);
  switch (Math.floor(rand() * 5)) {
    case 0: // truncate
      return b.subarray(0, Math.floor(rand() * b.length));
    case 1: // flip bytes
      for (let i = 0; i < 1 + rand() * 40; i++) b[Math.floor(rand() * b.length)] = Math.floor(rand() * 256);
      return b;
    case 2: {
      // splice a nasty token in
      const at = Math.floor(rand() * b.length);
      const tok = NASTY[Math.floor(rand() * NASTY.length)] ?? '';
      return Buffer.concat([b.subarray(0, at), Buffer.from(tok.repeat(1 + Math.floor(rand() * 5)), 'latin1'), b.subarray(at)]);
    }
    case 3: {
      // random bytes
      const r = Buffer.alloc(Math.floor(rand() * 4096));
      for (let i = 0; i < r.length; i++) r[i] = Math.floor(rand() * 256);
      return r;
    }
    default: {
      // nest multiparts deeply
      const depth = 1 + Math.floor(rand() * 60);
      let s = '';
      for (let i = 0; i < depth; i++) s += `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n`;
      return Buffer.concat([Buffer.from(s), b]);
    }
  }
}

describe('fuzz', () => {
  it('parses 6,000 broken messages without throwing', () => {
    const rand = prng(20240514);
    let n = 0;
    for (let i = 0; i < 6000; i++) {
      const base = seeds[i % seeds.length] ?? Buffer.from('');
      const input = mutate(rand, base);
      const out = parseMailSync(input);
      expect(['bounce', 'complaint', 'auto-reply', 'unknown']).toContain(out.kind);
      expect(Array.isArray(out.recipients)).toBe(true);
      // Everything returned goes to Postgres text columns, which cannot hold NUL.
      expect(JSON.stringify(out)).not.toContain('\\u0000');
      n++;
    }
    expect(n).toBe(6000);
  });

  it('reads a NUL in the bytes or in a decoded part as a space, so that phrases still match', () => {
    const report = (fields: string, base64: boolean) =>
      Buffer.from(
        'From: MAILER-DAEMON@x.test\r\nTo: b@bounces.test\r\nSubject: Undelivered\r\n' +
          'Content-Type: multipart/report; report-type=delivery-status; boundary="B"\r\n\r\n--B\r\nContent-Type: text/plain\r\n\r\nfailed\r\n' +
          `--B\r\nContent-Type: message/delivery-status\r\n${base64 ? `Content-Transfer-Encoding: base64\r\n\r\n${Buffer.from(fields, 'latin1').toString('base64')}` : `\r\n${fields}`}\r\n--B--\r\n`,
        'latin1',
      );
    const fields =
      'Reporting-MTA: dns; x.test\r\n\r\nFinal-Recipient: rfc822; u@y.test\r\nAction: failed\r\nStatus: 5.0.0\r\nDiagnostic-Code: smtp; 552 mailbox\0full\r\n';
    for (const base64 of [false, true]) {
      const r = parseMailSync(report(fields, base64)).recipients[0];
      expect(r).toMatchObject({ address: 'u@y.test', reason: 'mailboxfull', diagnostic: '552 mailbox full' });
    }
  });
});
