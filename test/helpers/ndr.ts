// Builds the synthetic non-delivery reports of the family tests: headers, a
// plain-text notice, and optionally the returned message after it.
import { parseMailSync, type RecipientVerdict } from '../../src/parse/index.js';

export interface Ndr {
  from?: string;
  subject: string;
  /** Extra header lines ("X-Mailer: ..."). */
  headers?: string[];
  /** The notice, as the MTA writes it. */
  body: string;
  /** A multipart/mixed mail: the notice, then this returned message as message/rfc822. */
  returned?: string;
}

export function ndr(n: Ndr): Buffer {
  const head = [
    `From: ${n.from ?? 'MAILER-DAEMON@mx.example.net'}`,
    'To: sender@example.org',
    `Subject: ${n.subject}`,
    'Date: Mon, 2 Mar 2026 10:00:00 +0000',
    'Message-ID: <ndr-1@mx.example.net>',
    ...(n.headers ?? []),
    'MIME-Version: 1.0',
  ];
  if (!n.returned) return Buffer.from([...head, 'Content-Type: text/plain; charset=utf-8', '', n.body].join('\n'), 'utf8');
  const b = 'BOUNDARY-1';
  return Buffer.from(
    [
      ...head,
      `Content-Type: multipart/mixed; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      n.body,
      '',
      `--${b}`,
      'Content-Type: message/rfc822',
      '',
      n.returned,
      '',
      `--${b}--`,
      '',
    ].join('\n'),
    'utf8',
  );
}

/**
 * A multipart/report: extra headers, the MTA's readable text, then its delivery-status fields, and
 * the returned message's lines (headers, an empty line, the body) when given; `opts` names another
 * Reporting-MTA and the returned part's type (text/rfc822-headers for headers only).
 */
export function report(
  headers: string[],
  text: string[],
  fields: string[],
  returned?: string[],
  opts: { reporting?: string; returnedType?: string } = {},
): Buffer {
  const b = 'REPORT-1';
  return Buffer.from(
    [
      'To: sender@example.org',
      'Date: Mon, 2 Mar 2026 10:00:00 +0000',
      'Message-ID: <ndr-2@mx.example.net>',
      ...headers,
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain; charset=us-ascii',
      '',
      ...text,
      '',
      `--${b}`,
      'Content-Type: message/delivery-status',
      '',
      `Reporting-MTA: dns; ${opts.reporting ?? 'mx.example.net'}`,
      '',
      ...fields,
      '',
      ...(returned ? [`--${b}`, `Content-Type: ${opts.returnedType ?? 'message/rfc822'}`, '', ...returned, ''] : []),
      `--${b}--`,
      '',
    ].join('\n'),
    'utf8',
  );
}

/**
 * A Postfix DSN for kim@example.org, failed, quoting `reply` as the remote's answer to `step` (its status from the
 * reply's enhanced code, else the class's X.0.0): the layout the reply-wording tests read a reply through.
 */
export function postfixDsn(reply: string, step = 'RCPT TO'): Buffer {
  const status = /^[245]\d\d[ -]([245]\.\d{1,3}\.\d{1,3})\b/.exec(reply)?.[1] ?? `${reply[0]}.0.0`;
  return report(
    ['From: MAILER-DAEMON@mta.example.com', 'Subject: Undelivered Mail Returned to Sender'],
    [
      'This is the mail system at host mta.example.com.',
      '',
      `<kim@example.org>: host mx.example.org[192.0.2.1] said: ${reply} (in reply to ${step} command)`,
    ],
    ['Final-Recipient: rfc822; kim@example.org', 'Action: failed', `Status: ${status}`, `Diagnostic-Code: smtp; ${reply}`],
  );
}

export const RETURNED = [
  'From: sender@example.org',
  'To: someone@example.com',
  'Subject: hello',
  'Message-ID: <orig-1@example.org>',
  '',
  'Hello.',
].join('\n');

/** Exim's failure notice with no DSN part: its banner, the block of each failed address, the returned message. */
export function eximNotice(block: string[], intro = 'A message that you sent could not be delivered to one or more of its'): Buffer {
  const body = [
    'This message was created automatically by mail delivery software.',
    '',
    intro,
    'recipients. This is a permanent error. The following address(es) failed:',
    '',
    ...block,
  ];
  return ndr({
    from: 'Mail Delivery System <Mailer-Daemon@mx.example.net>',
    subject: 'Mail delivery failed: returning message to sender',
    body: body.join('\n'),
    returned: RETURNED,
  });
}

export interface Expect {
  recipient: string;
  reason: string;
  status?: string;
  command?: string;
  via?: string;
}

/** The parse of an NDR, reduced to what a family test asserts. */
export function read(raw: Buffer): { via: string; kind: string; recipients: RecipientVerdict[] } {
  const p = parseMailSync(raw);
  return { via: p.via, kind: p.kind, recipients: p.recipients };
}

/** Each recipient's address and reason, in the mail's order: what most parser tests compare. */
export function rows(raw: Buffer): string[][] {
  return read(raw).recipients.map((r) => [r.address, r.reason]);
}
