// Sendmail V5 (savemail.c's layout with no list of failed addresses): synthetic transcripts.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

function v5(transcript: string[]): Buffer {
  return ndr({
    from: 'Mail Delivery Subsystem <MAILER-DAEMON@mx.example.net>',
    subject: 'Returned mail: User unknown',
    body: [
      '   ----- Transcript of session follows -----',
      ...transcript,
      '',
      '   ----- Unsent message follows -----',
      'Subject: hello',
      '',
      'Hello.',
    ].join('\n'),
  });
}

describe('V5 sendmail reader', () => {
  it("reads sendmail's line for the recipient with the remote's answer and the command", () => {
    const got = read(
      v5([
        'While talking to mx.example.com:',
        '>>> RCPT To:<dee@example.com>',
        '<<< 550 <dee@example.com>, User Unknown',
        '550 <dee@example.com>... User unknown',
      ]),
    );
    expect(got.via).toBe('v5sendmail');
    expect(got.recipients.map((r) => [r.address, r.reason, r.replyCode])).toEqual([['dee@example.com', 'userunknown', '550']]);
  });

  it('reads a host that does not exist for each recipient of it', () => {
    const got = read(
      v5([
        '550 nonexistent.example (smtp)... 550 Host unknown',
        '554 <eli@nonexistent.example>... 550 Host unknown (Authoritative answer from name server)',
      ]),
    );
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['eli@nonexistent.example', 'hostunknown']]);
  });

  it('leaves a notice with a list of failed addresses to the Sendmail reader', () => {
    const raw = ndr({
      subject: 'Returned mail: see transcript for details',
      body: [
        '   ----- The following addresses had permanent fatal errors -----',
        '<fin@example.com>',
        '    (reason: 550 5.1.1 User unknown)',
        '',
        '   ----- Transcript of session follows -----',
        '... while talking to mx.example.com.:',
        '>>> RCPT To:<fin@example.com>',
        '<<< 550 5.1.1 User unknown',
        '550 5.1.1 <fin@example.com>... User unknown',
        '',
        '   ----- Unsent message follows -----',
      ].join('\n'),
    });
    expect(read(raw).via).toBe('sendmail');
  });
});

describe('V5 sendmail reader, no recipient line', () => {
  it("takes the returned message's To when only the host's error is written", () => {
    const raw = ndr({
      subject: 'Returned mail: Deferred',
      body: [
        '   ----- Transcript of session follows -----',
        '421 example.com (smtp)... Deferred: Connection timed out during user open with example.com',
        '',
        '   ----- Unsent message follows -----',
        'To: gwen@example.com',
        'Subject: hello',
        '',
        'Hello.',
      ].join('\n'),
    });
    // Returned after "Deferred: Connection timed out": the queue gave up on a retried failure (expired, classify.ts).
    expect(read(raw).recipients.map((r) => [r.address, r.reason])).toEqual([['gwen@example.com', 'expired']]);
  });
});
