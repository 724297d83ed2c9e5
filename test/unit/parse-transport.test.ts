import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { decodeBytes, decodeHeaderValue } from '../../src/parse/charset.js';
import { parseMailSync } from '../../src/parse/index.js';
import { eximNotice } from '../helpers/ndr.js';

/** The recipients as compared across transport variants: address, reason, status, action. */
function outcome(raw: Buffer): unknown {
  const p = parseMailSync(raw);
  return { kind: p.kind, recipients: p.recipients.map((r) => [r.address, r.reason, r.status, r.action]) };
}

/** A text-only notice (one text/plain part) with its text in `charset`, labeled `label` (null: no charset parameter). */
function textNotice(text: string, charset: string, label: string | null): Buffer {
  const head = [
    'From: Mail Delivery System <MAILER-DAEMON@mx.example.net>',
    'To: news@shop.example',
    'Subject: Undelivered Mail Returned to Sender',
    'Date: Mon, 3 Jun 2024 08:00:05 +0000',
    'MIME-Version: 1.0',
    `Content-Type: text/plain${label === null ? '' : `; charset=${label}`}`,
    'Content-Transfer-Encoding: 8bit',
    '',
    '',
  ].join('\n');
  return Buffer.concat([Buffer.from(head), iconv.encode(text, charset)]);
}

// Each notice's words in the language its charset serves (written for these tests).
const NOTICES: Array<[string, string[]]> = [
  ['以下のアドレスへ配信できませんでした。\n\n<taro@mail.example.jp>\n該当するユーザーは存在しません。\n', ['shift_jis', 'euc-jp']],
  ['很抱歉，您的邮件无法投递到以下收件人：\n\nwang@mail.example.cn\n原因：收件人不存在\n', ['gb18030']],
  ['很抱歉，您的郵件無法投遞到以下收件者：\n\nchen@mail.example.tw\n原因：收件者不存在\n', ['big5']],
  ['다음 수신자에게 메일을 전달하지 못했습니다.\n\npark@mail.example.kr\n존재하지 않는 사용자입니다.\n', ['euc-kr']],
  ['Ваше сообщение не может быть доставлено:\n\n  ivan@mx.example.ru\n    Пользователь не найден\n', ['windows-1251', 'koi8-r']],
  ['Nie można dostarczyć wiadomości do:\n\nnowak@mx.example.pl\nSkrzynka odbiorcy jest pełna.\n', ['iso-8859-2']],
  ['Ihre Nachricht konnte nicht zugestellt werden an:\n\nmueller@mx.example.de\nDas Postfach des Empfängers ist voll.\n', ['windows-1252']],
];

describe('a notice whose charset label is missing or oddly spelled reads as when labeled right', () => {
  for (const [text, charsets] of NOTICES) {
    for (const cs of charsets) {
      it(`${cs}, unlabeled`, () => {
        const want = outcome(textNotice(text, 'utf-8', 'utf-8'));
        expect((want as { recipients: unknown[] }).recipients).toHaveLength(1);
        expect(outcome(textNotice(text, cs, cs))).toEqual(want);
        expect(outcome(textNotice(text, cs, null))).toEqual(want);
        expect(outcome(textNotice(text, cs, 'us-ascii'))).toEqual(want);
        // A label that lies: utf-8 over the legacy bytes, a single-byte charset over UTF-8.
        expect(outcome(textNotice(text, cs, 'utf-8'))).toEqual(want);
        expect(outcome(textNotice(text, 'utf-8', 'iso-8859-1'))).toEqual(want);
        expect(outcome(textNotice(text, 'utf-8', 'windows-1252'))).toEqual(want);
      });
    }
  }

  it('decodes the labels mailers write for known charsets (x- prefixes, old names)', () => {
    const cases: Array<[string, string, string[]]> = [
      ['收件人不存在', 'gb18030', ['CN-GB', 'x-cp936', 'x-euc-cn']],
      ['收件者不存在', 'big5', ['x-big5']],
      ['存在しません', 'shift_jis', ['x-ms-cp932']],
      ['存在しません', 'euc-jp', ['ujis', 'x-euc']],
      ['존재하지 않는', 'euc-kr', ['x-windows-949', 'uhc']],
      ['pełna', 'iso-8859-2', ['iso-latin-2']],
      ['Пользователь', 'cp866', ['dos-866']],
    ];
    for (const [text, cs, labels] of cases) {
      const bytes = iconv.encode(text, cs).toString('latin1');
      for (const label of labels) expect(decodeBytes(bytes, label), label).toBe(text);
    }
  });

  it('keeps unlabeled Western European text latin1, symbols and short words included', () => {
    for (const text of [
      "Le destinataire n'a pas été trouvé, boîte à lettres pleine",
      'Größe überschritten, Empfänger unbekannt',
      'naïve façade © 2024 ½ «oui»',
      'Åsa Øvre ærlig',
      'Ä',
    ]) {
      expect(decodeBytes(Buffer.from(text, 'latin1').toString('latin1'), '')).toBe(text);
    }
  });
});

