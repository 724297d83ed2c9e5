// One pass over a selected folder: list the UIDs still to take (cheap numbers),
// then per batch fetch sizes, fetch bodies within a byte budget, commit the group
// through the intake contract (one statement), and only then acknowledge it on the server.
// Memory holds at most two groups of bodies, whatever the size of the backlog.
import type { ImapFlow } from 'imapflow';
import type { Logger } from '../logger.js';
import type { Intake, StoreResult } from './accept.js';
import { envelopeRecipients } from './imap-envelope.js';
import { countMails } from './imap-metrics.js';
import { folderPath, type ImapIntakeHooks, type ImapMailboxStats, type ResolvedMailbox } from './imap-types.js';

export interface DrainContext {
  client: ImapFlow;
  box: ResolvedMailbox;
  /** Commits the fetched mails and enqueues them (intake/accept.ts). */
  intake: Intake;
  batchSize: number;
  batchMaxBytes: number;
  stats: ImapMailboxStats;
  log: Logger;
  /** Stop requested: finish the mail at hand, acknowledge what is stored, return. */
  signal: AbortSignal;
  hooks?: ImapIntakeHooks | undefined;
}

const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Splits a batch so that each group's bodies fit the budget; a larger mail goes alone. */
export function groupBySize(mails: readonly { uid: number; size: number }[], budget: number): number[][] {
  const groups: number[][] = [];
  let group: number[] = [];
  let bytes = 0;
  for (const { uid, size } of mails) {
    if (group.length > 0 && bytes + size > budget) {
      groups.push(group);
      group = [];
      bytes = 0;
    }
    group.push(uid);
    bytes += size;
  }
  if (group.length > 0) groups.push(group);
  return groups;
}

/** A fetched group whose commit is under way; acknowledged on the server once that commit is done. */
interface InFlight {
  uids: number[];
  stored: Promise<StoreResult[]>;
}

/**
 * Takes everything still in the folder (unseen, for `seen`); returns the number of mails committed.
 * Pipelined: while group k is being committed in Postgres, the server moves group k−1 (committed)
 * and sends group k+1, so the IMAP connection and Postgres work at the same time. Memory holds
 * at most two groups of bodies (2 × batchMaxBytes).
 */
export async function drainFolder(ctx: DrainContext): Promise<number> {
  const { client, box } = ctx;
  const uids = await client.search(box.after.kind === 'seen' ? { seen: false } : { all: true }, { uid: true });
  if (!Array.isArray(uids)) throw new Error(`SEARCH in ${box.config.folder} failed`);
  if (uids.length === 0) return 0;
  ctx.log.info({ waiting: uids.length }, 'mails to take from the folder');
  const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : '0';
  let committed = 0;
  let inFlight: InFlight | null = null;
  const settle = async (): Promise<void> => {
    if (!inFlight) return;
    const { uids: done, stored } = inFlight;
    inFlight = null;
    committed += await acknowledgeStored(ctx, uidValidity, done, await stored);
  };
  try {
    for (const batch of chunks(
      [...uids].sort((a, b) => a - b),
      ctx.batchSize,
    )) {
      if (ctx.signal.aborted) break;
      // Sizes first, so that a batch of large mails is split before its bodies are read.
      const sizes = await client.fetchAll(batch, { uid: true, size: true }, { uid: true });
      const known = sizes.map((m) => ({ uid: m.uid, size: m.size ?? 0 }));
      for (const group of groupBySize(known, ctx.batchMaxBytes)) {
        if (ctx.signal.aborted) break;
        const mails = await fetchGroup(ctx, group);
        const next: InFlight = { uids: mails.map((m) => m.uid), stored: store(ctx, uidValidity, mails) };
        // A failed commit is thrown where it is awaited; until then it must not count as unhandled.
        next.stored.catch(() => undefined);
        await settle();
        inFlight = next;
      }
    }
  } finally {
    // What was committed is acknowledged even on a stop; a failed commit ends the session unacknowledged.
    await settle();
  }
  return committed;
}

async function fetchGroup(ctx: DrainContext, uids: number[]): Promise<{ uid: number; body: Buffer }[]> {
  // No other IMAP command may run inside a fetch loop: bodies are collected, then stored.
  const mails: { uid: number; body: Buffer }[] = [];
  for await (const m of ctx.client.fetch(uids, { uid: true, source: true }, { uid: true })) {
    if (m.source) mails.push({ uid: m.uid, body: m.source });
  }
  countMails(ctx.stats, ctx.box.name, 'fetched', mails.length);
  return mails;
}

/** The whole group in one statement (intake/accept.ts). When it fails, the next session fetches these mails again. */
function store(ctx: DrainContext, uidValidity: string, mails: readonly { uid: number; body: Buffer }[]): Promise<StoreResult[]> {
  const { box } = ctx;
  return ctx.intake.acceptMany(
    mails.map(({ uid, body }) => {
      const ref = `${box.name}:${uidValidity}:${uid}`;
      return {
        source: 'imap' as const,
        // The worker reads the mailbox kind (bounce / feedback) from this prefix.
        sourceRef: `${box.config.kind}:${ref}`,
        rcptTo: envelopeRecipients(body),
        body,
        keys: [`imap:${ref}`],
      };
    }),
  );
}

async function acknowledgeStored(
  ctx: DrainContext,
  uidValidity: string,
  uids: readonly number[],
  results: readonly StoreResult[],
): Promise<number> {
  const { box, stats } = ctx;
  const done: number[] = [];
  for (const [i, result] of results.entries()) {
    const uid = uids[i] ?? 0;
    if (result.kind === 'stored') {
      countMails(stats, box.name, 'stored');
      ctx.log.debug({ uid, rawMailId: result.id }, 'mail stored');
    } else {
      countMails(stats, box.name, 'duplicates');
      ctx.log.info({ uid, rawMailId: result.id, duplicateOf: result.duplicateOf }, 'mail already stored (fetched again)');
    }
    await ctx.hooks?.afterCommit?.({ mailbox: box.name, uid, uidValidity, result });
    done.push(uid);
  }
  if (done.length > 0) await acknowledge(ctx, done);
  return done.length;
}

/** Applies `after` to mails already committed; a refusal throws so that the session restarts. */
async function acknowledge(ctx: DrainContext, uids: number[]): Promise<void> {
  const { client, box, stats } = ctx;
  const after = box.after;
  if (after.kind === 'move') {
    if (!(await client.messageMove(uids, folderPath(after.folder), { uid: true }))) throw new Error(`MOVE to ${after.folder} was refused`);
    countMails(stats, box.name, 'moved', uids.length);
  } else if (after.kind === 'seen') {
    if (!(await client.messageFlagsAdd(uids, ['\\Seen'], { uid: true }))) throw new Error('STORE +FLAGS \\Seen was refused');
    countMails(stats, box.name, 'flagged', uids.length);
  } else {
    if (!(await client.messageDelete(uids, { uid: true }))) throw new Error('delete (STORE \\Deleted, EXPUNGE) was refused');
    countMails(stats, box.name, 'deleted', uids.length);
  }
  ctx.log.debug({ count: uids.length, after: after.kind }, 'mails acknowledged');
}
