// `qualification reapply`: the stored events that carried a text an operator
// has since qualified are decided again with today's rules, and the addresses
// they concern are updated through the same function as the worker uses
// (quarantine/apply.ts). A dry run does all of it in a transaction it rolls back.
//
// What it cannot do: take back an address change an event made on arrival
// when that event is now ignored (the history since may depend on it). Such
// addresses are reported as `toRelease`, for `quarantine release`.
import { inTransaction, type Pool, type PoolClient } from '../db/pool.js';
import { effectOf, applyToAddresses, type PlannedEffect } from '../quarantine/apply.js';
import type { Policy } from '../quarantine/state.js';
import { findAddress, saveAddresses, type AddressRef } from '../store/addresses.js';
import { eventsByTextKeys, setEventVerdicts, type StoredEvent } from '../store/events.js';
import { decide, matchInputOf, type RuleEngine } from './engine.js';
import { operatorQualified } from '../store/qualification-log.js';

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

/** Re-qualifies with `engine` (already loaded) the events of every operator-qualified text. */
export async function reapply(pool: Pool, engine: RuleEngine, opts: ReapplyOptions): Promise<ReapplyReport> {
  const texts = await operatorQualified(pool);
  const report: ReapplyReport = { dryRun: opts.dryRun, texts: texts.length, eventsSeen: 0, changed: [], toRelease: [] };
  if (texts.length === 0) return report;
  const keys = [...new Set(texts.map((t) => t.textKey))];
  // A dry run does all of it in a transaction it rolls back.
  return inTransaction(pool, async (client) => {
    await redecide(client, engine, { keys, since: opts.since ?? null, policy: opts.policy, batchSize: opts.batchSize }, report);
    return report;
  }, { rollback: opts.dryRun });
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
  opts: { keys: readonly string[] | null; since: Date | null; policy: Policy; batchSize?: number | undefined },
  report: ReapplyReport,
): Promise<void> {
  let after: { at: Date; id: number } | null = null;
  for (;;) {
    const batch = await eventsByTextKeys(client, opts.keys, opts.since, after, opts.batchSize ?? 500);
    if (batch.length === 0) break;
    report.eventsSeen += batch.length;
    await applyBatch(client, engine, batch, opts.policy, report);
    const last = batch[batch.length - 1] as StoredEvent;
    after = { at: last.received_at, id: last.id };
  }
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
  await setEventVerdicts(db, planned.map((p) => ({
    id: p.ev.id, receivedAt: p.ev.received_at, reason: p.change.to.reason, type: p.change.to.type,
    failureReason: p.row.failureReason, ruleId: p.row.ruleId, outcome: p.row.outcome,
  })));
  report.changed.push(...planned.map((p) => p.change));
  // The current status of addresses an ignored event had changed, for the operator to release.
  for (const t of report.toRelease) {
    if (t.status !== 'see quarantine show') continue;
    const ev = planned.find((p) => p.ev.id === t.eventId)?.ev;
    if (!ev) continue;
    t.status = (await findAddress(db, ev.channel, ev.address_key))?.status ?? 'unknown';
  }
}
