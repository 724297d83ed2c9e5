#!/usr/bin/env node
// `npm run build`'s step after tsc: `inmail parse` and the parser in one CommonJS module,
// dist/cli/parse.bundle.cjs (src/cli/commands.ts says why), made with esbuild; then V8's code cache
// of it (src/cli/bundle-cache.ts), one for each way `inmail parse` starts node: `node dist/cli/main.js` (no flags) and the `inmail`
// bin (the flags of main.js's first line). V8 takes a cache only under the flags it was made with,
// so each is made by a node started with those flags. The bundle is run over the fixtures first, so
// that the cache holds the functions V8 compiles at their first call as well, not only the top level.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const project = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(project, 'dist', 'cli', 'parse.bundle.cjs');
const { makeCache, removeCaches } = await import(join(project, 'dist', 'cli', 'bundle-cache.js'));

/** The fixtures' folders that hold mails. */
function fixtureFolders() {
  const folders = ['bounces', 'not-bounces', 'complaints'].map((f) => join(project, 'fixtures', f));
  return folders.filter((f) => {
    try {
      return readdirSync(f).length > 0;
    } catch {
      return false;
    }
  });
}

if (process.argv[2] === '--cache') {
  const present = fixtureFolders();
  const path = makeCache(bundle, (m) => {
    m.parseCommand();
    // Both output forms; the lines are dropped. The command's action is not run: it sets V8 flags,
    // and a cache is taken only under the flags it was made with.
    m.runParse(present, true, () => {});
    m.runParse(present, false, () => {});
  });
  console.log(`${path.slice(project.length + 1)} (${process.execArgv.join(' ') || 'no flags'})`);
} else {
  const { build } = await import('esbuild');
  const options = {
    entryPoints: [join(project, 'dist', 'cli', 'parse.js')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    // The modules are ES modules (strict mode; charset.ts makes its `require` from import.meta.url):
    // the same in the CommonJS bundle.
    banner: { js: '"use strict";\nconst importMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
  };
  const define = (words) => ({ 'import.meta.url': 'importMetaUrl', INMAIL_REQUIRED_WORDS: words });
  // Built twice: the first bundle, run over the fixtures, gives the required words of every pattern
  // the detectors and the classifier gate (src/parse/required-words.ts); the second holds them.
  await build({ ...options, define: define('undefined') });
  const first = createRequire(import.meta.url)(bundle);
  first.runParse(fixtureFolders(), true, () => {});
  await build({ ...options, define: define(JSON.stringify(first.requiredWordsMade())) });
  removeCaches(bundle);
  const shebang = readFileSync(join(project, 'dist', 'cli', 'main.js'), 'utf8').split('\n', 1)[0];
  const binFlags = (/^#!.*\bnode((?:\s+--\S+)*)\s*$/.exec(shebang)?.[1] ?? '').trim().split(/\s+/).filter(Boolean);
  for (const flags of binFlags.length > 0 ? [[], binFlags] : [[]]) {
    const made = spawnSync(process.execPath, [...flags, fileURLToPath(import.meta.url), '--cache'], { stdio: 'inherit' });
    if (made.status !== 0) process.exit(made.status ?? 1);
  }
}
