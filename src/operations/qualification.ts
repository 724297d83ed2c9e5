// Operator actions on the delivery log qualification (docs/reasons.md), for the CLI
// (`inmail qualification ...`) and the HTTP API (/v1/qualification...).
import type { Config } from '../config.js';
import type { Pool } from '../db/pool.js';
import { inTransaction } from '../db/pool.js';
import { InputError, NotFoundError } from '../errors.js';
import { qualify, type FailureReason, type Reason } from '../domain/reasons.js';
import { RuleEngine } from '../qualify/engine.js';
import {
  getQualification,
  listQualifications,
  markRefreshed,
  operatorQualified,
  setQualification,
  type QualificationRow,
  type QualificationStatus,
} from '../store/qualification-log.js';
import { countQualifiedEvents, reapply, type ReapplyReport } from '../qualify/reapply.js';
import type { GuardConfig } from '../quarantine/incident-guard.js';
import { insertUserRule, userRuleNumber } from '../store/rules.js';
import { resultOf } from '../qualify/rules.js';
import { notifyRulesChanged } from '../qualify/runtime.js';
import { loadShippedRules } from '../qualify/shipped.js';
import type { QualificationSetInput } from './schemas.js';

export const qualificationJson = (q: QualificationRow) => ({
  id: q.id,
  channel: q.channel,
  status: q.status,
  occurrences: q.occurrences,
  normalizedText: q.normalizedText,
  firstText: q.firstText,
  firstSeen: q.firstSeen.toISOString(),
  lastSeen: q.lastSeen.toISOString(),
  reason: q.reason,
  type: q.type,
  failureReason: q.failureReason,
  statusCode: q.statusCode,
  replyCode: q.replyCode,
  ruleId: q.ruleId,
  qualifiedBy: q.qualifiedBy,
  qualifiedAt: q.qualifiedAt?.toISOString() ?? null,
  refreshedRule: q.refreshedRule === null ? null : `u${q.refreshedRule}`,
});

export async function listTexts(
  pool: Pool,
  opts: { status?: QualificationStatus | undefined; limit: number },
): Promise<QualificationRow[]> {
  return listQualifications(pool, { ...(opts.status ? { status: opts.status } : {}), limit: opts.limit });
}

/** Decides one text: keep (with a reason) or ignore; new mail follows it at once (the workers are told). */
export async function setText(config: Config, pool: Pool, id: number, input: QualificationSetInput, by: string): Promise<QualificationRow> {
  const before = await getQualification(pool, id);
  if (!before) throw new NotFoundError(`no qualification row ${id}`);
  const reason: Reason | null = input.reason ?? null;
  if (input.status === 'keep' && !reason && (!before.reason || before.reason === 'undefined')) {
    throw new InputError('reason', 'required to keep a text that has none (e.g. reason userunknown, type hard)');
  }
  const d = reason ? qualify(reason, { permanent: input.type === 'hard' }) : null;
  const row = await setQualification(pool, id, {
    status: input.status,
    reason,
    type: input.type ?? d?.type ?? null,
    failureReason: (input.code !== undefined ? input.code : (d?.failureReason ?? null)) as FailureReason | null,
    by,
  });
  if (!row) throw new NotFoundError(`no qualification row ${id}`);
  await notifyRulesChanged(config.redis.url, config.queue.prefix);
  return row;
}

/** Progress of a long run, for the CLI's bar: the total once, then the count done. */
export interface RunProgress {
  start(total: number): void;
  update(done: number): void;
  stop(): void;
}

/** Turns kept texts into user rules (exact normalized text). */
export async function refreshTexts(
  config: Config,
  pool: Pool,
  progress?: RunProgress,
): Promise<{ qualificationId: number; ruleId: string }[]> {
  const made = await inTransaction(pool, async (db) => {
    const rows = (await operatorQualified(db)).filter((q) => q.status === 'keep' && q.refreshedRule === null && q.reason);
    const out: { qualificationId: number; ruleId: string }[] = [];
    progress?.start(rows.length);
    for (const q of rows) {
      const result = resultOf(q.reason as Reason, q.type ?? undefined, q.failureReason ?? undefined);
      const ruleId = await insertUserRule(
        db,
        {
          order: 100,
          channel: q.channel as 'email',
          match: { normalized: q.normalizedText },
          result,
          example: q.firstText,
          enabled: true,
          note: `from qualification #${q.id} (${q.qualifiedBy ?? 'operator'})`,
        },
        q.id,
      );
      await markRefreshed(db, q.id, userRuleNumber(ruleId) ?? 0);
      out.push({ qualificationId: q.id, ruleId });
      progress?.update(out.length);
    }
    progress?.stop();
    return out;
  });
  if (made.length > 0) await notifyRulesChanged(config.redis.url, config.queue.prefix);
  return made;
}

/**
 * Re-decides the stored events of qualified texts (a dry run rolls everything back).
 * `guard` runs the worker's incident guard over the re-decided failures; `by` names the operator (CLI user or API token).
 */
export async function reapplyTexts(
  config: Config,
  pool: Pool,
  opts: { since?: Date | undefined; dryRun: boolean; guard?: GuardConfig; by?: string },
  progress?: RunProgress,
): Promise<ReapplyReport> {
  const engine = new RuleEngine(loadShippedRules(config.rules.shippedDir));
  await engine.load(pool);
  const since = opts.since ?? null;
  progress?.start(await countQualifiedEvents(pool, since));
  try {
    return await reapply(pool, engine, {
      since,
      dryRun: opts.dryRun,
      policy: config.policy,
      ...(opts.guard ? { guard: opts.guard } : {}),
      ...(opts.by !== undefined ? { by: opts.by } : {}),
      ...(progress ? { onProgress: (n: number) => progress.update(n) } : {}),
    });
  } finally {
    progress?.stop();
  }
}
