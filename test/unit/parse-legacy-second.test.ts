// Legacy layouts, second half (docs/parser-generalisation.md, "Legacy layouts, second half: Windows mail servers,
// webmail notices and list managers"): notices that name several recipients each in its own sentence with its own
// answer, and the own verdicts of hMailServer, MailEnable and SmarterMail. Each row is a whole synthetic notice.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

const RETURNED = 'From: sender@example.org\nTo: a@example.com, b@example.net\nSubject: Offer\nMessage-ID: <orig-1@example.org>\n\nHello.';

/** An RFC 2047 encoded word: localised subjects travel encoded. */
const ew = (s: string): string => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

function rows(body: string[], subject = 'Undeliverable mail'): Array<[string, string]> {
  const got = read(ndr({ subject, body: body.join('\n'), returned: RETURNED }));
  expect(got.kind).toBe('bounce');
  return got.recipients.map((x) => [x.address, x.reason]);
}

describe('several recipients, each in its own sentence with its own answer', () => {
  it("EarthLink's sentence per recipient", () => {
    expect(
      rows([
        'Sorry, unable to deliver your message to a@example.com for the following reason:',
        '',
        '552 5.2.2 Quota violation for a@example.com',
        '',
        'Sorry, unable to deliver your message to b@example.net for the following reason:',
        '',
        '550 5.1.1 b@example.net... User unknown',
      ]),
    ).toEqual([
      ['a@example.com', 'mailboxfull'],
      ['b@example.net', 'userunknown'],
    ]);
  });
  it('a label in another language (Korean portals)', () => {
    expect(
      rows([
        '메일이 정상적으로 전송되지 못했습니다.',
        '',
        '받는사람: a@example.com',
        '실패 사유: 552 5.2.2 Mailbox full',
        '',
        '받는사람: b@example.net',
        '실패 사유: 550 5.1.1 User unknown',
      ]),
    ).toEqual([
      ['a@example.com', 'mailboxfull'],
      ['b@example.net', 'userunknown'],
    ]);
  });
  it('an address below the answer with none of its own is no recipient', () => {
    expect(
      rows([
        'Sorry, unable to deliver your message to a@example.com for the following reason:',
        '',
        '552 5.2.2 Quota violation for a@example.com',
        '',
        'Questions? Write to helpdesk@example.net.',
      ]),
    ).toEqual([['a@example.com', 'mailboxfull']]);
  });
});

describe("Windows mail servers' own verdicts", () => {
  const one = (reason: string): string[] => [
    'Could not deliver message to the following recipient(s):',
    '',
    'Failed Recipient: a@example.com',
    `Reason: ${reason}`,
  ];
  it.each([
    ['No mail servers appear to exists for the recipients address.', 'hostunknown'], // hMailServer
    ['The message could not be delivered because the domain name (example.com) does not appear to be registered.', 'hostunknown'], // MailEnable
    ['Message delivery was aborted because the retry limit was reached.', 'expired'], // hMailServer
    ['The message could not be delivered in the time allowed.', 'expired'], // MailEnable
    ['The domain size limit has been exceeded', 'mailboxfull'], // SmarterMail
    ['Failed all attempts to connect to the recipients mail server.', 'networkerror'], // SmarterMail
  ])('%s', (reason, want) => {
    expect(rows(one(reason))).toEqual([['a@example.com', want]]);
  });
});

describe('notices in Italian and Korean with no reply code', () => {
  it("an Italian ISP's notice is a bounce by its subject and words", () => {
    const body = ["Il messaggio non e' stato consegnato ai seguenti destinatari:", '', 'a@example.com', 'Motivo: Casella piena'];
    expect(rows(body, ew('Messaggio non consegnato'))).toEqual([['a@example.com', 'mailboxfull']]);
  });
  it("a Korean portal's repeated record of labels, no reply code", () => {
    const body = [
      '메일이 정상적으로 전송되지 못했습니다.',
      '',
      '받는사람: a@example.com',
      '실패 사유: 받는 사람의 메일함 용량이 초과되었습니다',
      '',
      '받는사람: b@example.net',
      '실패 사유: 받는 사람의 메일함 용량이 초과되었습니다',
    ];
    expect(rows(body, ew('[발송실패] Offer'))).toEqual([
      ['a@example.com', 'mailboxfull'],
      ['b@example.net', 'mailboxfull'],
    ]);
  });
  it("a Chinese webmail host's full mailbox (邮箱空间已满)", () => {
    const body = ['很抱歉您发送的邮件被退回，以下是该邮件的相关信息：', '', '收件人：a@example.com', '退信原因：收件人邮箱空间已满'];
    expect(rows(body, ew('系统退信'))).toEqual([['a@example.com', 'mailboxfull']]);
  });
});
