// `qualification reapply`: the stored events that carried a text an operator
// has since qualified are decided again with today's rules, and the addresses
// they concern are updated through the same function as the worker uses
// (quarantine/apply.ts). A dry run does all of it in a transaction it rolls back.
//
// What it cannot do: take back an address change an event made on arrival
// when that event is now ignored (the history since may depend on it). Such
// addresses are reported as `toRelease`, for `quarantine release`.
import type { Pool, PoolClient } from '../db/pool.js';
import { effectOf, applyToAddresses, type PlannedEffect } from '../quarantine/apply.js';
import type { Channel, Policy } from '../quarantine/state.js';
import { saveAddresses, type AddressRef } from '../quarantine/store.js';
import { decide, matchInputOf, type RuleEngine } from './engine.js';
import { operatorQualified } from './qualification-store.js';
import type { BounceType, FailureReason, Reason } from '../domain/reasons.js';

export interface ReapplyOptions {
  since?: Date | null;
  dryRun: boolean;
  policy: Policy;
  batchSize?: number;
}

export interface EventChange {
  eventId: number;
  address: string;
  text: string;
  from: { reason: string; type: string; ruleId: string | null };
  to: { reason: string; type: string; ruleId: string | null };
  /** The address's status before and after, when it changed. */
  addressStatus: { from: string; to: string } | null;
}

export interface ReapplyReport {
  dryRun: boolean;
  texts: number;
  eventsSeen: number;
  changed: EventChange[];
  toRelease: { address: string; status: string; eventId: number }[];
}

interface StoredEvent {
  id: number; received_at: Date; occurred_at: Date; channel: Channel; address: string; address_key: string;
  domain: string | null; kind: string; action: string; status: string; reply_code: string; reason: Reason; type: BounceType;
  failure_reason: FailureReason; diagnostic: string | null; remote_mta: string | null; original_message_id: string | null;
  delivery_id: string | null; rule_id: string | null; outcome: string;
}

/** Re-qualifies with `engine` (already loaded) the events of every operator-qualified text. */
export async function reapply(pool: Pool, engine: RuleEngine, opts: ReapplyOptions): Promise<ReapplyReport> {
  const texts = await operatorQualified(pool);
  const report: ReapplyReport = { dryRun: opts.dryRun, texts: texts.length, eventsSeen: 0, changed: [], toRelease: [] };
  if (texts.length === 0) return report;
  const keys = [...new Set(texts.map((t) => t.textKey))];
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await redecide(client, engine, { keys, since: opts.since ?? null, policy: opts.policy, batchSize: opts.batchSize }, report);
    await client.query(opts.dryRun ? 'ROLLBACK' : 'COMMIT');
    return report;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined); // the connection may be what failed
    throw err;
  } finally {
    client.release();
  }
}

/**
 * Decides again, inside the caller's transaction, the stored events carrying
 * one of `keys` (null: every failure or delay of a bounce) received since a
 * date, and applies the differences to their addresses. The rule back-test
 * runs it in a transaction it rolls back, with the candidate rule inserted.
 */
export async function redecide(
  client: PoolClient,
  engine: RuleEngine,
  opts: { keys: string[] | null; since: Date | null; policy: Policy; batchSize?: number | undefined },
  report: ReapplyReport,
): Promise<void> {
  let after: { at: Date; id: number } | null = null;
  for (;;) {
    const batch = await nextBatch(client, opts.keys, opts.since, after, opts.batchSize ?? 500);
    if (batch.length === 0) break;
    report.eventsSeen += batch.length;
    await applyBatch(client, engine, batch, opts.policy, report);
    const last = batch[batch.length - 1] as StoredEvent;
    after = { at: last.received_at, id: last.id };
  }
}

async function nextBatch(
  db: PoolClient, keys: string[] | null, since: Date | null, after: { at: Date; id: number } | null, limit: number,
): Promise<StoredEvent[]> {
  const r = await db.query<StoredEvent>(
    `SELECT id, received_at, occurred_at, channel, address, address_key, domain, kind, action, status, reply_code, reason, type,
       failure_reason, diagnostic, remote_mta, original_message_id, delivery_id, rule_id, outcome
     FROM bounce_event
     WHERE ($1::text[] IS NOT NULL AND text_key = ANY($1) OR $1::text[] IS NULL AND kind = 'bounce' AND action IN ('failed', 'delayed'))
       AND ($2::timestamptz IS NULL OR received_at >= $2)
       AND ($3::timestamptz IS NULL OR (received_at, id) > ($3, $4))
     ORDER BY received_at, id LIMIT $5`,
    [keys, since, after?.at ?? null, after?.id ?? 0, limit],
  );
  return r.rows;
}

