// `qualification reapply`: the stored events that carried a text an operator
// has since qualified are decided again with today's rules, and the addresses
// they concern are updated as the worker would: the same incident guard (mass
// hard failures of one domain and text are held, not quarantined), the same
// function applying the policy (quarantine/apply.ts), history, and counters
// (through Postgres, for the daemon to export). The run is one transaction,
// recorded as one change that `quarantine undo` takes back. A dry run does all
// of it in a transaction it rolls back.
//
// What it cannot do: take back an address change an event made on arrival
// when that event is now ignored (the history since may depend on it). Such
// addresses are reported as `toRelease`, for `quarantine release`.
import { inTransaction, type Pool, type PoolClient } from '../db/pool.js';
import { effectOf, applyToAddresses, type ApplyRow, type PlannedEffect } from '../quarantine/apply.js';
import { guardHardFailures, type GuardConfig, type GuardedEvent, type Opened } from '../quarantine/incident-guard.js';
import type { Policy } from '../quarantine/state.js';
import { findAddress, saveAddresses, type AddressRef } from '../store/addresses.js';
import { finishChange, insertChange, recordBefore } from '../store/changes.js';
import { countByTextKeys, eventsByTextKeys, setEventVerdicts, type StoredEvent } from '../store/events.js';
import { addCounters, transitionCounts } from '../store/metric-counters.js';
import { decide, matchInputOf, type RuleEngine } from './engine.js';
import { operatorQualified } from '../store/qualification-log.js';

export interface ReapplyOptions {
  since?: Date | null;
  dryRun: boolean;
  policy: Policy;
  /** The worker's incident guard; unset: none (tests of the policy alone). */
  guard?: GuardConfig;
  /** Who, for history and the change record. */
  by?: string;
  batchSize?: number;
  /** Told how many events are done so far, after each batch. */
  onProgress?: (done: number) => void;
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
  /** Events the incident guard held instead of applying. */
  held: number;
  /** Incidents the guard opened during this run. */
  incidents: Opened[];
  /** The recorded change (`quarantine undo`), null when no address changed or for a dry run. */
  change: number | null;
}

/** What a run carries from batch to batch. */
interface RunState {
  report: ReapplyReport;
  policy: Policy;
  guard: GuardConfig | undefined;
  guarded: Map<string, Set<string>>;
  by: string;
  now: Date;
}

/** How many stored events a reapply would read (for its progress bar). */
export async function countQualifiedEvents(pool: Pool, since: Date | null): Promise<number> {
  return countByTextKeys(pool, [...new Set((await operatorQualified(pool)).map((t) => t.textKey))], since);
}

/** Re-qualifies with `engine` (already loaded) the events of every operator-qualified text. */
export async function reapply(pool: Pool, engine: RuleEngine, opts: ReapplyOptions): Promise<ReapplyReport> {
  const texts = await operatorQualified(pool);
  const report: ReapplyReport = {
    dryRun: opts.dryRun,
    texts: texts.length,
    eventsSeen: 0,
    changed: [],
    toRelease: [],
    held: 0,
    incidents: [],
    change: null,
  };
  if (texts.length === 0) return report;
  const keys = [...new Set(texts.map((t) => t.textKey))];
  // A dry run does all of it in a transaction it rolls back.
  const result = await inTransaction(
    pool,
    async (client) => {
      const state: RunState = {
        report,
        policy: opts.policy,
        guard: opts.guard,
        guarded: new Map(),
        by: opts.by ?? 'reapply',
        now: new Date(),
      };
      let after: { at: Date; id: number } | null = null;
      for (;;) {
        const batch = await eventsByTextKeys(client, keys, opts.since ?? null, after, opts.batchSize ?? 500);
        if (batch.length === 0) break;
        report.eventsSeen += batch.length;
        await applyBatch(client, engine, batch, state);
        opts.onProgress?.(report.eventsSeen);
        const last = batch[batch.length - 1] as StoredEvent;
        after = { at: last.received_at, id: last.id };
      }
      if (report.change !== null) await finishChange(client, report.change);
      await addCounters(client, [
        { name: 'inmail_incidents_opened_total', labels: {}, by: report.incidents.length },
        { name: 'inmail_incident_held_events_total', labels: {}, by: report.held },
      ]);
      return report;
    },
    { rollback: opts.dryRun },
  );
  if (opts.dryRun) result.change = null;
  return result;
}

/**
 * Decides again, inside the caller's transaction, the stored events carrying
 * one of `keys` (null: every failure or delay of a bounce) received since a
 * date, and applies the differences to their addresses, without the incident
 * guard. The rule back-test runs it in a transaction it rolls back, with the
 * candidate rule inserted.
 */
