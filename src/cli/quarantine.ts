import { Command, Option } from 'commander';
import { NotFoundError } from '../errors.js';
import { addressKey } from '../quarantine/address-key.js';
import type { Channel } from '../quarantine/state.js';
import { addressHistory, findAddress } from '../quarantine/store.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);
const CHANNELS = ['email', 'sms', 'push'] as const;

export function quarantineCommand(ctx: CliContext): Command {
  const cmd = new Command('quarantine').description('look at and change address states');

  cmd
    .command('show')
    .description('one address: its state and history')
    .argument('<address>')
    .addOption(new Option('--channel <channel>', 'channel').choices(CHANNELS).default('email'))
    .option('--json', 'print JSON')
    .action(async (address: string, opts: { channel: Channel; json?: boolean }) => {
      const config = cliConfig(ctx);
      const key = addressKey(opts.channel, address, { caseSensitiveLocalPart: config.policy.caseSensitiveLocalPart });
      const shown = await withPool(
        config,
        async (pool) => {
          const a = await findAddress(pool, opts.channel, key);
          return a ? { a, history: await addressHistory(pool, opts.channel, key) } : null;
        },
        { read: true },
      );
      if (!shown) throw new NotFoundError(`${address} (${opts.channel}) has never been seen`);
      const { a, history } = shown;
      const json = {
        address: a.address,
        channel: a.channel,
        status: a.status,
        reason: a.reason,
        type: a.type,
        failureReason: a.failureReason,
        errorCount: a.errorCount,
        firstErrorAt: iso(a.firstErrorAt),
        lastErrorAt: iso(a.lastErrorAt),
        lastErrorText: a.lastErrorText,
        updatedAt: iso(a.updatedAt),
        history: history.map((h) => ({
          at: h.at.toISOString(), from: h.from, to: h.to, by: h.by, event: h.event,
          ...(h.ruleId ? { ruleId: h.ruleId } : {}), ...(h.note ? { note: h.note } : {}),
        })),
      };
      if (opts.json) return printJson(json);
      print(table([
        ['address', `${a.address} (${a.channel})`],
        ['status', a.status],
        ['reason', `${a.reason ?? '-'} / ${a.type ?? '-'} / code ${a.failureReason ?? '-'}`],
        ['errors', `${a.errorCount} (first ${iso(a.firstErrorAt) ?? '-'}, last ${iso(a.lastErrorAt) ?? '-'})`],
        ['last error', a.lastErrorText ?? '-'],
        ['updated', a.updatedAt.toISOString()],
      ]));
      if (history.length) {
        print('\nhistory:');
        print(table(history.map((h) => [h.at.toISOString(), `${h.from ?? '-'} → ${h.to}`, h.by, h.note ?? (h.event ? `event ${h.event}` : '')])));
      }
    });

  return cmd;
}
