import { Command, Option } from 'commander';
import { NotFoundError } from '../errors.js';
import { replayMails } from '../operations/mails.js';
import type { ReplayFilter } from '../store/raw-mails.js';
import { cliConfig, print, printJson, withPool, type CliContext } from './context.js';
import { parseIso, parsePositiveInt } from './quarantine-options.js';

interface Flags {
  state: 'pending' | 'failed';
  since?: Date;
  until?: Date;
  id?: number[];
  limit?: number;
  dryRun?: boolean;
  json?: boolean;
}

export function replayCommand(ctx: CliContext): Command {
  return new Command('replay')
    .description('re-enqueue stored raw mails (failed ones go back to pending)')
    .addOption(new Option('--state <state>', 'which mails').choices(['pending', 'failed']).default('failed'))
    .addOption(new Option('--since <iso>', 'received at or after').argParser(parseIso))
    .addOption(new Option('--until <iso>', 'received at or before').argParser(parseIso))
    .addOption(new Option('--id <n>', 'only this raw mail id (repeatable)').argParser((v, prev: number[] | undefined) => [...(prev ?? []), parsePositiveInt(v)]))
    .addOption(new Option('--limit <n>', 'at most n mails').argParser(parsePositiveInt))
    .option('--dry-run', 'show what would be replayed, change nothing')
    .option('--json', 'print JSON')
    .action(async (f: Flags) => {
      const config = cliConfig(ctx);
      const filter: ReplayFilter = {
        state: f.state, ...(f.since ? { since: f.since } : {}), ...(f.until ? { until: f.until } : {}),
        ...(f.id ? { ids: f.id } : {}), ...(f.limit ? { limit: f.limit } : {}),
      };
      const result = await withPool(config, (pool) => replayMails(config, pool, filter, Boolean(f.dryRun)));
      if (f.json) printJson(result);
      else print(`${f.dryRun ? 'would replay' : 'replayed'} ${result.matched} ${f.state} mail(s)${result.ids.length ? `: ${result.ids.slice(0, 20).join(', ')}${result.ids.length > 20 ? ', ...' : ''}` : ''}`);
      if (result.matched === 0) throw new NotFoundError(`no ${f.state} mail matched`);
    });
}
