// Applying events to addresses, shared by the worker (process-mail) and by
// `qualification reapply`, so that an event re-qualified later changes an
// address exactly as it would have on arrival.
import type { PoolClient } from '../db/pool.js';
import { isSenderSide, type BounceType, type FailureReason, type Reason } from '../domain/reasons.js';
import { applyEvent, type AddressEvent, type Outcome, type Policy } from './state.js';
import { lockAddresses, lockedKey, type AddressChange, type AddressRef } from '../store/addresses.js';

/** Feedback types of a complaint report that change no address (docs/states-and-policy.md). */
const NO_COMPLAINT = new Set(['not-spam', 'auth-failure']);

/** What one recipient's verdict means for its address; null: nothing (delays, auto-replies, sender-side). */
export function effectOf(
  kind: string,
  action: string,
  v: {
    reason: Reason;
    type: BounceType;
    failureReason: FailureReason;
    request?: 'optout' | 'optin' | undefined;
    feedbackType?: string | null | undefined;
  },
  at: Date,
  text: string,
): AddressEvent | null {
  // The recipient's own request (an SMS STOP or START reply), whatever the kind of the report.
  if (v.request === 'optout') return { kind: 'optout', reason: v.reason, failureReason: v.failureReason, at, text };
  if (v.request === 'optin') return { kind: 'optin', at };
  if (kind === 'complaint') {
    // A report that the mail was wanted (not-spam), or of an authentication failure (RFC 6591, DMARC forensic:
    // possibly a forgery of ours, sent to that address by someone else), names no one who complained.
    if (NO_COMPLAINT.has(v.feedbackType ?? '')) return null;
    return { kind: 'complaint', reason: v.reason, failureReason: v.failureReason, at, text };
  }
  if (kind === 'bounce' && action === 'delivered') return { kind: 'success', at };
  // Sender-side failures never count against the recipient, whatever a rule says (docs/reasons.md).
  if (kind === 'bounce' && action === 'failed' && v.type !== 'ignored' && !isSenderSide(v.reason)) {
    return { kind: 'failure', type: v.type, reason: v.reason, failureReason: v.failureReason, at, text };
  }
  return null;
}

/** Who made a change, for history: the recipient's own request says so (`sms-stop`, `sms-start`). */
function byOf(effect: AddressEvent, ref: AddressRef, by: string): string {
  if (effect.kind === 'optout') return `${ref.channel}-stop`;
  if (effect.kind === 'optin') return `${ref.channel}-start`;
  return by;
}

/** The parts of an event row that applying reads and fills in. */
export interface ApplyRow {
  outcome: string;
  failureReason: number;
  originalMessageId: string | null;
  deliveryId: string | null;
  ruleId: string | null;
}

export interface PlannedEffect<R extends ApplyRow = ApplyRow> {
  row: R;
  ref: AddressRef;
  effect: AddressEvent | null;
  /** Who history names for this event's change; the call's `by` when absent. */
  by?: string;
}

const outcomeName = (o: Outcome): string => o;

/**
 * Applies each event to its locked address in order; fills in each event's
 * outcome and recorded code; returns the changes to save (index: the event's position).
 */
export async function applyToAddresses(
  db: PoolClient,
  events: readonly PlannedEffect[],
  policy: Policy,
  by = 'bounce',
): Promise<{ change: AddressChange; index: number }[]> {
  // A success notice or an opt-in for an address never seen creates no row; failures, complaints and opt-outs do.
  const withEffect = events.filter((e) => e.effect);
  const locked = await lockAddresses(
    db,
    withEffect.map((e) => e.ref),
    withEffect.filter((e) => e.effect?.kind !== 'success' && e.effect?.kind !== 'optin').map((e) => e.ref),
  );
  const changes: { change: AddressChange; index: number }[] = [];
  events.forEach((e, index) => {
    if (!e.effect) return;
    const current = locked.get(lockedKey(e.ref));
    if (!current) return;
    const t = applyEvent(current, e.effect, policy);
    e.row.outcome = outcomeName(t.outcome);
    e.row.failureReason = t.failureReason;
    if (t.outcome === 'ignored' || t.outcome === 'allowlisted') return;
    const after = { ...t.next, lastMessageId: e.row.originalMessageId, lastDeliveryId: e.row.deliveryId };
    changes.push({
      index,
      change: { before: current, after, at: e.effect.at, by: byOf(e.effect, e.ref, e.by ?? by), ruleId: e.row.ruleId },
    });
    locked.set(lockedKey(e.ref), { ...current, ...after });
  });
  return changes;
}
