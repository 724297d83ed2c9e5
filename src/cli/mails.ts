import { Command, Option } from 'commander';
import { NotFoundError } from '../errors.js';
import { eventsOfMail } from '../store/events.js';
import { getMail, listMails } from '../store/raw-mails.js';
import { renderMail } from './mail-render.js';
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
  cmd
    .command('show')
    .description('one stored mail (headers, text, attachments), its parse result, its events')
    .argument('<id>', 'raw mail id (inmail mails list)', parsePositiveInt)
    .option('--raw', 'print the mail exactly as stored, nothing else')
    .option('--json', 'print one JSON object')
    .action(async (id: number, f: { raw?: boolean; json?: boolean }) => {
      const config = cliConfig(ctx);
      const found = await withPool(
        config,
        async (pool) => {
          const mail = await getMail(pool, id);
          return mail && { mail, events: await eventsOfMail(pool, id) };
        },
        { read: true },
      );
      if (!found) throw new NotFoundError(`no mail with id ${id}`);
      const { mail, events } = found;
      if (f.raw) {
        process.stdout.write(mail.body);
        return;
      }
      const shown = await renderMail(mail.body);
      const { body: _body, ...meta } = mail;
      if (f.json) {
        printJson({
          ...meta,
          receivedAt: mail.receivedAt.toISOString(),
          ...shown,
          events,
        });
        return;
      }
      print(
        `mail ${mail.id}  ${mail.receivedAt.toISOString()}  ${mail.source}  ${mail.state}  kind ${mail.kind ?? '-'}  ${mail.size} bytes` +
          (mail.duplicateOf === null ? '' : `  duplicate of ${mail.duplicateOf}`) +
          (mail.error ? `\nerror: ${mail.error}` : ''),
      );
      print(`envelope: from ${mail.mailFrom ?? '<>'} to ${mail.rcptTo.join(', ') || '-'}`);
      print();
      for (const h of shown.headers) print(`${h.name}: ${h.value}`);
      print();
      print(shown.text?.trimEnd() ?? '(no text part)');
      print();
      print(
        shown.attachments.length === 0
          ? 'attachments: none'
          : table([
              ['attachment', 'type', 'size', 'disposition'],
              ...shown.attachments.map((a) => [a.filename ?? '(unnamed)', a.contentType, String(a.size), a.disposition ?? '-']),
            ]),
      );
      print();
      print(
        events.length === 0
          ? 'events: none'
          : table([
              ['event', 'address', 'action', 'status', 'reason', 'type', 'outcome'],
              ...events.map((e) => [String(e.id), e.address, e.action, e.status || e.replyCode || '-', e.reason, e.type, e.outcome]),
            ]),
      );
    });
  return cmd;
}
