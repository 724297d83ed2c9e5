// Bounces from Japanese mobile carriers (NTT docomo, au / KDDI, SoftBank, Y!mobile, Rakuten Mobile) and ISPs
// (BIGLOBE, nifty, OCN, So-net, Yahoo! JAPAN, plala, eonet, ODN...): their replies in Japanese and English
// through a Postfix DSN, and the Japanese notices of their own MTAs (docs/parser-generalisation.md, "Japanese
// carriers and ISPs"). Every row is written for this project; whole notices in ISO-2022-JP, Shift_JIS and UTF-8
// are in fixtures/bounces/japan/.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { ndr, read, report } from '../helpers/ndr.js';

/** A Postfix DSN carrying `reply` from `host` for `rcpt`, answered to `cmd`. */
function postfix(rcpt: string, host: string, reply: string, status: string, cmd: 'RCPT TO' | 'end of DATA' | 'MAIL FROM'): Buffer {
  return report(
    ['From: MAILER-DAEMON@mx.example.net (Mail Delivery System)', 'Subject: Undelivered Mail Returned to Sender'],
    [
      'This is the mail system at host mx.example.net.',
      '',
      "I'm sorry to have to inform you that your message could not",
      'be delivered to one or more recipients.',
      '',
      `<${rcpt}>: host ${host}[192.0.2.10] said: ${reply} (in reply to ${cmd} command)`,
    ],
    [
      `Final-Recipient: rfc822; ${rcpt}`,
      'Action: failed',
      `Status: ${status}`,
      `Remote-MTA: dns; ${host}`,
      `Diagnostic-Code: smtp; ${reply}`,
    ],
  );
}

type Row = readonly [reply: string, status: string, cmd: 'RCPT TO' | 'end of DATA' | 'MAIL FROM', reason: string];

function rows(rcpt: string, host: string, list: readonly Row[]): void {
  for (const [reply, status, cmd, reason] of list) {
    it(`${reply} → ${reason}`, () => {
      const got = read(postfix(rcpt, host, reply, status, cmd));
      expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([[rcpt, reason]]);
    });
  }
}

describe("the recipient's own reception settings (受信拒否設定, 指定受信, 迷惑メール設定): filtered", () => {
  rows('user1@softbank.ne.jp', 'mx.softbank.ne.jp', [
    ['550 受信拒否設定により受信できません', '5.0.0', 'end of DATA', 'filtered'],
    ['550 指定受信設定により受信を拒否しました', '5.0.0', 'end of DATA', 'filtered'],
    ['550 受信者のドメイン指定受信により受信できません', '5.0.0', 'RCPT TO', 'filtered'],
    // A 5.7.1 names only a class: the words say whose choice it was.
    ['550 5.7.1 受信者の迷惑メール設定により拒否されました', '5.7.1', 'end of DATA', 'filtered'],
    ['550 5.7.1 受信者の設定により受信が拒否されました', '5.7.1', 'end of DATA', 'filtered'],
  ]);
  rows('user1@i.softbank.jp', 'mx.i.softbank.jp', [
    // The carriers' English for the same: a qualifier before "settings", "denied", "has refused to receive".
    ["550 5.7.1 Rejected by the recipient's reception settings", '5.7.1', 'end of DATA', 'filtered'],
    ["550 Message refused by recipient's email settings", '5.0.0', 'end of DATA', 'filtered'],
    ["550 Denied by the recipient's domain filter setting", '5.0.0', 'end of DATA', 'filtered'],
    ['550 5.7.1 The recipient has refused to receive mail from your address', '5.7.1', 'RCPT TO', 'filtered'],
  ]);
  it('a spam verdict on the message stays spamdetected', () => {
    const got = read(
      postfix('ken@ocn.ne.jp', 'mx.ocn.ne.jp', '550 5.7.1 迷惑メールと判定されたため受信を拒否しました', '5.7.1', 'end of DATA'),
    );
    expect(got.recipients[0]?.reason).toBe('spamdetected');
  });
});

