// The parse bundle's V8 code cache (src/cli/bundle-cache.ts): used only whole and only with the
// bytes it was made from; anything else loads the bundle as a plain module.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cachePath, loadBundle, makeCache, removeCaches } from '../../src/cli/bundle-cache.js';

let dir = '';
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  dir = '';
});

/** A bundle whose export says whether it ran; `answer` changes its code, not its length. */
function bundle(answer: 1 | 2): string {
  dir ||= mkdtempSync(join(tmpdir(), 'inmail-bundle-'));
  const path = join(dir, 'parse.bundle.cjs');
  writeFileSync(path, `"use strict";\nexports.answer = function answer() { return ${answer}; };\n`);
  return path;
}

/** Whether `require` loaded the bundle (no cache used) rather than the cache's script. */
const required = (path: string): boolean => path in createRequire(path).cache;
const answerOf = (path: string): unknown => (loadBundle(path) as unknown as { answer: () => number }).answer();

describe('bundle code cache', () => {
  it('is made for the bundle and used with it', () => {
    const path = bundle(1);
    const written = makeCache(path, (m) => {
      expect((m as unknown as { answer: () => number }).answer()).toBe(1);
    });
    expect(written).toBe(cachePath(path));
    expect(readFileSync(written).subarray(4, 4 + readFileSync(path).length)).toEqual(readFileSync(path));
    expect(answerOf(path)).toBe(1);
    expect(required(path)).toBe(false);
  });

  it('is not used with a bundle of the same length and other code', () => {
    const path = bundle(1);
    makeCache(path, () => {});
    bundle(2);
    expect(answerOf(path)).toBe(2);
    expect(required(path)).toBe(true);
  });

  it('is not used damaged or cut short', () => {
    const path = bundle(1);
    const cache = makeCache(path, () => {});
    const whole = readFileSync(cache);
    const damaged = Buffer.from(whole);
    damaged[damaged.length - 10] = damaged[damaged.length - 10]! ^ 0xff;
    writeFileSync(cache, damaged);
    expect(answerOf(path)).toBe(1);
    expect(required(path)).toBe(true);
    writeFileSync(cache, whole.subarray(0, whole.length - 100));
    expect(answerOf(path)).toBe(1);
  });

  it('is removed with any half-written one before a build', () => {
    const path = bundle(1);
    const cache = makeCache(path, () => {});
    writeFileSync(`${cache}.tmp`, 'x');
    removeCaches(path);
    expect(readdirSync(dir)).toEqual(['parse.bundle.cjs']);
  });
});
