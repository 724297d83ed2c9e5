// What an integration file that spawns daemons owns: a database and a queue prefix of its own
// (so that parallel files never meet), and the daemons it started, killed after the file before
// the database and the prefix are dropped.
import { afterAll, beforeAll } from 'vitest';
import type { RunningDaemon } from './daemon.js';
import { dropPrefix } from './redis.js';
import { createTestDb, testPrefix, type TestDb } from './test-db.js';

export interface DaemonSuite {
  /** The file's database (set by its beforeAll). */
  readonly db: TestDb;
  /** The file's BullMQ key prefix. */
  readonly prefix: string;
  /** Daemons the file started: each is killed after the file. */
  readonly daemons: RunningDaemon[];
}

/** Registers the file's beforeAll / afterAll; call at the top of the file. */
export function daemonSuite(): DaemonSuite {
  let db: TestDb | undefined;
  let prefix = '';
  const daemons: RunningDaemon[] = [];
  beforeAll(async () => {
    db = await createTestDb();
    prefix = testPrefix();
  });
  afterAll(async () => {
    for (const d of daemons) await d.stop('SIGKILL');
    await db?.drop();
    if (prefix) await dropPrefix(prefix);
  });
  return {
    get db() {
      if (!db) throw new Error('daemonSuite: the database is made in beforeAll');
      return db;
    },
    get prefix() {
      return prefix;
    },
    daemons,
  };
}