describe("the Japanese ISPs' other wordings", () => {
  rows('ken@isp.example.jp', 'mx.isp.example.jp', [
    ['550 受信者が見つかりません', '5.0.0', 'RCPT TO', 'userunknown'],
    ['550 そのようなメールアドレスはありません', '5.0.0', 'RCPT TO', 'userunknown'],
    ['552 5.2.2 メールボックスが一杯です', '5.2.2', 'RCPT TO', 'mailboxfull'],
    ['452 メールボックスの容量制限を超えたため受信できません', '4.0.0', 'RCPT TO', 'mailboxfull'],
    ['552 メール保存容量が上限に達しています', '5.0.0', 'end of DATA', 'mailboxfull'],
    // "552" alone would say a full mailbox: the size words decide.
    ['552 メッセージサイズが制限値を超えています', '5.0.0', 'end of DATA', 'mesgtoobig'],
    ['552 受信可能なメールサイズを超えています', '5.0.0', 'end of DATA', 'mesgtoobig'],
    ['552 メールの容量が大きすぎるため配信できませんでした', '5.0.0', 'end of DATA', 'mesgtoobig'],
    ['550 このアカウントは現在使用できません', '5.0.0', 'RCPT TO', 'suspend'],
    // Rate limits: a temporary X.7.x names only a class.
    ['421 4.7.0 短時間に大量のメールを受信したため一時的に受信を制限しています', '4.7.0', 'MAIL FROM', 'speeding'],
    ['450 4.7.1 送信数が多すぎます。しばらくしてから再送してください', '4.7.1', 'RCPT TO', 'speeding'],
    ['421 4.7.0 Too many mails, please try again later', '4.7.0', 'RCPT TO', 'speeding'],
  ]);
});

describe('docomo\'s "Unknown user", said for a dead address and for the recipient\'s refusal settings', () => {
  const body = (why: string): string =>
    [
      'お客様が送信されたメールは、以下の宛先に配送できませんでした。',
      '',
      '宛先：ken@docomo.ne.jp',
      `理由：${why}`,
      '',
      '----- エラー詳細 -----',
      '550 Unknown user ken@docomo.ne.jp',
    ].join('\n');
  it('a notice naming the reception settings beside it: filtered', () => {
    const got = read(ndr({ subject: 'メール配送エラー', body: body('受信者の受信拒否設定により受信が拒否されました。') }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['ken@docomo.ne.jp', 'filtered']]);
  });
  it('without them, the address refused itself: userunknown', () => {
    const got = read(ndr({ subject: 'メール配送エラー', body: body('宛先のメールアドレスが存在しません。') }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['ken@docomo.ne.jp', 'userunknown']]);
  });
});

describe("the Japanese notices' subjects and sentences, with only a 4xx answer", () => {
  for (const subject of ['メール配送エラー', '配送不能のお知らせ', '【配送失敗】']) {
    it(`${subject}: a bounce`, () => {
      const body = ['以下の宛先へのメールは配送できませんでした。', '', '宛先：ken@au.com', '', '421 4.7.0 Too many mails'].join('\n');
      const got = read(ndr({ subject: `=?UTF-8?B?${Buffer.from(subject).toString('base64')}?=`, body }));
      expect(got.kind).toBe('bounce');
      expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['ken@au.com', 'speeding']]);
    });
  }
  it('a shop\'s shipping notice ("配送のお知らせ") from an ordinary sender is no bounce', () => {
    const raw = ndr({
      from: 'shop@shop.example.jp',
      subject: '配送のお知らせ',
      body: 'ご注文の商品を発送しました。\nお届け予定日：12月9日',
    });
    expect(read(raw).kind).not.toBe('bounce');
  });
});

describe('a final notice whose time ran out, quoting a 4xx answer', () => {
  const cases: ReadonlyArray<readonly [string, string]> = [
    ['Your message could not be delivered within 72 hours and has been returned.', 'Reason: 421 4.4.2 Connection timed out'],
    ['Your message could not be delivered to the following address.', 'Message expired: 421 4.4.2 Connection timed out'],
    ['一定時間内に配送できなかったため、メールを返送しました。', '421 4.4.2 Connection timed out'],
    ['以下の宛先に配送できませんでした。理由：配送期限切れ', '421 4.4.2 Connection timed out'],
  ];
  for (const [sentence, answer] of cases) {
    it(`${sentence} → failed, expired`, () => {
      const got = read(ndr({ subject: 'Undeliverable mail', body: [sentence, '', 'Recipient: ken@so-net.ne.jp', answer].join('\n') }));
      expect(got.recipients.map((r) => [r.address, r.action, r.reason])).toEqual([['ken@so-net.ne.jp', 'failed', 'expired']]);
    });
  }
  it('a warning that still tries stays delayed', () => {
    const body = [
      'Your message has not yet been delivered. Delivery attempts will continue.',
      '',
      'Recipient: ken@so-net.ne.jp',
      '421 4.4.2 Connection timed out',
    ].join('\n');
    const got = read(ndr({ subject: 'Delayed mail', body }));
    expect(got.recipients.map((r) => r.action)).toEqual(['delayed']);
  });
});

