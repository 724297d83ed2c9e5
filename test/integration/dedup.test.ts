// De-duplication only of the same mail, over SMTP: a second bounce that reuses a
// Message-ID (another client, another recipient) is processed; the same mail
// twice, even relayed with one more trace header, counts once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDsn } from '../helpers/dsn.js';
import type { RunningDaemon } from '../helpers/daemon.js';
import { metricSample, sendFrom } from '../helpers/smtp-socket.js';
import { startSmtpDaemon, stopSmtpDaemon, type SmtpDaemon } from '../helpers/smtp-daemon.js';
import type { TestDb } from '../helpers/test-db.js';
import { waitFor } from '../helpers/wait.js';

const DOMAIN = 'bounces.test';
let db: TestDb;
let daemon: RunningDaemon;
let smtpPort: number;
let httpPort: number;
let started: SmtpDaemon | undefined;

beforeAll(async () => {
  started = await startSmtpDaemon({ domain: DOMAIN });
  ({ db, daemon, smtpPort, httpPort } = started);
  await daemon.waitForLog(/"msg":"inmail started"/);
});

afterAll(async () => {
  if (started) await stopSmtpDaemon(started);
});

const status = async (a: string) =>
  (await db.pool.query<{ status: string }>('SELECT status FROM address WHERE address_key = $1', [a])).rows[0]?.status ?? null;
const states = async (messageId: string) =>
  (await db.pool.query<{ state: string }>('SELECT state FROM raw_mail WHERE message_id = $1 ORDER BY id', [messageId])).rows.map(
    (r) => r.state,
  );

describe('de-duplication', () => {
  it('processes a different bounce that reuses a Message-ID, from another client, for another recipient', async () => {
    const messageId = '<same-id-0001@mx.reused.example>';
    const first = buildDsn({
      messageId,
      recipients: [{ address: 'first-rcpt@example.org', status: '5.1.1', diagnostic: '550 5.1.1 no such user' }],
    });
    const second = buildDsn({
      messageId,
      recipients: [{ address: 'second-rcpt@example.org', status: '5.1.1', diagnostic: '550 5.1.1 no such user' }],
    });
    expect(await sendFrom(smtpPort, '127.0.0.1', `b@${DOMAIN}`, first)).toMatch(/^250/);
    expect(await sendFrom(smtpPort, '127.0.0.2', `b@${DOMAIN}`, second)).toMatch(/^250/);
    await waitFor(
      'both recipients quarantined',
      async () => (await status('first-rcpt@example.org')) === 'quarantined' && (await status('second-rcpt@example.org')) === 'quarantined',
    );
    const text = await (await fetch(`http://127.0.0.1:${httpPort}/metrics`)).text();
    expect(metricSample(text, 'inmail_message_id_reuses_total')).toBe(1);
    expect(await states(messageId)).toEqual(['processed', 'processed']);
  });

  it('counts the same bytes twice once, and the same mail with one more Received header once', async () => {
    const messageId = '<same-mail-0002@mx.twice.example>';
    const dsn = buildDsn({
      messageId,
      recipients: [{ address: 'twice@example.org', status: '4.2.2', diagnostic: '452 4.2.2 mailbox full' }],
    });
    expect(await sendFrom(smtpPort, '127.0.0.1', `b@${DOMAIN}`, dsn)).toMatch(/^250/);
    expect(await sendFrom(smtpPort, '127.0.0.3', `b@${DOMAIN}`, dsn)).toMatch(/^250/);
    const relayed = `Received: from relay.example (relay.example [192.0.2.7]) by mx.example; ${new Date().toUTCString()}\r\n${dsn}`;
    expect(await sendFrom(smtpPort, '127.0.0.4', `b@${DOMAIN}`, relayed)).toMatch(/^250/);
    await waitFor('the first processed', async () => (await states(messageId))[0] === 'processed');
    expect(await states(messageId)).toEqual(['processed', 'duplicate', 'duplicate']);
    const ev = await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM bounce_event WHERE address = 'twice@example.org'`);
    expect(ev.rows[0]?.n).toBe(1);
  });
});
