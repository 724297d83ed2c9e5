import { Command } from 'commander';
import { createDatabaseIfMissing, migrate } from '../db/migrate.js';
import { cliConfig, print, withPool, type CliContext } from './context.js';

export function migrateCommand(ctx: CliContext): Command {
  return new Command('migrate')
    .description('apply database migrations (creating the database if it does not exist), then exit')
    .action(async () => {
      const config = cliConfig(ctx);
      const created = await createDatabaseIfMissing(config.database.url);
      if (created) print(`created database ${created}`);
      const applied = await withPool(config, (pool) => migrate(pool), { migrated: false });
      print(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    });
}
