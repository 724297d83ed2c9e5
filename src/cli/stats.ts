import { Command, Option } from 'commander';
import { statsWithHealth } from '../operations/stats.js';
import { parsePositiveInt } from './quarantine-options.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';

export function statsCommand(ctx: CliContext): Command {
  return new Command('stats')
    .description('counts of mails and addresses')
    .option('--json', 'print JSON')
    .addOption(new Option('--days <n>', 'domain health: sender-side failures of the last n days').argParser(parsePositiveInt).default(7))
    .action(async (opts: { json?: boolean; days: number }) => {
      const config = cliConfig(ctx);
      // Sender-side failures per recipient domain (docs/reasons.md): where the sender has a reputation problem.
      const { domainHealth, ...stats } = await withPool(config, (pool) => statsWithHealth(pool, opts.days), { read: true });
      if (opts.json) return printJson({ ...stats, domainHealth });
      print(table([['mails', ''], ...Object.entries(stats.mails).map(([k, v]) => [`  ${k}`, String(v)])]));
      print(table([['addresses', ''], ...Object.entries(stats.addresses).map(([k, v]) => [`  ${k}`, String(v)])]));
      print(`sender-side failures by recipient domain, last ${opts.days} days${domainHealth.length ? '' : ': none'}`);
      if (domainHealth.length) {
        print(
          table([
            ['  DOMAIN', 'ERRORS', 'MESSAGES', 'LAST SEEN', 'REASONS'],
            ...domainHealth.map((d) => [
              `  ${d.domain}`,
              String(d.errors),
              String(d.messages),
              d.lastSeenAt,
              Object.entries(d.reasons)
                .map(([r, n]) => `${r} ${n}`)
                .join(', '),
            ]),
          ]),
        );
      }
    });
}