/** `inner` forwarded whole by a person, as a message/rfc822 attachment. */
function forwarded(inner: Buffer): Buffer {
  const head = [
    'From: Support <support@shop.example>',
    'To: admin@shop.example',
    'Subject: Fwd: bounce',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="fwd1"',
    '',
    '--fwd1',
    'Content-Type: text/plain',
    '',
    'See the attached bounce.',
    '',
    '--fwd1',
    'Content-Type: message/rfc822',
    '',
    '',
  ].join('\n');
  return Buffer.concat([Buffer.from(head), inner, Buffer.from('\n--fwd1--\n')]);
}

describe('a bounce forwarded whole as message/rfc822 reads as the bounce itself', () => {
  it("an MTA's text-only notice (Exim's layout, no delivery-status part)", () => {
    const exim = eximNotice([
      '  frank@hosting.example',
      '    host mx.hosting.example [198.51.100.40]',
      '    SMTP error from remote mail server after RCPT TO:<frank@hosting.example>:',
      '    552 5.2.2 The email account that you tried to reach is over quota',
    ]);
    const want = outcome(exim);
    expect(want).toMatchObject({ kind: 'bounce', recipients: [['frank@hosting.example', 'mailboxfull', '5.2.2', 'failed']] });
    expect(outcome(forwarded(exim))).toEqual(want);
  });

  it('a multipart/report without its report-type, from a sender that is no Mailer-Daemon', () => {
    const report = Buffer.from(
      [
        'From: Courier mail server at mx.shop.example <@>',
        'To: news@shop.example',
        'Subject: NOTICE: mail delivery status.',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'Your message to the following recipients cannot be delivered:',
        '',
        '<jack@far.example>:',
        '<<< 550 5.1.1 <jack@far.example>: Recipient address rejected: User unknown',
        '',
        '--b1',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.shop.example',
        '',
        'Final-Recipient: rfc822; jack@far.example',
        'Action: failed',
        'Status: 5.1.1',
        'Diagnostic-Code: smtp; 550 5.1.1 <jack@far.example>: Recipient address rejected: User unknown',
        '',
        '--b1--',
        '',
      ].join('\n'),
    );
    const want = outcome(report);
    expect(want).toMatchObject({ kind: 'bounce', recipients: [['jack@far.example', 'userunknown', '5.1.1', 'failed']] });
    expect(outcome(forwarded(report))).toEqual(want);
  });
});

describe('header values in a raw legacy charset read as their text', () => {
  it('8-bit bytes with no encoded word: Shift_JIS, EUC-JP, GBK, KOI8-R, latin1, UTF-8', () => {
    const cases: Array<[string, string]> = [
      ['配信エラー: 宛先不明', 'shift_jis'],
      ['配信エラー: 宛先不明', 'euc-jp'],
      ['系统退信: 收件人不存在', 'gbk'],
      ['退信通知', 'big5'],
      ['Недоставленное сообщение', 'koi8-r'],
      ['Unzustellbar: Empfänger', 'latin1'],
      ['Rückläufer – Empfänger', 'utf8'],
    ];
    for (const [text, cs] of cases) expect(decodeHeaderValue(iconv.encode(text, cs).toString('latin1')), cs).toBe(text);
  });

  it('raw ISO-2022-JP (7-bit escapes) and encoded words split inside a character', () => {
    // "配信" in JIS X 0208 between ISO-2022-JP's escapes.
    expect(decodeHeaderValue('\x1b$BG[?.\x1b(B (error)')).toBe('配信 (error)');
    const b = Buffer.from('配信エラー: 宛先不明', 'utf8');
    const split = `=?UTF-8?B?${b.subarray(0, 7).toString('base64')}?=\r\n =?UTF-8?B?${b.subarray(7).toString('base64')}?=`;
    expect(decodeHeaderValue(split)).toBe('配信エラー: 宛先不明');
  });
});

