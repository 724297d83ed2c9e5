// `inmail incidents list|show|confirm|dismiss`: the incident guard's alerts (docs/states-and-policy.md).
import { Command, Option } from 'commander';
import { NotFoundError } from '../errors.js';
import { decide, incidentJson, listAll, showIncident } from '../operations/incidents.js';
import type { IncidentStatus } from '../store/incidents.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';
import { operatorName, parsePositiveInt } from './quarantine-options.js';

const json = incidentJson;

export function incidentsCommand(ctx: CliContext): Command {
  const cmd = new Command('incidents').description('mass hard failures held by the incident guard, for an operator to confirm or dismiss');

  cmd
    .command('list')
    .description('incidents, newest first')
    .addOption(new Option('--status <status>', 'only this status').choices(['open', 'confirmed', 'dismissed']))
    .option('--json', 'print JSON, one incident per line')
    .action(async (o: { status?: IncidentStatus; json?: boolean }) => {
      const rows = await withPool(cliConfig(ctx), (pool) => listAll(pool, o.status), { read: true });
      if (rows.length === 0) throw new NotFoundError(`no ${o.status ?? ''} incident`.replace('  ', ' '));
      if (o.json) return rows.forEach((i) => printJson(json(i)));
      print(
        table([
          ['id', 'status', 'domain', 'addresses', 'held', 'opened', 'text'],
          ...rows.map((i) => [
            String(i.id),
            i.status,
            i.domain,
            String(i.addresses),
            String(i.held),
            i.openedAt.toISOString(),
            (i.sampleText ?? '').slice(0, 80),
          ]),
        ]),
      );
    });

  cmd
    .command('show')
    .argument('<id>', 'incident id', parsePositiveInt)
    .option('--json', 'print JSON')
    .action(async (id: number, o: { json?: boolean }) => {
      const i = await withPool(cliConfig(ctx), (pool) => showIncident(pool, id), { read: true });
      if (o.json) return printJson(json(i));
      print(table(Object.entries(json(i)).map(([k, v]) => [k, v === null ? '-' : String(v)])));
    });

  for (const decision of ['confirm', 'dismiss'] as const) {
    cmd
      .command(decision)
      .description(
        decision === 'confirm'
          ? 'the failures are real: apply the held events'
          : "the failures were not the addresses' fault: leave the held events ignored",
      )
      .argument('<id>', 'incident id', parsePositiveInt)
      .option('--note <text>', 'why, kept in the address history')
      .option('--by <name>', 'operator name (default $INMAIL_OPERATOR or $USER)')
      .option('--json', 'print JSON')
      .action(async (id: number, o: { note?: string; by?: string; json?: boolean }) => {
        const config = cliConfig(ctx);
        const r = await withPool(config, (pool) => decide(config, pool, id, decision, operatorName(o.by, ctx.env), o.note ?? null));
        if (o.json) return printJson(r);
        print(`incident ${id} ${r.status}: ${r.events} held event(s), ${r.addressesChanged} address(es) changed`);
      });
  }
  return cmd;
}
