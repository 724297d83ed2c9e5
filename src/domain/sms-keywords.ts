// The words of an SMS reply that take its sender off a list or back on it
// (docs/intake.md): the carriers' common set; webhooks.sms replaces them, e.g.
// to add other languages (ARRET).
export interface SmsKeywords {
  stopWords: readonly string[];
  startWords: readonly string[];
}

export const DEFAULT_SMS_KEYWORDS: SmsKeywords = {
  stopWords: ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT'],
  startWords: ['START', 'UNSTOP'],
};
