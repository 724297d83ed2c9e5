// One raw mail's life in the worker, as a list of stages, each a function below
// with typed input and output, in this order:
//   1. load     the raw mails of a batch, by primary key         MailRef[]  → RawMail per id
//   2. read     skip what is not pending; parse; keep the
//               unreadable as `failed`                          RawMail    → ReadMail | outcome
//   3. qualify  the rules' say on each recipient, the event
//               rows, the VERP check                            ReadMail   → Planned
//   4. commit   one transaction: claim, guard, decide the
//               addresses, write events, domain health and
//               addresses                                       Planned[]  → Committed
//   5. report   once committed: metrics, logs, observers        Committed  → ProcessOutcome per mail
// The worker runs them for micro-batches of mails (processMails): one read and
// one transaction per batch, each mail keeping its own outcome.
// Idempotent: the transaction first claims the raw row (pending → processed);
// a second run of the same mail finds it processed and changes nothing. Events and
// address changes are written only for the mails the claim returned, each once:
// a mail named twice in one batch (two jobs of it running at once) is applied once
// (docs/reliability.md, "counted once"). A delivery-report attempt that states its
// time is applied once too, whichever batches hold it: its key is recorded in the
// same transaction, and a key already there drops the attempt (docs/intake.md).
import type { Pool } from '../db/pool.js';
import { inTransaction } from '../db/pool.js';
import { PermanentMailError } from '../errors.js';
import type { Logger } from '../logger.js';
import { parseMail } from '../parse/index.js';
import { readReport, type ReportOptions } from '../parse/reports/index.js';
import { historyBy, isReportSource } from '../domain/source.js';
import { INVALID_ADDRESS_PROBLEM } from '../parse/dsn.js';
import type { ParsedMail, QualifiedVerdict, RecipientVerdict } from '../domain/verdict.js';
import { addressKey, cleanEmail, emailDomain, type KeyOptions } from '../quarantine/address-key.js';
import { recordSenderSideMany } from '../store/domain-health.js';
import { recordOutcomes, type OutcomeKind, type OutcomeRecord } from '../store/delivery-outcomes.js';
import { evaluateAdvice, type AdviceChange } from '../qualify/mx-advice.js';
import { isReason, isSenderSide, type Reason } from '../domain/reasons.js';
import { applyToAddresses, effectOf } from '../quarantine/apply.js';
import type { AddressEvent, Policy } from '../quarantine/state.js';
import { saveAddresses, type AddressRef } from '../store/addresses.js';
import { verifyVerpToken } from '../quarantine/verp.js';
import { trustedFblSigner, type DNSResolver } from '../quarantine/fbl-dkim.js';
import { guardHardFailures, type GuardConfig, type GuardResult } from '../quarantine/incident-guard.js';
import { metrics } from '../metrics.js';
import { normalizeText, textKey } from '../qualify/normalize.js';
import type { EventRow } from '../domain/event.js';
import { insertEvents } from '../store/events.js';
import { claim, loadRaws, markFailed, type RawMail } from '../store/raw-mails.js';
import { markAttemptsSeen } from '../store/delivery-attempts.js';
import { attemptKey } from './attempt-key.js';
import type { MailRef } from './queue.js';
import { countCommitted, countFailed, countSkipped, type Transition } from './process-metrics.js';

export interface ProcessDeps {
  pool: Pool;
  policy: Policy;
  keys: KeyOptions;
  logger: Logger;
  /** What the report readers take from the configuration (SMS keywords). */
  reports?: ReportOptions;
  /** Final say on each recipient's reason/type/code (rules); the parser's verdict when absent. */
  qualify?: (r: RecipientVerdict, mail: ParsedMail) => QualifiedVerdict;
  /** Incident guard: mass hard failures of one domain and text are held (docs/states-and-policy.md). */
  guard?: GuardConfig;
  /** When set, bounces and complaints must carry a VERP token issued for the recipient they name (docs/security.md). */
  verp?: VerpCheckConfig;
  /** Told of each mail's events once committed (qualification log, rule hits); must not throw. */
  observe?: (events: readonly { row: EventRow; sure: boolean }[]) => void;
}

export interface VerpCheckConfig {
  secret: string;
  requireValid: boolean;
  /** Feedback-loop signers whose DKIM signature makes a complaint count without a VERP token. */
  fblDkimDomains?: readonly string[];
  /** DNS for the DKIM keys (tests pass their own); default: the system resolver. */
  resolver?: DNSResolver;
}