async function applyBatch(db: PoolClient, engine: RuleEngine, batch: StoredEvent[], policy: Policy, report: ReapplyReport): Promise<void> {
  const planned: (PlannedEffect & { ev: StoredEvent; change: EventChange })[] = [];
  for (const ev of batch) {
    const input = matchInputOf({
      diagnostic: ev.diagnostic ?? '', status: ev.status, replyCode: ev.reply_code, remoteMta: ev.remote_mta ?? '', address: ev.address,
    });
    input.channel = ev.channel;
    const d = decide(engine.snapshot, input, { reason: ev.reason, type: ev.type, failureReason: ev.failure_reason, sure: true });
    const same = d.result.reason === ev.reason && d.result.type === ev.type && d.result.failureReason === ev.failure_reason && d.ruleId === ev.rule_id;
    if (same) continue;
    const text = ev.diagnostic || ev.status || d.result.reason;
    const effect = effectOf(ev.kind, ev.action, d.result, ev.occurred_at, text);
    const ref: AddressRef = { channel: ev.channel, key: ev.address_key, address: ev.address, domain: ev.domain };
    const change: EventChange = {
      eventId: ev.id, address: ev.address, text: ev.diagnostic ?? '',
      from: { reason: ev.reason, type: ev.type, ruleId: ev.rule_id },
      to: { reason: d.result.reason, type: d.result.type, ruleId: d.ruleId },
      addressStatus: null,
    };
    planned.push({
      ev, change, ref, effect,
      row: { outcome: 'ignored', failureReason: d.result.failureReason, originalMessageId: ev.original_message_id, deliveryId: ev.delivery_id, ruleId: d.ruleId },
    });
    const wasApplied = ev.outcome === 'applied' || ev.outcome === 'counted-once';
    if (!effect && wasApplied) report.toRelease.push({ address: ev.address, status: 'see quarantine show', eventId: ev.id });
  }
  if (planned.length === 0) return;

  const changes = await applyToAddresses(db, planned, policy, 'reapply');
  for (const { change, index } of changes) {
    const p = planned[index];
    if (p && change.before.status !== change.after.status) p.change.addressStatus = { from: change.before.status, to: change.after.status };
  }
  await saveAddresses(db, changes.map(({ change, index }) => ({
    ...change, eventId: planned[index]?.ev.id ?? null, note: 'qualification reapply',
  })));
  // Typed arrays, whose length the planner knows (a JSON recordset is guessed at 100 rows): one probe per event.
  await db.query(
    `UPDATE bounce_event e SET reason = x.reason, type = x.type, failure_reason = x.failure_reason, rule_id = x.rule_id,
       outcome = x.outcome
     FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::text[], $5::smallint[], $6::text[], $7::text[])
       AS x(id, received_at, reason, type, failure_reason, rule_id, outcome)
     WHERE e.id = x.id AND e.received_at = x.received_at`,
    [
      planned.map((p) => p.ev.id),
      planned.map((p) => p.ev.received_at),
      planned.map((p) => p.change.to.reason),
      planned.map((p) => p.change.to.type),
      planned.map((p) => p.row.failureReason),
      planned.map((p) => p.row.ruleId),
      planned.map((p) => p.row.outcome),
    ],
  );
  report.changed.push(...planned.map((p) => p.change));
  // The current status of addresses an ignored event had changed, for the operator to release.
  for (const t of report.toRelease) {
    if (t.status !== 'see quarantine show') continue;
    const ev = planned.find((p) => p.ev.id === t.eventId)?.ev;
    if (!ev) continue;
    const r = await db.query<{ status: string }>('SELECT status FROM address WHERE channel = $1 AND address_key = $2', [ev.channel, ev.address_key]);
    t.status = r.rows[0]?.status ?? 'unknown';
  }
}
