// What every IMAP test file needs: its own database, queue prefix and Dovecot,
// a logger whose lines the test can read, and helpers to look into mailboxes.
// Resources are released in reverse order of acquisition.
import { ImapFlow } from 'imapflow';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { configSchema, type Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { mailQueue, type MailJobData } from '../../src/jobs/queue.js';
import { connectRedis, createRedis } from '../../src/db/redis.js';
import { createIntake, type Intake } from '../../src/intake/accept.js';
import { startImapIntake, type ImapIntake, type ImapIntakeOptions } from '../../src/intake/imap.js';
import { createTestDb, testPrefix, type TestDb } from '../helpers/test-db.js';
import { DOVECOT_PASSWORD, startDovecot, type Dovecot, type DovecotOptions } from '../helpers/dovecot.js';

export interface LogLine {
  level: number;
  msg: string;
  mailbox?: string;
  [key: string]: unknown;
}

export interface Harness {
  db: TestDb;
  prefix: string;
  redis: Redis;
  queue: Queue<MailJobData>;
  dovecot: Dovecot;
  logs: LogLine[];
  logger: Logger;
  /** A config with these mailboxes (user = mailbox name unless given) and fast test timings. */
  config(boxes: MailboxSpec[], imap?: Partial<Config['imap']>): Config;
  start(config: Config, options?: ImapIntakeOptions): ImapIntake;
  /** The test's own IMAP client for user (one per user, reconnected when it died). */
  client(user: string): Promise<ImapFlow>;
  append(user: string, mails: string[], folder?: string, flags?: string[]): Promise<void>;
  count(user: string, folder: string): Promise<number>;
  rows(): Promise<{ id: number; source_ref: string; state: string; rcpt_to: string[]; duplicate_of: number | null }[]>;
  close(): Promise<void>;
}

export interface MailboxSpec {
  name: string;
  user?: string;
  password?: string;
  /** OAuth2 access token instead of a password. */
  accessToken?: string;
  folder?: string;
  after?: string;
  kind?: 'bounce' | 'feedback';
}

export async function createHarness(dovecotOptions: DovecotOptions = {}): Promise<Harness> {
  const db = await createTestDb();
  const prefix = testPrefix();
  const redis = createRedis('redis://127.0.0.1:6379', 'producer');
  await connectRedis(redis, 'redis://127.0.0.1:6379');
  const queue = mailQueue(redis, prefix);
  const dovecot = await startDovecot(dovecotOptions);
  const logs: LogLine[] = [];
  const logger = createLogger('debug', {
    write(line: string) {
      logs.push(JSON.parse(line) as LogLine);
    },
  });
  const intakes: ImapIntake[] = [];
  const contracts: Intake[] = [];
  const clients = new Map<string, ImapFlow>();

  const client = async (user: string): Promise<ImapFlow> => {
    const known = clients.get(user);
    if (known?.usable) return known;
    const c = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      doSTARTTLS: false,
      logger: false,
      connectionTimeout: 5000,
      greetingTimeout: 5000,
      socketTimeout: 10_000,
      auth: { user, pass: DOVECOT_PASSWORD },
    });
    c.on('error', () => undefined); // a test client dies with its Dovecot in the reconnect test
    await c.connect();
    clients.set(user, c);
    return c;
  };

  return {
    db,
    prefix,
    redis,
    queue,
    dovecot,
    logs,
    logger,
    config(boxes, imap = {}) {
      return configSchema.parse({
        database: { url: db.url },
        queue: { prefix },
        imap: {
          pollEverySeconds: 30,
          batchSize: 3,
          leaseSeconds: 2,
          reconnectMaxSeconds: 2,
          authRetrySeconds: 300,
          ...imap,
          mailboxes: boxes.map((b) => ({
            name: b.name,
            host: dovecot.host,
            port: dovecot.port,
            tls: 'none',
            user: b.user ?? b.name,
            ...(b.accessToken ? { accessToken: b.accessToken } : { password: b.password ?? DOVECOT_PASSWORD }),
            folder: b.folder ?? 'INBOX',
            after: b.after ?? 'move:Processed',
            kind: b.kind ?? 'bounce',
          })),
        },
      });
    },
    start(config, options) {
      const contract = createIntake({ pool: db.pool, queue, logger, attempts: config.queue.attempts, jobLingerMs: 0 });
      contracts.push(contract);
      const intake = startImapIntake({ config, intake: contract, redis, logger }, options);
      intakes.push(intake);
      return intake;
    },
    client,
    async append(user, mails, folder = 'INBOX', flags = []) {
      const c = await client(user);
      for (const m of mails) await c.append(folder.split('/'), m, flags);
    },
    async count(user, folder) {
      const c = await client(user);
      const s = await c.status(folder.split('/'), { messages: true }).catch(() => false as const);
      return s ? (s.messages ?? 0) : -1;
    },
    async rows() {
      const r = await db.pool.query<{ id: number; source_ref: string; state: string; rcpt_to: string[]; duplicate_of: number | null }>(
        'SELECT id, source_ref, state, rcpt_to, duplicate_of FROM raw_mail ORDER BY id',
      );
      return r.rows;
    },
    async close() {
      await Promise.all(intakes.map((i) => i.stop()));
      await Promise.all(contracts.map((c) => c.close()));
      for (const c of clients.values()) c.close();
      await dovecot.stop();
      await queue.close();
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await db.drop();
    },
  };
}