describe("au's EZweb notice whose From and Subject a site changed", () => {
  const rule = '-'.repeat(50);
  const notice = (sentence: string): Buffer =>
    ndr({
      from: 'MAILER-DAEMON@ezweb.ne.jp',
      subject: 'Returned mail',
      headers: ['Received: from ezweb.ne.jp (EZweb Mail) with ESMTP id 4A1B2C3D', 'Message-ID: <20261207100000.A1B2C3@lsean.ezweb.ne.jp>'],
      body: [
        sentence,
        '',
        '<jiro@ezweb.ne.jp>: 550 user unknown',
        '',
        rule,
        'From: news@example.org',
        'To: jiro@ezweb.ne.jp',
        '',
        'Hello',
      ].join('\n'),
    });
  const rows: ReadonlyArray<readonly [string, string]> = [
    ['The user(s) account is disabled.', 'suspend'],
    ['The user(s) account is temporarily over quota.', 'mailboxfull'],
    ['Your message was not delivered within 1 days and 0 hours.\nRemote host is not responding.', 'expired'],
  ];
  for (const [sentence, reason] of rows) {
    it(`${sentence.split('\n')[0]} → ${reason}`, () => {
      const got = read(notice(sentence));
      expect([got.via, got.recipients.map((r) => [r.address, r.reason])]).toEqual(['ezweb', [['jiro@ezweb.ne.jp', reason]]]);
    });
  }
  it("au's Received line alone, without one of its sentences, is no EZweb notice", () => {
    const got = read(
      ndr({
        subject: 'Undelivered Mail Returned to Sender',
        headers: ['Received: from msmx.au.com (msmx.au.com [203.0.113.7])', 'Message-ID: <20261207.1@msmx.au.com>'],
        body: '<jiro@au.com>: host mx.example.net[192.0.2.1] said: 550 5.1.1 User unknown (in reply to RCPT TO command)',
      }),
    );
    expect(got.via).not.toBe('ezweb');
  });
});

describe("EZweb's layout when no reader knows it (the generic reading)", () => {
  const rule = '-'.repeat(50);
  const notice = (sentence: string, after = ''): Buffer =>
    ndr({
      from: 'MAILER-DAEMON@gw.example.jp',
      subject: 'Returned mail',
      body: [
        sentence,
        '',
        '<jiro@ezweb.ne.jp>:',
        after,
        rule,
        'From: news@example.org',
        'To: jiro@ezweb.ne.jp',
        'Message-ID: <news-7@example.org>',
        '',
        'Hello',
      ].join('\n'),
    });
  it("the address alone on its line takes the notice's sentence above it", () => {
    const got = read(notice('The user(s) account is temporarily over quota.'));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['jiro@ezweb.ne.jp', 'mailboxfull']]);
  });
  it('a rule of dashes right above a header line starts the returned message', () => {
    const raw = notice('Your message was not delivered within 0 days and 1 hours.\nRemote host is not responding.');
    const got = read(raw);
    expect(got.recipients.map((r) => [r.address, r.action, r.reason])).toEqual([['jiro@ezweb.ne.jp', 'failed', 'expired']]);
    expect(parseMailSync(raw).original.messageId).toBe('<news-7@example.org>');
  });
  it("a rule of dashes above the notice's own words cuts nothing", () => {
    const body = [
      'Delivery to the following recipient failed permanently:',
      rule,
      'Recipient: ken@example.co.jp',
      'Reason: 550 5.1.1 User unknown',
    ].join('\n');
    const got = read(ndr({ subject: 'Returned mail', body }));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['ken@example.co.jp', 'userunknown']]);
  });
});
