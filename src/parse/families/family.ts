// One module per mail-system family: a cheap detector (headers, a marker in
// the text) and a reader that knows where that family writes the recipient,
// the code and the diagnostic.
import type { Reason } from '../../domain/reasons.js';
import type { MailView } from '../view.js';
import type { TextRecipient } from '../text.js';

export interface FamilyRecipient extends TextRecipient {
  /** The family's own verdict, when its text is unambiguous. */
  hint?: Reason | null;
  action?: 'failed' | 'delayed' | 'delivered';
  /** The address a redirection started from, when the text lists what it produced (Exim's "(generated from a@b)"): a DSN part may name either. */
  origin?: string;
}

export interface Family {
  name: string;
  /** True when what `detect` recognises is a bounce by itself, whatever its sender and subject. */
  selfEvident?: boolean;
  detect(v: MailView): boolean;
  /** Recipients found, or [] to let the next reader try. */
  read(v: MailView): FamilyRecipient[];
}
