// Synthetic bounce mails for table-driven parser tests: a provider's layout
// written from its documentation, never a copy of a real mail.

export interface DsnRecipientSpec {
  address: string;
  status: string;
  diagnostic?: string;
  remoteMta?: string;
  action?: string;
}

export interface MailSpec {
  from?: string;
  to?: string;
  subject?: string;
  /** Extra header lines, "Name: value". */
  headers?: string[];
  /** The human-readable notification. */
  text: string;
  /** Recipients of a message/delivery-status part; none: a plain-text notice. */
  dsn?: DsnRecipientSpec[];
  reportingMta?: string;
  /** The returned message's header block. */
  original?: string;
}

const ORIGINAL = 'From: sender@example.com\nTo: someone@example.net\nSubject: hello\nMessage-ID: <orig.1@example.com>\n\nhi\n';

/** A bounce as bytes: multipart/report when `dsn` is given, else one text/plain part plus the returned message. */
export function ndr(m: MailSpec): Buffer {
  const head = [
    `From: ${m.from ?? 'MAILER-DAEMON@mx.example.net'}`,
    `To: ${m.to ?? 'sender@example.com'}`,
    `Subject: ${m.subject ?? 'Undelivered Mail Returned to Sender'}`,
    'Date: Mon, 02 Mar 2026 10:00:00 +0000',
    'Message-ID: <ndr.1@mx.example.net>',
    'MIME-Version: 1.0',
    ...(m.headers ?? []),
  ];
  const b = 'BOUNDARY-synthetic-1';
  const parts: string[] = [];
  if (m.dsn) {
    head.push(`Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`);
  } else {
    head.push(`Content-Type: multipart/mixed; boundary="${b}"`);
  }
  parts.push(`Content-Type: text/plain; charset=utf-8\n\n${m.text}\n`);
  if (m.dsn) {
    const fields = [`Reporting-MTA: dns; ${m.reportingMta ?? 'mx.example.net'}`, ''];
    for (const r of m.dsn) {
      fields.push(
        `Final-Recipient: rfc822; ${r.address}`,
        `Action: ${r.action ?? (r.status.startsWith('4') ? 'delayed' : 'failed')}`,
        `Status: ${r.status}`,
      );
      if (r.remoteMta) fields.push(`Remote-MTA: dns; ${r.remoteMta}`);
      if (r.diagnostic) fields.push(`Diagnostic-Code: smtp; ${r.diagnostic}`);
      fields.push('');
    }
    parts.push(`Content-Type: message/delivery-status\n\n${fields.join('\n')}`);
  }
  parts.push(`Content-Type: message/rfc822\n\n${m.original ?? ORIGINAL}`);
  const body = parts.map((p) => `--${b}\n${p}`).join('\n') + `\n--${b}--\n`;
  return Buffer.from(`${head.join('\n')}\n\n${body}`, 'utf8');
}
