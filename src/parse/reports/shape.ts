// The ParsedMail a report reader returns: the same shape as a mail's, so that
// the worker's qualify and commit stages cannot tell where a verdict came from.
import type { MailKind, ParsedMail, RecipientVerdict } from '../../domain/verdict.js';

export function reportOf(
  via: string,
  kind: MailKind,
  recipients: RecipientVerdict[],
  deliveryId: string | null,
  at: Date | null,
): ParsedMail {
  return { kind, recipients, original: { messageId: null, verp: null, deliveryId }, date: at, via, error: null, problem: null };
}

/** A stored event that cannot be read: kept as failed by the worker with this reason. */
export function unknownReport(via: string, error: string): ParsedMail {
  return {
    kind: 'unknown',
    recipients: [],
    original: { messageId: null, verp: null, deliveryId: null },
    date: null,
    via,
    error,
    problem: null,
  };
}
