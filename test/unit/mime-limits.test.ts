import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkMimeLimits, type MimeLimits } from '../../src/intake/mime-limits.js';
import { MIME_LIMITS } from '../../src/parse/limits.js';

const LIMITS: MimeLimits = { maxHeaderBytes: 4096, maxDepth: 3, maxParts: 8 };
const check = (mail: string, limits = LIMITS) => checkMimeLimits(Buffer.from(mail.replace(/\n/g, '\r\n'), 'latin1'), limits);

/** Multiparts nested `depth` deep, each holding one text part beside the next level. */
function nested(depth: number): string {
  const open = (i: number): string =>
    i === depth
      ? 'Content-Type: text/plain\n\nleaf\n'
      : `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\nContent-Type: text/plain\n\ntext ${i}\n--b${i}\n${open(i + 1)}--b${i}--\n`;
  return `From: a@example.org\nSubject: nested\nMIME-Version: 1.0\n${open(0)}`;
}

function wide(parts: number): string {
  const body = Array.from({ length: parts }, (_, i) => `--w\nContent-Type: text/plain\n\npart ${i}\n`).join('');
  return `From: a@example.org\nContent-Type: multipart/mixed;\n boundary=w\n\n${body}--w--\n`;
}

describe('MIME limits at intake', () => {
  it('lets a plain mail, a mail without a body and a mail at each limit through', () => {
    expect(check('From: a@example.org\nSubject: hi\n\nhello\n')).toBeNull();
    expect(check('From: a@example.org\nSubject: all header')).toBeNull();
    expect(check(nested(3))).toBeNull();
    expect(check(wide(8))).toBeNull();
  });

  it('refuses nesting deeper than the limit with 554 5.6.0', () => {
    expect(check(nested(4))).toMatchObject({ limit: 'mime-depth', code: 554, message: expect.stringMatching(/^5\.6\.0 .*3 levels/) });
  });

  it('refuses more parts than the limit, counting a folded boundary parameter', () => {
    expect(check(wide(9))).toMatchObject({ limit: 'mime-parts', code: 554, message: expect.stringMatching(/^5\.6\.0 .*limit 8/) });
  });

  it('refuses a top-level header larger than the limit with 552 5.3.4, whether or not a body follows', () => {
    const big = `From: a@example.org\n${'X-Pad: ' + 'x'.repeat(60) + '\n'}`.repeat(80);
    expect(check(`${big}\nbody\n`)).toMatchObject({ limit: 'header-size', code: 552, message: expect.stringMatching(/^5\.3\.4 /) });
    expect(check(big)).toMatchObject({ limit: 'header-size' });
  });

  it('reads the multiparts inside an attached message, and closes inner levels left open', () => {
    const inner =
      'Content-Type: multipart/alternative; boundary="in"\n\n--in\nContent-Type: text/plain\n\nx\n--in\nContent-Type: text/html\n\n<p>x</p>\n';
    // The inner multipart is never closed: the outer delimiter ends it.
    const mail = `From: a@example.org\nContent-Type: multipart/report; report-type=delivery-status; boundary="out"\n\n--out\nContent-Type: text/plain\n\nfailed\n--out\nContent-Type: message/rfc822\n\nFrom: b@example.org\n${inner}--out--\n`;
    expect(check(mail)).toBeNull();
    expect(check(mail, { ...LIMITS, maxDepth: 1 })).toMatchObject({ limit: 'mime-depth' });
    expect(check(mail, { ...LIMITS, maxParts: 3 })).toMatchObject({ limit: 'mime-parts' });
  });

  it('takes a "--" line that names no open boundary as text', () => {
    expect(check(`From: a@example.org\nContent-Type: multipart/mixed; boundary=w\n\n--w\n\n-- \nsignature\n--other\n--w--\n`)).toBeNull();
  });

  it('accepts every fixture of the parser at the limits the parser reads whole', () => {
    const root = join(import.meta.dirname, '..', '..', 'fixtures');
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const e of readdirSync(d)) {
        const p = join(d, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (p.endsWith('.eml')) files.push(p);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(20);
    for (const f of files)
      expect(
        checkMimeLimits(readFileSync(f), {
          maxHeaderBytes: MIME_LIMITS.headerBytes,
          maxDepth: MIME_LIMITS.depth,
          maxParts: MIME_LIMITS.parts,
        }),
        f,
      ).toBeNull();
  });
});
