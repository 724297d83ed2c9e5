// The parse bundle (dist/cli/parse.bundle.cjs) run with V8's code cache: `npm run build` runs the
// bundle over the fixtures and saves the bytecode V8 made for it (scripts/parse-bundle.mjs), so
// that `inmail parse` does not parse and compile the same functions again at each start (node 20
// has no module.enableCompileCache). Shared by that build step and the command, so that both name and
// check a cache the same way.
import { readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import * as zlib from 'node:zlib';

/** What the bundle exports: the command and what the tests and the build's warm-up call. */
export type ParseExports = typeof import('./parse.js');

/**
 * The cache file of the bundle under this node: its name holds a hash of node's and V8's versions and
 * of node's arguments (V8 takes a cache only under its own version and flags).
 */
export function cachePath(bundlePath: string): string {
  const key = `${process.version}\0${process.versions.v8}\0${process.execArgv.join('\0')}`;
  // FNV-1a, 32 bits: a name, not a check (a cache of another node or other flags that shared it would be rejected by V8).
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return join(dirname(bundlePath), `${basename(bundlePath, '.cjs')}.${(h >>> 0).toString(16).padStart(8, '0')}.cache`);
}

/**
 * A cache file: the CRC-32 of the rest, the bundle's bytes it was made from, V8's data. V8 checks, of
 * the source, only its length (a bundle of the same length with other code would run yesterday's
 * bytecode), and in a release build not its data's checksum (a damaged file crashed node in
 * V8's deserializer): so the cache is used only with the very bytes it holds, and only whole.
 * (A comparison of the bytes and a CRC, not a hash of the bundle: loading node:crypto cost more.)
 */
function cacheFile(source: Buffer, data: Buffer): Buffer {
  const rest = Buffer.concat([source, data]);
  const head = Buffer.alloc(4);
  head.writeUInt32BE(zlib.crc32(rest), 0);
  return Buffer.concat([head, rest]);
}

/** V8's data in `file` when it is a whole cache file made from `source`. */
function cachedDataOf(file: Buffer, source: Buffer): Buffer | null {
  if (file.length <= 4 + source.length || typeof zlib.crc32 !== 'function') return null;
  if (!source.equals(file.subarray(4, 4 + source.length))) return null;
  if (zlib.crc32(file.subarray(4)) !== file.readUInt32BE(0)) return null;
  return file.subarray(4 + source.length);
}

/** Node's own wrapper of a CommonJS module: the bundle compiled by vm.Script runs as `require` would run it. */
function compile(bundlePath: string, source: Buffer, cachedData?: Buffer): Script {
  const code = `(function (exports, require, module, __filename, __dirname) { ${source.toString('utf8')}\n})`;
  return new Script(code, { filename: bundlePath, ...(cachedData ? { cachedData } : {}) });
}

function run(script: Script, bundlePath: string): ParseExports {
  const module = { exports: {} as ParseExports };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, createRequire(bundlePath), module, bundlePath, dirname(bundlePath));
  return module.exports;
}

/**
 * The bundle's exports, compiled from its cache when there is one made for this node from these very
 * bytes; else loaded by `require` as usual. A cache that V8 still rejects (it checks its version and
 * flags itself) costs only its reading and checking: the script is compiled from the bundle read here.
 */
export function loadBundle(bundlePath: string): ParseExports {
  const source = readFileSync(bundlePath);
  let cachedData: Buffer | null = null;
  try {
    cachedData = cachedDataOf(readFileSync(cachePath(bundlePath)), source);
  } catch {
    // No cache for this node: the bundle as any module.
  }
  if (!cachedData) return createRequire(bundlePath)(bundlePath) as ParseExports;
  return run(compile(bundlePath, source, cachedData), bundlePath);
}

/**
 * The build's step: the bundle run, `warmUp` called with its exports (so that the functions V8
 * compiles only when first called are compiled too), and V8's code for all of it saved under this
 * node's name for the bundle. Returns the file written.
 */
export function makeCache(bundlePath: string, warmUp: (exports: ParseExports) => void): string {
  const source = readFileSync(bundlePath);
  const script = compile(bundlePath, source);
  warmUp(run(script, bundlePath));
  const path = cachePath(bundlePath);
  // Written whole, then renamed: a build stopped halfway leaves no cache rather than part of one.
  writeFileSync(`${path}.tmp`, cacheFile(source, script.createCachedData()));
  renameSync(`${path}.tmp`, path);
  return path;
}

/** Every cache file of a bundle, and any left half-written (before a build makes new ones). */
export function removeCaches(bundlePath: string): void {
  const prefix = `${basename(bundlePath, '.cjs')}.`;
  for (const name of readdirSync(dirname(bundlePath)))
    if (name.startsWith(prefix) && (name.endsWith('.cache') || name.endsWith('.cache.tmp'))) rmSync(join(dirname(bundlePath), name));
}
