import { Command } from 'commander';
import { UsageError } from '../errors.js';
import { makeVerpToken, verifyVerpToken } from '../quarantine/verp.js';
import { cliConfig, print, printJson, type CliContext } from './context.js';

function secretOf(ctx: CliContext): string {
  const secret = cliConfig(ctx).verp.secret;
  if (!secret) throw new UsageError('verp.secret (INMAIL_VERP_SECRET) is not set');
  return secret;
}

export function verpCommand(ctx: CliContext): Command {
  const cmd = new Command('verp').description('VERP return paths signed with verp.secret (for the sending side and for checks)');
  cmd
    .command('sign')
    .description('the Return-Path for one message to one recipient')
    .requiredOption('--delivery <id>', 'the delivery (message) id, 1-64 of A-Z a-z 0-9 _ -')
    .requiredOption('--recipient <address>', 'the recipient the message goes to')
    .option('--domain <domain>', 'bounce domain (default: the first of smtp.bounceDomains)')
    .option('--prefix <local>', 'local part before the token', 'bounce')
    .option('--json', 'print JSON')
    .action((o: { delivery: string; recipient: string; domain?: string; prefix: string; json?: boolean }) => {
      const config = cliConfig(ctx);
      const domain = o.domain ?? config.smtp.bounceDomains[0];
      if (!domain) throw new UsageError('--domain: no bounce domain given and smtp.bounceDomains is empty');
      let token: string;
      try {
        token = makeVerpToken(secretOf(ctx), o.delivery, o.recipient);
      } catch (err) {
        if (err instanceof UsageError) throw err;
        throw new UsageError(`--delivery: ${(err as Error).message}`);
      }
      const returnPath = `${o.prefix}+${token}@${domain}`;
      if (o.json) printJson({ token, returnPath });
      else print(returnPath);
    });
  cmd
    .command('check')
    .description('whether a token was issued for a recipient')
    .argument('<token>')
    .argument('<recipient>')
    .action((token: string, recipient: string) => {
      const check = verifyVerpToken(secretOf(ctx), token, recipient);
      if (!check.ok) throw new UsageError(`does not verify: ${check.why}`);
      print(`ok: delivery ${check.deliveryId}`);
    });
  return cmd;
}
