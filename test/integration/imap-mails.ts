// Small DSN and ARF mails of our own for the IMAP tests; each call gives a
// distinct mail (own Message-ID), so dedup by Message-ID never merges two of them.
import { randomBytes } from 'node:crypto';

const crlf = (s: string): string => s.replace(/\r?\n/g, '\r\n');

export function dsn(recipient: string, verp = 'bounce+t0k3n@bounces.example.net'): string {
  const id = randomBytes(6).toString('hex');
  return crlf(`Return-Path: <>
X-Original-To: ${verp}
Delivered-To: bounce@bounces.example.net
From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: ${verp}
Subject: Undelivered Mail Returned to Sender
Date: Tue, 03 Mar 2026 10:00:00 +0000
Message-ID: <dsn-${id}@mx.example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b-${id}"

--b-${id}
Content-Type: text/plain; charset=us-ascii

Your message could not be delivered to ${recipient}.

--b-${id}
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org
Arrival-Date: Tue, 03 Mar 2026 09:59:58 +0000

Final-Recipient: rfc822; ${recipient}
Action: failed
Status: 5.1.1
Remote-MTA: dns; in.example.com
Diagnostic-Code: smtp; 550 5.1.1 <${recipient}>: mailbox unknown

--b-${id}
Content-Type: text/rfc822-headers

From: news@sender.example.net
To: ${recipient}
Subject: Our March letter
Message-ID: <orig-${id}@sender.example.net>

--b-${id}--
`);
}

export function arf(complainant: string): string {
  const id = randomBytes(6).toString('hex');
  return crlf(`Delivered-To: fbl@sender.example.net
From: Feedback Loop <fbl@isp.example.com>
To: fbl@sender.example.net
Subject: Abuse report
Date: Tue, 03 Mar 2026 11:00:00 +0000
Message-ID: <arf-${id}@isp.example.com>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=feedback-report; boundary="f-${id}"

--f-${id}
Content-Type: text/plain; charset=us-ascii

A user of ours marked your message as spam.

--f-${id}
Content-Type: message/feedback-report

Feedback-Type: abuse
User-Agent: ExampleFBL/1.0
Version: 1
Original-Rcpt-To: ${complainant}
Arrival-Date: Tue, 03 Mar 2026 10:30:00 +0000

--f-${id}
Content-Type: message/rfc822

From: news@sender.example.net
To: ${complainant}
Subject: Our March letter
Message-ID: <orig-${id}@sender.example.net>

Hello.

--f-${id}--
`);
}
