import { Command, Option } from 'commander';
import { NotFoundError } from '../errors.js';
import { mailQueue } from '../jobs/queue.js';
import { connectRedis, createRedis } from '../db/redis.js';
import { replay } from '../jobs/replay.js';
import { selectForReplay, type ReplayFilter } from '../store/raw-mails.js';
import { cliConfig, print, printJson, withPool, type CliContext } from './context.js';
import { progressBar } from './progress.js';
import { parseIso, parsePositiveInt } from './quarantine-options.js';

interface Flags {
  state: 'pending' | 'failed';
  since?: Date;
  until?: Date;
  id?: number[];
  limit?: number;
  dryRun?: boolean;
  verbose?: boolean;
  json?: boolean;
}

export function replayCommand(ctx: CliContext): Command {
  return new Command('replay')
    .description('re-enqueue stored raw mails (failed ones go back to pending)')
    .addOption(new Option('--state <state>', 'which mails').choices(['pending', 'failed']).default('failed'))
    .addOption(new Option('--since <iso>', 'received at or after').argParser(parseIso))
    .addOption(new Option('--until <iso>', 'received at or before').argParser(parseIso))
    .addOption(
      new Option('--id <n>', 'only this raw mail id (repeatable)').argParser((v, prev: number[] | undefined) => [
        ...(prev ?? []),
        parsePositiveInt(v),
      ]),
    )
    .addOption(new Option('--limit <n>', 'at most n mails').argParser(parsePositiveInt))
    .option('--dry-run', 'show what would be replayed, change nothing')
    .option('--verbose', 'list the ids of the mails, not only how many')
    .option('--json', 'print JSON')
    .action(async (f: Flags) => {
      const config = cliConfig(ctx);
      const filter: ReplayFilter = {
        state: f.state,
        ...(f.since ? { since: f.since } : {}),
        ...(f.until ? { until: f.until } : {}),
        ...(f.id ? { ids: f.id } : {}),
        ...(f.limit ? { limit: f.limit } : {}),
      };
      const result = await withPool(config, async (pool) => {
        if (f.dryRun) {
          const ids = (await selectForReplay(pool, filter)).map((m) => m.id);
          return { matched: ids.length, enqueued: 0, ids };
        }
        const redis = createRedis(config.redis.url, 'producer');
        await connectRedis(redis, config.redis.url);
        const queue = mailQueue(redis, config.queue.prefix);
        const bar = progressBar('replay', 1, { quiet: f.json === true, unit: 'mails' });
        try {
          return await replay(pool, queue, filter, config.queue.attempts, (done, total) => bar.update(done, total));
        } finally {
          bar.stop();
          await queue.close();
          redis.disconnect();
        }
      });
      if (f.json) printJson({ dryRun: Boolean(f.dryRun), ...result });
      else {
        if (f.verbose && result.ids.length) print(result.ids.join('\n'));
        print(
          `${f.dryRun ? 'would replay' : 'replayed'} ${result.matched} ${f.state} mail(s)${f.verbose || !result.ids.length ? '' : ' (--verbose lists them)'}`,
        );
      }
      if (result.matched === 0) throw new NotFoundError(`no ${f.state} mail matched`);
    });
}
