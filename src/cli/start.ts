import { Command, Option } from 'commander';
import { setFlagsFromString } from 'node:v8';
import { checkRole, placeholderDomains } from '../config.js';
import { ROLES, startDaemon, type Role } from '../app/daemon.js';
import { routeConsole } from '../log-limit.js';
import { cliConfig, cliLogger, type CliContext } from './context.js';

/**
 * Each heap (main thread and worker threads) is collected in full once it has grown this
 * much past what the last full collection left. Left to itself V8 lets a heap grow up to
 * four times its live set on a machine with much memory: the worker thread piled up
 * ~190 MB of garbage over ~46 MB live, and the daemon's peak RSS in the webhook bench was
 * 351–436 MB; at 1.5 times it was 239–265 MB for the same CPU per event. V8 reads the flag
 * at every collection, so it holds for the isolates already running and those started later.
 */
const HEAP_GROWING_PERCENT = 50;

/** The main thread's semi-spaces, as `node --max-semi-space-size` should set them (docs/operations.md, memory). */
const MAIN_SEMI_SPACE_MB = 4;

export function startCommand(ctx: CliContext, exit: (code: number) => never): Command {
  return new Command('start')
    .description('run the daemon')
    .addOption(new Option('--role <role...>', 'roles to run').choices(ROLES).default(['all']))
    .action(async (opts: { role: Role[] }) => {
      setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
      const config = cliConfig(ctx);
      checkRole(config, opts.role);
      const logger = cliLogger(config);
      routeConsole(logger);
      // The young generation of an isolate is sized when it is made: for the main thread that is
      // node's start, so only node's own flag (as the image and `inmail` pass it) can shrink it.
      if (!mainSemiSpaceSet(ctx.env.NODE_OPTIONS)) {
        logger.info(
          { semiSpaceMb: MAIN_SEMI_SPACE_MB },
          `node was started without --max-semi-space-size=${MAIN_SEMI_SPACE_MB}: the main thread's young generation may take semi-spaces of 16 MB instead (docs/operations.md, memory)`,
        );
      }
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

/** Whether node got --max-semi-space-size, on its command line or in NODE_OPTIONS. */
function mainSemiSpaceSet(nodeOptions: string | undefined): boolean {
  return [...process.execArgv, ...(nodeOptions ?? '').split(/\s+/)].some((a) => a.startsWith('--max-semi-space-size'));
}
