// `inmail tokens create|list|revoke` (docs/api.md): bearer tokens of the HTTP API.
import { Command, Option } from 'commander';
import { NotFoundError } from '../errors.js';
import { createToken, listTokens, revokeToken, tokenJson } from '../operations/tokens.js';
import { TOKEN_SCOPES } from '../operations/schemas.js';
import type { TokenScope } from '../store/api-tokens.js';
import { cliConfig, print, printJson, table, withPool, type CliContext } from './context.js';
import { parsePositiveInt } from './quarantine-options.js';

export function tokensCommand(ctx: CliContext): Command {
  const cmd = new Command('tokens').description('bearer tokens of the HTTP API (read ⊂ write ⊂ admin; intake apart)');

  cmd
    .command('create')
    .description('make a token; it is printed once, only its hash is kept')
    .addOption(new Option('--scope <scope>', 'what it may do').choices(TOKEN_SCOPES).makeOptionMandatory())
    .option('--name <name>', 'who or what uses it (shown in lists and in address history)')
    .option('--json', 'print {"id","token","scope","name"}')
    .action(async (o: { scope: TokenScope; name?: string; json?: boolean }) => {
      const t = await withPool(cliConfig(ctx), (pool) => createToken(pool, o.scope, o.name ?? null));
      if (o.json) return printJson(t);
      print(t.token);
      process.stderr.write(`token ${t.id} (${t.scope}${t.name ? `, ${t.name}` : ''}) created; it is shown only now\n`);
    });

  cmd
    .command('list')
    .description('tokens (never the tokens themselves)')
    .option('--json', 'print one JSON object per line')
    .action(async (o: { json?: boolean }) => {
      const rows = await withPool(cliConfig(ctx), (pool) => listTokens(pool), { read: true });
      if (rows.length === 0) throw new NotFoundError('no token');
      if (o.json) return rows.forEach((t) => printJson(tokenJson(t)));
      print(
        table([
          ['ID', 'SCOPE', 'NAME', 'PREFIX', 'CREATED', 'LAST USED', 'REVOKED'],
          ...rows.map((t) => [
            String(t.id),
            t.scope,
            t.name ?? '-',
            `${t.prefix}…`,
            t.createdAt.toISOString(),
            t.lastUsedAt?.toISOString() ?? 'never',
            t.revokedAt?.toISOString() ?? '-',
          ]),
        ]),
      );
    });

  cmd
    .command('revoke')
    .description('revoke a token: it is refused from now on')
    .argument('<id>', 'token id', parsePositiveInt)
    .action(async (id: number) => {
      const r = await withPool(cliConfig(ctx), (pool) => revokeToken(pool, id));
      if (r.unconfirmed > 0) {
        process.stderr.write(
          `inmail tokens revoke: ${r.unconfirmed} API process(es) did not confirm in time; their token cache was turned off (docs/security.md)\n`,
        );
      }
      print(`revoked token ${id}`);
    });
  return cmd;
}
