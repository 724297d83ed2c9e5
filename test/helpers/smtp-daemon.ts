// The setup the SMTP end-to-end suites share: a test database, a queue prefix,
// free ports and the daemon listening for one bounce domain on 127.0.0.1; and
// its teardown. Each suite adds its own env (TLS, VERP secret, log level) and waits
// for the signal it needs (a log line, /readyz).
import { freePort, spawnDaemon, type DaemonOptions, type RunningDaemon } from './daemon.js';
import { dropPrefix, REDIS_URL } from './redis.js';
import { createTestDb, testPrefix, type TestDb } from './test-db.js';

export interface SmtpDaemon {
  db: TestDb;
  prefix: string;
  daemon: RunningDaemon;
  smtpPort: number;
  /** The metrics/health port; 0 when the daemon was started without one (`http: false`). */
  httpPort: number;
}

export interface SmtpDaemonOptions {
  domain: string;
  /** Extra env, added after (and so overriding) the common one. */
  env?: Record<string, string>;
  roles?: DaemonOptions['roles'];
  /** Serve metrics and health on a free port bound to 127.0.0.1 (default true). */
  http?: boolean;
}

export async function startSmtpDaemon(opts: SmtpDaemonOptions): Promise<SmtpDaemon> {
  const db = await createTestDb();
  const prefix = testPrefix();
  try {
    const smtpPort = await freePort();
    const http = opts.http ?? true;
    const httpPort = http ? await freePort() : 0;
    const daemon = await spawnDaemon({
      env: {
        INMAIL_DATABASE_URL: db.url,
        INMAIL_REDIS_URL: REDIS_URL,
        INMAIL_QUEUE_PREFIX: prefix,
        INMAIL_SMTP_HOST: '127.0.0.1',
        INMAIL_SMTP_PORT: String(smtpPort),
        ...(http ? { INMAIL_HTTP_PORT: String(httpPort) } : {}),
        INMAIL_BOUNCE_DOMAINS: opts.domain,
        ...opts.env,
      },
      ...(http ? { configYaml: 'http:\n  host: 127.0.0.1\n' } : {}),
      ...(opts.roles ? { roles: opts.roles } : {}),
    });
    return { db, prefix, daemon, smtpPort, httpPort };
  } catch (err) {
    // Nothing of a failed start is left behind; the suite's afterAll sees no daemon.
    await db.drop();
    await dropPrefix(prefix);
    throw err;
  }
}

/** Kills the daemon and drops its database and queue keys; safe after a failed start. */
export async function stopSmtpDaemon(s: Partial<SmtpDaemon>): Promise<void> {
  await s.daemon?.stop('SIGKILL');
  await s.db?.drop();
  if (s.prefix) await dropPrefix(s.prefix);
}