export async function redecide(
  client: PoolClient,
  engine: RuleEngine,
  opts: { keys: readonly string[] | null; since: Date | null; policy: Policy; by?: string },
  report: ReapplyReport,
): Promise<void> {
  const state: RunState = { report, policy: opts.policy, guard: undefined, guarded: new Map(), by: opts.by ?? 'backtest', now: new Date() };
  let after: { at: Date; id: number } | null = null;
  for (;;) {
    const batch = await eventsByTextKeys(client, opts.keys, opts.since, after, 500);
    if (batch.length === 0) break;
    report.eventsSeen += batch.length;
    await applyBatch(client, engine, batch, state);
    const last = batch[batch.length - 1] as StoredEvent;
    after = { at: last.received_at, id: last.id };
  }
}

type PlannedReapply = PlannedEffect<ApplyRow & GuardedEvent['row']> & { ev: StoredEvent; change: EventChange };

async function applyBatch(db: PoolClient, engine: RuleEngine, batch: StoredEvent[], state: RunState): Promise<void> {
  const { report, policy } = state;
  const planned: PlannedReapply[] = [];
  for (const ev of batch) {
    const input = matchInputOf({
      diagnostic: ev.diagnostic ?? '',
      status: ev.status,
      replyCode: ev.reply_code,
      remoteMta: ev.remote_mta ?? '',
      address: ev.address,
    });
    input.channel = ev.channel;
    const d = decide(engine.snapshot, input, { reason: ev.reason, type: ev.type, failureReason: ev.failure_reason, sure: true });
    const same =
      d.result.reason === ev.reason && d.result.type === ev.type && d.result.failureReason === ev.failure_reason && d.ruleId === ev.rule_id;
    if (same) continue;
    const text = ev.diagnostic || ev.status || d.result.reason;
    const effect = effectOf(ev.kind, ev.action, { ...d.result, feedbackType: ev.feedback_type }, ev.occurred_at, text);
    const ref: AddressRef = { channel: ev.channel, key: ev.address_key, address: ev.address, domain: ev.domain };
    const change: EventChange = {
      eventId: ev.id,
      address: ev.address,
      text: ev.diagnostic ?? '',
      from: { reason: ev.reason, type: ev.type, ruleId: ev.rule_id },
      to: { reason: d.result.reason, type: d.result.type, ruleId: d.ruleId },
      addressStatus: null,
    };
    planned.push({
      ev,
      change,
      ref,
      effect,
      row: {
        outcome: 'ignored',
        failureReason: d.result.failureReason,
        originalMessageId: ev.original_message_id,
        deliveryId: ev.delivery_id,
        ruleId: d.ruleId,
        domain: ev.domain,
        textKey: ev.text_key,
        addressKey: ev.address_key,
        diagnostic: ev.diagnostic,
        incidentId: ev.incident_id,
      },
    });
    const wasApplied = ev.outcome === 'applied' || ev.outcome === 'counted-once';
    if (!effect && wasApplied) report.toRelease.push({ address: ev.address, status: 'see quarantine show', eventId: ev.id });
  }
  if (planned.length === 0) return;

  // The worker's order: the guard first (it may hold events), then the policy.
  if (state.guard) {
    const g = await guardHardFailures(db, planned, state.guard, state.guarded);
    report.held += g.held;
    report.incidents.push(...g.opened);
  }
  const changes = await applyToAddresses(db, planned, policy, state.by);
  const moved = changes.filter(({ change }) => change.before.status !== change.after.status);
  if (moved.length > 0) {
    report.change ??= await insertChange(db, {
      kind: 'reapply',
      by: state.by,
      at: state.now,
      filter: { texts: report.texts },
      note: 'qualification reapply',
    });
    await recordBefore(
      db,
      report.change,
      moved.map(({ change }) => ({ channel: change.before.channel, key: change.before.key, afterStatus: change.after.status })),
    );
  }
  await addCounters(db, transitionCounts(changes.map(({ change }) => ({ from: change.before.status, to: change.after.status }))));
  for (const { change, index } of changes) {
    const p = planned[index];
    if (p && change.before.status !== change.after.status) p.change.addressStatus = { from: change.before.status, to: change.after.status };
  }
  const changeId = report.change;
  await saveAddresses(
    db,
    changes.map(({ change, index }) => ({
      ...change,
      eventId: planned[index]?.ev.id ?? null,
      note: 'qualification reapply',
      changeId,
    })),
  );
  await setEventVerdicts(
    db,
    planned.map((p) => ({
      id: p.ev.id,
      receivedAt: p.ev.received_at,
      reason: p.change.to.reason,
      type: p.change.to.type,
      failureReason: p.row.failureReason,
      ruleId: p.row.ruleId,
      outcome: p.row.outcome,
      incidentId: p.row.incidentId ?? null,
    })),
  );
  report.changed.push(...planned.map((p) => p.change));
  // The current status of addresses an ignored event had changed, for the operator to release.
  for (const t of report.toRelease) {
    if (t.status !== 'see quarantine show') continue;
    const ev = planned.find((p) => p.ev.id === t.eventId)?.ev;
    if (!ev) continue;
    t.status = (await findAddress(db, ev.channel, ev.address_key))?.status ?? 'unknown';
  }
}
