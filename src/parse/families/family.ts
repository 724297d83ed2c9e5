// One module per mail-system family: a cheap detector (headers, a marker in
// the text) and a reader that knows where that family writes the recipient,
// the code and the diagnostic.
import type { Reason } from '../../domain/reasons.js';
import type { MailView } from '../view.js';
import type { TextRecipient } from '../text.js';

export interface FamilyRecipient extends TextRecipient {
  /** The family's own verdict, when its text is unambiguous. */
  hint?: Reason | null;
  /**
   * The family's verdict when nothing more precise is found: its wording names the step or the
   * kind of failure ("does not like recipient" is qmail's refusal at RCPT), but the remote's own
   * text, when it says more, decides (a "mailbox full" answer to RCPT is no unknown user).
   */
  fallback?: Reason;
  action?: 'failed' | 'delayed' | 'delivered';
  /** The address a redirection started from, when the text lists what it produced (Exim's "(generated from a@b)"): a DSN part may name either. */
  origin?: string;
  /**
   * The sender's own system refused the message before trying any recipient (Exim's local scan or non-SMTP ACL on
   * mail submitted to it): the verdict says what the check said of the message, never of the address, and changes
   * no address (type `ignored`).
   */
  senderSide?: boolean;
  /**
   * Reasons whose made-up status (no status and no reply code in the text) takes the temporary class: Exim's
   * notice of a full mailbox or a retry time that ran out says so by what it is, as the reference parser's
   * Exim module reads it (4.0.922, 4.0.947).
   */
  pseudoTemporary?: readonly Reason[];
}

export interface Family {
  name: string;
  /** True when what `detect` recognises is a bounce by itself, whatever its sender and subject. */
  selfEvident?: boolean;
  // Function-valued fields, not methods: families/index.ts copies them into objects of one shape.
  detect: (v: MailView) => boolean;
  /** Recipients found, or [] to let the next reader try (unless `final`). */
  read: (v: MailView) => FamilyRecipient[];
  /**
   * What `detect` recognises is this family's alone: no later reader looks for a recipient in it (the
   * generic reader would take one from the returned message's To or the notice's other addresses).
   * `bounce`: a bounce whose recipients are what `read` finds, none when it finds none.
   * `notice`: no bounce at all but the MTA's notice about something else (to its administrator, to a
   * forward file's owner): the mail is neither a bounce nor an auto-reply, whatever its sender, subject
   * and Auto-Submitted say (docs/parser-generalisation.md, "Exim's other notices").
   */
  final?: 'bounce' | 'notice';
}
