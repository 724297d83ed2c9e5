// `inmail incidents list|show|confirm|dismiss`: the incident guard's alerts (docs/states-and-policy.md).
import { Command, Option } from 'commander';
import { NotFoundError, UsageError } from '../errors.js';
import { decideIncident, incidentJson } from '../quarantine/incidents.js';
import { findIncident, listIncidents, type IncidentStatus } from '../store/incidents.js';
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
      const rows = await withPool(cliConfig(ctx), (pool) => listIncidents(pool, o.status), { read: true });
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
      const i = await withPool(cliConfig(ctx), (pool) => findIncident(pool, id), { read: true });
      if (!i) throw new NotFoundError(`incident ${id} does not exist`);
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
        const r = await withPool(config, (pool) =>
          decideIncident(pool, id, decision, { by: operatorName(o.by, ctx.env), note: o.note ?? null, policy: config.policy }),
        );
        if (r.kind === 'not-found') throw new NotFoundError(`incident ${id} does not exist`);
        if (r.kind === 'not-open') throw new UsageError(`incident ${id} is already ${r.status}`);
        if (o.json) return printJson({ ...json(r.incident), events: r.events, addressesChanged: r.addressesChanged });
        print(`incident ${id} ${r.incident.status}: ${r.events} held event(s), ${r.addressesChanged} address(es) changed`);
      });
  }
  return cmd;
}
