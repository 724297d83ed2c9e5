import { Command, Option } from 'commander';
import { statsWithHealth } from '../operations/stats.js';
import { deliveryStats } from '../operations/mx.js';
import { parsePositiveInt } from './quarantine-options.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';

/** One row per count, one column for the total and one per source or channel. */
function breakdown<T extends object>(title: string, total: string, all: T, parts: Record<string, T>): string {
  const names = Object.keys(parts).sort();
  const col = (o: T, k: string) => String((o as Record<string, number>)[k] ?? 0);
  return table([
    [title, total, ...names],
    ...Object.keys(all).map((k) => [`  ${k}`, col(all, k), ...names.map((n) => col(parts[n] as T, k))]),
  ]);
}

export function statsCommand(ctx: CliContext): Command {
  return new Command('stats')
    .description('counts of mails and addresses')
    .option('--json', 'print JSON')
    .addOption(new Option('--days <n>', 'domain health: sender-side failures of the last n days').argParser(parsePositiveInt).default(7))
    .action(async (opts: { json?: boolean; days: number }) => {
      const config = cliConfig(ctx);
      // Sender-side failures per recipient domain (docs/reasons.md): where the sender has a reputation problem.
      const { domainHealth, deliveries, advice, ...stats } = await withPool(
        config,
        // Delivery reports of the last hour, busiest domains first, and the MX advice in force (docs/mx-advice.md).
        async (pool) => ({ ...(await statsWithHealth(pool, opts.days)), ...(await deliveryStats(pool)) }),
        { read: true },
      );
      if (opts.json) return printJson({ ...stats, domainHealth, deliveries, advice });
      print(breakdown('mails', 'all', stats.mails, stats.mailsBySource));
      print(breakdown('addresses', 'all', stats.addresses, stats.addressesByChannel));
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
      print(`delivery reports by recipient domain, last hour${deliveries.length ? '' : ': none'}`);
      if (deliveries.length)
        print(
          table([
            ['  DOMAIN', 'MESSAGES', 'SENT', 'HARD', 'SOFT', 'DEFERRED', 'SENDER-SIDE'],
            ...deliveries.map((d) =>
              [`  ${d.domain}`, d.messages, d.sent, d.failedHard, d.failedSoft, d.deferred, d.senderSide].map(String),
            ),
          ]),
        );
      print(`MX advice in force${advice.length ? '' : ': none'}`);
      if (advice.length)
        print(
          table([
            ['  SCOPE', 'TARGET', 'ADVICE', 'UNTIL', 'RULE', 'ERRORS/MESSAGES'],
            ...advice.map((a) => [
              `  ${a.scope}`,
              a.target,
              a.action === 'block' ? 'block' : `throttle ${a.perHour}/h`,
              a.until,
              a.ruleId,
              `${a.errors}/${a.messages}`,
            ]),
          ]),
        );
    });
}
