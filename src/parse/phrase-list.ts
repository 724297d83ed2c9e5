// The shape of the classifier's vocabulary: per reason, its phrases, each a lower-case substring or a
// RegExp on the lower-cased text, with a real-looking diagnostic a test reads back. Its own module, so
// that the tables (phrases*.ts) can use one another's lists without an import cycle.
import type { Reason } from '../domain/reasons.js';

export type Pattern = string | RegExp;
export interface PhraseList {
  reason: Reason;
  phrases: ReadonlyArray<readonly [Pattern, string]>;
}
