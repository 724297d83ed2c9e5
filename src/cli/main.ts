#!/usr/bin/env node
// The `inmail` command (docs/cli.md). The only place that reads process.env and
// calls process.exit: 0 done, 1 not found, 2 bad usage or config, 3 service unreachable.
import { Command, CommanderError } from 'commander';
import { ConfigError } from '../config.js';
import { NotFoundError, ServiceUnavailableError, UsageError, describe } from '../errors.js';
import type { CliContext } from './context.js';
import { migrateCommand } from './migrate.js';
import { parseCommand } from './parse.js';
import { qualificationCommand } from './qualification.js';
import { quarantineCommand } from './quarantine.js';
import { rulesCommand } from './rules.js';
import { startCommand } from './start.js';
import { statsCommand } from './stats.js';

const exit = (code: number): never => process.exit(code);
const ctx: CliContext = { env: process.env };

const program = new Command('inmail')
  .description('inbound bounce processor: bounces, delay notices, auto-replies and complaints → address quarantine')
  .version('0.1.0')
  .showHelpAfterError()
  .exitOverride();

for (const cmd of [
  startCommand(ctx, exit),
  migrateCommand(ctx),
  quarantineCommand(ctx),
  statsCommand(ctx),
  rulesCommand(ctx),
  qualificationCommand(ctx),
  parseCommand(),
]) {
  program.addCommand(cmd);
}
// Subcommands inherit neither exitOverride nor help-after-error: set them everywhere.
const walk = (c: Command): void => {
  c.exitOverride().showHelpAfterError();
  c.commands.forEach(walk);
};
program.commands.forEach(walk);

function exitCodeOf(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof ConfigError || err instanceof UsageError) return 2;
  if (err instanceof NotFoundError) return 1;
  if (err instanceof ServiceUnavailableError) return 3;
  return 1;
}

try {
  await program.parseAsync(process.argv);
} catch (err) {
  const code = exitCodeOf(err);
  // Commander has already printed its own usage message.
  if (!(err instanceof CommanderError)) process.stderr.write(`inmail: ${err instanceof ConfigError ? err.message : describe(err)}\n`);
  exit(code);
}
