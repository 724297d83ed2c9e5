// A server without IDLE is polled; a backlog is taken in bounded batches.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { createHarness, type Harness } from './imap-harness.js';
import { dsn } from './imap-mails.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness({ idle: false });
});

afterAll(async () => {
  await h?.close();
});

const acks = (mailbox: string): number[] =>
  h.logs.filter((l) => l.mailbox === mailbox && l.msg === 'mails acknowledged').map((l) => Number(l.count));

describe('IMAP intake without IDLE', () => {
  it('finds new mails by polling every pollEverySeconds when the server has no IDLE', async () => {
    const intake = h.start(h.config([{ name: 'poller' }], { pollEverySeconds: 1 }));
    const open = await waitFor('session open', async () => h.logs.find((l) => l.mailbox === 'poller' && l.msg === 'IMAP session open'));
    expect(open.idle).toBe(false);
    await h.append('poller', [dsn('p1@example.com')]);
    await waitFor('the mail taken', async () => intake.stats().poller?.moved === 1);
    await h.append('poller', [dsn('p2@example.com')]);
    await waitFor('the next mail taken', async () => intake.stats().poller?.moved === 2);
    expect(await h.count('poller', 'Processed')).toBe(2);
    expect(intake.stats().poller).toMatchObject({ stored: 2, moved: 2, errors: 0 });
    await intake.stop();
  });

  it('takes a backlog in batches of at most batchSize mails', async () => {
    await h.append(
      'batches',
      Array.from({ length: 10 }, (_, i) => dsn(`b${i}@example.com`)),
    );
    const intake = h.start(h.config([{ name: 'batches' }], { batchSize: 4 }));
    await waitFor('the backlog taken', async () => intake.stats().batches?.moved === 10);
    expect(acks('batches')).toEqual([4, 4, 2]);
    await intake.stop();
  });

  it('splits a batch whose bodies exceed batchMaxBytes', async () => {
    await h.append(
      'bigmails',
      Array.from({ length: 3 }, (_, i) => dsn(`m${i}@example.com`)),
    );
    const intake = h.start(h.config([{ name: 'bigmails' }], { batchSize: 10, batchMaxBytes: 1024 }));
    await waitFor('the backlog taken', async () => intake.stats().bigmails?.moved === 3);
    expect(acks('bigmails')).toEqual([1, 1, 1]); // each test mail is over 1 KiB
    await intake.stop();
  });
});
