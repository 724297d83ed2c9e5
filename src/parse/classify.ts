// Built-in heuristics: from a recipient's action, status, reply code and
// diagnostic text to a reason (docs/reasons.md). Order: the action, a family's own
// verdict, decisive codes, specific phrases (sender-side first, so that a
// blocklist text never reads as a dead address), the status code, the SMTP
// command, generic phrases, vague codes, the reply code.
import type { Reason } from '../domain/reasons.js';
import type { Action } from '../domain/verdict.js';
import { isVagueStatus, reasonOfReply, reasonOfStatus } from './codes.js';
import { OVERRIDE_PHRASES, SENDER_SIDE_PHRASES, type PhraseList } from './phrases.js';
import { RECIPIENT_PHRASES, WEAK_PHRASES } from './phrases-recipient.js';

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
  /** The recipient was a program (a pipe): what failed is that mailer. */
  program?: boolean;
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

/** Status codes whose meaning no diagnostic text can change (RFC 3463/7372 are explicit). */
const DECISIVE = new Set<Reason>(['authfailure', 'requireptr', 'speeding']);
const SPECIFIC: readonly PhraseList[] = [...OVERRIDE_PHRASES, ...SENDER_SIDE_PHRASES, ...RECIPIENT_PHRASES];

export function classify(e: Evidence): Verdict {
  const v = decide(e);
  // "User unknown" is only a dead address when the recipient itself was refused: said by
  // the status (X.1.x), or answered to RCPT TO. After DATA, or with no sign of which
  // command, it is a filter speaking (and a wrong "hard" would drop a good address).
  if (v.reason === 'userunknown' && !e.hint && !/^[45]\.1\./.test(e.status) && e.command !== 'RCPT' && e.command !== 'MAIL' &&
    matchPhrases(normalizeForPhrases(e.diagnostic), OVERRIDE_PHRASES) !== 'userunknown') {
    return { reason: 'filtered', sure: v.sure };
  }
  // A temporary timeout on a failed recipient: the MTA gave up retrying.
  // A program that kept exiting EX_TEMPFAIL (Sendmail's "Deferred: prog mailer exited with EX_TEMPFAIL") expired too.
  // A family's own verdict stands (qmail's "couldn't establish an SMTP connection" is its network error).
  if (!e.hint && e.action === 'failed' && /^4\.(?:4\.1|4\.7|0\.0)$/.test(e.status) && (v.reason === 'networkerror' || v.reason === 'undefined' ||
    (v.reason === 'mailererror' && e.status === '4.4.7'))) {
    return { reason: 'expired', sure: v.sure };
  }
  return v;
}

function decide(e: Evidence): Verdict {
  if (e.action === 'delivered' || e.action === 'relayed' || e.action === 'expanded') return { reason: 'delivered', sure: true };
  if (e.hint) return { reason: e.hint, sure: true };
  const text = normalizeForPhrases(e.diagnostic);
  const byStatus = reasonOfStatus(e.status);
  if (byStatus && DECISIVE.has(byStatus)) return { reason: byStatus, sure: true };
  const phrase = matchPhrases(text, SPECIFIC);
  // Size wordings are shared ("exceeds fixed maximum message size" is said with 5.3.4 and 5.2.3):
  // a 5.3.4 "message too big for system" says it was the message's size (as Sisimai reads it).
  if (phrase === 'exceedlimit' && byStatus === 'mesgtoobig') return { reason: byStatus, sure: true };
  // "Gave up" wordings an MTA adds to the last answer it got (Exim's "...: retry timeout exceeded")
  // are no cause: a precise status of that answer says what kept failing.
  if (phrase === 'expired' && byStatus && byStatus !== 'expired' && !isVagueStatus(e.status) && e.action === 'failed' && /^4\./.test(e.status)) {
    return { reason: byStatus, sure: true };
  }
  if (phrase) return { reason: phrase, sure: true };
  // A program's exit status ("X-Unix; 71") read as a 5.5.0 / 4.5.0 is no protocol error.
  if (e.program) return { reason: 'mailererror', sure: true };
  const vague = isVagueStatus(e.status);
  if (byStatus && !vague) return { reason: byStatus, sure: true };
  if (e.command === 'CONN' || e.command === 'HELO') return { reason: 'blocked', sure: false };
  if (e.command === 'MAIL') return { reason: 'rejected', sure: false };
  // A failed recipient whose only cause is a generic temporary code ("4.0.0 Temporary failure",
  // "4.3.0 ... try again later"): nothing says what kept failing. As Sisimai, onhold: it changes
  // no address, where a guessed systemerror would count a soft error against it.
  if (e.action === 'failed' && /^4\.(?:0\.0|3\.0)$/.test(e.status)) return { reason: 'onhold', sure: false };
  if (byStatus) return { reason: byStatus, sure: false };
  const weak = matchPhrases(text, WEAK_PHRASES);
  if (weak) return { reason: weak, sure: false };
  const byReply = reasonOfReply(e.replyCode);
  if (byReply) return { reason: byReply, sure: false };
  if (e.action === 'delayed') return { reason: 'expired', sure: false };
  return { reason: 'undefined', sure: false };
}

/**
 * Lower case, multi-line SMTP replies joined ("550-5.7.1 foo 550 5.7.1 bar" →
 * "foo bar"), and MTA wording that is not the remote's ("delivery temporarily
 * suspended:") removed, so that phrases match across line breaks.
 */
export function normalizeForPhrases(diagnostic: string): string {
  // The cause is stated early; a pasted transcript's tail only costs time.
  return diagnostic
    .slice(0, 3000)
    .toLowerCase()
    .replace(/delivery temporarily suspended:/g, ' ')
    // Transcript markers ("<<< 550 ...", ">>> DATA"; Courier writes its remote's and its own answers so).
    .replace(/(^|\s)(?:<<<|>>>)\s+/g, '$1')
    // Amazon SES's own label before the remote's reply ("5.1.0 - Unknown address error 550-'...'").
    .replace(/^[245]\.\d\.\d{1,3} - [a-z ]{0,40}error (?=[245]\d\d[- ]')/, '')
    .replace(/(^|\s)[245]\d\d[- ](?:[245]\.\d{1,3}\.\d{1,3}\s)?/g, '$1')
    .replace(/\s+/g, ' ');
}

/** True when the failure is stated as permanent (5xx), which makes "suspend" hard. */
export function isPermanent(status: string, replyCode: string): boolean {
  return status.startsWith('5') || replyCode.startsWith('5');
}
