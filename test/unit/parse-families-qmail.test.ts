// qmail (qmail-send's notice, its clones and patches): synthetic notices in
// qmail's layout, with the wordings of qmail-remote.c, qmail-local.c and the
// patches the reader knows.
import { describe, expect, it } from 'vitest';
import { ndr, read, RETURNED } from '../helpers/ndr.js';

const INTRO = [
  'Hi. This is the qmail-send program at mx.example.net.',
  "I'm afraid I wasn't able to deliver your message to the following addresses.",
  "This is a permanent error; I've given up. Sorry it didn't work out.",
  '',
].join('\n');
const BACKBONE = '\n--- Below this line is a copy of the message.\n';

function qmailNdr(block: string, intro = INTRO): Buffer {
  return ndr({ subject: 'failure notice', body: intro + block + '\n' + BACKBONE, returned: RETURNED });
}

const CASES: Array<{ name: string; block: string; recipient: string; reason: string; status: string; intro?: string }> = [
  {
    name: 'a refusal at RCPT with a precise code',
    block:
      '<ann@example.com>:\n192.0.2.10 does not like recipient.\nRemote host said: 550 5.1.1 <ann@example.com>... User unknown\nGiving up on 192.0.2.10.',
    recipient: 'ann@example.com',
    reason: 'userunknown',
    status: '5.1.1',
  },
  {
    name: 'a refusal at RCPT with no status and a wording nobody knows: qmail says the recipient was refused',
    block: '<bob@example.com>:\n192.0.2.10 does not like recipient.\nRemote host said: 550 Sorry, no.\nGiving up on 192.0.2.10.',
    recipient: 'bob@example.com',
    reason: 'userunknown',
    status: '5.0.911',
  },
  {
    name: 'a refusal at RCPT whose answer says the mailbox is full',
    block:
      '<cat@example.com>:\n192.0.2.10 does not like recipient.\nRemote host said: 552 5.2.2 <cat@example.com>: mailbox is full\nGiving up on 192.0.2.10.',
    recipient: 'cat@example.com',
    reason: 'mailboxfull',
    status: '5.2.2',
  },
  {
    name: 'the sender refused at MAIL FROM (qmail-remote: "but sender was rejected")',
    block:
      '<dan@example.com>:\nConnected to 192.0.2.10 but sender was rejected.\nRemote host said: 553 sorry, your envelope sender is in my badmailfrom list\nGiving up on 192.0.2.10.',
    recipient: 'dan@example.com',
    reason: 'rejected',
    status: '5.0.918',
  },
  {
    name: 'qmail-local: no such mailbox',
    block: '<eve@example.net>:\nSorry, no mailbox here by that name. (#5.1.1)',
    recipient: 'eve@example.net',
    reason: 'userunknown',
    status: '5.1.1',
  },
  {
    name: 'vpopmail: the same words with its own tag',
    block: '<fay@example.net>:\nSorry, no mailbox here by that name. vpopmail (#5.1.1)',
    recipient: 'fay@example.net',
    reason: 'userunknown',
    status: '5.1.1',
  },
  {
    name: 'qmail-remote: the domain does not exist',
    block: "<gil@nonexistent.example>:\nSorry, I couldn't find any host named nonexistent.example. (#5.1.2)",
    recipient: 'gil@nonexistent.example',
    reason: 'hostunknown',
    status: '5.1.2',
  },
  {
    name: 'the netqmail fallback patch: no connection got far enough, the remote refused RCPT',
    block:
      '<hal@example.com>:\nSorry, no SMTP connection got far enough; most progress was RCPT TO response; 192.0.2.10 said: 550 5.1.1 No such user here',
    recipient: 'hal@example.com',
    reason: 'userunknown',
    status: '5.1.1',
  },
  {
    name: 'a refusal after DATA with a policy code',
    block:
      '<ivy@example.com>:\n192.0.2.10 failed after I sent the message.\nRemote host said: 554 5.7.1 Message rejected as spam by content filter',
    recipient: 'ivy@example.com',
    reason: 'spamdetected',
    status: '5.7.1',
  },
  {
    name: 'qmail-local: disk quota exceeded',
    block: '<jon@example.net>:\nUnable to write to maildir: disk quota exceeded. (#4.3.0)',
    recipient: 'jon@example.net',
    reason: 'mailboxfull',
    status: '4.3.0',
  },
  {
    name: 'qmail-send gave up when the queue lifetime ran out',
    block:
      "<lou@example.com>:\nConnected to 192.0.2.10 but connection died. (#4.4.2)\nI'm not going to try again; this message has been in the queue too long.",
    recipient: 'lou@example.com',
    reason: 'expired',
    status: '4.4.2',
  },
  {
    name: 'a connection never made, until the queue lifetime ran out: qmail-remote says it was the network',
    block:
      "<max@example.com>:\nSorry, I wasn't able to establish an SMTP connection. (#4.4.1)\nI'm not going to try again; this message has been in the queue too long.",
    recipient: 'max@example.com',
    reason: 'networkerror',
    status: '4.4.1',
  },
  {
    name: 'a temporary refusal at RCPT until the queue lifetime ran out, with an answer that says nothing precise: the time ran out',
    block:
      "<ned@example.com>:\n192.0.2.10 does not like recipient.\nRemote host said: 451 4.3.0 Please try again later\nGiving up on 192.0.2.10.\nI'm not going to try again; this message has been in the queue too long.",
    recipient: 'ned@example.com',
    reason: 'expired',
    status: '4.3.0',
  },
  {
    name: 'a clone with its own first line',
    intro: 'This is the mail delivery agent at mail.example.net.\nI was not able to deliver your message to the following addresses.\n\n',
    block: '<kim@example.com>:\n192.0.2.10 does not like recipient.\nRemote host said: 550 5.1.1 mailbox unavailable',
    recipient: 'kim@example.com',
    reason: 'userunknown',
    status: '5.1.1',
  },
];

describe('qmail reader', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const got = read(qmailNdr(c.block, c.intro));
      expect(got.via).toBe('qmail');
      expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([[c.recipient, c.reason, c.status]]);
    });
  }

  it('reads each of several recipients with its own text', () => {
    const got = read(
      qmailNdr(
        '<a1@example.com>:\nSorry, no mailbox here by that name. (#5.1.1)\n\n<a2@example.com>:\n192.0.2.10 does not like recipient.\nRemote host said: 552 5.2.2 Mailbox full',
      ),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([
      ['a1@example.com', 'userunknown'],
      ['a2@example.com', 'mailboxfull'],
    ]);
  });

  it('reads a notice whose part starts with its empty line (indimail writes so)', () => {
    const raw = Buffer.from(
      [
        'From: MAILER-DAEMON@mx.example.net',
        'To: sender@example.org',
        'Subject: failure notice',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        '',
        INTRO + '<lee@example.net>:\nSorry, no mailbox here by that name. (#5.1.1)\n',
        '--- Enclosed is a copy of the message.',
        '',
        '--b1',
        'Content-Type: message/rfc822',
        '',
        RETURNED,
        '--b1--',
        '',
      ].join('\n'),
    );
    const got = read(raw);
    expect(got.via).toBe('qmail');
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['lee@example.net', 'userunknown']]);
  });

  it('lets the next reader try when no "<a@b>:" block is there', () => {
    const got = read(qmailNdr('Something went wrong with kim@example.com.'));
    expect(got.via).not.toBe('qmail');
  });
});
