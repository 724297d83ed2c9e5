#!/usr/bin/env -S node --max-semi-space-size=4
// The `inmail` command (docs/cli.md). The only place that reads process.env and
// calls process.exit: 0 done, 1 not found, 2 bad usage or config, 3 service unreachable.
import type { Command, CommanderError } from 'commander';
import { ConfigError, DatabaseNotReadyError, InputError, NotFoundError, ServiceUnavailableError, UsageError, describe } from '../errors.js';
import { COMMANDS, COMMAND_SUMMARIES, parseModule } from './commands.js';
import type { CliContext } from './context.js';

const exit = (code: number): never => process.exit(code);

// A reader that stops early (`inmail quarantine export | head`) is not an error:
// what it wanted it has. Stop at once, quietly, with success. (Not the daemon:
// a closed log pipe is no reason for it to stop receiving mail.)
if (process.argv[2] !== 'start')
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') exit(0);
      throw err;
    });
  }
const ctx: CliContext = { env: process.env };

/** An operation's field as the CLI names it: a flag (--reply-code), or the argument (ADDRESS). */
const ARGUMENTS: Record<string, string> = { address: 'ADDRESS', csv: 'FILE', rule: 'rule' };
const cliField = (field: string): string =>
  field.startsWith('-') ? field : (ARGUMENTS[field] ?? `--${field.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);

/** The first issue of a zod error (checked by shape: zod is not loaded for every command). */
function zodIssue(err: unknown): { path: PropertyKey[]; message: string } | null {
  const issues = (err as { name?: string; issues?: { path: PropertyKey[]; message: string }[] } | null)?.issues;
  return (err as Error | null)?.name === 'ZodError' && issues?.[0] ? issues[0] : null;
}

function message(err: unknown): string {
  if (err instanceof ConfigError) return err.message;
  if (err instanceof InputError) return err.field === 'rule' ? err.problem : `${cliField(err.field)}: ${err.problem}`;
  const issue = zodIssue(err);
  if (issue) return `${cliField(issue.path.map(String).join('.') || 'input')}: ${issue.message}`;
  return describe(err);
}

/**
 * `inmail parse [--jsonl] PATH...` as a batch run writes it: the paths and the flag, nothing that
 * commander would read otherwise (no other option, no help, no "--"). That form is run without
 * commander, whose loading (with the node modules it needs) was about a tenth of the command's
 * start-up; any other arguments go through commander, which checks them and answers as always.
 * Commander reads "-" as a path and any other argument starting with "-" as an option.
 */
function plainParse(args: readonly string[]): { paths: string[]; jsonl: boolean } | null {
  if (args[0] !== 'parse') return null;
  const paths: string[] = [];
  let jsonl = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--jsonl') jsonl = true;
    else if (a === '-' || !a.startsWith('-')) paths.push(a);
    else return null;
  }
  return paths.length > 0 ? { paths, jsonl } : null;
}

/** Commander's error class, once commander is loaded (an error of commander's own means it was). */
let commanderError: typeof CommanderError | undefined;
const isCommanderError = (err: unknown): err is CommanderError => commanderError !== undefined && err instanceof commanderError;

/** The program with the command group asked for, or all groups' summaries. */
async function commandLine(): Promise<Command> {
  const commander = await import('commander');
  commanderError = commander.CommanderError;
  const program = new commander.Command('inmail')
    .description('inbound bounce processor: bounces, delay notices, auto-replies and complaints → address quarantine')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();

  // One command group is loaded: the one asked for (`inmail help X` asks for X). `inmail`,
  // `--help`, `--version` and a mistyped name list the groups by their summaries alone:
  // loading every group costs over a second of CPU.
  const [first, second] = process.argv.slice(2);
  const asked = first === 'help' && second !== undefined ? second : first;
  if (asked !== undefined && asked in COMMANDS) {
    const load = COMMANDS[asked];
    if (load) program.addCommand(await load(ctx, exit));
  } else {
    for (const [name, summary] of Object.entries(COMMAND_SUMMARIES)) program.command(name).description(summary);
  }
  // Subcommands inherit neither exitOverride nor help-after-error: set them everywhere.
  const walk = (c: Command): void => {
    c.exitOverride().showHelpAfterError();
    c.commands.forEach(walk);
  };
  program.commands.forEach(walk);
  return program;
}

function exitCodeOf(err: unknown): number {
  if (isCommanderError(err)) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof ConfigError || err instanceof UsageError || zodIssue(err)) return 2;
  if (err instanceof NotFoundError) return 1;
  if (err instanceof ServiceUnavailableError || err instanceof DatabaseNotReadyError) return 3;
  return 1;
}

const plain = plainParse(process.argv.slice(2));
// The command's modules are loaded before the try below, as they always were: only its run is in it.
const parse = plain ? await parseModule() : null;
const program = plain ? null : await commandLine();
try {
  if (plain && parse) parse.parseFiles(plain.paths, plain.jsonl);
  else await program?.parseAsync(process.argv);
} catch (err) {
  const code = exitCodeOf(err);
  // Commander has already printed its own usage message.
  if (!isCommanderError(err)) process.stderr.write(`inmail: ${message(err)}\n`);
  exit(code);
}
