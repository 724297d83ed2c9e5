// 1,000 fuzzed mails over SMTP to the running daemon (not only to the parser):
// every one gets an answer, every accepted one is kept as a raw mail, nothing
// stays pending, the daemon stays up and ready, and its memory stays bounded.
// The daemon runs with a VERP secret, so the same file sends a forged complaint over SMTP.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningDaemon } from '../helpers/daemon.js';
import { fuzzMail } from '../helpers/fuzz-mail.js';
import { prng } from '../helpers/prng.js';
import { sendFrom, sendMany } from '../helpers/smtp-socket.js';
import { buildArf } from '../helpers/arf.js';
import { makeVerpToken } from '../../src/quarantine/verp.js';
import { startSmtpDaemon, stopSmtpDaemon, type SmtpDaemon } from '../helpers/smtp-daemon.js';
import type { TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const DOMAIN = 'bounces.test';
const MAILS = 1000;
const CONNECTIONS = 4;
const SECRET = 'a-long-secret-for-the-fuzz-test';
let db: TestDb;
let daemon: RunningDaemon;
let smtpPort: number;
let httpPort: number;
let started: SmtpDaemon | undefined;

beforeAll(async () => {
  started = await startSmtpDaemon({ domain: DOMAIN, env: { INMAIL_LOG_LEVEL: 'warn', INMAIL_VERP_SECRET: SECRET } });
  ({ db, daemon, smtpPort, httpPort } = started);
  await waitFor('ready', async () => (await fetch(`http://127.0.0.1:${httpPort}/readyz`).catch(() => null))?.status === 200);
});

afterAll(async () => {
  if (started) await stopSmtpDaemon(started);
});

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

describe('fuzzed mails over SMTP', () => {
  it('answers every one of 1,000, keeps every accepted raw mail, and stays bounded', async () => {
    const rand = prng(424242);
    const mails = Array.from({ length: MAILS }, () => fuzzMail(rand).body);
    const pid = daemon.proc.pid as number;
    const rssStart = rssMb(pid);
    let rssPeak = rssStart;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(pid))), 100);
    const started = Date.now();
    const replies = (
      await Promise.all(
        Array.from({ length: CONNECTIONS }, (_, k) =>
          sendMany(
            smtpPort,
            `b@${DOMAIN}`,
            mails.filter((_m, i) => i % CONNECTIONS === k),
          ),
        ),
      )
    ).flat();
    const seconds = (Date.now() - started) / 1000;

    expect(replies).toHaveLength(MAILS);
    const byCode = new Map<string, number>();
    for (const r of replies) byCode.set(r.slice(0, 3), (byCode.get(r.slice(0, 3)) ?? 0) + 1);
    // Answered: a 2xx, 4xx or 5xx reply to each, never a dropped connection.
    expect(replies.filter((r) => !/^[245]\d\d /.test(r))).toEqual([]);
    const stored = replies.flatMap((r) => (/^250 .*stored as (\d+)/.exec(r)?.[1] ? [Number(/stored as (\d+)/.exec(r)?.[1])] : []));
    const rows = await db.pool.query<{ id: number }>('SELECT id FROM raw_mail WHERE id = ANY($1::bigint[])', [stored]);
    expect(rows.rowCount).toBe(stored.length);
    expect((await db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM raw_mail')).rows[0]?.n).toBe(stored.length);

    await waitFor(
      'every mail processed',
      async () => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM raw_mail WHERE state = 'pending'`)).rows[0]?.n === 0,
      { timeoutMs: 60_000 },
    );
    clearInterval(sampler);
    const states = (
      await db.pool.query<{ state: string; n: number }>('SELECT state, count(*)::int AS n FROM raw_mail GROUP BY state ORDER BY state')
    ).rows;
    console.log(
      `fuzz over SMTP: ${MAILS} mails in ${seconds.toFixed(1)} s over ${CONNECTIONS} connections; replies ${JSON.stringify(Object.fromEntries(byCode))}; ` +
        `raw mails ${JSON.stringify(states)}; daemon RSS ${rssStart.toFixed(0)} MB at start, ${rssPeak.toFixed(0)} MB at peak`,
    );
    expect(byCode.get('250') ?? 0).toBeGreaterThan(MAILS * 0.9);
    expect(rssPeak).toBeLessThan(400);
    expect(daemon.proc.exitCode).toBeNull();
    expect((await fetch(`http://127.0.0.1:${httpPort}/readyz`)).status).toBe(200);
  });

  it('with a VERP secret, a complaint sent over SMTP counts only with a token issued for the complaining recipient', async () => {
    const signed = `bounce+${makeVerpToken(SECRET, 'd9', 'real-complainer@example.org')}@${DOMAIN}`;
    expect(
      await sendFrom(smtpPort, '127.0.0.1', `fbl@${DOMAIN}`, buildArf({ recipient: 'real-complainer@example.org', returnPath: signed })),
    ).toMatch(/^250/);
    const forged = await sendFrom(
      smtpPort,
      '127.0.0.1',
      `fbl@${DOMAIN}`,
      buildArf({ recipient: 'customer@example.org', returnPath: signed }),
    );
    const id = Number(/stored as (\d+)/.exec(forged)?.[1]);
    await waitFor(
      'the forged complaint processed',
      async () =>
        (await db.pool.query(`SELECT 1 FROM bounce_event WHERE raw_mail_id = $1 AND outcome = 'unverified'`, [id])).rowCount === 1,
    );
    await waitFor(
      'the real complaint applied',
      async () => (await db.pool.query(`SELECT 1 FROM address WHERE address_key = 'real-complainer@example.org'`)).rowCount === 1,
    );
    expect((await db.pool.query(`SELECT 1 FROM address WHERE address_key = 'customer@example.org'`)).rowCount).toBe(0);
  });
});
