// The generic reader on layouts no family reader knows (docs/parser-generalisation.md, "Generic reading of
// unknown layouts"): a known system's notice in a language its reader does not know, the answer away from the
// address, the only quoted answer above the recipient. Each row is a whole synthetic notice.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

/** An RFC 2047 encoded word: localised subjects travel encoded. */
const ew = (s: string): string => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

const OUTLOOK = 'Microsoft Outlook <postmaster@example.com>';
const RETURNED = 'From: sender@example.org\nTo: bob@example.com\nSubject: Offer\nMessage-ID: <orig-1@example.org>\n\nHello.';

interface Row {
  name: string;
  from?: string;
  subject: string;
  body: string[];
  /** address, status, reason, reply code */
  want: readonly [string, string, string, string];
}

function check(rows: readonly Row[]): void {
  for (const r of rows) {
    it(r.name, () => {
      const got = read(ndr({ from: r.from, subject: r.subject, body: r.body.join('\n'), returned: RETURNED }));
      expect(got.kind).toBe('bounce');
      expect(got.recipients.map((x) => [x.address, x.status, x.reason, x.replyCode])).toEqual([r.want]);
    });
  }
}

/** Exchange 2010-2016's notice, its headings in a language the Exchange reader does not know. */
function exchange(sentence: string, part: string, server: string, answer: string): string[] {
  const a = 'bob@example.com';
  return [
    sentence,
    '',
    a,
    '',
    '',
    part,
    '',
    '',
    `${server} MBX01.example.com`,
    a,
    answer,
    '',
    'Original message headers:',
    '',
    'Received: from x',
  ];
}

describe("Exchange's notice in a language no reader knows: the answer under the address repeated for administrators", () => {
  const langs: ReadonlyArray<readonly [string, string, string, string]> = [
    [
      'Μη παραδοτέο: Offer',
      'Το μήνυμά σας δεν ήταν δυνατό να παραδοθεί.',
      'Διαγνωστικές πληροφορίες για διαχειριστές:',
      'Διακομιστής δημιουργίας:',
    ],
    ['לא ניתן למסור: Offer', 'לא ניתן היה למסור את ההודעה שלך לנמען.', 'מידע אבחון עבור מנהלי מערכת:', 'שרת יוצר:'],
    ['غير قابل للتسليم: Offer', 'تعذر تسليم رسالتك إلى المستلم.', 'معلومات التشخيص للمسؤولين:', 'خادم الإنشاء:'],
    ['ไม่สามารถส่งได้: Offer', 'ไม่สามารถส่งข้อความของคุณไปยังผู้รับได้', 'ข้อมูลการวินิจฉัยสำหรับผู้ดูแลระบบ:', 'เซิร์ฟเวอร์ที่สร้าง:'],
    ['Không thể gửi: Offer', 'Không thể gửi thư của bạn tới người nhận.', 'Thông tin chẩn đoán dành cho người quản trị:', 'Máy chủ tạo:'],
    [
      'Tidak Terkirim: Offer',
      'Pesan Anda tidak dapat dikirim ke penerima.',
      'Informasi diagnostik untuk administrator:',
      'Server pembuat:',
    ],
    [
      'Nelivrabil: Offer',
      'Mesajul nu a putut fi livrat destinatarului.',
      'Informații de diagnosticare pentru administratori:',
      'Server generator:',
    ],
  ];
  check(
    langs.flatMap(([subject, sentence, part, server]): Row[] => [
      {
        name: `${part} RESOLVER`,
        from: OUTLOOK,
        subject: ew(subject),
        body: exchange(sentence, part, server, '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##'),
        want: ['bob@example.com', '5.1.1', 'userunknown', '550'],
      },
      {
        name: `${part} remote`,
        from: OUTLOOK,
        subject: ew(subject),
        body: exchange(sentence, part, server, 'mx.example.com #552 5.2.2 mailbox full ##'),
        want: ['bob@example.com', '5.2.2', 'mailboxfull', '552'],
      },
    ]),
  );
  check([
    {
      name: "Exchange 2003's list with \"Remote Server returned '552 ...'\" under Hebrew headings",
      from: 'System Administrator <postmaster@example.com>',
      subject: ew('לא ניתן למסור: Offer'),
      body: [
        'ההודעה שלך לא הגיעה לחלק מהנמענים או לכולם.',
        '',
        '      נושא:   Offer',
        '',
        'לא ניתן היה להגיע לנמענים הבאים:',
        '',
        "      'bob@example.com' ב- 2/3/2026 10:00",
        "            Remote Server returned '552 5.2.2 <bob@example.com>: Mailbox full'",
      ],
      want: ['bob@example.com', '5.2.2', 'mailboxfull', '552'],
    },
  ]);
});

describe("the notice's one answer above its one recipient", () => {
  check([
    {
      name: 'Reason: then Recipient: on its own line',
      subject: 'Delivery failure',
      body: ['Delivery failed permanently.', '', 'Reason: 552 5.2.2 Mailbox full', 'Recipient:', 'bob@example.com', '', 'Regards'],
      want: ['bob@example.com', '5.2.2', 'mailboxfull', '552'],
    },
    {
      name: 'a table with its Reason row first',
      subject: 'Undelivered Mail',
      body: ['Delivery report', '', 'Reason: 550 5.1.1 No such user', 'Recipient: bob@example.com', '', 'Thank you.'],
      want: ['bob@example.com', '5.1.1', 'userunknown', '550'],
    },
    {
      name: '"host x[ip] said:" above "Recipient: <a@b>"',
      subject: 'Mail delivery failed',
      body: ['Error: host mx.example.com[192.0.2.7] said: 550 5.1.1 unknown user', 'Recipient: <bob@example.com>'],
      want: ['bob@example.com', '5.1.1', 'userunknown', '550'],
    },
  ]);
});

