// Where a stored item came from (docs/intake.md). Mail sources hold a whole
// mail (a bounce, a complaint); report sources hold one provider event as JSON,
// already split from its batch, read by the report readers instead of the mail parser.
export const MAIL_SOURCES = ['smtp', 'imap', 'file', 'http'] as const;
export const REPORT_SOURCES = ['ses', 'sendgrid', 'postmark', 'mailgun', 'sms', 'push', 'delivery'] as const;

export type MailSource = (typeof MAIL_SOURCES)[number];
export type ReportSource = (typeof REPORT_SOURCES)[number];
export type Source = MailSource | ReportSource;

const REPORT_SET: ReadonlySet<string> = new Set(REPORT_SOURCES);

export function isReportSource(source: string): source is ReportSource {
  return REPORT_SET.has(source);
}

/** Who address history names for a change a source's item made (docs/states-and-policy.md). */
export function historyBy(source: string): string {
  return source === 'delivery' ? 'delivery-report' : 'bounce';
}
