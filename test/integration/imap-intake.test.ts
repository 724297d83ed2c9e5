// IMAP intake against a real Dovecot: catch-up, IDLE, after-actions, crash between commit and move.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queuedMailIds } from '../../src/jobs/queue.js';
import { metrics } from '../../src/metrics.js';
import { waitFor } from '../helpers/wait.js';
import { createHarness, type Harness } from './imap-harness.js';
import { arf, dsn } from './imap-mails.js';

let h: Harness;

/** On a timeout, show what the intake complained of. */
const failWithLogs = (err: unknown): never => {
  console.error(h.logs.filter((l) => l.level >= 40));
  throw err;
};

beforeAll(async () => {
  h = await createHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('IMAP intake', () => {
  it('takes every waiting DSN and ARF report of several mailboxes, stores each once, enqueues it and then moves it', async () => {
    await h.append('bounces', [dsn('a@example.com'), dsn('b@example.com'), dsn('c@example.com'), dsn('d@example.com')]);
    await h.append('fbl', [arf('e@example.com'), arf('f@example.com')]);
    const intake = h.start(h.config([{ name: 'bounces' }, { name: 'fbl', kind: 'feedback', after: 'move:Reports/Done' }]));

    // Counters first: a mail is counted once the server confirmed its move.
    await waitFor('all mails moved', async () => intake.stats().bounces?.moved === 4 && intake.stats().fbl?.moved === 2).catch(
      failWithLogs,
    );
    expect(await h.count('bounces', 'INBOX')).toBe(0);
    expect(await h.count('fbl', 'INBOX')).toBe(0);
    expect(await h.count('bounces', 'Processed')).toBe(4);
    expect(await h.count('fbl', 'Reports/Done')).toBe(2);

    const rows = await h.rows();
    expect(rows).toHaveLength(6);
    expect(rows.every((r) => r.state === 'pending')).toBe(true);
    expect(rows.filter((r) => /^bounce:bounces:\d+:\d+$/.test(r.source_ref))).toHaveLength(4);
    expect(rows.filter((r) => /^feedback:fbl:\d+:\d+$/.test(r.source_ref))).toHaveLength(2);
    const bounceRow = rows.find((r) => r.source_ref.startsWith('bounce:'));
    expect(bounceRow?.rcpt_to).toEqual(['bounce+t0k3n@bounces.example.net', 'bounce@bounces.example.net']);
    const queued = await queuedMailIds(h.queue);
    for (const r of rows) expect(queued.has(r.id)).toBe(true);

    const stats = intake.stats();
    expect(stats.bounces).toMatchObject({ fetched: 4, stored: 4, duplicates: 0, moved: 4, errors: 0, connected: true, leaseHeld: true });
    expect(stats.fbl).toMatchObject({ fetched: 2, stored: 2, moved: 2 });
    expect(h.logs.some((l) => l.mailbox === 'bounces' && l.msg === 'IMAP session open' && l.idle === true)).toBe(true);

    // A mail arriving while the intake idles is taken without waiting for the poll interval (30 s here).
    await h.append('bounces', [dsn('late@example.com')]);
    await waitFor('the late mail stored and moved', async () => intake.stats().bounces?.moved === 5);
    expect(await h.count('bounces', 'Processed')).toBe(5);
    expect(await h.rows()).toHaveLength(7);
    const scraped = await metrics.registry.metrics();
    expect(scraped).toContain('inmail_imap_mails_total{mailbox="bounces",step="moved"} 5');
    expect(scraped).toContain('inmail_imap_mails_total{mailbox="fbl",step="stored"} 2');
    expect(scraped).toContain('inmail_imap_connected{mailbox="bounces"} 1');
    expect(scraped).toMatch(/inmail_mails_received_total\{intake="imap",result="accepted",reason=""\} 7/);
    await intake.stop();
    expect(intake.stats().bounces).toMatchObject({ connected: false, leaseHeld: false });
  });

  it('in seen mode flags stored mails \\Seen, leaves them in the folder, and skips mails already seen', async () => {
    await h.append('seenbox', [dsn('old@example.com')], 'INBOX', ['\\Seen']);
    await h.append('seenbox', [dsn('s1@example.com'), dsn('s2@example.com')]);
    const before = (await h.rows()).length;
    const intake = h.start(h.config([{ name: 'seenbox', after: 'seen' }]));
    await waitFor('two mails flagged', async () => intake.stats().seenbox?.flagged === 2 && intake.stats().seenbox);
    const c = await h.client('seenbox');
    const status = await c.status('INBOX', { messages: true, unseen: true });
    expect(status).toMatchObject({ messages: 3, unseen: 0 });
    const rows = (await h.rows()).slice(before);
    expect(rows.map((r) => r.source_ref.split(':')[1])).toEqual(['seenbox', 'seenbox']);
    await intake.stop();
  });

  it('in delete mode removes mails from the server once they are stored', async () => {
    await h.append('delbox', [dsn('d1@example.com'), dsn('d2@example.com'), dsn('d3@example.com'), dsn('d4@example.com')]);
    const before = (await h.rows()).length;
    const intake = h.start(h.config([{ name: 'delbox', after: 'delete' }]));
    await waitFor('mails deleted', async () => intake.stats().delbox?.deleted === 4);
    expect(await h.count('delbox', 'INBOX')).toBe(0);
    expect((await h.rows()).length - before).toBe(4);
    expect(intake.stats().delbox).toMatchObject({ stored: 4, deleted: 4 });
    await intake.stop();
  });

  it('a mail fetched again after a crash between commit and move is stored as a duplicate, never processed twice', async () => {
    await h.append('crashbox', [dsn('x1@example.com'), dsn('x2@example.com')]);
    const before = (await h.rows()).length;
    const config = h.config([{ name: 'crashbox' }]);
    let crashed = false;
    const first = h.start(config, {
      hooks: {
        afterCommit() {
          if (crashed) return;
          crashed = true;
          void first.stop();
          throw new Error('simulated crash after commit');
        },
      },
    });
    await waitFor('the first intake stopped after one commit', async () => crashed && first.stats().crashbox?.leaseHeld === false);
    await first.stop();
    expect(await h.count('crashbox', 'INBOX')).toBe(2); // committed, never moved

    const second = h.start(config);
    await waitFor('both mails moved', async () => second.stats().crashbox?.moved === 2);
    expect(await h.count('crashbox', 'Processed')).toBe(2);
    // A fetched group commits in one statement: both were committed before the crash.
    expect(second.stats().crashbox).toMatchObject({ fetched: 2, stored: 0, duplicates: 2, moved: 2 });
    await second.stop();
    // Four rows: the two mails, and the second copy of each, stored as its duplicate.
    const rows = (await h.rows()).slice(before);
    expect(rows.map((r) => r.state).sort()).toEqual(['duplicate', 'duplicate', 'pending', 'pending']);
    for (const dup of rows.filter((r) => r.state === 'duplicate'))
      expect(rows.find((r) => r.id === dup.duplicate_of)?.source_ref).toBe(dup.source_ref);
  });
});