describe("a quoted transcript's refusal after its positive replies", () => {
  check([
    {
      name: '">>> DATA" refused after "<<< 250 2.1.5 Ok"',
      subject: 'Returned mail: see transcript',
      body: [
        'The message could not be delivered to bob@example.com.',
        '',
        '>>> MAIL FROM:<sender@example.org>',
        '<<< 250 2.1.0 Ok',
        '>>> RCPT TO:<bob@example.com>',
        '<<< 250 2.1.5 Ok',
        '>>> DATA',
        '<<< 354 Go ahead',
        '<<< 554 5.7.1 Message rejected as spam by content filter',
      ],
      want: ['bob@example.com', '5.7.1', 'spamdetected', '554'],
    },
  ]);
});

describe('the answer in the subject alone', () => {
  check([
    {
      name: 'status and wording in the subject, the address after them',
      subject: 'Undeliverable (5.2.2 mailbox full): bob@example.com',
      body: ['Your message could not be delivered.', '', 'Please try again later.'],
      want: ['bob@example.com', '5.2.2', 'mailboxfull', ''],
    },
    {
      name: 'the reply in the subject, the recipient the returned To',
      subject: 'Delivery failed: 550 5.1.1 user unknown',
      body: ['Your message could not be delivered.'],
      want: ['bob@example.com', '5.1.1', 'userunknown', '550'],
    },
  ]);
});

describe('one reply a line, the recipient last', () => {
  const body = ['Delivery failed:', '', '550 5.1.1 User unknown: <bob@example.com>', '552 5.2.2 Mailbox full: <carol@example.net>', ''];
  it('each recipient gets the reply on its own line', () => {
    const got = read(ndr({ subject: 'Delivery failure', body: body.join('\n'), returned: RETURNED }));
    expect(got.recipients.map((x) => [x.address, x.status, x.reason, x.replyCode])).toEqual([
      ['bob@example.com', '5.1.1', 'userunknown', '550'],
      ['carol@example.net', '5.2.2', 'mailboxfull', '552'],
    ]);
  });
});

describe("a relay's preface above a notice forwarded inline", () => {
  check([
    {
      name: 'the notice under "---------- Forwarded message ----------"',
      from: 'relay@mx.example.net',
      subject: 'Fw: Undeliverable: Offer',
      body: [
        'Forwarded by the relay at mx.example.net.',
        '',
        '---------- Forwarded message ----------',
        'From: postmaster@example.com',
        'Subject: Undeliverable: Offer',
        '',
        'Delivery has failed to these recipients:',
        '',
        'bob@example.com',
        '550 5.1.1 User unknown',
      ],
      want: ['bob@example.com', '5.1.1', 'userunknown', '550'],
    },
  ]);
});

describe('each answer right above its address', () => {
  const body = [
    'Delivery failed:',
    '',
    '550 5.1.1 User unknown',
    '   bob@example.com',
    '',
    '552 5.2.2 Mailbox full',
    '   carol@example.net',
    '',
  ];
  it("the answer above is the address's own, not the next paragraph's", () => {
    const got = read(ndr({ subject: 'Delivery failure', body: body.join('\n'), returned: RETURNED }));
    expect(got.recipients.map((x) => [x.address, x.status, x.reason, x.replyCode])).toEqual([
      ['bob@example.com', '5.1.1', 'userunknown', '550'],
      ['carol@example.net', '5.2.2', 'mailboxfull', '552'],
    ]);
  });
});

describe("a transcript below the list names the step of the recipient's answer (Sendmail's layout in other words)", () => {
  // Sendmail's clones and MTAs that copy its notice under other headings: the list gives "(reason: ...)",
  // the session below it the command that answer replied to.
  const notice = (session: string[], reason: string): string[] => [
    'Your message could not be delivered.',
    '',
    '=== Failed recipients ===',
    '<bob@example.com>',
    `    (reason: ${reason})`,
    '',
    '=== Session ===',
    '... while talking to mx.example.com.:',
    ...session,
  ];
  check([
    {
      name: 'an unknown-user answer to DATA is a filter, not a dead address',
      subject: 'Returned mail: see transcript for details',
      body: notice(
        ['>>> DATA', '<<< 550 Unknown user bob@example.com', '554 5.0.0 Service unavailable'],
        '550 Unknown user bob@example.com',
      ),
      want: ['bob@example.com', '5.0.910', 'filtered', '550'],
    },
    {
      name: 'the same answer to RCPT is a dead address',
      subject: 'Returned mail: see transcript for details',
      body: notice(['>>> RCPT To:<bob@example.com>', '<<< 550 Unknown user bob@example.com'], '550 Unknown user bob@example.com'),
      want: ['bob@example.com', '5.0.911', 'userunknown', '550'],
    },
  ]);
  it("a session that refused another recipient first still names this answer's own step, as Sendmail's reader reads it", () => {
    const body = notice(
      ['>>> RCPT To:<carol@example.com>', '<<< 452 Too many recipients', '>>> DATA', '<<< 550 Unknown user bob@example.com'],
      '550 Unknown user bob@example.com',
    );
    const got = read(ndr({ subject: 'Returned mail: see transcript for details', body: body.join('\n'), returned: RETURNED }));
    const bob = got.recipients.find((x) => x.address === 'bob@example.com');
    expect([bob?.status, bob?.reason, bob?.replyCode]).toEqual(['5.0.910', 'filtered', '550']);
  });
});
