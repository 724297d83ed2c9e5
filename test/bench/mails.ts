// A realistic mix of inbound mail for the benchmark, generated (never copied
// from the corpus): RFC 3464 DSNs laid out as Postfix, Exchange and Gmail do,
// plain-text NDRs of qmail and Exim, ARF complaints, auto-replies, and about
// 10 % mails no reader knows. 1–3 recipients per bounce; addresses drawn from a
// pool, so that some addresses see several events (soft counts, transitions).

import { prng } from '../helpers/prng.js';

export interface BenchMail {
  from: string;
  to: string[];
  /** CRLF lines, no line starting with a dot: ready for DATA. */
  body: Buffer;
  kind: 'bounce' | 'complaint' | 'auto-reply' | 'unknown';
}

const DOMAINS = [
  'gmail.example',
  'yahoo.example',
  'outlook.example',
  'orange.example',
  'web.example',
  'corp-a.example',
  'corp-b.example',
  'isp.example.jp',
];

interface Failure {
  status: string;
  diag: (a: string) => string;
  weight: number;
}

const FAILURES: Failure[] = [
  { weight: 30, status: '5.1.1', diag: (a) => `550 5.1.1 <${a}>: Recipient address rejected: User unknown in virtual mailbox table` },
  {
    weight: 10,
    status: '5.1.1',
    diag: (a) =>
      `550-5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos. ${a} https://support.google.com/mail/?p=NoSuchUser`,
  },
  { weight: 12, status: '4.2.2', diag: () => '452 4.2.2 Mailbox full: quota exceeded (id 8812)' },
  { weight: 6, status: '5.2.2', diag: (a) => `552 5.2.2 <${a}> Mailbox is full / Blocks limit exceeded / Inode limit exceeded` },
  { weight: 6, status: '5.7.1', diag: () => '554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org' },
  {
    weight: 4,
    status: '5.7.26',
    diag: () => '550 5.7.26 This message does not pass authentication checks (SPF and DKIM both do not pass).',
  },
  { weight: 5, status: '4.7.0', diag: () => '421 4.7.0 [TSS04] Messages from 203.0.113.9 temporarily deferred due to user complaints' },
  {
    weight: 5,
    status: '5.4.4',
    diag: (a) => `Host or domain name not found. Name service error for name=${a.split('@')[1]} type=MX: Host not found`,
  },
  { weight: 4, status: '5.2.1', diag: () => '550 5.2.1 The email account that you tried to reach is disabled.' },
  {
    weight: 3,
    status: '4.4.7',
    diag: () => 'delivery temporarily suspended: connect to mx.example[198.51.100.7]:25: Connection timed out',
  },
  { weight: 2, status: '5.3.4', diag: () => '552 5.3.4 Message size exceeds fixed maximum message size' },
];

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
function weighted(r: () => number): Failure {
  const total = FAILURES.reduce((n, f) => n + f.weight, 0);
  let x = r() * total;
  for (const f of FAILURES) if ((x -= f.weight) < 0) return f;
  return FAILURES[0] as Failure;
}

const hex = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');
const date = (d: Date) => d.toUTCString().replace('GMT', '+0000');
const crlf = (lines: string[]) => Buffer.from(`${lines.join('\r\n')}\r\n`.replace(/\r\n\./g, '\r\n..'), 'utf8');

