// One poller per mailbox across processes: the Redis lease, its hand-over and its expiry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaseKey } from '../../src/intake/imap-lease.js';
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

const mails = (n: number, tag: string): string[] => Array.from({ length: n }, (_, i) => dsn(`${tag}${i}@example.com`));

describe('IMAP mailbox lease', () => {
  it('two intakes against one mailbox store each mail once, and the second takes over when the first stops', async () => {
    await h.append('shared', mails(20, 'p'));
    const config = h.config([{ name: 'shared' }]);
    const a = h.start(config);
    const b = h.start(config);
    await waitFor('20 mails moved', async () => (a.stats().shared?.moved ?? 0) + (b.stats().shared?.moved ?? 0) === 20);
    expect(await h.count('shared', 'Processed')).toBe(20);

    const rows = await h.rows();
    expect(rows).toHaveLength(20);
    expect(rows.every((r) => r.state === 'pending')).toBe(true);
    const [sa, sb] = [a.stats().shared, b.stats().shared];
    expect((sa?.stored ?? 0) + (sb?.stored ?? 0)).toBe(20);
    expect([sa?.leaseHeld, sb?.leaseHeld].sort()).toEqual([false, true]);
    expect(await h.redis.get(leaseKey(h.prefix, 'shared'))).toMatch(/:\d+:[0-9a-f]{12}$/);

    const [holder, other] = sa?.leaseHeld ? [a, b] : [b, a];
    await holder.stop();
    await h.append('shared', mails(2, 'q'));
    const movedBefore = other.stats().shared?.moved ?? 0;
    await waitFor('the new mails moved', async () => other.stats().shared?.moved === movedBefore + 2);
    expect(await h.count('shared', 'Processed')).toBe(22);
    expect(other.stats().shared?.stored).toBe((other === a ? (sa?.stored ?? 0) : (sb?.stored ?? 0)) + 2);
    expect(await h.rows()).toHaveLength(22);
    await other.stop();
    expect(await h.redis.exists(leaseKey(h.prefix, 'shared'))).toBe(0); // released on stop
  });

  it('a lease left by a dead process is taken over once it expires', async () => {
    const key = leaseKey(h.prefix, 'orphan');
    await h.redis.set(key, 'dead-host:1:000000000000', 'PX', 2500);
    await h.append('orphan', mails(1, 'o'));
    const before = (await h.rows()).length;
    const intake = h.start(h.config([{ name: 'orphan' }]));
    await waitFor('the intake waits for the lease', async () =>
      h.logs.some((l) => l.mailbox === 'orphan' && /waiting for its lease/.test(l.msg)),
    );
    expect(intake.stats().orphan?.stored).toBe(0);
    await waitFor('the mail taken after the lease expired', async () => (await h.rows()).length === before + 1);
    expect(await h.redis.get(key)).not.toBe('dead-host:1:000000000000');
    await intake.stop();
  });

  it('an intake whose lease is taken from it leaves the mailbox', async () => {
    const intake = h.start(h.config([{ name: 'stolen' }]));
    await waitFor('the lease held', async () => intake.stats().stolen?.connected);
    // Another holder overwrites the key (as after a long Redis outage): renewal must notice.
    await h.redis.set(leaseKey(h.prefix, 'stolen'), 'thief:1:111111111111', 'PX', 60_000);
    await waitFor('the session ended', async () => intake.stats().stolen?.leaseHeld === false && !intake.stats().stolen?.connected);
    expect(h.logs.some((l) => l.mailbox === 'stolen' && l.msg === 'mailbox lease lost; leaving the mailbox')).toBe(true);
    await intake.stop();
    expect(await h.redis.get(leaseKey(h.prefix, 'stolen'))).toBe('thief:1:111111111111'); // not ours to delete
  });
});