export type ProcessOutcome =
  | {
      kind: 'processed';
      mailKind: ParsedMail['kind'];
      events: number;
      changed: number;
      /** Delivery-report attempts already applied (by another batch, or an earlier copy in this one), dropped; absent when none. */
      duplicates?: number;
    }
  | { kind: 'skipped'; why: 'not-pending' }
  | { kind: 'failed'; why: string };

export async function processMail(deps: ProcessDeps, rawMailId: number, receivedAt: Date | null = null): Promise<ProcessOutcome> {
  const [result] = await processMails(deps, [{ id: rawMailId, receivedAt }]);
  if (result === undefined || result instanceof Error) throw result ?? new Error('no result');
  return result;
}

const YIELD_AFTER_MS = 4;

/**
 * Bytes of raw mails one batch holds (with two batches in flight, twice this per worker,
 * and what parsing makes of them): a batch of mails near smtp.maxMessageBytes is cut
 * into several, each read and committed in turn. Typical bounces (a few KB, 200 a
 * batch) stay far below it.
 */
export const BATCH_MAX_BYTES = 8 * 1024 * 1024;

/**
 * Several mails at once (the worker's micro-batches): one read, then one
 * transaction for all, so that the database sees a few statements per batch
 * instead of a dozen per mail. Each mail keeps its own outcome, or its own
 * error: when the batch's transaction fails, each mail is retried alone.
 */
export async function processMails(
  deps: ProcessDeps,
  mails: readonly MailRef[],
  maxBytes = BATCH_MAX_BYTES,
): Promise<(ProcessOutcome | Error)[]> {
  const { raws, later } = await loadRaws(deps.pool, mails, maxBytes); // 1. load
  // Past the byte budget: read and committed by the next round, once this one's bodies are let go.
  const laterIds = new Set(later.filter((m) => !raws.has(m.id)).map((m) => m.id));
  const deferred: { at: number; ref: MailRef }[] = [];
  const results: (ProcessOutcome | Error)[] = [];
  const planned: Planned[] = [];
  let slice = performance.now();
  const seen = new Set<number>();
  for (const [at, ref] of mails.entries()) {
    const { id } = ref;
    // The same mail twice in one batch: two jobs naming it ran at once (a job re-made by
    // the sweep after Redis came back empty while the first still ran). One copy is read.
    if (seen.has(id)) {
      countSkipped();
      results[at] = { kind: 'skipped', why: 'not-pending' };
      continue;
    }
    seen.add(id);
    if (laterIds.has(id)) {
      deferred.push({ at, ref });
      continue;
    }
    // Parsing a large batch is CPU work of tens of milliseconds: yield now and then so
    // that an SMTP intake in the same process keeps answering meanwhile.
    if (performance.now() - slice > YIELD_AFTER_MS) {
      await new Promise((r) => setImmediate(r));
      slice = performance.now();
    }
    const read = await readMail(deps, id, raws.get(id)); // 2. read
    if (read.kind === 'done') {
      results[at] = read.outcome;
      continue;
    }
    planned.push({ at, ...(await qualifyMail(deps, read)) }); // 3. qualify
  }
  if (planned.length > 0) await commitAndReport(deps, planned, results, maxBytes);
  if (deferred.length > 0) {
    // This round's bodies are let go before the next is read.
    raws.clear();
    planned.length = 0;
    const rest = await processMails(
      deps,
      deferred.map((d) => d.ref),
      maxBytes,
    );
    for (const [i, d] of deferred.entries()) results[d.at] = rest[i] ?? new Error('no result');
  }
  return results;
}

/** 4. and 5. for the planned mails of a batch, each outcome put at its mail's place in `results`. */
async function commitAndReport(
  deps: ProcessDeps,
  planned: Planned[],
  results: (ProcessOutcome | Error)[],
  maxBytes: number,
): Promise<void> {
  metrics.workerBatchMails.observe(planned.length);
  try {
    const committed = await commitBatch(deps, planned); // 4. commit
    for (const [i, outcome] of reportBatch(deps, committed).entries()) results[planned[i]?.at ?? -1] = outcome; // 5. report
  } catch (err) {
    if (planned.length === 1) results[planned[0]?.at ?? -1] = err instanceof Error ? err : new Error(String(err));
    // A failed batch (a deadlock, one bad row) must not fail its neighbours: each runs alone.
    else
      for (const p of planned)
        results[p.at] = (await processMails(deps, [{ id: p.raw.id, receivedAt: p.raw.receivedAt }], maxBytes))[0] ?? new Error('no result');
  }
}

