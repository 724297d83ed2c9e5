// Incident guard (docs/states-and-policy.md). When a provider has an outage or wrongly rejects the
// sender, thousands of good addresses bounce "hard" within minutes with the same
// text. Hard failures are watched per (recipient domain, normalized text) over a
// sliding window; above the threshold the pair gets an open incident and its
// further hard failures are recorded as `held` instead of quarantining. An
// operator then confirms (the held events apply) or dismisses (they stay ignored).
import type { PoolClient } from '../db/pool.js';
import { guardWindow, openIncident } from '../store/incidents.js';
import type { AddressEvent } from './state.js';

export interface GuardConfig {
  enabled: boolean;
  /** Distinct addresses in the window above which a pair is held. */
  threshold: number;
  windowSeconds: number;
}

/** The parts of a planned event the guard reads and, when it holds it, changes. */
export interface GuardedEvent {
  effect: AddressEvent | null;
  row: {
    domain: string | null;
    textKey?: string | null;
    addressKey: string;
    diagnostic: string | null;
    outcome: string;
    incidentId?: number | null;
  };
}

export interface Opened {
  id: number;
  domain: string;
  textKey: string;
  addresses: number;
}

export interface GuardResult {
  held: number;
  opened: Opened[];
}

const pairKey = (domain: string, textKey: string): string => `${domain}\u0000${textKey}`;

function isWatched(e: GuardedEvent): e is GuardedEvent & { row: { domain: string; textKey: string } } {
  return e.effect?.kind === 'failure' && e.effect.type === 'hard' && Boolean(e.row.domain) && Boolean(e.row.textKey);
}

/**
 * Runs inside the worker's transaction, before the events are applied. Events it
 * holds get no effect, the outcome `held` and their incident id.
 */
export async function guardHardFailures(
  db: PoolClient,
  events: readonly GuardedEvent[],
  cfg: GuardConfig,
  /**
   * Addresses per pair already decided earlier in the same run (reapply's
   * batches), counted with this batch's: re-decided stored events are old, so
   * the window in the table does not see the run's own earlier batches.
   */
  earlier?: Map<string, Set<string>>,
): Promise<GuardResult> {
  const result: GuardResult = { held: 0, opened: [] };
  if (!cfg.enabled) return result;
  const watched = events.filter(isWatched);
  if (watched.length === 0) return result;

  // This mail's distinct addresses per pair.
  const pairs = new Map<string, { domain: string; textKey: string; sample: string; addresses: Set<string> }>();
  for (const e of watched) {
    const k = pairKey(e.row.domain, e.row.textKey);
    const p = pairs.get(k) ?? {
      domain: e.row.domain,
      textKey: e.row.textKey,
      sample: e.row.diagnostic ?? '',
      addresses: new Set<string>(),
    };
    p.addresses.add(e.row.addressKey);
    pairs.set(k, p);
  }
  const domains = [...pairs.values()].map((p) => p.domain);
  const keys = [...pairs.values()].map((p) => p.textKey);

  // Open incidents, and for pairs without one the distinct addresses seen in the window
  // (since the last decision on the pair). A held pair is not counted: its window may
  // hold thousands of events, and counting them for every batch made the guard the
  // worker's most expensive statement during a mass failure (57 ms a batch).
  const seen = await guardWindow(db, domains, keys, cfg.windowSeconds);

  const holding = new Map<string, number>();
  for (const row of seen) {
    const k = pairKey(row.domain, row.text_key);
    if (row.open_id !== null) {
      holding.set(k, row.open_id);
      continue;
    }
    const pair = pairs.get(k);
    if (!pair) continue;
    const before = earlier?.get(k);
    const fromEarlier = before ? [...before].filter((a) => !pair.addresses.has(a)).length : 0;
    const total = (row.n ?? 0) + fromEarlier + pair.addresses.size;
    if (total <= cfg.threshold) continue;
    const inc = await openIncident(db, { domain: pair.domain, textKey: pair.textKey, sample: pair.sample, addresses: total });
    if (!inc) continue;
    holding.set(k, inc.id);
    if (inc.created) result.opened.push({ id: inc.id, domain: pair.domain, textKey: pair.textKey, addresses: total });
  }

  for (const e of watched) {
    const k = pairKey(e.row.domain, e.row.textKey);
    const id = holding.get(k);
    if (earlier) {
      const set = earlier.get(k) ?? new Set<string>();
      set.add(e.row.addressKey);
      earlier.set(k, set);
    }
    if (id === undefined) continue;
    e.effect = null;
    e.row.outcome = 'held';
    e.row.incidentId = id;
    result.held++;
  }
  return result;
}
