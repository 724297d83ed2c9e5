// Table-driven: every fixtures/**/X.eml must parse to what X.expected.json says (a subset match).
import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseMail } from '../../src/parse/index.js';

const root = join(import.meta.dirname, '..', '..', 'fixtures');

function emls(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? emls(p) : n.endsWith('.eml') ? [p] : [];
  });
}

interface Expected {
  kind: string;
  original?: Record<string, string>;
  recipients: Array<Record<string, string>>;
}

describe('fixtures', () => {
  for (const file of emls(root)) {
    const expectedFile = file.replace(/\.eml$/, '.expected.json');
    it(`${relative(root, file)} parses as its expected.json says`, async () => {
      expect(existsSync(expectedFile)).toBe(true);
      const want = JSON.parse(readFileSync(expectedFile, 'utf8')) as Expected;
      const got = await parseMail(readFileSync(file));
      expect(got.error).toBeNull();
      expect(got.kind).toBe(want.kind);
      expect(got.recipients).toHaveLength(want.recipients.length);
      want.recipients.forEach((w, i) => {
        const r = got.recipients[i]!;
        const view: Record<string, unknown> = { ...r, occurredAt: r.occurredAt?.toISOString() ?? null };
        for (const [k, v] of Object.entries(w)) expect([k, view[k]]).toEqual([k, v]);
      });
      for (const [k, v] of Object.entries(want.original ?? {})) {
        expect([k, got.original[k as keyof typeof got.original]]).toEqual([k, v]);
      }
    });
  }
});
