// The one intake contract (docs/intake.md): every way a failure arrives (SMTP,
// IMAP, an ESP's webhook, an SMS gateway, push results, delivery reports) hands
// its raw input here. Each item is committed to Postgres first; the promise
// resolves only after that commit, so the caller acknowledges (250, IMAP move,
// HTTP 2xx) what is durable and nothing else. Stored items are then enqueued
// in batches; an enqueue Redis refuses is retried every second, and the sweep
// finds whatever a process held when it died. Intakes only read and verify
// their input, and never repeat these steps.
import type { Queue } from 'bullmq';
import type { Pool } from '../db/pool.js';
import { describe } from '../errors.js';
import type { Logger } from '../logger.js';
import { MicroBatcher } from '../jobs/batcher.js';
import { EnqueueRetry } from '../jobs/enqueue-retry.js';
import { MAX_MAILS_PER_JOB, enqueueMails, type MailJobData, type MailRef } from '../jobs/queue.js';
import { countServiceError, metrics } from '../metrics.js';
import { batchedStore, storeMany, type IncomingMail, type StoreResult } from './store-raw.js';

export type { IncomingMail, StoreResult };

export interface IntakeDeps {
  pool: Pool;
  queue: Queue<MailJobData>;
  logger: Logger;
  /** BullMQ attempts of each job (queue.attempts). */
  attempts: number;
  /** How long stored items wait for company before their job is added (queue.jobLingerMs). */
  jobLingerMs: number;
}

export interface Intake {
  /**
   * Commits one item; callers that each hold one (SMTP sessions) share a statement
   * with whoever arrives at the same moment. Rejects when Postgres did not commit.
   */
  accept(item: IncomingMail): Promise<StoreResult>;
  /** Commits items that arrived together (an IMAP fetch, a webhook's batch) in one statement. */
  acceptMany(items: readonly IncomingMail[]): Promise<StoreResult[]>;
  /** Enqueues still in flight or waiting for Redis. */
  readonly pendingEnqueues: number;
  /** Waits for the enqueues in flight; what Redis still refuses stays pending for the sweep. */
  close(): Promise<void>;
}

type Counted = 'accepted' | 'duplicate' | 'deferred';

/** Counts an item of an intake in inmail_mails_received_total (refusals are counted by the intake that refuses). */
export function countReceived(intake: string, result: Counted | 'refused' | 'ignored', reason = '', n = 1): void {
  metrics.mailsReceived.inc({ intake, result, reason }, n);
}

export function createIntake(deps: IntakeDeps): Intake {
  const { logger } = deps;
  const store = batchedStore(deps.pool);
  const inFlight = new Set<Promise<void>>();
  const retry = new EnqueueRetry(deps.queue, {
    attempts: deps.attempts,
    onRetried: (n) => logger.info({ mails: n }, 'mails whose enqueue had failed are enqueued'),
  });
  // After their commit, the items of jobLingerMs share one job: Redis sees a job per batch.
  const enqueuer = new MicroBatcher<MailRef, true>(
    async (refs) => {
      await enqueueMails(deps.queue, refs, deps.attempts);
      return refs.map(() => true as const);
    },
    { max: MAX_MAILS_PER_JOB, parallel: 2, lingerMs: deps.jobLingerMs },
  );

  const enqueue = (source: string, result: StoreResult): void => {
    if (result.kind !== 'stored') return;
    const ref = { id: result.id, receivedAt: result.receivedAt };
    const p = enqueuer
      .submit(ref)
      .then(() => undefined)
      .catch((err: unknown) => {
        countServiceError('redis', 'enqueue');
        logger.warn({ rawMailId: ref.id, source, err: describe(err) }, 'enqueue failed; retried every second (and swept)');
        retry.add(ref);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const settle = (items: readonly IncomingMail[], results: readonly StoreResult[]): void => {
    for (const [i, result] of results.entries()) {
      const source = items[i]?.source ?? 'unknown';
      countReceived(source, result.kind === 'stored' ? 'accepted' : 'duplicate');
      enqueue(source, result);
    }
  };

  const failed = (items: readonly IncomingMail[], err: unknown): never => {
    countServiceError('postgres', 'store');
    for (const item of items) countReceived(item.source, 'deferred', 'store-failed');
    logger.error({ err: describe(err), items: items.length, source: items[0]?.source }, 'could not store: not acknowledged');
    throw err;
  };

  return {
    async accept(item) {
      const result = await store(item).catch((err: unknown) => failed([item], err));
      settle([item], [result]);
      return result;
    },
    async acceptMany(items) {
      if (items.length === 0) return [];
      const results = await storeMany(deps.pool, items).catch((err: unknown) => failed(items, err));
      settle(items, results);
      return results;
    },
    get pendingEnqueues() {
      return inFlight.size + retry.size;
    },
    async close() {
      await Promise.allSettled([...inFlight]);
      await retry.stop();
    },
  };
}
