// Every command group of `inmail`, each loaded only when asked for: `inmail parse`
// must not pay for loading BullMQ, pg and smtp-server (most of its start-up time
// otherwise). The README's command list is checked against these (test/unit/cli-readme.test.ts).
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { CliContext } from './context.js';

type Load = (ctx: CliContext, exit: (code: number) => never) => Promise<Command>;

/**
 * `inmail parse` from dist/cli/parse.bundle.cjs, the command and the parser in one module that
 * `npm run build` makes with esbuild: resolving and reading the parser's ninety-odd modules one by
 * one was most of the command's start-up. It is compiled from V8's code cache the build made for it
 * when there is one (./bundle-cache.ts). Without the bundle (the sources run by vitest), or with
 * one older than the modules (a `tsc`-only rebuild after it), the modules themselves: a stale
 * bundle would parse with yesterday's rules.
 */
export async function parseModule(): Promise<typeof import('./parse.js')> {
  const bundle = new URL('./parse.bundle.cjs', import.meta.url);
  const modules = new URL('./parse.js', import.meta.url);
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
  const fresh = built !== undefined && built >= (statSync(modules, { throwIfNoEntry: false })?.mtimeMs ?? 0);
  if (fresh) return (await import('./bundle-cache.js')).loadBundle(fileURLToPath(bundle));
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

/**
 * Each group's description, for `inmail --help` and `inmail --version`, which then load no group
 * (all of them take over a second of CPU). test/unit/cli-readme.test.ts checks that each matches
 * the description its group gives itself.
 */
export const COMMAND_SUMMARIES: Record<keyof typeof COMMANDS, string> = {
  start: 'run the daemon',
  migrate: 'apply database migrations (creating the database if it does not exist), then exit',
  parse: 'parse mail files offline and print what inmail would conclude (no database)',
  quarantine: 'look at and change address states',
  rules: 'inbound email rules: user rules (first) and the shipped set',
  qualification: 'the delivery log qualification: error texts grouped by normalized text',
  stats: 'counts of mails and addresses',
  mails: 'stored raw mails',
  replay: 're-enqueue stored raw mails (failed ones go back to pending)',
  verp: 'VERP return paths signed with verp.secret (for the sending side and for checks)',
  config: 'the configuration: check it, show it, or print the reference',
  incidents: 'mass hard failures held by the incident guard, for an operator to confirm or dismiss',
  tokens: 'bearer tokens of the HTTP API (read ⊂ write ⊂ admin; intake apart)',
  webhooks: 'signed outbound webhooks (Inmail-Signature: t=...,v1=HMAC-SHA256)',
  deliveries: "the sending MTA's delivery reports",
  'mx-rules': 'MX rules: when delivery reports advise blocking or throttling a domain or MX',
};
