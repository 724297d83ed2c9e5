// What the parser says about one mail (docs/parse-output.md). Pure data: the
// parser takes bytes (and the envelope, when known) and returns this, never throws.
//
// Terminology:
//   kind       what the whole mail is: a bounce (DSN or NDR), a complaint (ARF),
//              an auto-reply, or unknown (anything else).
//   recipient  one address the mail speaks of: the failed/delayed/delivered
//              recipient of a bounce, the complaining address, the replier.
//   action     RFC 3464's Action field.
//   status     enhanced status code X.Y.Z (RFC 3463), "" when none is found.
//   replyCode  the SMTP reply code NNN, "" when none is found.
import type { Channel } from './address.js';
import type { BounceType, FailureReason, Reason } from './reasons.js';

export type MailKind = 'bounce' | 'complaint' | 'auto-reply' | 'unknown';
export type Action = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';
/**
 * ARF's Feedback-Type (RFC 5965, 6591). `not-spam` (a user said the mail is wanted) and `auth-failure` (a DMARC /
 * SPF / DKIM failure report about a mail that may not be ours) name no one who complained.
 */
export type FeedbackType = 'abuse' | 'fraud' | 'virus' | 'not-spam' | 'opt-out' | 'auth-failure' | 'other';

export interface RecipientVerdict {
  address: string;
  action: Action;
  status: string;
  replyCode: string;
  reason: Reason;
  type: BounceType;
  failureReason: FailureReason;
  diagnostic: string;
  remoteMta: string;
  feedbackType: FeedbackType | null;
  /** When this recipient's failure happened (Last-Attempt-Date, Arrival-Date), if the mail says. */
  occurredAt: Date | null;
  /** True when the reason came from a sure source (status code, known phrase); false: to qualify. */
  sure: boolean;
  /** The channel the address belongs to; email when absent (an SMS reply or a push result names another). */
  channel?: Channel;
  /**
   * An opt-out or opt-in the recipient asked for itself (an SMS STOP / START reply), instead of a
   * failure: `optout` denylists the address, `optin` lifts only a denylist an opt-out set.
   */
  request?: 'optout' | 'optin';
  /** The sending side's id of this recipient's message, when it differs per recipient (a delivery report's batch). */
  deliveryId?: string | null;
}

export interface OriginalMessage {
  /** Message-ID of the returned original headers. */
  messageId: string | null;
  /** VERP token found in the envelope recipient or in the returned headers. */
  verp: string | null;
  /** The platform's own delivery id (X-Inmail-Delivery-Id or similar header). */
  deliveryId: string | null;
}

export interface ParsedMail {
  kind: MailKind;
  recipients: RecipientVerdict[];
  original: OriginalMessage;
  /** Date header of the bounce itself, if valid. */
  date: Date | null;
  /** Which reader decided (rfc3464, arf, autoreply, family name, ...). */
  via: string;
  /** null, or a one-line reason the mail could not be read. */
  error: string | null;
  /** null, or a MIME problem that was worked around (the mail was read, perhaps not all of it). */
  problem: string | null;
}

/** What the caller knows of the mail's envelope (SMTP) or source (IMAP). */
export interface ParseContext {
  envelopeFrom?: string | null;
  envelopeTo?: readonly string[];
  /** A mailbox hint: feedback-loop mailboxes hold complaints. */
  hint?: 'bounce' | 'feedback';
}

/** A verdict after the rules: which rule decided, and the key of its normalized text. */
export type QualifiedVerdict = RecipientVerdict & { ruleId?: string | null; normalized?: string | null; textKey?: string | null };
