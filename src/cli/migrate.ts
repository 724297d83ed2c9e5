import { Command } from 'commander';
import { migrate } from '../db/migrate.js';
import { cliConfig, print, withPool, type CliContext } from './context.js';

export function migrateCommand(ctx: CliContext): Command {
  return new Command('migrate').description('apply database migrations, then exit').action(async () => {
    const config = cliConfig(ctx);
    const applied = await withPool(config, (pool) => migrate(pool));
    print(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  });
}
