import { Command, Option } from 'commander';
import type { Pool } from '../db/pool.js';
import { topDomains } from '../store/domain-health.js';
import { countAddressesByStatus } from '../store/addresses.js';
import { countMailsByState } from '../store/raw-mails.js';
import { parsePositiveInt } from './quarantine-options.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';

export interface Stats {
  mails: { received: number; processed: number; pending: number; failed: number };
  addresses: { valid: number; erroneous: number; quarantined: number; denylisted: number; allowlisted: number };
}

export async function readStats(pool: Pool): Promise<Stats> {
  const m = await countMailsByState(pool);
  const a = await countAddressesByStatus(pool);
  return {
    mails: {
      received: [...m.values()].reduce((x, y) => x + y, 0),
      processed: m.get('processed') ?? 0,
      pending: m.get('pending') ?? 0,
      failed: m.get('failed') ?? 0,
    },
    addresses: {
      valid: a.get('valid') ?? 0,
      erroneous: a.get('erroneous') ?? 0,
      quarantined: a.get('quarantined') ?? 0,
      denylisted: a.get('denylisted') ?? 0,
      allowlisted: a.get('allowlisted') ?? 0,
    },
  };
}

export function statsCommand(ctx: CliContext): Command {
  return new Command('stats')
    .description('counts of mails and addresses')
    .option('--json', 'print JSON')
    .addOption(new Option('--days <n>', 'domain health: sender-side failures of the last n days').argParser(parsePositiveInt).default(7))
    .action(async (opts: { json?: boolean; days: number }) => {
      const config = cliConfig(ctx);
      // Sender-side failures per recipient domain (docs/reasons.md): where the sender has a reputation problem.
      const since = new Date(Date.now() - (opts.days - 1) * 86_400_000);
      const [stats, domainHealth] = await withPool(
        config,
        (pool) => Promise.all([readStats(pool), topDomains(pool, { since, limit: 10 })]),
        { read: true },
      );
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
