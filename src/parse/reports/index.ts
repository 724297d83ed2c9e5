// Reads a stored provider event (docs/intake.md): the report sources' counterpart
// of parseMail. Pure and never throws: an event that cannot be read comes back
// with `error` set, and the worker keeps it as failed.
import type { ReportSource } from '../../domain/source.js';
import type { ParsedMail } from '../../domain/verdict.js';
import type { SmsKeywords } from '../../domain/sms-keywords.js';
import { readMailgun } from './mailgun.js';
import { readDelivery } from './delivery.js';
import { readPostmark } from './postmark.js';
import { readPush } from './push.js';
import { readSendgrid } from './sendgrid.js';
import { readSes } from './ses.js';
import { unknownReport } from './shape.js';
import { readSms } from './sms.js';

/** What readers take from the configuration. */
export interface ReportOptions {
  /** The opt-out and opt-in words of SMS replies (webhooks.sms); the defaults when absent. */
  smsKeywords?: SmsKeywords;
}

type Reader = (event: unknown, opts: ReportOptions) => ParsedMail;

const READERS: Partial<Record<ReportSource, Reader>> = {
  postmark: readPostmark,
  sms: (event, opts) => readSms(event, opts.smsKeywords),
  push: readPush,
  sendgrid: readSendgrid,
  mailgun: readMailgun,
  ses: readSes,
  delivery: readDelivery,
};

export function readReport(source: ReportSource, body: Buffer, opts: ReportOptions = {}): ParsedMail {
  const reader = READERS[source];
  if (!reader) return unknownReport(source, `no reader for source ${source}`);
  let event: unknown;
  try {
    event = JSON.parse(body.toString('utf8'));
  } catch (err) {
    return unknownReport(source, `stored event is not JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  try {
    return reader(event, opts);
  } catch (err) {
    return unknownReport(source, `unreadable event: ${err instanceof Error ? err.message : String(err)}`);
  }
}
