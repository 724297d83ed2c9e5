// Sending webhooks (docs/webhooks.md). Triggers write each decision to the
// outbox in the change's own transaction (migration 0009); here, in the api
// role, a loop turns outbox events into deliveries (one per subscribed
// endpoint) and puts them on a BullMQ queue, whose worker POSTs them signed and
// retries with exponential backoff (15 tries over about 45 h by default).
// At least once: a delivery is marked delivered only after a 2xx; a crash
// between send and mark sends it again, with the same event id, which is what
// receivers de-duplicate on.
import { Queue, Worker, type Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { inTransaction, type Pool } from '../db/pool.js';
import { describe } from '../errors.js';
import type { Logger } from '../logger.js';
import { metrics } from '../metrics.js';
import { deliveryWork, dispatchEvents, markEnqueued, recordAttempt, unqueuedDeliveries } from '../store/webhooks.js';
import { SIGNATURE_HEADER, sign } from './signature.js';

export const WEBHOOK_QUEUE = 'webhook';

interface DeliveryJob {
  deliveryId: number;
}

export interface WebhookSender {
  /** One pass of the outbox loop (tests call it to avoid waiting for the timer). */
  pump(): Promise<number>;
  stop(): Promise<void>;
}

/** The body receivers get: `{"id","type","createdAt","data"}`; the id is the same on every retry. */
export function deliveryBody(w: { eventId: number; type: string; createdAt: Date; data: unknown }): string {
  return JSON.stringify({ id: `evt_${w.eventId}`, type: w.type, createdAt: w.createdAt.toISOString(), data: w.data });
}

export function startWebhookSender(opts: { config: Config; pool: Pool; connection: Redis; logger: Logger }): WebhookSender {
  const { config, pool, logger } = opts;
  const cfg = config.webhooks;
  const prefix = config.queue.prefix;
  const queue = new Queue<DeliveryJob>(WEBHOOK_QUEUE, {
    connection: opts.connection,
    prefix,
    defaultJobOptions: {
      attempts: cfg.attempts,
      backoff: { type: 'exponential', delay: Math.round(cfg.backoffSeconds * 1000) },
      removeOnComplete: true,
      removeOnFail: { count: 10_000 },
    },
  });

  const send = async (job: Job<DeliveryJob>): Promise<string> => {
    const w = await deliveryWork(pool, job.data.deliveryId);
    // Gone (endpoint removed) or already done (a job added twice): nothing to send.
    if (!w || w.status !== 'pending') return 'skipped';
    const body = deliveryBody(w);
    const t = Math.floor(Date.now() / 1000);
    let statusCode: number | null = null;
    let error: string | null = null;
    try {
      const res = await fetch(w.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'inmail-webhooks/1',
          [SIGNATURE_HEADER]: sign(w.secret, body, t),
          'Inmail-Event-Id': `evt_${w.eventId}`,
          'Inmail-Event-Type': w.type,
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(cfg.timeoutSeconds * 1000),
      });
      statusCode = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
    } catch (err) {
      error = err instanceof Error && err.name === 'TimeoutError' ? `no answer within ${cfg.timeoutSeconds} s` : describe(err);
    }
    if (!error) {
      await recordAttempt(pool, w.id, { status: 'delivered', statusCode, error: null });
      metrics.webhookDeliveries.inc({ outcome: 'delivered' });
      return 'delivered';
    }
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    await recordAttempt(pool, w.id, { status: last ? 'failed' : 'pending', statusCode, error });
    metrics.webhookDeliveries.inc({ outcome: last ? 'failed' : 'retry' });
    logger.warn({ delivery: w.id, url: w.url, attempt: job.attemptsMade + 1, error, final: last }, 'webhook delivery failed');
    throw new Error(error);
  };

  // Its own connection (BullMQ does not close one it is given): closed in stop().
  const workerConnection = opts.connection.duplicate();
  const worker = new Worker<DeliveryJob>(WEBHOOK_QUEUE, send, { connection: workerConnection, prefix, concurrency: cfg.concurrency });
  worker.on('error', (err) => logger.warn({ err: describe(err) }, 'webhook worker connection error'));

  // Outbox → deliveries → queue. Each step is idempotent: a delivery row is
  // unique per (event, endpoint), a job id per delivery.
  const pump = async (): Promise<number> => {
    let moved = 0;
    for (;;) {
      const n = await inTransaction(pool, (db) => dispatchEvents(db, 500));
      moved += n;
      if (n < 500) break;
    }
    for (;;) {
      const ids = await unqueuedDeliveries(pool, 500);
      if (ids.length === 0) break;
      await queue.addBulk(ids.map((id) => ({ name: 'deliver', data: { deliveryId: id }, opts: { jobId: `d${id}` } })));
      await markEnqueued(pool, ids);
      if (ids.length < 500) break;
    }
    return moved;
  };

  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  const tick = (): void => {
    running = pump()
      .catch((err: unknown) => logger.warn({ err: describe(err) }, 'webhook outbox pass failed; retried on the next tick'))
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, cfg.pollMs);
      });
  };
  tick();

  return {
    pump,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      await worker.close();
      await queue.close();
      workerConnection.disconnect();
    },
  };
}
