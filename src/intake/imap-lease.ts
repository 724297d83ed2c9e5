// The Redis lease that lets one process at a time poll a given IMAP mailbox
// (docs/pipeline.md), however many `imap` instances run. SET NX PX takes it; the holder
// renews it while it works and deletes it on stop; a holder that dies loses it
// when it expires. Correctness never rests on the lease alone: storeRaw's keys
// (mailbox, UIDVALIDITY, UID, sha256) keep a mail fetched twice from counting twice.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

// Compare-and-act: only the holder's token may renew or release.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

export const leaseKey = (queuePrefix: string, mailbox: string): string => `${queuePrefix}:imap-lease:${mailbox}`;

export class MailboxLease {
  /** Says who holds it (`GET key` shows host, pid and a random part). */
  readonly token = `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
  private timer: NodeJS.Timeout | undefined;
  private validUntil = 0;

  constructor(
    private readonly redis: Redis,
    readonly key: string,
    private readonly ttlMs: number,
  ) {}

  /** True when this process now holds the lease. Throws when Redis fails. */
  async acquire(): Promise<boolean> {
    const ok = await this.redis.set(this.key, this.token, 'PX', this.ttlMs, 'NX');
    if (ok !== 'OK') return false;
    this.validUntil = Date.now() + this.ttlMs;
    return true;
  }

  /**
   * Renews the lease every third of its time until release(). Calls onLost once when
   * another process holds it, or when Redis has not confirmed it for a whole term
   * (by then another process may have taken it).
   */
  keepAlive(onLost: (why: string) => void, onRenewError: (err: unknown) => void): void {
    this.stopRenewing();
    const every = Math.max(100, Math.floor(this.ttlMs / 3));
    const tick = async (): Promise<void> => {
      let why: string | null = null;
      try {
        const renewed = await this.redis.eval(RENEW, 1, this.key, this.token, String(this.ttlMs));
        if (renewed === 1) this.validUntil = Date.now() + this.ttlMs;
        else why = 'the lease is held by another process';
      } catch (err) {
        onRenewError(err);
        if (Date.now() >= this.validUntil) why = 'the lease could not be renewed in time (Redis unreachable)';
      }
      if (this.timer === undefined) return; // released meanwhile
      if (why !== null) {
        this.stopRenewing();
        onLost(why);
        return;
      }
      this.timer = setTimeout(() => void tick(), every);
    };
    this.timer = setTimeout(() => void tick(), every);
  }

  /** Stops renewing and deletes the lease if this process still holds it. Throws when Redis fails. */
  async release(): Promise<void> {
    this.stopRenewing();
    await this.redis.eval(RELEASE, 1, this.key, this.token);
  }

  private stopRenewing(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
