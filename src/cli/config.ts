import { Command } from 'commander';
import { configReference } from '../config-reference.js';
import { redactUrl } from '../errors.js';
import { cliConfig, print, printJson, table, type CliContext } from './context.js';

export function configCommand(ctx: CliContext): Command {
  const cmd = new Command('config').description('the configuration: check it, show it, or print the reference');
  cmd
    .command('check')
    .description('validate the file and environment; exit 2 naming every problem')
    .action(() => {
      cliConfig(ctx);
      print('configuration is valid');
    });
  cmd
    .command('show')
    .description('the effective configuration (file + environment + defaults), secrets hidden')
    .action(() => {
      const c = cliConfig(ctx);
      printJson({
        ...c,
        database: { ...c.database, url: redactUrl(c.database.url), ...(c.database.readUrl ? { readUrl: redactUrl(c.database.readUrl) } : {}) },
        redis: { url: redactUrl(c.redis.url) },
        imap: { ...c.imap, mailboxes: c.imap.mailboxes.map((m) => ({ ...m, ...(m.password ? { password: '***' } : {}), ...(m.accessToken ? { accessToken: '***' } : {}) })) },
        verp: { ...c.verp, ...(c.verp.secret ? { secret: '***' } : {}) },
      });
    });
  cmd
    .command('reference')
    .description('every key with its type, default, variable and meaning')
    .option('--json', 'print JSON, one key per line')
    .action((o: { json?: boolean }) => {
      const rows = configReference();
      if (o.json) return rows.forEach((r) => printJson(r));
      print(table([['key', 'type', 'default', 'env', 'meaning'], ...rows.map((r) => [r.key, r.type, r.default, r.env, r.description])]));
    });
  return cmd;
}
