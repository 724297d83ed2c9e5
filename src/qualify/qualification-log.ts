// The workers' side of the qualification log and of rule hits. A frequent
// error (a provider outage: thousands of mails a minute with one text) would
// make its qualification row a hot row if every mail updated it. So each worker
// process adds up occurrences and hits in memory and flushes them every second
// in one multi-row upsert per table (and on shutdown). At most the last second
// of counts is lost on a crash: counts are a guide for operators, while the
// events themselves are committed with each mail.
import type { Pool } from '../db/pool.js';
import type { EventRow } from '../domain/event.js';
import { normalizeText } from './normalize.js';
import { addTextCounts, MAX_OCCURRENCES, type TextCount } from '../store/qualification-log.js';
import { addRuleHits } from '../store/rules.js';

/** Which events carry an error text worth qualifying: failed and delayed recipients of bounces. */
export const isQualifiable = (row: Pick<EventRow, 'kind' | 'action' | 'diagnostic'>): boolean =>
  row.kind === 'bounce' && (row.action === 'failed' || row.action === 'delayed') && !!row.diagnostic;

export class QualificationLog {
  private texts = new Map<string, TextCount>();
  private hits = new Map<string, { n: number; last: Date }>();
  private flushing: Promise<void> = Promise.resolve();

  /** Adds a committed mail's events (ProcessDeps.observe). Never throws. */
  record(events: readonly { row: EventRow; sure: boolean }[], now = new Date()): void {
    for (const { row, sure } of events) {
      if (row.ruleId) {
        const h = this.hits.get(row.ruleId);
        if (h) h.n += 1;
        else this.hits.set(row.ruleId, { n: 1, last: now });
        if (h && h.last < now) h.last = now;
      }
      if (!isQualifiable(row) || !row.diagnostic) continue;
      const normalized = row.normalized ?? normalizeText(row.diagnostic);
      const key = `${row.channel}\u0000${row.textKey ?? normalized}`;
      const seen = this.texts.get(key);
      const at = row.occurredAt;
      if (!seen) {
        this.texts.set(key, {
          channel: row.channel,
          normalizedText: normalized,
          firstText: row.diagnostic,
          occurrences: 1,
          firstSeen: at,
          lastSeen: at,
          sure: sure || row.ruleId !== null,
          reason: row.reason,
          type: row.type,
          failureReason: row.failureReason,
          statusCode: row.status,
          replyCode: row.replyCode,
          ruleId: row.ruleId,
        });
        continue;
      }
      seen.occurrences = Math.min(MAX_OCCURRENCES, seen.occurrences + 1);
      if (at < seen.firstSeen) seen.firstSeen = at;
      if (at >= seen.lastSeen) {
        // The latest verdict stands, as it would row by row.
        Object.assign(seen, {
          lastSeen: at,
          sure: sure || row.ruleId !== null,
          reason: row.reason,
          type: row.type,
          failureReason: row.failureReason,
          ruleId: row.ruleId,
        });
      }
    }
  }

  /** Pending texts and rule hits, for tests and metrics. */
  pending(): { texts: number; hits: number } {
    return { texts: this.texts.size, hits: this.hits.size };
  }

  /** Writes what was added since the last flush; flushes never overlap. On failure the counts are put back. */
  flush(pool: Pool): Promise<void> {
    this.flushing = this.flushing.then(() => this.flushNow(pool));
    return this.flushing;
  }

  private async flushNow(pool: Pool): Promise<void> {
    const texts = this.texts;
    const hits = this.hits;
    if (texts.size === 0 && hits.size === 0) return;
    this.texts = new Map();
    this.hits = new Map();
    try {
      await addTextCounts(pool, [...texts.values()]);
    } catch (err) {
      this.putBack(texts, new Map());
      this.putBack(new Map(), hits);
      throw err;
    }
    try {
      await addRuleHits(pool, hits);
    } catch (err) {
      this.putBack(new Map(), hits);
      throw err;
    }
  }

  private putBack(texts: Map<string, TextCount>, hits: Map<string, { n: number; last: Date }>): void {
    for (const [k, t] of texts) {
      const now = this.texts.get(k);
      if (!now) this.texts.set(k, t);
      else now.occurrences = Math.min(MAX_OCCURRENCES, now.occurrences + t.occurrences);
    }
    for (const [k, h] of hits) {
      const now = this.hits.get(k);
      if (!now) this.hits.set(k, h);
      else now.n += h.n;
    }
  }
}