/** A pending mail parsed, with its verdicts still the parser's. */
interface ReadMail {
  kind: 'read';
  raw: RawMail;
  parsed: ParsedMail;
}

/** A mail whose run ends before the transaction: its outcome, or its error. */
interface Done {
  kind: 'done';
  outcome: ProcessOutcome | Error;
}

/** One mail qualified, waiting for the batch's transaction. */
interface Planned {
  at: number;
  raw: RawMail;
  parsed: ParsedMail;
  recipients: QualifiedVerdict[];
  /** One per recipient, in step with `recipients`; the commit drops attempts already applied from both. */
  events: PlannedEvent[];
}

/** What the batch's transaction did: the mails it claimed, each claimed mail's address transitions, the guard's result. */
interface Committed {
  planned: readonly Planned[];
  /** The entries of `planned` this run applied: one per row the claim returned. */
  live: ReadonlySet<Planned>;
  /** Per applied mail, in the order of `planned`. */
  transitions: Transition[][];
  guarded: GuardResult | null;
  /** Delivery reports' outcomes counted, and the MX advice they changed. */
  outcomes: OutcomeRecord[];
  advice: AdviceChange[];
  /** Per planned mail, its delivery-report attempts dropped as already applied. */
  duplicates: Map<Planned, number>;
}

/** 2. read: a mail that is missing or no longer pending stops here; an unreadable one is kept as `failed`. */
async function readMail(deps: ProcessDeps, id: number, raw: RawMail | undefined): Promise<ReadMail | Done> {
  if (!raw) return { kind: 'done', outcome: new PermanentMailError(`raw mail ${id} does not exist`) };
  if (raw.state !== 'pending') {
    countSkipped();
    return { kind: 'done', outcome: { kind: 'skipped', why: 'not-pending' } };
  }
  // A provider's event (an ESP webhook, an SMS reply, a push result) is read by its report reader.
  const parsed = isReportSource(raw.source)
    ? readReport(raw.source, raw.body, deps.reports)
    : await parseMail(raw.body, {
        envelopeFrom: raw.mailFrom,
        envelopeTo: raw.rcptTo,
        hint: raw.sourceRef?.startsWith('feedback:') ? 'feedback' : 'bounce',
      });
  if (parsed.problem?.includes(INVALID_ADDRESS_PROBLEM)) {
    metrics.invalidAddresses.inc();
    deps.logger.warn({ rawMailId: raw.id, problem: parsed.problem }, 'a recipient field holds no valid address: read as none');
  }
  const unreadable = unreadableWhy(raw, parsed);
  if (unreadable) {
    await markFailed(deps.pool, raw.id, unreadable);
    countFailed(parsed.error ? 'parse' : 'unreadable');
    return { kind: 'done', outcome: { kind: 'failed', why: unreadable } };
  }
  return { kind: 'read', raw, parsed };
}

/** 3. qualify: the rules' final say on each recipient, an event per recipient, and the VERP check of a bounce or complaint. */
async function qualifyMail(deps: ProcessDeps, { raw, parsed }: ReadMail): Promise<Omit<Planned, 'at'>> {
  const recipients = parsed.recipients.map((r) => deps.qualify?.(r, parsed) ?? { ...r, ruleId: null });
  const events = recipients.map((r) => toEvent(raw, parsed, r, deps.keys));
  if (deps.verp && (parsed.kind === 'bounce' || parsed.kind === 'complaint'))
    await holdUnverified(deps.verp, raw, parsed, events, deps.logger);
  return { raw, parsed, recipients, events };
}

