// The refused SMTP command, wherever a bounce names it: Postfix's and Exim's wordings,
// Sendmail's and Courier's transcripts, qmail-remote's own sentences. Then what it changes:
// "user unknown" is a dead address only when RCPT TO was refused; at MAIL FROM it is the sender's.
// Last, a joined multi-line reply read as one sentence (joinReplyLines).
import { describe, expect, it } from 'vitest';
import { findCommand, joinReplyLines } from '../../src/parse/text.js';
import { classify } from '../../src/parse/classify.js';

const cases: Array<[string, string]> = [
  ['host x said: 550 5.1.1 <a@b>: User unknown (in reply to RCPT TO command)', 'RCPT'],
  ['host x said: 554 5.7.1 spam (in reply to end of DATA command)', 'DATA'],
  ['host x said: 553 sender rejected (in reply to MAIL FROM command)', 'MAIL'],
  ['SMTP error from remote mail server after RCPT TO:<a@b>: 550 5.1.1 unknown', 'RCPT'],
  ['SMTP error from remote mail server after MAIL FROM:<a@b> SIZE=1024: 450 xx', 'MAIL'],
  ['SMTP error from remote mail server after initial connection: 554 no', 'CONN'],
  ['SMTP error from remote mail server after pipelined RCPT TO:<a@b>: 550 no', 'RCPT'],
  ['... while talking to mx.example.org.:\n>>> DATA\n<<< 554 5.7.1 rejected', 'DATA'],
  ['... while talking to mx.example.org.:\n>>> MAIL From:<a@b> SIZE=1\n<<< 250 ok\n>>> RCPT To:<c@d>\n<<< 550 5.1.1 User unknown', 'RCPT'],
  ['RCPT TO:<a@b>\n550 Unknown user', 'RCPT'],
  ['192.0.2.1 does not like recipient.\nRemote host said: 550 Unknown user\nGiving up on 192.0.2.1.', 'RCPT'],
  ['Connected to 192.0.2.1 but sender was rejected.\nRemote host said: 553 sorry', 'MAIL'],
  ['Connected to 192.0.2.1 but my name was rejected.', 'HELO'],
  ['Sorry, no SMTP connection got far enough; most progress was RCPT TO.', 'CONN'],
  ['mx.example.org failed after I sent the message.\nRemote host said: 554 spam', 'DATA'],
  ['550 5.1.1 unknown user during RCPT', 'RCPT'],
  ['lost connection with mx.example.org while sending RCPT TO', 'RCPT'],
  ['host x refused to talk to me: 421 busy', 'CONN'],
  ['mx.greet.test [127.0.0.4]: >>> (initial greeting) <<< 421 4.3.2 not now', 'CONN'],
  // Other MTAs' and gateways' wordings of the step, and Postfix smtpd's RCPT-stage "Recipient address rejected:".
  ['The remote server rejected the RCPT command: 550 unknown user', 'RCPT'],
  ['RCPT TO command failed: 550 no such user', 'RCPT'],
  ['Error in RCPT: 550 No such user', 'RCPT'],
  ['error after sending RCPT TO: 550 no such user', 'RCPT'],
  ['failed MAIL FROM: 553 sender rejected', 'MAIL'],
  ['Remote host said: 550 5.1.1 <a@b>... User unknown [RCPT_TO]', 'RCPT'],
  ['Remote host said: 554 Message not allowed [DATA]', 'DATA'],
  ['550 5.1.1 <a@b>: Recipient address rejected: User unknown in local recipient table', 'RCPT'],
  // Sendmail's transcript: a reply before the session sent anything answered the greeting.
  ['... while talking to mx.example.org.:\n<<< 554 mx.example.org ESMTP not accepting connections\n>>> QUIT', 'CONN'],
  ['... while talking to mx.example.org.: <<< 554 not accepting connections >>> QUIT', 'CONN'],
  ['... while talking to mx.example.org.: >>> RCPT To:<c@example.org> <<< 550 5.1.1 unknown', 'RCPT'],
  ['550 5.1.1 User unknown', ''],
  ['550 Requested action not taken: mailbox unavailable', ''],
];

describe('findCommand', () => {
  for (const [text, want] of cases) {
    it(`${JSON.stringify(text).slice(0, 70)} → ${want || 'none'}`, () => expect(findCommand(text)).toBe(want));
  }
});

/** The reason of a failed recipient with this status and reply, its step found in the text as the parser finds it. */
const reasonOf = (status: string, replyCode: string, d: string): string =>
  classify({ action: 'failed', status, replyCode, diagnostic: d, command: findCommand(d) }).reason;

describe('the refused command in the verdict', () => {
  it('reads "550 Unknown user" after a qmail "does not like recipient" as a dead address', () => {
    expect(reasonOf('', '550', '192.0.2.1 does not like recipient.\nRemote host said: 550 Unknown user\nGiving up on 192.0.2.1.')).toBe(
      'userunknown',
    );
  });
  it('reads the same words answered to DATA as a filter', () => {
    expect(reasonOf('', '550', '... while talking to mx.example.org.:\n>>> DATA\n<<< 550 Unknown user')).toBe('filtered');
  });
  it('reads an unknown user at MAIL FROM as the sender refused', () => {
    expect(reasonOf('5.1.1', '550', 'host mx.example.org said: 550 5.1.1 User unknown (in reply to MAIL FROM command)')).toBe('rejected');
  });
  it('reads a bare refusal at MAIL FROM as rejected', () => {
    expect(reasonOf('5.0.0', '550', 'host mx.example.org said: 550 go away (in reply to MAIL FROM command)')).toBe('rejected');
  });
  // Before MAIL FROM no mailbox and no message was named: a quota or full-mailbox wording there is about the
  // connecting host (each fails without the CONN/HELO rule in classify.ts).
  it('reads a mailbox or content wording refused at the connection as blocked', () => {
    const full =
      'SMTP error from remote mail server after initial connection: 554 mx.example.org : You have reached your daily relay quota';
    expect(reasonOf('5.0.0', '554', full)).toBe('blocked');
    expect(reasonOf('5.1.1', '550', 'host mx.example.org refused to talk to me: 550 5.1.1 user unknown')).toBe('blocked');
    expect(reasonOf('5.7.1', '554', '... while talking to mx.example.org.:\n<<< 554 5.7.1 spam detected')).toBe('blocked');
  });
  it('keeps a sender-side cause named at the connection', () => {
    const ptr = 'SMTP error from remote mail server after initial connection: 554 5.7.1 Missing reverse DNS for 192.0.2.1';
    expect(reasonOf('5.7.1', '554', ptr)).toBe('requireptr');
  });
});

describe('joinReplyLines', () => {
  it('drops the repeated code of a joined multi-line reply, and its status', () => {
    expect(joinReplyLines('550-5.7.1 messages with multiple 550 5.7.1 addresses in from: header')).toBe(
      '550-5.7.1 messages with multiple addresses in from: header',
    );
    expect(joinReplyLines('host mx said: 451-4.7.650 rate 451-4.7.650 limited')).toBe('host mx said: 451-4.7.650 rate limited');
  });
  it('keeps other numbers and a text with one code', () => {
    expect(joinReplyLines('554 30 sorry, your message size exceeds 41943040 bytes')).toBe(
      '554 30 sorry, your message size exceeds 41943040 bytes',
    );
    expect(joinReplyLines('550 user unknown; 554 later')).toBe('550 user unknown; 554 later');
    expect(joinReplyLines('no code here')).toBe('no code here');
  });
});
