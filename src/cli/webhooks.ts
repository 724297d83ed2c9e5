// `inmail webhooks add|list|remove|deliveries` (docs/webhooks.md): signed
// outbound webhooks on every address change and incident.
import { Command, InvalidArgumentError, Option } from 'commander';
import { NotFoundError } from '../errors.js';
import { addWebhook, listDeliveries, listWebhooks, removeWebhook } from '../operations/webhooks.js';
import { WEBHOOK_EVENTS, webhookAddSchema } from '../operations/schemas.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';
import { parsePositiveInt } from './quarantine-options.js';

const events = (v: string): string[] => {
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const bad = list.filter((e) => !(WEBHOOK_EVENTS as readonly string[]).includes(e));
  if (bad.length || list.length === 0) throw new InvalidArgumentError(`comma list of ${WEBHOOK_EVENTS.join(', ')}`);
  return list;
};

export function webhooksCommand(ctx: CliContext): Command {
  const cmd = new Command('webhooks').description('signed outbound webhooks (Inmail-Signature: t=...,v1=HMAC-SHA256)');

  cmd
    .command('add')
    .description('add an endpoint')
    .argument('<url>')
    .addOption(new Option('--events <list>', `comma list: ${WEBHOOK_EVENTS.join(', ')}`).argParser(events).makeOptionMandatory())
    .option('--secret <secret>', 'signing secret (default: one is made and printed once)')
    .option('--json', 'print JSON (with the secret)')
    .action(async (url: string, o: { events: string[]; secret?: string; json?: boolean }) => {
      const input = webhookAddSchema.parse({ url, events: o.events, ...(o.secret ? { secret: o.secret } : {}) });
      const w = await withPool(cliConfig(ctx), (pool) => addWebhook(pool, input));
      if (o.json) return printJson(w);
      print(`webhook ${w.id}: ${w.url} (${w.events.join(', ')})`);
      print(`secret: ${w.secret ?? ''}`);
    });

  cmd
    .command('list')
    .description('endpoints')
    .option('--json', 'print one JSON object per line')
    .action(async (o: { json?: boolean }) => {
      const rows = await withPool(cliConfig(ctx), (pool) => listWebhooks(pool), { read: true });
      if (rows.length === 0) throw new NotFoundError('no webhook');
      if (o.json) return rows.forEach((w) => printJson(w));
      print(
        table([
          ['ID', 'URL', 'EVENTS', 'ENABLED'],
          ...rows.map((w) => [String(w.id), w.url, w.events.join(','), w.enabled ? 'yes' : 'no']),
        ]),
      );
    });

  cmd
    .command('remove')
    .description('remove an endpoint (its pending deliveries go with it)')
    .argument('<id>', 'webhook id', parsePositiveInt)
    .action(async (id: number) => {
      await withPool(cliConfig(ctx), (pool) => removeWebhook(pool, id));
      print(`removed webhook ${id}`);
    });

  cmd
    .command('deliveries')
    .description('the delivery log, newest first')
    .option('--failed', 'only deliveries that failed (given up, or failing and retried)')
    .addOption(new Option('--limit <n>', 'at most n (default 100)').argParser(parsePositiveInt).default(100))
    .option('--json', 'print one JSON object per line')
    .action(async (o: { failed?: boolean; limit: number; json?: boolean }) => {
      const rows = await withPool(cliConfig(ctx), (pool) => listDeliveries(pool, { failed: o.failed, limit: o.limit }), { read: true });
      if (rows.length === 0) throw new NotFoundError('no delivery');
      if (o.json) return rows.forEach((d) => printJson(d));
      print(
        table([
          ['ID', 'EVENT', 'ENDPOINT', 'TYPE', 'STATUS', 'TRIES', 'LAST', 'ERROR'],
          ...rows.map((d) => [
            String(d.id),
            `evt_${d.eventId}`,
            String(d.endpointId),
            d.type,
            d.status,
            String(d.attempts),
            d.lastAttemptAt ?? '-',
            d.lastError ?? '',
          ]),
        ]),
      );
    });
  return cmd;
}