/** 4. commit: the one transaction of a batch: claim, guard, apply, write. */
async function commitBatch(deps: ProcessDeps, planned: readonly Planned[]): Promise<Committed> {
  const done: Committed = {
    planned,
    live: new Set<Planned>(),
    transitions: [],
    guarded: null,
    outcomes: [],
    advice: [],
    duplicates: new Map(),
  };
  // Commits without waiting for the WAL flush: a crash can lose only whole batches
  // (claim included), whose raw mails, committed durably at intake, are then still
  // pending and are processed again through the sweep.
  await inTransaction(
    deps.pool,
    async (db) => {
      const claimed = await claim(
        db,
        planned.map((p) => ({ raw: p.raw, kind: p.parsed.kind, problem: p.parsed.problem })),
      );
      // Each row the claim returned is applied once, whatever the batch holds: the
      // claim in Postgres is what makes a mail counted once.
      const unapplied = new Set(claimed);
      const live = planned.filter((p) => unapplied.delete(p.raw.id));
      done.live = new Set(live);
      // Attempts already applied change nothing at all: dropped before the guard, the
      // addresses, the events and every count below.
      done.duplicates = await dropSeenAttempts(db, live);
      const events = live.flatMap((p) => p.events);
      // Which mail each event came from, for per-mail figures.
      const owner = live.flatMap((p, i) => p.events.map(() => i));
      done.guarded = deps.guard ? await guardHardFailures(db, events, deps.guard) : null;
      const changes = await applyToAddresses(db, events, deps.policy);
      const transitions: Transition[][] = live.map(() => []);
      for (const { change, index } of changes)
        transitions[owner[index] ?? 0]?.push({ from: change.before.status, to: change.after.status });
      done.transitions = transitions;
      // A delivery report's delivered attempt that changed no address is only counted (delivery_outcome),
      // not kept as an event: most attempts are deliveries, and history is about failures (docs/intake.md).
      const kept = events.flatMap((e, i) => (e.quiet && e.row.outcome === 'ignored' ? [] : [i]));
      const keptIds = await insertEvents(
        db,
        kept.map((i) => (events[i] as PlannedEvent).row),
      );
      const ids: (number | undefined)[] = [];
      kept.forEach((i, k) => (ids[i] = keptIds[k]));
      await recordSenderSideMany(
        db,
        live.map((p) => ({ rawMailId: p.raw.id, failures: senderSideFailures(p.events) })),
      );
      await saveAddresses(
        db,
        changes.map(({ change, index }) => ({ ...change, eventId: ids[index] ?? null })),
      );
      // Delivery reports: counted per domain and MX, then the MX rules run over their windows.
      const outcomes = live.filter((p) => p.raw.source === 'delivery').flatMap((p) => deliveryOutcomes(p.events));
      if (outcomes.length > 0) {
        await recordOutcomes(db, live[0]?.raw.id ?? 0, outcomes);
        done.outcomes = outcomes;
        done.advice = await evaluateAdvice(db, { domain: outcomes.map((o) => o.domain), mx: outcomes.map((o) => o.mx) }, new Date());
      }
    },
    { asyncCommit: true },
  );
  return done;
}

/** 5. report: once committed, count and tell; one outcome per planned mail, in order. */
function reportBatch(
  deps: ProcessDeps,
  { planned, live, transitions, guarded, outcomes, advice, duplicates }: Committed,
): ProcessOutcome[] {
  if (guarded) reportGuard(guarded, deps.logger);
  for (const o of outcomes) metrics.deliveryAttempts.inc({ outcome: o.kind });
  for (const n of duplicates.values()) metrics.deliveryAttemptsDuplicate.inc(n);
  for (const c of advice) {
    metrics.mxAdviceChanges.inc({ scope: c.scope, action: c.to?.action ?? 'none' });
    deps.logger.info(
      {
        scope: c.scope,
        target: c.target,
        from: c.from?.action ?? 'none',
        to: c.to?.action ?? 'none',
        rule: c.to?.ruleId,
        until: c.to?.until,
      },
      'MX advice changed',
    );
  }
  let applied = 0;
  return planned.map((p) => {
    if (!live.has(p)) {
      countSkipped();
      return { kind: 'skipped', why: 'not-pending' } as const;
    }
    const moved = transitions[applied++] ?? [];
    countCommitted(
      p.parsed.kind,
      p.raw.receivedAt,
      p.events.map((e) => e.row),
      moved,
    );
    if (p.parsed.problem) {
      metrics.parseProblems.inc();
      deps.logger.warn({ rawMailId: p.raw.id, problem: p.parsed.problem }, 'mail read with a MIME problem worked around');
    }
    deps.observe?.(p.events.map((e, i) => ({ row: e.row, sure: p.recipients[i]?.sure ?? true })));
    const dropped = duplicates.get(p) ?? 0;
    return {
      kind: 'processed',
      mailKind: p.parsed.kind,
      events: p.events.length,
      changed: moved.length,
      ...(dropped > 0 ? { duplicates: dropped } : {}),
    } as const;
  });
}

