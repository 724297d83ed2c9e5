// The address state machine (docs/states-and-policy.md), pure: the current state, one event and
// the policy in, the next state out. Time comes with the event; nothing here
// reads a clock, so "11 days later" is one line in a test.
import type { BounceType, FailureReason, Reason } from '../domain/reasons.js';
import { FAILURE_REASON } from '../domain/reasons.js';
import type { AddressState, AddressStatus } from '../domain/address.js';

export type { AddressState, AddressStatus, Channel } from '../domain/address.js';

export const NEW_ADDRESS: AddressState = {
  status: 'valid',
  reason: null,
  type: null,
  failureReason: null,
  errorCount: 0,
  firstErrorAt: null,
  lastErrorAt: null,
  lastSignificantErrorAt: null,
  lastErrorText: null,
};

/** What one event means for an address. */
export type AddressEvent =
  | { kind: 'failure'; type: BounceType; reason: Reason; failureReason: FailureReason; at: Date; text: string }
  | { kind: 'complaint'; reason: Reason; failureReason: FailureReason; at: Date; text: string }
  | { kind: 'success'; at: Date }
  /** The recipient asked for no more (an SMS STOP): denylisted, and only its own opt-in lifts that. */
  | { kind: 'optout'; reason: Reason; failureReason: FailureReason; at: Date; text: string }
  /** The recipient asked again (an SMS START): lifts a denylisting its opt-out set, no other. */
  | { kind: 'optin'; at: Date };

export interface ReasonThresholds {
  softThreshold?: number;
  resetAfterDays?: number;
  erroneousReleaseDays?: number;
  quarantineReleaseDays?: number;
}

export interface Policy {
  softThreshold: number;
  significantErrorPeriodSeconds: number;
  resetAfterDays: number;
  erroneousReleaseDays: number;
  mailboxfullReleaseDays: number;
  perReason: Record<string, ReasonThresholds>;
}

/** Why an event left the address as it was, or `applied`. */
export type Outcome = 'applied' | 'ignored' | 'allowlisted' | 'counted-once';

export interface Transition {
  next: AddressState;
  outcome: Outcome;
  /** The event's failureReason as recorded (25 for an allowlisted address). */
  failureReason: number;
}

const DAY_MS = 86_400_000;

function thresholds(
  policy: Policy,
  reason: Reason | null,
): Required<Omit<ReasonThresholds, 'quarantineReleaseDays'>> & {
  quarantineReleaseDays: number | null;
} {
  const own = reason ? policy.perReason[reason] : undefined;
  const mailboxfull = reason === 'mailboxfull';
  return {
    softThreshold: own?.softThreshold ?? policy.softThreshold,
    resetAfterDays: own?.resetAfterDays ?? policy.resetAfterDays,
    erroneousReleaseDays: own?.erroneousReleaseDays ?? (mailboxfull ? policy.mailboxfullReleaseDays : policy.erroneousReleaseDays),
    quarantineReleaseDays: own?.quarantineReleaseDays ?? (mailboxfull ? policy.mailboxfullReleaseDays : null),
  };
}

const laterOf = (a: Date | null, b: Date): Date => (a && a.getTime() > b.getTime() ? a : b);
const earlierOf = (a: Date | null, b: Date): Date => (a && a.getTime() < b.getTime() ? a : b);

