// What the worker counts once a mail's transaction has committed (never before:
// a rolled-back attempt is retried and must not be counted twice).
import { metrics } from '../metrics.js';
import type { EventRow } from '../domain/event.js';

export interface Transition {
  from: string;
  to: string;
}

export function countCommitted(
  mailKind: string,
  receivedAt: Date,
  rows: readonly EventRow[],
  transitions: readonly Transition[],
  now = Date.now(),
): void {
  metrics.mailsProcessed.inc({ kind: mailKind, outcome: 'processed' });
  metrics.processingLatency.observe(Math.max(0, now - receivedAt.getTime()) / 1000);
  for (const r of rows) {
    metrics.events.inc({ kind: r.kind, reason: r.reason, type: r.type, outcome: r.outcome });
    // Counted here, after commit, so that a rolled-back attempt is not a hit.
    if (r.ruleId) metrics.ruleHits.inc({ rule: r.ruleId });
  }
  for (const t of transitions) if (t.from !== t.to) metrics.addressTransitions.inc({ from: t.from, to: t.to });
}

export function countFailed(why: 'parse' | 'error' | 'unreadable'): void {
  metrics.mailsProcessed.inc({ kind: 'unknown', outcome: 'failed' });
  if (why === 'parse') metrics.parseErrors.inc();
}

export function countSkipped(): void {
  metrics.mailsProcessed.inc({ kind: 'unknown', outcome: 'skipped' });
}
