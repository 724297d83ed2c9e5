// Operator decisions on incidents (docs/states-and-policy.md): confirm applies the held events
// through the same function as the worker, dismiss leaves them ignored.
// Nothing is lost either way: every held event stays in bounce_event.
import type { Pool } from '../db/pool.js';
import { inTransaction } from '../db/pool.js';
import { applyToAddresses, effectOf, type PlannedEffect } from './apply.js';
import type { Policy } from './state.js';
import { saveAddresses } from '../store/addresses.js';
import { heldEvents, setEventOutcomes } from '../store/events.js';
import { closeIncident, findIncident, lockIncident, type Incident, type IncidentStatus } from '../store/incidents.js';

/** The JSON shape of an incident, for the CLI and the HTTP API. */
export const incidentJson = (i: Incident) => ({
  id: i.id,
  domain: i.domain,
  status: i.status,
  addresses: i.addresses,
  held: i.held,
  sampleText: i.sampleText,
  openedAt: i.openedAt.toISOString(),
  decidedAt: i.decidedAt?.toISOString() ?? null,
  decidedBy: i.decidedBy,
  note: i.note,
});

export type DecideResult =
  | { kind: 'decided'; incident: Incident; events: number; addressesChanged: number }
  | { kind: 'not-found' }
  | { kind: 'not-open'; status: IncidentStatus };

/** Confirms (apply the held events) or dismisses (leave them ignored) an open incident, in one transaction. */
export async function decideIncident(
  pool: Pool,
  id: number,
  decision: 'confirm' | 'dismiss',
  opts: { by: string; note?: string | null; policy: Policy },
): Promise<DecideResult> {
  return inTransaction(pool, async (db) => {
    const current = await lockIncident(db, id);
    if (!current) return { kind: 'not-found' } as const;
    if (current.status !== 'open') return { kind: 'not-open', status: current.status } as const;

    const held = await heldEvents(db, id);
    let addressesChanged = 0;
    const outcomes: { id: number; received_at: Date; outcome: string; failure_reason: number }[] = [];
    if (decision === 'confirm') {
      const planned: PlannedEffect[] = held.map((ev) => ({
        ref: { channel: ev.channel, key: ev.address_key, address: ev.address, domain: ev.domain },
        effect: effectOf(
          ev.kind,
          ev.action,
          { reason: ev.reason, type: ev.type, failureReason: ev.failure_reason, feedbackType: ev.feedback_type },
          ev.occurred_at,
          ev.diagnostic || ev.status || ev.reason,
        ),
        row: {
          outcome: 'ignored',
          failureReason: ev.failure_reason,
          originalMessageId: ev.original_message_id,
          deliveryId: ev.delivery_id,
          ruleId: ev.rule_id,
        },
      }));
      const changes = await applyToAddresses(db, planned, opts.policy, opts.by);
      await saveAddresses(
        db,
        changes.map(({ change, index }) => ({
          ...change,
          eventId: held[index]?.id ?? null,
          note: `incident ${id} confirmed${opts.note ? `: ${opts.note}` : ''}`,
        })),
      );
      addressesChanged = new Set(changes.map((c) => `${c.change.before.channel}\u0000${c.change.before.key}`)).size;
      planned.forEach((p, i) => {
        const ev = held[i];
        if (ev) outcomes.push({ id: ev.id, received_at: ev.received_at, outcome: p.row.outcome, failure_reason: p.row.failureReason });
      });
    } else {
      for (const ev of held)
        outcomes.push({ id: ev.id, received_at: ev.received_at, outcome: 'dismissed', failure_reason: ev.failure_reason });
    }
    await setEventOutcomes(db, outcomes);
    await closeIncident(db, id, decision === 'confirm' ? 'confirmed' : 'dismissed', opts.by, opts.note ?? null);
    const incident = await findIncident(db, id);
    if (!incident) throw new Error(`incident ${id} vanished inside its own transaction`);
    return { kind: 'decided', incident, events: held.length, addressesChanged } as const;
  });
}
