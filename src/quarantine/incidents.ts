// Operator decisions on incidents (SPEC §5): confirm applies the held events
// through the same function as the worker, dismiss leaves them ignored.
// Nothing is lost either way: every held event stays in bounce_event.
import type { Pool, PoolClient } from '../db/pool.js';
import { inTransaction } from '../db/pool.js';
import type { BounceType, FailureReason, Reason } from '../domain/reasons.js';
import { applyToAddresses, effectOf, type PlannedEffect } from './apply.js';
import type { Channel, Policy } from './state.js';
import { saveAddresses } from './store.js';

export type IncidentStatus = 'open' | 'confirmed' | 'dismissed';

export interface Incident {
  id: number;
  domain: string;
  textKey: string;
  sampleText: string | null;
  addresses: number;
  held: number;
  openedAt: Date;
  status: IncidentStatus;
  decidedAt: Date | null;
  decidedBy: string | null;
  note: string | null;
}

interface IncidentRow {
  id: number; domain: string; text_key: string; sample_text: string | null; addresses: number; held: number; opened_at: Date;
  status: IncidentStatus; decided_at: Date | null; decided_by: string | null; note: string | null;
}

const fromRow = (r: IncidentRow): Incident => ({
  id: r.id, domain: r.domain, textKey: r.text_key, sampleText: r.sample_text, addresses: r.addresses, held: r.held,
  openedAt: r.opened_at, status: r.status, decidedAt: r.decided_at, decidedBy: r.decided_by, note: r.note,
});

/** The JSON shape of an incident, for the CLI and the HTTP API. */
export const incidentJson = (i: Incident) => ({
  id: i.id, domain: i.domain, status: i.status, addresses: i.addresses, held: i.held, sampleText: i.sampleText,
  openedAt: i.openedAt.toISOString(), decidedAt: i.decidedAt?.toISOString() ?? null, decidedBy: i.decidedBy, note: i.note,
});

const SELECT = `SELECT i.*, (SELECT count(*)::int FROM bounce_event e WHERE e.incident_id = i.id) AS held FROM incident i`;

export async function listIncidents(pool: Pool, status?: IncidentStatus): Promise<Incident[]> {
  const r = await pool.query<IncidentRow>(`${SELECT} WHERE ($1::text IS NULL OR i.status = $1) ORDER BY i.opened_at DESC, i.id DESC`, [status ?? null]);
  return r.rows.map(fromRow);
}

export async function findIncident(db: Pool | PoolClient, id: number): Promise<Incident | null> {
  const r = await db.query<IncidentRow>(`${SELECT} WHERE i.id = $1`, [id]);
  return r.rows[0] ? fromRow(r.rows[0]) : null;
}

export type DecideResult =
  | { kind: 'decided'; incident: Incident; events: number; addressesChanged: number }
  | { kind: 'not-found' }
  | { kind: 'not-open'; status: IncidentStatus };

interface HeldEvent {
  id: number; received_at: Date; occurred_at: Date; channel: Channel; address: string; address_key: string; domain: string | null;
  kind: string; action: string; status: string; reason: Reason; type: BounceType; failure_reason: FailureReason;
  diagnostic: string | null; original_message_id: string | null; delivery_id: string | null; rule_id: string | null;
}

/** Confirms (apply the held events) or dismisses (leave them ignored) an open incident, in one transaction. */
export async function decideIncident(
  pool: Pool,
  id: number,
  decision: 'confirm' | 'dismiss',
  opts: { by: string; note?: string | null; policy: Policy },
): Promise<DecideResult> {
  return inTransaction(pool, async (db) => {
    const locked = await db.query<{ status: IncidentStatus }>('SELECT status FROM incident WHERE id = $1 FOR UPDATE', [id]);
    const current = locked.rows[0];
    if (!current) return { kind: 'not-found' } as const;
    if (current.status !== 'open') return { kind: 'not-open', status: current.status } as const;

    const held = await db.query<HeldEvent>(
      `SELECT id, received_at, occurred_at, channel, address, address_key, domain, kind, action, status, reason, type, failure_reason,
         diagnostic, original_message_id, delivery_id, rule_id
       FROM bounce_event WHERE incident_id = $1 AND outcome = 'held' ORDER BY occurred_at, id`,
      [id],
    );
    let addressesChanged = 0;
    const outcomes: { id: number; received_at: Date; outcome: string; failure_reason: number }[] = [];
    if (decision === 'confirm') {
      const planned: PlannedEffect[] = held.rows.map((ev) => ({
        ref: { channel: ev.channel, key: ev.address_key, address: ev.address, domain: ev.domain },
        effect: effectOf(ev.kind, ev.action, { reason: ev.reason, type: ev.type, failureReason: ev.failure_reason }, ev.occurred_at, ev.diagnostic || ev.status || ev.reason),
        row: { outcome: 'ignored', failureReason: ev.failure_reason, originalMessageId: ev.original_message_id, deliveryId: ev.delivery_id, ruleId: ev.rule_id },
      }));
      const changes = await applyToAddresses(db, planned, opts.policy, opts.by);
      await saveAddresses(db, changes.map(({ change, index }) => ({
        ...change, eventId: held.rows[index]?.id ?? null, note: `incident ${id} confirmed${opts.note ? `: ${opts.note}` : ''}`,
      })));
      addressesChanged = new Set(changes.map((c) => `${c.change.before.channel}\u0000${c.change.before.key}`)).size;
      planned.forEach((p, i) => {
        const ev = held.rows[i];
        if (ev) outcomes.push({ id: ev.id, received_at: ev.received_at, outcome: p.row.outcome, failure_reason: p.row.failureReason });
      });
    } else {
      for (const ev of held.rows) outcomes.push({ id: ev.id, received_at: ev.received_at, outcome: 'dismissed', failure_reason: ev.failure_reason });
    }
    if (outcomes.length > 0) {
      await db.query(
        // Typed arrays, whose length the planner knows (a JSON recordset is guessed at 100 rows): one probe per event.
        `UPDATE bounce_event e SET outcome = x.outcome, failure_reason = x.failure_reason
         FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::smallint[]) AS x(id, received_at, outcome, failure_reason)
         WHERE e.id = x.id AND e.received_at = x.received_at`,
        [outcomes.map((o) => o.id), outcomes.map((o) => o.received_at), outcomes.map((o) => o.outcome), outcomes.map((o) => o.failure_reason)],
      );
    }
    await db.query(`UPDATE incident SET status = $2, decided_at = now(), decided_by = $3, note = $4 WHERE id = $1`, [
      id, decision === 'confirm' ? 'confirmed' : 'dismissed', opts.by, opts.note ?? null,
    ]);
    const incident = await findIncident(db, id);
    if (!incident) throw new Error(`incident ${id} vanished inside its own transaction`);
    return { kind: 'decided', incident, events: held.rows.length, addressesChanged } as const;
  });
}
