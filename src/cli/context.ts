// What every command needs: the config (from the environment the entry point
// passes), a logger on standard error, pools that say which service is down.
import { loadConfig, type Config } from '../config.js';
import { pendingMigrations } from '../db/migrate.js';
import { checkPool, createPool, type Pool } from '../db/pool.js';
import { DatabaseNotReadyError, redactUrl, ServiceUnavailableError } from '../errors.js';
import { createLogger, type Logger } from '../logger.js';

export interface CliContext {
  env: Record<string, string | undefined>;
}

export function cliConfig(ctx: CliContext): Config {
  return loadConfig({ env: ctx.env });
}

export function cliLogger(config: Config): Logger {
  return createLogger(config.log.level);
}

/**
 * Runs fn with a checked pool (the read replica for `read` queries when
 * configured). A database that is missing or lacks migrations is reported as
 * such, naming `inmail migrate`, rather than as the first query's
 * `relation ... does not exist` (`migrate` itself passes `migrated: false`).
 */
export async function withPool<T>(
  config: Config,
  fn: (pool: Pool) => Promise<T>,
  opts: { read?: boolean; migrated?: boolean } = {},
): Promise<T> {
  const url = opts.read && config.database.readUrl ? config.database.readUrl : config.database.url;
  const pool = createPool(url, 2);
  try {
    try {
      await checkPool(pool, url);
    } catch (err) {
      if (err instanceof ServiceUnavailableError && (err.cause as { code?: string } | undefined)?.code === '3D000') {
        throw new DatabaseNotReadyError(redactUrl(url), 'does not exist');
      }
      throw err;
    }
    if (opts.migrated !== false) {
      const pending = await pendingMigrations(pool);
      if (pending.length > 0)
        throw new DatabaseNotReadyError(
          redactUrl(url),
          `is not migrated (${pending.length} migration${pending.length === 1 ? '' : 's'} pending)`,
        );
    }
    return await fn(pool);
  } finally {
    await pool.end();
  }
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function print(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** Aligned columns for people. */
export function table(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}
