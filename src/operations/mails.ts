// Stored mails for operators (`inmail mails list|show`, /v1/mails): the summary,
// the headers and the part tree, the parse result (the parser run again on the
// stored bytes, as `inmail parse` would), the events the worker recorded, the raw bytes.
import type { Config } from '../config.js';
import type { Pool } from '../db/pool.js';
import { connectRedis, createRedis } from '../db/redis.js';
import { mailQueue } from '../jobs/queue.js';
import { replay } from '../jobs/replay.js';
import { selectForReplay, type ReplayFilter } from '../store/raw-mails.js';
import { NotFoundError } from '../errors.js';
import { listMails as selectMails, type MailSummary } from '../store/raw-mails.js';
import { parseMailSync } from '../parse/index.js';
import { decodeHeaderValue } from '../parse/charset.js';
import { parseMessage, splitHead, parseHeaders } from '../parse/mime.js';
import { eventsOfMail, type EventSummary } from '../store/events.js';
import { getMail, type StoredMail } from '../store/raw-mails.js';

export const mailJson = (m: MailSummary) => ({ ...m, receivedAt: m.receivedAt.toISOString() });

export async function listMails(
  pool: Pool,
  f: { state?: string | undefined; since?: Date | undefined; until?: Date | undefined; limit?: number | undefined },
) {
  return selectMails(pool, {
    ...(f.state ? { state: f.state } : {}),
    ...(f.since ? { since: f.since } : {}),
    ...(f.until ? { until: f.until } : {}),
    ...(f.limit ? { limit: f.limit } : {}),
  });
}

export async function rawMail(pool: Pool, id: number): Promise<StoredMail> {
  const m = await getMail(pool, id);
  if (!m) throw new NotFoundError(`mail ${id} does not exist (or was removed by retention)`);
  return m;
}

export const eventJson = (e: EventSummary) => ({
  id: e.id,
  occurredAt: e.occurredAt.toISOString(),
  channel: e.channel,
  address: e.address,
  kind: e.kind,
  action: e.action,
  status: e.status,
  replyCode: e.replyCode,
  reason: e.reason,
  type: e.type,
  failureReason: e.failureReason,
  diagnostic: e.diagnostic,
  remoteMta: e.remoteMta,
  ruleId: e.ruleId,
  outcome: e.outcome,
  incidentId: e.incidentId,
});

/** The headers in order (decoded), the part tree as content types and sizes. */
export function mailStructure(body: Buffer) {
  const text = body.subarray(0, 4 * 1024 * 1024).toString('latin1');
  const headers = parseHeaders(splitHead(text).head);
  const msg = parseMessage(text);
  return {
    headers: headers.names.flatMap((n) => headers.all(n).map((v) => ({ name: n, value: decodeHeaderValue(v) }))),
    parts: msg.all.map((p) => ({ contentType: p.contentType.type, size: p.rawBody.length })),
    problem: msg.problem,
  };
}

export async function showMail(pool: Pool, id: number) {
  const m = await rawMail(pool, id);
  const events = await eventsOfMail(pool, id);
  const parsed = parseMailSync(m.body, { envelopeFrom: m.mailFrom, envelopeTo: m.rcptTo });
  return {
    id: m.id,
    receivedAt: m.receivedAt.toISOString(),
    source: m.source,
    state: m.state,
    kind: m.kind,
    size: m.size,
    messageId: m.messageId,
    mailFrom: m.mailFrom,
    rcptTo: m.rcptTo,
    error: m.error,
    ...mailStructure(m.body),
    parse: parsed as unknown as Record<string, unknown>,
    events: events.map(eventJson),
  };
}

export interface ReplayAnswer {
  dryRun: boolean;
  matched: number;
  enqueued: number;
  ids: number[];
}

/** Re-enqueues stored raw mails (failed ones go back to pending first); a dry run only lists them. */
export async function replayMails(config: Config, pool: Pool, filter: ReplayFilter, dryRun: boolean): Promise<ReplayAnswer> {
  if (dryRun) {
    const ids = (await selectForReplay(pool, filter)).map((m) => m.id);
    return { dryRun, matched: ids.length, enqueued: 0, ids };
  }
  const redis = createRedis(config.redis.url, 'producer');
  await connectRedis(redis, config.redis.url);
  const queue = mailQueue(redis, config.queue.prefix);
  try {
    return { dryRun, ...(await replay(pool, queue, filter, config.queue.attempts)) };
  } finally {
    await queue.close();
    redis.disconnect();
  }
}