/** Applies one event to an address. */
export function applyEvent(state: AddressState, event: AddressEvent, policy: Policy): Transition {
  if (event.kind === 'success' && state.status !== 'erroneous') {
    return { next: state, outcome: 'ignored', failureReason: FAILURE_REASON.notDefined };
  }
  // The recipient's own request, not a failure: an allowlist vouches against failures, and
  // a STOP must be honoured whatever the address's state (docs/states-and-policy.md).
  if (event.kind === 'optout') return optOut(state, event);
  if (event.kind === 'optin') return optIn(state);
  if (state.status === 'allowlisted') {
    return { next: state, outcome: 'allowlisted', failureReason: FAILURE_REASON.allowlisted };
  }

  if (event.kind === 'success') {
    if (state.status !== 'erroneous') return { next: state, outcome: 'ignored', failureReason: FAILURE_REASON.notDefined };
    return {
      next: { ...state, status: 'valid', errorCount: 0, lastSignificantErrorAt: null },
      outcome: 'applied',
      failureReason: FAILURE_REASON.notDefined,
    };
  }

  // A denylisted or hard-quarantined address keeps the reason that put it there:
  // a later soft 'mailboxfull' must not make a userunknown quarantine releasable.
  const sticky = state.status === 'denylisted' || (state.status === 'quarantined' && state.type === 'hard');
  const recorded = {
    reason: sticky && state.reason ? state.reason : event.reason,
    failureReason: sticky && state.failureReason !== null ? state.failureReason : event.failureReason,
    firstErrorAt: earlierOf(state.firstErrorAt, event.at),
    lastErrorAt: laterOf(state.lastErrorAt, event.at),
    lastErrorText: event.text,
  };

  if (event.kind === 'complaint') {
    return {
      next: {
        ...state,
        ...recorded,
        reason: event.reason,
        failureReason: event.failureReason,
        status: 'denylisted',
        type: 'hard',
        errorCount: state.errorCount + 1,
        // A complaint's denylisting is not the recipient's opt-out: an opt-in does not lift it.
        optedOut: false,
      },
      outcome: 'applied',
      failureReason: event.failureReason,
    };
  }

  if (event.type === 'ignored') return { next: state, outcome: 'ignored', failureReason: event.failureReason };
  // A denylisted address stays so; errors are still counted for the record.
  const keep = (s: AddressStatus): AddressStatus => (state.status === 'denylisted' ? 'denylisted' : s);

  if (event.type === 'hard') {
    return {
      next: {
        ...state,
        ...recorded,
        status: keep('quarantined'),
        type: 'hard',
        errorCount: state.errorCount + 1,
        lastSignificantErrorAt: laterOf(state.lastSignificantErrorAt, event.at),
      },
      outcome: 'applied',
      failureReason: event.failureReason,
    };
  }

  // Soft failure.
  const t = thresholds(policy, event.reason);
  const last = state.lastSignificantErrorAt;
  const sinceLast = last ? Math.abs(event.at.getTime() - last.getTime()) : Infinity;
  if (last && state.errorCount > 0 && sinceLast < policy.significantErrorPeriodSeconds * 1000) {
    // Same burst of retries: the error counts once, but its text and time are kept.
    return {
      next: {
        ...state,
        ...recorded,
        reason: state.reason ?? recorded.reason,
        failureReason: state.failureReason ?? recorded.failureReason,
        type: state.type ?? 'soft',
      },
      outcome: 'counted-once',
      failureReason: event.failureReason,
    };
  }
  const stale = last !== null && event.at.getTime() - last.getTime() > t.resetAfterDays * DAY_MS;
  const errorCount = (stale ? 0 : state.errorCount) + 1;
  const quarantine = state.status === 'quarantined' || errorCount >= t.softThreshold;
  return {
    next: {
      ...state,
      ...recorded,
      status: keep(quarantine ? 'quarantined' : 'erroneous'),
      type: sticky ? (state.type ?? 'hard') : 'soft',
      errorCount,
      lastSignificantErrorAt: laterOf(stale ? null : last, event.at),
    },
    outcome: 'applied',
    failureReason: event.failureReason,
  };
}

function optOut(state: AddressState, event: Extract<AddressEvent, { kind: 'optout' }>): Transition {
  // Already denylisted: it stays so, and stays whoever's it was (an operator's denylist must
  // not become one that a START lifts because a STOP came after it).
  if (state.status === 'denylisted') return { next: state, outcome: 'ignored', failureReason: event.failureReason };
  return {
    next: {
      ...state,
      status: 'denylisted',
      type: 'hard',
      reason: event.reason,
      failureReason: event.failureReason,
      // Not an error: the count stays; when and what are kept for the record.
      firstErrorAt: earlierOf(state.firstErrorAt, event.at),
      lastErrorAt: laterOf(state.lastErrorAt, event.at),
      lastErrorText: event.text,
      optedOut: true,
    },
    outcome: 'applied',
    failureReason: event.failureReason,
  };
}

function optIn(state: AddressState): Transition {
  if (state.status !== 'denylisted' || !state.optedOut)
    return { next: state, outcome: 'ignored', failureReason: FAILURE_REASON.notDefined };
  return {
    next: { ...state, status: 'valid', errorCount: 0, lastSignificantErrorAt: null, optedOut: false },
    outcome: 'applied',
    failureReason: FAILURE_REASON.notDefined,
  };
}

/** The automatic release (docs/states-and-policy.md) (cleanup job): the state at `now`, or null if unchanged. */
export function releaseIfIdle(state: AddressState, now: Date, policy: Policy): AddressState | null {
  if (!state.lastErrorAt) return null;
  const idleDays = (now.getTime() - state.lastErrorAt.getTime()) / DAY_MS;
  const t = thresholds(policy, state.reason);
  const released: AddressState = { ...state, status: 'valid', errorCount: 0, lastSignificantErrorAt: null };
  if (state.status === 'erroneous' && idleDays > t.erroneousReleaseDays) return released;
  if (state.status === 'quarantined' && t.quarantineReleaseDays !== null && idleDays > t.quarantineReleaseDays) return released;
  return null;
}
