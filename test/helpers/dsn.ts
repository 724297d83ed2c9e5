// Builds RFC 3464 delivery status notifications (and their returned headers)
// the way Postfix and Sendmail lay them out, for tests that need many of them.
import { randomBytes } from 'node:crypto';

export interface DsnRecipient {
  address: string;
  action?: 'failed' | 'delayed' | 'delivered';
  status: string;
  diagnostic?: string;
  remoteMta?: string;
}

export interface DsnOptions {
  recipients: DsnRecipient[];
  /** Envelope recipient of the original (where the bounce goes), shown in the human part. */
  returnPath?: string;
  originalMessageId?: string;
  date?: Date;
  reportingMta?: string;
  messageId?: string;
}

export function buildDsn(o: DsnOptions): string {
  const boundary = `b-${randomBytes(6).toString('hex')}`;
  const date = (o.date ?? new Date()).toUTCString().replace('GMT', '+0000');
  const mta = o.reportingMta ?? 'mx1.sender.example';
  const id = o.messageId ?? `<${randomBytes(8).toString('hex')}@${mta}>`;
  const original = o.originalMessageId ?? `<${randomBytes(8).toString('hex')}@news.sender.example>`;
  const failed = o.recipients.some((r) => (r.action ?? 'failed') === 'failed');
  const fields = o.recipients
    .map((r) =>
      [
        `Final-Recipient: rfc822; ${r.address}`,
        `Original-Recipient: rfc822;${r.address}`,
        `Action: ${r.action ?? 'failed'}`,
        `Status: ${r.status}`,
        r.remoteMta ? `Remote-MTA: dns; ${r.remoteMta}` : null,
        r.diagnostic ? `Diagnostic-Code: smtp; ${r.diagnostic}` : null,
        `Last-Attempt-Date: ${date}`,
      ]
        .filter(Boolean)
        .join('\r\n'),
    )
    .join('\r\n\r\n');
  return [
    `Return-Path: <>`,
    `Date: ${date}`,
    `From: MAILER-DAEMON@${mta} (Mail Delivery System)`,
    `Subject: ${failed ? 'Undelivered Mail Returned to Sender' : 'Delayed Mail (still being retried)'}`,
    `To: ${o.returnPath ?? 'bounce@bounces.test'}`,
    `Auto-Submitted: auto-replied`,
    `MIME-Version: 1.0`,
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    `Message-Id: ${id}`,
    ``,
    `This is a MIME-encapsulated message.`,
    ``,
    `--${boundary}`,
    `Content-Description: Notification`,
    `Content-Type: text/plain; charset=us-ascii`,
    ``,
    `This is the mail system at host ${mta}.`,
    ``,
    `I'm sorry to have to inform you that your message could not`,
    `be delivered to one or more recipients.`,
    ``,
    ...o.recipients.map((r) => `<${r.address}>: ${r.diagnostic ?? r.status}`),
    ``,
    `--${boundary}`,
    `Content-Description: Delivery report`,
    `Content-Type: message/delivery-status`,
    ``,
    `Reporting-MTA: dns; ${mta}`,
    `Arrival-Date: ${date}`,
    ``,
    fields,
    ``,
    `--${boundary}`,
    `Content-Description: Undelivered Message Headers`,
    `Content-Type: text/rfc822-headers`,
    ``,
    `From: News <news@sender.example>`,
    `To: ${o.recipients[0]?.address ?? 'someone@example.org'}`,
    `Subject: Our November offers`,
    `Message-ID: ${original}`,
    `Date: ${date}`,
    ``,
    `--${boundary}--`,
    ``,
  ].join('\r\n');
}
