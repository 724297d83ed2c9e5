// Every command group of `inmail`, each loaded only when asked for: `inmail parse`
// must not pay for loading BullMQ, pg and smtp-server (most of its start-up time
// otherwise). The README's command list is checked against these (test/unit/cli-readme.test.ts).
import { statSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from './context.js';

type Load = (ctx: CliContext, exit: (code: number) => never) => Promise<Command>;

/**
 * `inmail parse` from dist/cli/parse.bundle.js, the command and the parser in one module that
 * `npm run build` makes with esbuild: resolving and reading the parser's ninety-odd modules one by
 * one was most of the command's start-up. Without the bundle (the sources run by vitest), or with
 * one older than the modules (a `tsc`-only rebuild after it), the modules themselves: a stale
 * bundle would parse with yesterday's rules.
 */
async function parseModule(): Promise<typeof import('./parse.js')> {
  const bundle = new URL('./parse.bundle.js', import.meta.url);
  const modules = new URL('./parse.js', import.meta.url);
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
  const fresh = built !== undefined && built >= (statSync(modules, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  if (fresh) return (await import(bundle.href)) as typeof import('./parse.js');
  return import('./parse.js');
}

export const COMMANDS: Record<string, Load> = {
  start: async (ctx, exit) => (await import('./start.js')).startCommand(ctx, exit),
  migrate: async (ctx) => (await import('./migrate.js')).migrateCommand(ctx),
  parse: async () => (await parseModule()).parseCommand(),
  quarantine: async (ctx) => (await import('./quarantine.js')).quarantineCommand(ctx),
  rules: async (ctx) => (await import('./rules.js')).rulesCommand(ctx),
  qualification: async (ctx) => (await import('./qualification.js')).qualificationCommand(ctx),
  stats: async (ctx) => (await import('./stats.js')).statsCommand(ctx),
  mails: async (ctx) => (await import('./mails.js')).mailsCommand(ctx),
  replay: async (ctx) => (await import('./replay.js')).replayCommand(ctx),
  verp: async (ctx) => (await import('./verp.js')).verpCommand(ctx),
  config: async (ctx) => (await import('./config.js')).configCommand(ctx),
  incidents: async (ctx) => (await import('./incidents.js')).incidentsCommand(ctx),
  tokens: async (ctx) => (await import('./tokens.js')).tokensCommand(ctx),
  webhooks: async (ctx) => (await import('./webhooks.js')).webhooksCommand(ctx),
  deliveries: async (ctx) => (await import('./deliveries.js')).deliveriesCommand(ctx),
  'mx-rules': async (ctx) => (await import('./mx-rules.js')).mxRulesCommand(ctx),
};