/** Once committed: the guard's alert (error log, metrics). */
function reportGuard(g: GuardResult, log: Logger): void {
  if (g.held) metrics.incidentHeld.inc(g.held);
  for (const inc of g.opened) {
    metrics.incidentsOpened.inc();
    log.error(
      { incident: inc.id, domain: inc.domain, addresses: inc.addresses },
      'incident opened: hard failures of this domain and text are held until an operator decides (inmail incidents)',
    );
  }
}

/**
 * Why a mail cannot be used, or null. Such a mail is kept as `failed` with this
 * reason, listed and replayable (docs/pipeline.md); an ordinary unknown mail is not a failure.
 */
function unreadableWhy(raw: RawMail, parsed: ParsedMail): string | null {
  if (parsed.recipients.length > 0) return null;
  if (raw.body.length === 0) return 'empty message';
  if (parsed.error) return `parse: ${parsed.error}`;
  if (parsed.kind === 'bounce' || parsed.kind === 'complaint')
    return `${parsed.kind} names no recipient that could be read${parsed.problem ? ` (${parsed.problem})` : ''}`;
  return null;
}

/**
 * With a VERP secret set, a bounce or complaint whose token was not issued for the
 * recipient it names is recorded as `unverified` and changes no address (or, with
 * requireValid off, is only logged): anyone can send mail to the bounce and
 * feedback addresses. A complaint may instead carry the DKIM signature of a
 * trusted feedback-loop provider (verp.fblDkimDomains).
 */
async function holdUnverified(verp: VerpCheckConfig, raw: RawMail, parsed: ParsedMail, events: PlannedEvent[], log: Logger): Promise<void> {
  const token = parsed.original.verp;
  const kind = parsed.kind;
  let signer: string | null | undefined; // looked up once, only when a token fails
  for (const e of events) {
    // VERP is a mail's: an SMS gateway's or a push sender's event was verified by its intake (docs/intake.md).
    if (!e.effect || e.ref.channel !== 'email') continue;
    const check = verifyVerpToken(verp.secret, token, e.row.address);
    if (check.ok) {
      metrics.verification.inc({ kind, result: 'verp' });
      continue;
    }
    if (kind === 'complaint' && verp.fblDkimDomains?.length) {
      signer ??= await trustedFblSigner(raw.body, verp.fblDkimDomains, verp.resolver).catch((err: unknown) => {
        log.warn({ rawMailId: raw.id, err: err instanceof Error ? err.message : String(err) }, 'DKIM check of a feedback report failed');
        return null;
      });
      if (signer) {
        metrics.verification.inc({ kind, result: 'dkim' });
        log.info(
          { rawMailId: raw.id, recipient: e.row.address, signer },
          'complaint trusted by the DKIM signature of a feedback-loop provider',
        );
        continue;
      }
    }
    metrics.verification.inc({ kind, result: 'unverified' });
    log.warn(
      { rawMailId: raw.id, kind, recipient: e.row.address, token, why: check.why, enforced: verp.requireValid },
      `VERP token does not verify for this recipient: ${kind} ${verp.requireValid ? 'changes nothing' : 'applied (verp.requireValid is off)'}`,
    );
    if (!verp.requireValid) continue;
    e.effect = null;
    e.row.outcome = 'unverified';
  }
}

interface PlannedEvent {
  row: EventRow;
  ref: AddressRef;
  effect: AddressEvent | null;
  by: string;
  /** A delivery report's delivered attempt: stored as an event only when it changed the address. */
  quiet: boolean;
  /** A delivery report's attempt that states its time: its key (jobs/attempt-key.ts); null otherwise. */
  attemptKey: Buffer | null;
}

