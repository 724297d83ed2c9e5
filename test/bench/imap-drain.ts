// The IMAP intake's drain rate (npm run bench, phase "imap"): N bounces already
// in a throwaway Dovecot's INBOX (written straight into its Maildir, so that
// setting up does not take longer than the measure), then a daemon running only
// the imap role takes them: each group fetched, committed in Postgres, then
// moved to Processed. Rate = N / (last mail committed − daemon ready); the
// start-up (connect, login, SELECT of N mails) is counted in a second figure.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, openSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDovecot, DOVECOT_PASSWORD } from '../helpers/dovecot.js';
import { freePort } from '../helpers/daemon.js';
import { dropPrefix, REDIS_URL } from '../helpers/redis.js';
import { testPrefix, type TestDb } from '../helpers/test-db.js';
import type { BenchMail } from './mails.js';

export interface ImapDrainFigures {
  mails: number;
  /** Mails per second from the daemon's readiness to the last commit. */
  rate: number;
  /** The same with the daemon's start-up (process start to ready) included. */
  rateWithStartup: number;
  seconds: number;
  startupSeconds: number;
  movedToProcessed: number;
}

function writeMaildir(dir: string, user: string, mails: readonly BenchMail[]): void {
  const box = join(dir, 'mail', user, 'Maildir');
  for (const sub of ['new', 'cur', 'tmp']) mkdirSync(join(box, sub), { recursive: true });
  const t = Math.floor(Date.now() / 1000);
  // S= and W= (physical and CRLF size) in the name, as Dovecot's own delivery (LDA, LMTP) writes them:
  // the bench mails have CRLF lines, so both are the length. Without W= Dovecot reads each file for its size.
  mails.forEach((m, i) => writeFileSync(join(box, 'new', `${t}.M${i}P${process.pid}.bench,S=${m.body.length},W=${m.body.length}`), m.body));
  // Dovecot runs the mail user as nobody when the bench runs as root.
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'nobody:nogroup', join(dir, 'mail')]);
}

export async function imapDrain(db: TestDb, mails: readonly BenchMail[], cli: string, logDir: string): Promise<ImapDrainFigures> {
  const dovecot = await startDovecot();
  const prefix = testPrefix();
  try {
    writeMaildir(dovecot.dir, 'bench', mails);
    const httpPort = await freePort();
    const logFile = join(logDir, 'imap-drain.log');
    const fd = openSync(logFile, 'w');
    const url = `imap://bench:${DOVECOT_PASSWORD}@127.0.0.1:${dovecot.port}/INBOX?tls=none&after=move:Processed`;
    const t0 = performance.now();
    const proc = spawn(process.execPath, [cli, 'start', '--role', 'imap'], {
      env: {
        PATH: process.env.PATH ?? '',
        INMAIL_DATABASE_URL: db.url,
        INMAIL_REDIS_URL: REDIS_URL,
        INMAIL_QUEUE_PREFIX: prefix,
        INMAIL_HTTP_PORT: String(httpPort),
        INMAIL_IMAP_URL: url,
        INMAIL_LOG_LEVEL: 'info',
      },
      stdio: ['ignore', fd, fd],
    });
    let ready = 0;
    let done = 0;
    const deadline = Date.now() + 300_000;
    try {
      for (;;) {
        if (proc.exitCode !== null) throw new Error(`daemon exited ${proc.exitCode}: see ${logFile}`);
        if (Date.now() > deadline) throw new Error(`IMAP drain not done after 300 s: see ${logFile}`);
        if (
          !ready &&
          (await fetch(`http://127.0.0.1:${httpPort}/readyz`).then(
            (r) => r.ok,
            () => false,
          ))
        )
          ready = performance.now();
        const n = (await db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM raw_mail WHERE source = 'imap'")).rows[0]?.n ?? 0;
        if (n >= mails.length) {
          done = performance.now();
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    } finally {
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGTERM');
      await exited;
    }
    const processed = join(dovecot.dir, 'mail', 'bench', 'Maildir', '.Processed');
    const moved = ['cur', 'new'].reduce((n, sub) => n + readdirSync(join(processed, sub)).length, 0);
    const seconds = (done - (ready || t0)) / 1000;
    return {
      mails: mails.length,
      rate: mails.length / seconds,
      rateWithStartup: mails.length / ((done - t0) / 1000),
      seconds,
      startupSeconds: ((ready || t0) - t0) / 1000,
      movedToProcessed: moved,
    };
  } finally {
    await dovecot.stop();
    await dropPrefix(prefix);
  }
}
