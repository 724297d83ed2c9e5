// A failure stated as fields instead of a mail: an ESP's bounce event, a sending
// MTA's log line (docs/intake.md). It goes through the same classifier as a
// bounce's recipient, so one remote text gets one reason wherever it came from.
import type { Reason } from '../domain/reasons.js';
import type { Action, RecipientVerdict } from '../domain/verdict.js';
import { verdict } from './bounce.js';
import type { SmtpCommand } from './classify.js';
import { findReplyCode, findStatus, remoteStatus } from './codes.js';
import { diagnosticText } from './dsn.js';
import { findCommand } from './text.js';

export interface ReportedAttempt {
  address: string;
  action: Action;
  /** The remote server's text as the reporter quotes it ("smtp; 550 5.1.1 ..." or bare). */
  diagnostic: string;
  /** Stated apart by the reporter; otherwise read from the diagnostic. */
  status?: string;
  replyCode?: string;
  remoteMta?: string;
  occurredAt?: Date | null;
  /** The reporter's own verdict where its vocabulary is precise (SES's "NoEmail", an SMS gateway's "unknown subscriber"). */
  hint?: Reason | null;
  /** The refused SMTP command when the reporter knows it (a sending MTA refused at RCPT); else read from the text. */
  command?: SmtpCommand;
  /** The reporter's broad class ("hard bounce"), used only when the text decides nothing for sure. */
  fallback?: Reason;
}

export function readAttempt(a: ReportedAttempt): RecipientVerdict {
  const diagnostic = diagnosticText(a.diagnostic.trim());
  const status = a.status || remoteStatus(diagnostic) || findStatus(diagnostic, true);
  return verdict({
    address: a.address,
    action: a.action,
    status,
    replyCode: a.replyCode || findReplyCode(diagnostic),
    diagnostic,
    remoteMta: a.remoteMta ?? '',
    occurredAt: a.occurredAt ?? null,
    command: a.command ?? findCommand(diagnostic),
    hint: a.hint ?? null,
    statusStated: status !== '',
    ...(a.fallback ? { fallback: a.fallback } : {}),
  });
}
