import { Command, Option } from 'commander';
import { checkRole, placeholderDomains } from '../config.js';
import { ROLES, startDaemon, type Role } from '../app/daemon.js';
import { routeConsole } from '../log-limit.js';
import { cliConfig, cliLogger, type CliContext } from './context.js';

export function startCommand(ctx: CliContext, exit: (code: number) => never): Command {
  return new Command('start')
    .description('run the daemon')
    .addOption(new Option('--role <role...>', 'roles to run').choices(ROLES).default(['all']))
    .action(async (opts: { role: Role[] }) => {
      const config = cliConfig(ctx);
      checkRole(config, opts.role);
      const logger = cliLogger(config);
      routeConsole(logger);
      const placeholders = placeholderDomains(config);
      if (placeholders.length) {
        logger.warn(
          { domains: placeholders },
          'smtp.bounceDomains (INMAIL_BOUNCE_DOMAINS) holds a placeholder domain: no bounce will ever come to it',
        );
      }
      const daemon = await startDaemon(config, opts.role, logger);
      await daemon.lifecycle.onSignals(() => exit(130));
      logger.info('stopped');
      logger.flush();
    });
}
