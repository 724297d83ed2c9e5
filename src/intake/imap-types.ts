// Terms of the IMAP intake.
//   mailbox  one configured account + folder, named for logs, counters and its lease
//   drain    one pass over the folder: list the UIDs still to take, then fetch,
//            store and acknowledge them batch by batch
//   acknowledge  what `after` says to do with a stored mail: move, flag \Seen, delete;
//            done only once storeRaw has committed the mail
import type { ImapMailboxConfig } from '../config.js';
import type { StoreResult } from './store-raw.js';

export type AfterAction = { kind: 'move'; folder: string } | { kind: 'seen' } | { kind: 'delete' };

export interface ResolvedMailbox {
  name: string;
  config: ImapMailboxConfig;
  after: AfterAction;
}

/** Counters and state of one mailbox, in this process. */
export interface ImapMailboxStats {
  fetched: number;
  stored: number;
  duplicates: number;
  /** Mails acknowledged by `after`, by action. */
  moved: number;
  flagged: number;
  deleted: number;
  /** Sessions that ended in an error (network, server, login, storage). */
  errors: number;
  authFailures: number;
  connected: boolean;
  leaseHeld: boolean;
  lastError: string | null;
}

export const emptyStats = (): ImapMailboxStats => ({
  fetched: 0,
  stored: 0,
  duplicates: 0,
  moved: 0,
  flagged: 0,
  deleted: 0,
  errors: 0,
  authFailures: 0,
  connected: false,
  leaseHeld: false,
  lastError: null,
});

/** Test-only seams; production passes none. */
export interface ImapIntakeHooks {
  /**
   * Called after each mail is committed and before it is acknowledged. Throwing here
   * abandons the batch unacknowledged, as a crash between commit and move would.
   */
  afterCommit?(info: { mailbox: string; uid: number; uidValidity: string; result: StoreResult }): Promise<void> | void;
}

export function parseAfter(after: string): AfterAction {
  if (after === 'seen' || after === 'delete') return { kind: after };
  return { kind: 'move', folder: after.slice('move:'.length) };
}

/**
 * Folder names in config use `/` for hierarchy whatever the server's delimiter
 * (Dovecot's Maildir++ uses `.`): an array lets imapflow join the parts with it.
 */
export const folderPath = (folder: string): string | string[] => (folder.includes('/') ? folder.split('/') : folder);