export function mailFactory(seed: number, opts: { bounceDomain: string; addresses: number }) {
  const r = prng(seed);
  let n = 0;
  const address = () => `user${Math.floor(r() * opts.addresses)}@${pick(r, DOMAINS)}`;
  const recipients = () => Array.from({ length: 1 + Math.floor(r() * r() * 3) }, address);

  const originalHeaders = (to: string, id: string, when: string) => [
    'From: News <news@sender.example>',
    `To: ${to}`,
    'Subject: Our November offers',
    `Message-ID: <${id}@news.sender.example>`,
    `Date: ${when}`,
    `X-Delivery-Id: d${id.slice(0, 10)}`,
  ];

  function dsn(style: 'postfix' | 'exchange' | 'gmail', rcpts: string[]): Buffer {
    const b = `----=_b${hex(r, 12)}`;
    const when = date(new Date(Date.now() - Math.floor(r() * 3_600_000)));
    const mta = style === 'gmail' ? 'mail-sor-f41.google.example' : style === 'exchange' ? 'EX01.corp.example' : 'mx1.sender.example';
    const fails = rcpts.map((a) => ({ a, f: weighted(r), delayed: r() < 0.08 }));
    const id = hex(r, 16);
    const head = [
      `Received: from ${mta} (${mta} [192.0.2.${1 + Math.floor(r() * 250)}]) by mx.${opts.bounceDomain}; ${when}`,
      `Date: ${when}`,
      style === 'gmail'
        ? 'From: Mail Delivery Subsystem <mailer-daemon@googlemail.example>'
        : `From: MAILER-DAEMON@${mta} (Mail Delivery System)`,
      `Subject: ${style === 'gmail' ? 'Delivery Status Notification (Failure)' : style === 'exchange' ? 'Undeliverable: Our November offers' : 'Undelivered Mail Returned to Sender'}`,
      `To: <b+${id}@${opts.bounceDomain}>`,
      'Auto-Submitted: auto-replied',
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=delivery-status; boundary="${b}"`,
      `Message-ID: <${hex(r, 20)}@${mta}>`,
      ...(style === 'exchange' ? ['X-MS-Exchange-Message-Is-Ndr:', 'Content-Language: en-US'] : []),
    ];
    const human =
      style === 'exchange'
        ? [
            'Delivery has failed to these recipients or groups:',
            '',
            ...fails.map(({ a }) => `${a}`),
            "The email address you entered couldn't be found.",
            '',
            'Diagnostic information for administrators:',
            `Generating server: ${mta}`,
            ...fails.map(({ a, f }) => `${a}\r\nRemote Server returned '${f.diag(a)}'`),
          ]
        : style === 'gmail'
          ? [
              '** Address not found **',
              '',
              ...fails.map(
                ({ a }) => `Your message wasn't delivered to ${a} because the address couldn't be found, or is unable to receive mail.`,
              ),
              '',
              'The response from the remote server was:',
              ...fails.map(({ a, f }) => f.diag(a)),
            ]
          : [
              `This is the mail system at host ${mta}.`,
              '',
              "I'm sorry to have to inform you that your message could not",
              "be delivered to one or more recipients. It's attached below.",
              '',
              ...fails.map(({ a, f }) => `<${a}>: host mx.${a.split('@')[1]} said: ${f.diag(a)}`),
            ];
    const fields = fails.flatMap(({ a, f, delayed }) => [
      '',
      `Final-Recipient: rfc822; ${a}`,
      `Original-Recipient: rfc822;${a}`,
      `Action: ${delayed ? 'delayed' : 'failed'}`,
      `Status: ${delayed ? `4${f.status.slice(1)}` : f.status}`,
      `Remote-MTA: dns; mx.${a.split('@')[1]}`,
      `Diagnostic-Code: smtp; ${f.diag(a)}`,
      `Last-Attempt-Date: ${when}`,
    ]);
    return crlf([
      ...head,
      '',
      'This is a MIME-encapsulated message.',
      '',
      `--${b}`,
      'Content-Description: Notification',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      ...human,
      '',
      `--${b}`,
      'Content-Description: Delivery report',
      'Content-Type: message/delivery-status',
      '',
      `Reporting-MTA: dns; ${mta}`,
      `X-Postfix-Queue-ID: ${hex(r, 10).toUpperCase()}`,
      `Arrival-Date: ${when}`,
      ...fields,
      '',
      `--${b}`,
      'Content-Description: Undelivered Message Headers',
      'Content-Type: text/rfc822-headers',
      '',
      ...originalHeaders(rcpts[0] ?? '', id, when),
      '',
      `--${b}--`,
    ]);
  }

  function qmail(rcpts: string[]): Buffer {
    const when = date(new Date());
    const id = hex(r, 16);
    return crlf([
      `Date: ${when}`,
      `From: MAILER-DAEMON@mail.isp.example`,
      `To: b+${id}@${opts.bounceDomain}`,
      'Subject: failure notice',
      `Message-ID: <${hex(r, 20)}@mail.isp.example>`,
      '',
      'Hi. This is the qmail-send program at mail.isp.example.',
      "I'm afraid I wasn't able to deliver your message to the following addresses.",
      "This is a permanent error; I've given up. Sorry it didn't work out.",
      '',
      ...rcpts.flatMap((a) => {
        const f = weighted(r);
        return [`<${a}>:`, `${f.diag(a)}`, ''];
      }),
      '--- Below this line is a copy of the message.',
      '',
      ...originalHeaders(rcpts[0] ?? '', id, when),
      '',
      'Hello,',
      'our offers...',
    ]);
  }

  function exim(rcpts: string[]): Buffer {
    const when = date(new Date());
    const id = hex(r, 16);
    return crlf([
      `Date: ${when}`,
      'From: Mail Delivery System <Mailer-Daemon@relay.web.example>',
      `To: b+${id}@${opts.bounceDomain}`,
      'Subject: Mail delivery failed: returning message to sender',
      'Auto-Submitted: auto-replied',
      `Message-Id: <E1${hex(r, 14)}@relay.web.example>`,
      '',
      'This message was created automatically by mail delivery software.',
      '',
      'A message that you sent could not be delivered to one or more of its',
      'recipients. This is a permanent error. The following address(es) failed:',
      '',
      ...rcpts.flatMap((a) => {
        const f = weighted(r);
        return [
          `  ${a}`,
          `    host mx.${a.split('@')[1]} [198.51.100.20]`,
          `    SMTP error from remote mail server after RCPT TO:<${a}>:`,
          `    ${f.diag(a)}`,
        ];
      }),
      '',
      '------ This is a copy of the message, including all the headers. ------',
      '',
      ...originalHeaders(rcpts[0] ?? '', id, when),
      '',
      'Hello,',
    ]);
  }

  function complaint(): Buffer {
    const b = `arf_${hex(r, 10)}`;
    const a = address();
    const when = date(new Date());
    const id = hex(r, 16);
    return crlf([
      `Date: ${when}`,
      'From: staff@fbl.yahoo.example',
      `To: fbl+${id}@${opts.bounceDomain}`,
      'Subject: FW: Our November offers',
      `Message-ID: <${hex(r, 20)}@fbl.yahoo.example>`,
      'MIME-Version: 1.0',
      `Content-Type: multipart/report; report-type=feedback-report; boundary="${b}"`,
      '',
      `--${b}`,
      'Content-Type: text/plain',
      '',
      'This is an email abuse report for an email message received from IP 192.0.2.9.',
      '',
      `--${b}`,
      'Content-Type: message/feedback-report',
      '',
      'Feedback-Type: abuse',
      'User-Agent: Yahoo!-Mail-Feedback/1.0',
      'Version: 1',
      'Original-Mail-From: <news@sender.example>',
      `Original-Rcpt-To: <${a}>`,
      `Arrival-Date: ${when}`,
      'Source-IP: 192.0.2.9',
      '',
      `--${b}`,
      'Content-Type: message/rfc822',
      '',
      ...originalHeaders(a, id, when),
      '',
      'Hello,',
      `--${b}--`,
    ]);
  }

  function autoReply(): Buffer {
    const a = address();
    const when = date(new Date());
    return crlf([
      `Date: ${when}`,
      `From: ${a}`,
      `To: b+${hex(r, 16)}@${opts.bounceDomain}`,
      `Subject: ${pick(r, ['Out of Office: Our November offers', 'Automatic reply: Our November offers', 'Abwesenheitsnotiz', 'Réponse automatique'])}`,
      'Auto-Submitted: auto-replied',
      'X-Autoreply: yes',
      `Message-ID: <${hex(r, 20)}@${a.split('@')[1]}>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'I am out of the office until Monday with limited access to email.',
      'For urgent matters please contact my colleague.',
    ]);
  }

  function unknownText(): Buffer {
    const a = address();
    return crlf([
      `Date: ${date(new Date())}`,
      `From: ${a}`,
      `To: b+${hex(r, 16)}@${opts.bounceDomain}`,
      `Subject: ${pick(r, ['Re: Our November offers', 'question about my order', 'unsubscribe', 'Hello'])}`,
      `Message-ID: <${hex(r, 20)}@${a.split('@')[1]}>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      pick(r, [
        'Please remove me from this list.',
        'Where is my parcel? Order #' + hex(r, 6),
        'Thanks, see you soon.',
        'Can you call me back tomorrow?',
      ]),
      '',
      '> On Monday you wrote:',
      '> Our November offers',
    ]);
  }

  return function next(): BenchMail {
    n++;
    const x = r();
    const from = '';
    const to = [`b+${n}@${opts.bounceDomain}`];
    if (x < 0.1) return { from, to, body: unknownText(), kind: 'unknown' };
    if (x < 0.17) return { from, to, body: complaint(), kind: 'complaint' };
    if (x < 0.25) return { from, to, body: autoReply(), kind: 'auto-reply' };
    const rc = recipients();
    const style = r();
    const body =
      style < 0.35
        ? dsn('postfix', rc)
        : style < 0.55
          ? dsn('exchange', rc)
          : style < 0.75
            ? dsn('gmail', rc)
            : style < 0.88
              ? qmail(rc)
              : exim(rc);
    return { from, to, body, kind: 'bounce' };
  };
}
