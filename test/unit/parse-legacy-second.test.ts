// Legacy layouts, second half (docs/parser-generalisation.md, "Legacy layouts, second half: Windows mail servers,
// webmail notices and list managers"): notices that name several recipients each in its own sentence with its own
// answer, and the own verdicts of hMailServer, MailEnable and SmarterMail. Each row is a whole synthetic notice.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

const RETURNED = 'From: sender@example.org\nTo: a@example.com, b@example.net\nSubject: Offer\nMessage-ID: <orig-1@example.org>\n\nHello.';

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
