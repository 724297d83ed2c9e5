import { Command } from 'commander';
import { placeholderDomains } from '../config.js';
import { configReference } from '../config-reference.js';
import { redactUrl } from '../errors.js';
import { cliConfig, print, printJson, table, type CliContext } from './context.js';

export function configCommand(ctx: CliContext): Command {
  const cmd = new Command('config').description('the configuration: check it, show it, or print the reference');
  cmd
    .command('check')
    .description('validate the file and environment; exit 2 naming every problem')
    .action(() => {
      const config = cliConfig(ctx);
      const placeholders = placeholderDomains(config);
      for (const d of placeholders) {
        process.stderr.write(
          `inmail: warning: smtp.bounceDomains${ctx.env.INMAIL_BOUNCE_DOMAINS ? ' (INMAIL_BOUNCE_DOMAINS)' : ''}: ${d} is a placeholder ` +
            '(a name reserved for examples): no bounce will ever come to it; set your own bounce domain\n',
        );
      }
      print(
        `configuration is valid${placeholders.length ? ` (${placeholders.length} warning${placeholders.length === 1 ? '' : 's'})` : ''}`,
      );
    });
  cmd
    .command('show')
    .description('the effective configuration (file + environment + defaults), secrets hidden')
    .action(() => {
      const c = cliConfig(ctx);
      printJson({
        ...c,
        database: {
          ...c.database,
          url: redactUrl(c.database.url),
          ...(c.database.readUrl ? { readUrl: redactUrl(c.database.readUrl) } : {}),
        },
        redis: { url: redactUrl(c.redis.url) },
        imap: {
          ...c.imap,
          mailboxes: c.imap.mailboxes.map((m) => ({
            ...m,
            ...(m.password ? { password: '***' } : {}),
            ...(m.accessToken ? { accessToken: '***' } : {}),
          })),
        },
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
