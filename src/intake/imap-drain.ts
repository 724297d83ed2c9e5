// One pass over a selected folder: list the UIDs still to take (cheap numbers),
// then per batch fetch sizes, fetch bodies within a byte budget, commit the group
// through the intake contract (one statement), and only then acknowledge it on the server.
// Memory holds at most one batch of bodies, whatever the size of the backlog.
import type { ImapFlow } from 'imapflow';
import type { Logger } from '../logger.js';
import type { Intake } from './accept.js';
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

/** Takes everything still in the folder (unseen, for `seen`); returns the number of mails committed. */
export async function drainFolder(ctx: DrainContext): Promise<number> {
  const { client, box } = ctx;
  const uids = await client.search(box.after.kind === 'seen' ? { seen: false } : { all: true }, { uid: true });
  if (!Array.isArray(uids)) throw new Error(`SEARCH in ${box.config.folder} failed`);
  if (uids.length === 0) return 0;
  ctx.log.info({ waiting: uids.length }, 'mails to take from the folder');
  let committed = 0;
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
      committed += await takeGroup(ctx, group);
    }
  }
  return committed;
}

async function takeGroup(ctx: DrainContext, uids: number[]): Promise<number> {
  const { client, box, stats } = ctx;
  const uidValidity = client.mailbox ? String(client.mailbox.uidValidity) : '0';
  // No other IMAP command may run inside a fetch loop: bodies are collected, then stored.
  const mails: { uid: number; body: Buffer }[] = [];
  for await (const m of client.fetch(uids, { uid: true, source: true }, { uid: true })) {
    if (m.source) mails.push({ uid: m.uid, body: m.source });
  }
  countMails(stats, box.name, 'fetched', mails.length);
  if (ctx.signal.aborted || mails.length === 0) return 0;
  // The whole group in one statement. When it fails, the session ends unacknowledged
  // and the next one fetches these mails again.
  const results = await ctx.intake.acceptMany(
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
  const done: number[] = [];
  for (const [i, result] of results.entries()) {
    const uid = mails[i]?.uid ?? 0;
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