/** Turns one recipient verdict into an event row and what it means for the address. */
function toEvent(raw: RawMail, mail: ParsedMail, r: QualifiedVerdict, keys: KeyOptions): PlannedEvent {
  const channel = r.channel ?? 'email';
  const address = channel === 'email' ? cleanEmail(r.address) : r.address.trim();
  const key = addressKey(channel, address, keys);
  // A phone number or push token is stored in its compared form; an email address as written.
  const ref: AddressRef = {
    channel,
    key,
    address: channel === 'email' ? address : key,
    domain: channel === 'email' ? emailDomain(address) : null,
  };
  // When the failure happened, never later than receipt (docs/states-and-policy.md).
  const stated = r.occurredAt ?? mail.date;
  const at = stated && stated.getTime() <= raw.receivedAt.getTime() ? stated : raw.receivedAt;
  const text = r.diagnostic || r.status || r.reason;
  const delivery = raw.source === 'delivery';
  const quiet = delivery && r.action === 'delivered';
  const normalized = r.normalized ?? (r.diagnostic && !quiet ? normalizeText(r.diagnostic) : null);
  // Sender-side failures never count against the recipient, whatever a rule says (docs/reasons.md): see effectOf.
  const effect = effectOf(mail.kind, r.action, r, at, text);
  return {
    ref,
    effect,
    by: historyBy(raw.source),
    quiet,
    // The stated time, not the one clamped to receipt: a copy received later is the same attempt.
    attemptKey: delivery
      ? attemptKey({
          channel,
          addressKey: key,
          action: r.action,
          at: r.occurredAt,
          status: r.status,
          replyCode: r.replyCode,
          diagnostic: r.diagnostic,
          mx: r.remoteMta,
          deliveryId: r.deliveryId ?? null,
        })
      : null,
    row: {
      rawMailId: raw.id,
      receivedAt: raw.receivedAt,
      occurredAt: at,
      channel,
      address: ref.address,
      addressKey: ref.key,
      domain: ref.domain,
      kind: mail.kind,
      action: r.action,
      status: r.status,
      replyCode: r.replyCode,
      reason: r.reason,
      type: r.type,
      failureReason: r.failureReason,
      diagnostic: r.diagnostic || null,
      remoteMta: r.remoteMta || null,
      feedbackType: r.feedbackType,
      originalMessageId: mail.original.messageId,
      verp: mail.original.verp,
      deliveryId: r.deliveryId ?? mail.original.deliveryId,
      ruleId: r.ruleId ?? null,
      // Without the rules engine the key is computed here: the guard and reapply find events by it.
      textKey: r.textKey ?? (normalized ? textKey(normalized) : null),
      normalized,
      outcome: 'ignored',
    },
  };
}

/**
 * Records the keys of the live mails' delivery-report attempts (one statement) and
 * drops each attempt whose key was already recorded, or that an earlier copy in this
 * batch holds, from its mail's events and recipients. Returns how many each mail lost.
 */
async function dropSeenAttempts(db: Parameters<typeof markAttemptsSeen>[0], live: readonly Planned[]): Promise<Map<Planned, number>> {
  const dropped = new Map<Planned, number>();
  const keys = live.flatMap((p) => p.events.flatMap((e) => (e.attemptKey ? [e.attemptKey] : [])));
  if (keys.length === 0) return dropped;
  const fresh = await markAttemptsSeen(db, keys);
  for (const p of live) {
    if (!p.events.some((e) => e.attemptKey)) continue;
    // The first copy of a new key takes it out of `fresh`: a second copy is then dropped.
    const keep = p.events.map((e) => !e.attemptKey || fresh.delete(e.attemptKey.toString('hex')));
    const n = keep.filter((k) => !k).length;
    if (n === 0) continue;
    dropped.set(p, n);
    p.events = p.events.filter((_, i) => keep[i]);
    p.recipients = p.recipients.filter((_, i) => keep[i]);
  }
  return dropped;
}

/** Failed or delayed recipients whose failure is the sender's problem, for the domain-health table. */
function senderSideFailures(events: readonly PlannedEvent[]): { domain: string; reason: Reason; at: Date }[] {
  return events.flatMap(({ row }) =>
    row.domain &&
    row.kind === 'bounce' &&
    (row.action === 'failed' || row.action === 'delayed') &&
    isReason(row.reason) &&
    isSenderSide(row.reason)
      ? [{ domain: row.domain, reason: row.reason, at: row.occurredAt }]
      : [],
  );
}

/** A delivery report's attempts as outcomes per domain and MX (docs/mx-advice.md); sender-side failures apart. */
function deliveryOutcomes(events: readonly PlannedEvent[]): OutcomeRecord[] {
  return events.flatMap(({ row }) => {
    if (!row.domain) return [];
    const senderSide = isReason(row.reason) && isSenderSide(row.reason);
    let kind: OutcomeKind;
    if (row.action === 'delivered') kind = 'sent';
    else if (senderSide) kind = 'sender_side';
    else if (row.action === 'delayed') kind = 'deferred';
    else if (row.action === 'failed') kind = row.type === 'hard' ? 'failed_hard' : 'failed_soft';
    else return [];
    return [{ domain: row.domain, mx: (row.remoteMta ?? '').toLowerCase(), at: row.occurredAt, kind }];
  });
}