describe('line ends and file starts that stores write read as the mail itself', () => {
  const report = [
    'From: Mail Delivery System <MAILER-DAEMON@out.shop.example>',
    'To: news@shop.example',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    '<bob@mail.example.net>: host mx.mail.example.net[198.51.100.7] said: 550 5.1.1',
    '    <bob@mail.example.net>: User unknown (in reply to RCPT TO command)',
    '',
    '--b1',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; out.shop.example',
    '',
    'Final-Recipient: rfc822; bob@mail.example.net',
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <bob@mail.example.net>: User unknown',
    '',
    '--b1--',
    '',
  ].join('\n');
  const notice = [
    'From: MAILER-DAEMON@mail.shop.example',
    'To: news@shop.example',
    'Subject: failure notice',
    '',
    'Hi. This is the qmail-send program at mail.shop.example.',
    "I'm afraid I wasn't able to deliver your message to the following addresses.",
    "This is a permanent error; I've given up. Sorry it didn't work out.",
    '',
    '<gina@old.example>:',
    'Sorry, no mailbox here by that name. (#5.1.1)',
    '',
  ].join('\n');

  for (const [name, mail, want] of [
    ['a DSN', report, ['bob@mail.example.net', 'userunknown', '5.1.1', 'failed']],
    ['a text-only notice', notice, ['gina@old.example', 'userunknown', '5.1.1', 'failed']],
  ] as const) {
    it(`${name}: CR alone, CR CR LF, empty lines before the headers`, () => {
      const base = outcome(Buffer.from(mail));
      expect(base).toEqual({ kind: 'bounce', recipients: [want] });
      expect(outcome(Buffer.from(mail.replace(/\n/g, '\r')))).toEqual(base);
      expect(outcome(Buffer.from(mail.replace(/\n/g, '\r\r\n')))).toEqual(base);
      expect(outcome(Buffer.from('\n\n' + mail))).toEqual(base);
      expect(outcome(Buffer.from('\r\n' + mail.replace(/\n/g, '\r\n')))).toEqual(base);
    });
  }
});

describe('base64 padded block by block decodes whole', () => {
  it('a delivery-status part and its text encoded line by line, each line padded', () => {
    const lineByLine = (text: string): string =>
      text
        .split(/(?<=\n)/)
        .map((l) => Buffer.from(l).toString('base64'))
        .join('\n');
    const dsn = 'Reporting-MTA: dns; out.shop.example\n\nFinal-Recipient: rfc822; bob@mail.example.net\nAction: failed\nStatus: 5.1.1\n';
    const text = '<bob@mail.example.net>: host mx.mail.example.net said: 550 5.1.1 User unknown\n';
    const mail = (enc: (t: string) => string, cte: string): Buffer =>
      Buffer.from(
        [
          'From: Mail Delivery System <MAILER-DAEMON@out.shop.example>',
          'Subject: Undelivered Mail Returned to Sender',
          'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
          '',
          '--b1',
          'Content-Type: text/plain',
          `Content-Transfer-Encoding: ${cte}`,
          '',
          enc(text),
          '--b1',
          'Content-Type: message/delivery-status',
          `Content-Transfer-Encoding: ${cte}`,
          '',
          enc(dsn),
          '--b1--',
          '',
        ].join('\n'),
      );
    const want = outcome(mail((t) => t, '7bit'));
    expect(want).toEqual({ kind: 'bounce', recipients: [['bob@mail.example.net', 'userunknown', '5.1.1', 'failed']] });
    expect(outcome(mail(lineByLine, 'base64'))).toEqual(want);
    expect(outcome(mail((t) => Buffer.from(t).toString('base64'), 'base64'))).toEqual(want);
  });
});

describe('a bounce wrapped whole as message/rfc822', () => {
  it('names the returned message of the bounce inside, not the bounce itself', () => {
    const bounce = readFileSync(new URL('../../fixtures/bounces/real-postfix/userunknown-enh.eml', import.meta.url), 'latin1');
    const wrapped = `From: someone@example.org\r\nTo: bounces@example.com\r\nSubject: wrapped\r\nMIME-Version: 1.0\r\nContent-Type: message/rfc822\r\n\r\n${bounce}`;
    const p = parseMailSync(Buffer.from(wrapped, 'latin1'));
    expect(p.recipients.map((r) => [r.address, r.reason])).toEqual([['unknown-enh@remote.test', 'userunknown']]);
    expect(p.original.messageId).toBe('<userunknown-enh.postfix@lab.test>');
  });
});
