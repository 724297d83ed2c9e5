// The parse bundle (dist/cli/parse.bundle.cjs) run with V8's code cache: `npm run build` runs the
// bundle over the fixtures and saves the bytecode V8 made for it (scripts/parse-bundle.mjs), so
// that `inmail parse` does not parse and compile the same functions again at each start (node 20
// has no module.enableCompileCache). Shared by that build step and the command, so that both name and
// check a cache the same way.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';

/** What the bundle exports: the command and what the tests and the build's warm-up call. */
export type ParseExports = typeof import('./parse.js');

/**
 * The cache file of this bundle under this node: its name holds a hash of the bundle's bytes,
 * of node's and V8's versions and of node's flags, so a cache made for anything else is never
 * found. (V8 checks its version and flags itself but, of the source, only its length: a bundle
 * of the same length with other code would run yesterday's bytecode.)
 */
export function cachePath(bundlePath: string, source: Buffer): string {
  const key = createHash('sha256')
    .update(`${process.version}\0${process.versions.v8}\0${process.execArgv.join(' ')}\0`)
    .update(source)
    .digest('hex')
    .slice(0, 32);
  return join(dirname(bundlePath), `${basename(bundlePath, '.cjs')}.${key}.cache`);
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
 * The bundle's exports, compiled from its cache when there is one made for it; else loaded by
 * `require` as usual. A cache that V8 still rejects (it checks more than the name says: the CPU's
 * features, for one) costs nothing more: the script was compiled from the bundle read here.
 */
export function loadBundle(bundlePath: string): ParseExports {
  const source = readFileSync(bundlePath);
  let cachedData: Buffer;
  try {
    cachedData = readFileSync(cachePath(bundlePath, source));
  } catch {
    return createRequire(bundlePath)(bundlePath) as ParseExports;
  }
  return run(compile(bundlePath, source, cachedData), bundlePath);
}

/**
 * The build's step: the bundle run, `warmUp` called with its exports (so that the functions V8
 * compiles only when first called are compiled too), and V8's code for all of it saved under
 * this node's name for the bundle. Caches of former bundles are removed. Returns the file written.
 */
export function makeCache(bundlePath: string, warmUp: (exports: ParseExports) => void): string {
  const source = readFileSync(bundlePath);
  const script = compile(bundlePath, source);
  warmUp(run(script, bundlePath));
  const path = cachePath(bundlePath, source);
  writeFileSync(path, script.createCachedData());
  return path;
}

/** Every cache file of a bundle (before a build makes new ones). */
export function removeCaches(bundlePath: string): void {
  const prefix = `${basename(bundlePath, '.cjs')}.`;
  for (const name of readdirSync(dirname(bundlePath)))
    if (name.startsWith(prefix) && name.endsWith('.cache')) rmSync(join(dirname(bundlePath), name));
}
