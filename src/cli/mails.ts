import { Command, Option } from 'commander';
import { NotFoundError } from '../errors.js';
import { listMails } from '../store/raw-mails.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';
import { parseIso, parsePositiveInt } from './quarantine-options.js';

export function mailsCommand(ctx: CliContext): Command {
  const cmd = new Command('mails').description('stored raw mails');
  cmd
    .command('list')
    .description('raw mails, newest first (failed ones with their error)')
    .addOption(new Option('--state <state>', 'only this state').choices(['pending', 'processed', 'failed', 'duplicate']))
    .addOption(new Option('--since <iso>', 'received at or after').argParser(parseIso))
    .addOption(new Option('--until <iso>', 'received at or before').argParser(parseIso))
    .addOption(new Option('--limit <n>', 'at most n mails (default 100)').argParser(parsePositiveInt))
    .option('--json', 'print JSON, one mail per line')
    .action(async (f: { state?: string; since?: Date; until?: Date; limit?: number; json?: boolean }) => {
      const config = cliConfig(ctx);
      const mails = await withPool(config, (pool) => listMails(pool, f), { read: true });
      if (mails.length === 0) throw new NotFoundError('no mail matched');
      if (f.json) {
        for (const m of mails) printJson({ ...m, receivedAt: m.receivedAt.toISOString() });
        return;
      }
      print(
        table([
          ['id', 'received', 'source', 'state', 'kind', 'size', 'error'],
          ...mails.map((m) => [String(m.id), m.receivedAt.toISOString(), m.source, m.state, m.kind ?? '-', String(m.size), m.error ?? '']),
        ]),
      );
    });
  return cmd;
}
