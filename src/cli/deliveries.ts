// `inmail deliveries ingest`: a sending MTA's accounting log read into delivery
// reports (docs/intake.md, "Delivery reports"). The command has the database,
// so it hands the attempts to the intake contract itself (accept.ts), as the
// HTTP intake does: the same batches of DELIVERY_BATCH, keyed by their bytes,
// so that reading a file again stores nothing twice.
import { Command, Option } from 'commander';
import { DELIVERY_BATCH, deliveryItems } from '../intake/http/delivery.js';
import { openIntake } from '../intake/open.js';
import type { DeliveryAttempt } from '../domain/delivery.js';
import { Lifecycle } from '../lifecycle.js';
import { LOG_FORMATS, logReader, type LogFormat } from '../parse/delivery-logs/index.js';
import { cliConfig, cliLogger, print, printJson, withPool, type CliContext } from './context.js';
import { lines } from './follow-lines.js';

interface Flags {
  format: LogFormat;
  follow?: boolean;
  json?: boolean;
}

export function deliveriesCommand(ctx: CliContext): Command {
  const cmd = new Command('deliveries').description("the sending MTA's delivery reports");
  cmd
    .command('ingest')
    .description('read an MTA accounting log (FILE, or - for standard input) into delivery reports')
    .argument('<file>', 'the log file, or - for standard input')
    .addOption(new Option('--format <format>', 'the log format').choices([...LOG_FORMATS]).makeOptionMandatory())
    .option('--follow', 'keep reading as the file grows, across rotation (like tail -F)')
    .option('--json', 'print JSON')
    .action(async (file: string, f: Flags) => {
      const config = cliConfig(ctx);
      const logger = cliLogger(config);
      const totals = await withPool(config, async (pool) => {
        // The intake as the daemon opens it; closed in reverse: the last enqueues, the queue, Redis.
        const life = new Lifecycle(logger);
        const { intake } = await openIntake(config, pool, life, logger).catch(async (err: unknown) => {
          await life.stop();
          throw err;
        });
        const stop = new AbortController();
        const onSignal = () => stop.abort();
        process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
        const t = { lines: 0, attempts: 0, refused: 0, stored: 0, duplicates: 0 };
        let held: DeliveryAttempt[] = [];
        const flush = async () => {
          if (held.length === 0) return;
          const batch = held;
          held = [];
          const results = await intake.acceptMany(deliveryItems(batch, { ref: file === '-' ? 'stdin' : `file:${file}` }));
          for (const r of results) t[r.kind === 'stored' ? 'stored' : 'duplicates']++;
        };
        const read = logReader(f.format, undefined, (why) => {
          t.refused++;
          logger.warn({ file, line: t.lines, why }, 'line is not a delivery attempt: skipped');
        });
        try {
          for await (const line of lines(file, { follow: f.follow === true, signal: stop.signal, onIdle: flush })) {
            t.lines++;
            const a = read(line);
            if (!a) continue;
            t.attempts++;
            held.push(a);
            if (held.length >= DELIVERY_BATCH) await flush();
          }
          await flush();
        } finally {
          process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
          await life.stop();
        }
        return t;
      });
      if (f.json) printJson(totals);
      else
        print(
          `${totals.attempts} attempt(s) in ${totals.lines} line(s): ${totals.stored} batch(es) stored, ${totals.duplicates} already known` +
            (totals.refused ? `; ${totals.refused} line(s) not an attempt (see the log)` : ''),
        );
    });
  return cmd;
}
