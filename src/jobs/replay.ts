// Re-enqueues stored raw mails on an operator's request (`inmail replay`):
// failed ones go back to pending first, so the worker's claim accepts them again.
import type { Queue } from 'bullmq';
import type { Pool } from '../db/pool.js';
import { enqueueMails, type MailJobData } from './queue.js';
import { resetFailed, selectForReplay, type ReplayFilter } from '../store/raw-mails.js';

export interface ReplayResult {
  matched: number;
  enqueued: number;
  ids: number[];
}

export async function replay(
  pool: Pool,
  queue: Queue<MailJobData>,
  f: ReplayFilter,
  attempts: number,
  onProgress?: (done: number, total: number) => void,
): Promise<ReplayResult> {
  const mails = await selectForReplay(pool, f);
  const ids = mails.map((m) => m.id);
  if (f.state === 'failed' && ids.length > 0) {
    await resetFailed(pool, ids);
  }
  let enqueued = 0;
  for (let i = 0; i < mails.length; i += 5000) {
    const chunk = mails.slice(i, i + 5000);
    await enqueueMails(queue, chunk, attempts, 10_000);
    enqueued += chunk.length;
    onProgress?.(enqueued, mails.length);
  }
  return { matched: ids.length, enqueued, ids };
}
