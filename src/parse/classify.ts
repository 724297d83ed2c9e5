// Built-in heuristics: from a recipient's action, status, reply code and
// diagnostic text to a reason (SPEC §4). Order: the action, a family's own
// verdict, sender-side phrases (so a blocklist text never reads as a dead
// address), precise status codes, phrases, the SMTP command, weak guesses.
import type { Reason } from '../qualify/reasons.js';
import type { Action } from './types.js';
import { reasonOfReply, reasonOfStatus } from './codes.js';
import { SENDER_SIDE_PHRASES, type PhraseList } from './phrases.js';
import { RECIPIENT_PHRASES } from './phrases-recipient.js';

export type SmtpCommand = 'CONN' | 'HELO' | 'MAIL' | 'RCPT' | 'DATA' | '';

export interface Evidence {
  action: Action;
  status: string;
  replyCode: string;
  diagnostic: string;
  /** The SMTP command the remote refused, when the bounce says. */
  command?: SmtpCommand;
  /** A family module's own verdict from a text it knows well. */
  hint?: Reason | null;
}

export interface Verdict {
  reason: Reason;
  sure: boolean;
}

/** The first reason in `lists` with a phrase found in `text` (already lower-cased). */
export function matchPhrases(text: string, lists: readonly PhraseList[]): Reason | null {
  if (!text) return null;
  for (const list of lists) {
    for (const [p] of list.phrases) {
      if (typeof p === 'string' ? text.includes(p) : p.test(text)) return list.reason;
    }
  }
  return null;
}

/** Status codes whose meaning no diagnostic text can change (RFC 3463 is explicit). */
const DECISIVE = new Set<Reason>(['authfailure', 'requireptr', 'speeding', 'notaccept', 'hasmoved']);

export function classify(e: Evidence): Verdict {
  if (e.action === 'delivered' || e.action === 'relayed' || e.action === 'expanded') return { reason: 'delivered', sure: true };
  if (e.hint) return { reason: e.hint, sure: true };
  const text = e.diagnostic.toLowerCase();
  const byStatus = reasonOfStatus(e.status);
  if (byStatus && DECISIVE.has(byStatus)) return { reason: byStatus, sure: true };
  const senderSide = matchPhrases(text, SENDER_SIDE_PHRASES);
  if (senderSide) return { reason: senderSide, sure: true };
  if (byStatus) return { reason: byStatus, sure: true };
  const phrase = matchPhrases(text, RECIPIENT_PHRASES);
  if (phrase) return { reason: phrase, sure: true };
  switch (e.command) {
    case 'CONN':
    case 'HELO':
      return { reason: 'blocked', sure: false };
    case 'MAIL':
      return { reason: 'rejected', sure: false };
    default:
      break;
  }
  const byReply = reasonOfReply(e.replyCode);
  if (byReply) return { reason: byReply, sure: false };
  if (e.action === 'delayed') return { reason: 'expired', sure: false };
  return { reason: 'undefined', sure: false };
}

/** True when the failure is stated as permanent (5xx), which makes "suspend" hard. */
export function isPermanent(status: string, replyCode: string): boolean {
  return status.startsWith('5') || replyCode.startsWith('5');
}
