import { Command, Option } from 'commander';
import { setFlagsFromString } from 'node:v8';
import { checkRole, placeholderDomains } from '../config.js';
import { ROLES, startDaemon, type Role } from '../app/daemon.js';
import { routeConsole } from '../log-limit.js';
import { cliConfig, cliLogger, type CliContext } from './context.js';

const MAIN_SEMI_SPACE_MB = 4;

export function startCommand(ctx: CliContext, exit: (code: number) => never): Command {
  return new Command('start')
    .description('run the daemon')
    .addOption(new Option('--role <role...>', 'roles to run').choices(ROLES).default(['all']))
    .action(async (opts: { role: Role[] }) => {
      // The main thread's young generation, as the worker threads' (jobs/worker-threads.ts): V8 sizes
      // it from the machine's memory (16 MB semi-spaces here), and short-lived request garbage fills it.
      setFlagsFromString(`--max-semi-space-size=${MAIN_SEMI_SPACE_MB}`);
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
