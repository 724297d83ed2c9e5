// IMAP intake under failure: refused login, missing folder, server death.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { createHarness, type Harness } from './imap-harness.js';
import { dsn } from './imap-mails.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
});

afterAll(async () => {
  await h?.close();
});

describe('IMAP intake failures', () => {
  it('a wrong password is logged as an error naming the mailbox and the server answer, without stopping the other mailboxes', async () => {
    await h.append('good', [dsn('g1@example.com'), dsn('g2@example.com')]);
    const intake = h.start(h.config([{ name: 'wrong', password: 'not-the-password' }, { name: 'good' }]));
    await waitFor('the good mailbox drained', async () => intake.stats().good?.moved === 2);
    const line = await waitFor('the login error', async () => h.logs.find((l) => l.mailbox === 'wrong' && l.level === 50));
    expect(line.msg).toMatch(/^IMAP login refused for mailbox wrong: .*(AUTHENTICATIONFAILED|Authentication failed)/);
    expect(line).toMatchObject({ server: `127.0.0.1:${h.dovecot.port}`, user: 'wrong', retryInSeconds: 300 });
    expect(JSON.stringify(h.logs)).not.toContain('not-the-password');
    expect(intake.stats().wrong).toMatchObject({ authFailures: 1, errors: 1, connected: false, stored: 0 });
    expect(intake.stats().good).toMatchObject({ stored: 2, errors: 0 });
    await intake.stop(); // interrupts the 300 s wait
  });

  it('a folder that does not exist is reported as an error and retried slowly', async () => {
    const intake = h.start(h.config([{ name: 'nofolder', folder: 'Missing' }]));
    const line = await waitFor('the folder error', async () => h.logs.find((l) => l.mailbox === 'nofolder' && l.level === 50));
    expect(line.msg).toMatch(/^IMAP folder Missing does not exist in mailbox nofolder/);
    expect(line.retryInSeconds).toBe(300);
    await intake.stop();
  });

  it('reconnects with backoff after the server dies, and takes the mails that arrive once it is back', async () => {
    const intake = h.start(h.config([{ name: 'phoenix' }]));
    await waitFor('connected', async () => intake.stats().phoenix?.connected);
    await h.dovecot.kill();
    const warn = await waitFor('the reconnect warning', async () =>
      h.logs.find((l) => l.mailbox === 'phoenix' && l.msg === 'IMAP session failed; reconnecting'),
    );
    expect(warn.level).toBe(40);
    expect(typeof warn.err).toBe('string');
    await h.dovecot.start();
    await h.append('phoenix', [dsn('back@example.com')]);
    await waitFor('the mail taken after the restart', async () => intake.stats().phoenix?.moved === 1);
    expect(intake.stats().phoenix).toMatchObject({ stored: 1, connected: true });
    expect(intake.stats().phoenix?.errors).toBeGreaterThanOrEqual(1);
    await intake.stop();
  });

  it('stops promptly while waiting out a backoff', async () => {
    const intake = h.start(h.config([{ name: 'bad', password: 'nope' }]));
    await waitFor('the login error', async () => intake.stats().bad?.authFailures === 1);
    const t0 = Date.now();
    await intake.stop();
    expect(Date.now() - t0).toBeLessThan(2000);
  });
});
