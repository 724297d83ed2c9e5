// The repository explains itself: docs/reasons.md names every reason with the
// type and code the code gives it, nothing points at a specification outside
// the repository, and every package the daemon depends on is used by it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { qualify, REASONS } from '../../src/domain/reasons.js';

const root = new URL('../../', import.meta.url).pathname;
const read = (p: string): string => readFileSync(join(root, p), 'utf8');

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(join(root, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(root, p)).isDirectory() ? files(p, ext) : ext.test(f) ? [p] : [];
  });
}

describe('docs/', () => {
  it('docs/reasons.md lists every reason with its default type and code', () => {
    const doc = read('docs/reasons.md');
    const rows = new Map(
      [...doc.matchAll(/^\| `([a-z]+)` \| (hard|soft|ignored) \| (\d+) \|/gm)].map((m) => [m[1], { type: m[2], code: Number(m[3]) }]),
    );
    for (const r of REASONS) {
      const q = qualify(r);
      expect(rows.get(r), r).toEqual({ type: q.type, code: q.failureReason });
    }
    expect(rows.size).toBe(REASONS.length);
  });

  it('every docs/*.md a comment or message points to exists', () => {
    const pointed = new Set(
      [...files('src', /\.(ts|sql)$/), 'README.md', ...files('docs', /\.md$/)].flatMap((f) =>
        [...read(f).matchAll(/docs\/([a-z-]+\.md)/g)].map((m) => m[1]),
      ),
    );
    const have = new Set(readdirSync(join(root, 'docs')));
    expect([...pointed].filter((d) => !have.has(d as string))).toEqual([]);
    expect(pointed).toContain('states-and-policy.md');
  });

  it('nothing points at a specification outside the repository', () => {
    const offenders = [
      ...[...files('src', /\.(ts|sql)$/), ...files('config', /\.(ya?ml|json)$/), ...files('docs', /\.md$/), 'README.md'].filter((f) =>
        /SPEC §/.test(read(f)),
      ),
      ...files('src', /\.(ts|sql)$/).filter((f) => /\.\.\/shared/.test(read(f))),
    ];
    expect(offenders).toEqual([]);
  });
});

describe('package.json', () => {
  it('every runtime dependency is imported by src/', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    const sources = files('src', /\.ts$/).map(read).join('\n');
    const unused = Object.keys(pkg.dependencies).filter(
      (d) => !new RegExp(`from '${d}(/[^']*)?'|import\\('${d}(/[^']*)?'\\)`).test(sources),
    );
    expect(unused).toEqual([]);
  });

  it('keeps mailparser, used where a whole rendering of one mail is wanted (docs/pipeline.md)', () => {
    const pkg = JSON.parse(read('package.json')) as { dependencies: Record<string, string> };
    expect(Object.keys(pkg.dependencies)).toContain('mailparser');
    expect(read('src/cli/mail-render.ts')).toMatch(/from 'mailparser'/);
    // The worker's path stays on the bounded reader: nothing under src/parse, src/jobs or src/intake loads mailparser.
    const workerSide = ['src/parse', 'src/jobs', 'src/intake']
      .flatMap((d) => files(d, /\.ts$/))
      .map(read)
      .join('\n');
    expect(workerSide).not.toMatch(/'mailparser'/);
  });
});
