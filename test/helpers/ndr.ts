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

export const RETURNED = [
  'From: sender@example.org',
  'To: someone@example.com',
  'Subject: hello',
  'Message-ID: <orig-1@example.org>',
  '',
  'Hello.',
].join('\n');

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
