// Exim's notices that are not a recipient's bounce (docs/parser-generalisation.md, "Exim's other
// notices"), written from the wording of its moan.c, receive.c and deliver.c (4.96); the real
// captures are fixtures/bounces/real-exim/local-scan*.eml and fixtures/not-bounces/real-exim-*.eml.
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/parse/index.js';

function notice(subject: string, body: string, to = 'news@sender.example'): Buffer {
  return Buffer.from(
    [
      'Return-path: <>',
      'Received: from Debian-exim by mx.sender.example with local (Exim 4.96)',
      '\tid 1xaMvl-00063F-1z',
      `\tfor ${to};`,
      '\tMon, 07 Dec 2026 00:50:13 +0000',
      'Auto-Submitted: auto-replied',
      'From: Mail Delivery System <Mailer-Daemon@sender.example>',
      `To: ${to}`,
      `Subject: ${subject}`,
      'Message-Id: <E1xaMvl-00063F-1z@mx.sender.example>',
      'Date: Mon, 07 Dec 2026 00:50:13 +0000',
      '',
      body,
    ].join('\n'),
    'latin1',
  );
}

/** The returned message as Exim copies it; `forLine` is its Received line's envelope recipient, when it had one. */
function returned(to: string, forLine?: string): string {
  return [
    '------ This is a copy of your message, including all the headers. ------',
    '',
    'Received: from news by mx.sender.example with local (Exim 4.96)',
    '\t(envelope-from <news@sender.example>)',
    `\tid 1xaMvl-00063D-1p${forLine ? `\n\tfor ${forLine};` : ';'}`,
    '\tMon, 07 Dec 2026 00:50:13 +0000',
    'From: News <news@sender.example>',
    `To: ${to}`,
    'Subject: December offers',
    'Message-ID: <offer-42@sender.example>',
    '',
    'Our offers.',
  ].join('\n');
}

const SCAN_SUBJECT = 'Mail failure - rejected by local scanning code';
const scanned = (error: string | null, original: string): string =>
  [
    'A message that you sent was rejected by the local scanning code that',
    `checks incoming messages on this system.${error === null ? '' : ' The following error was given:'}`,
    '',
    ...(error === null ? [] : [`  ${error}`, '']),
    original,
  ].join('\n');

describe("Exim's refusal by its local scanning code (moan.c ERRMESS_LOCAL_SCAN / ERRMESS_LOCAL_ACL)", () => {
  it('names the envelope recipient of its Received line, with what the check said of the message; the address is not in question', async () => {
    const got = await parseMail(
      notice(SCAN_SUBJECT, scanned('Your message looks like spam (score 12.3)', returned('Ann <ann@example.org>', 'ann@example.org'))),
    );
    expect(got.kind).toBe('bounce');
    expect(got.via).toBe('exim');
    expect(got.original.messageId).toBe('<offer-42@sender.example>');
    expect(got.recipients).toHaveLength(1);
    expect(got.recipients[0]).toMatchObject({
      address: 'ann@example.org',
      action: 'failed',
      reason: 'spamdetected',
      type: 'ignored',
      diagnostic: 'Your message looks like spam (score 12.3)',
    });
  });

  it('takes the returned To and Cc when Exim named no single envelope recipient', async () => {
    const original = returned('ann@example.org, Bob <bob@example.net>').replace('Subject:', 'Cc: carl@example.com\nSubject:');
    const got = await parseMail(notice(SCAN_SUBJECT, scanned('This message contains a virus (Eicar-Test-Signature)', original)));
    expect(got.recipients.map((r) => [r.address, r.reason, r.type])).toEqual([
      ['ann@example.org', 'virusdetected', 'ignored'],
      ['bob@example.net', 'virusdetected', 'ignored'],
      ['carl@example.com', 'virusdetected', 'ignored'],
    ]);
  });

  it('never reads a verdict on the address from the words of a check of the message', async () => {
    const got = await parseMail(notice(SCAN_SUBJECT, scanned('550 5.1.1 User unknown', returned('ann@example.org'))));
    expect(got.recipients).toHaveLength(1);
    expect(got.recipients[0]).toMatchObject({ address: 'ann@example.org', reason: 'contenterror', type: 'ignored' });
  });

  it("with no error given, Exim's own sentence is the diagnostic", async () => {
    const got = await parseMail(notice(SCAN_SUBJECT, scanned(null, returned('ann@example.org'))));
    expect(got.recipients[0]).toMatchObject({ address: 'ann@example.org', reason: 'contenterror', type: 'ignored' });
    expect(got.recipients[0]?.diagnostic).toMatch(/^A message that you sent was rejected by the local scanning code/);
  });

  it('without the returned message it names no recipient: no other address in it was refused', async () => {
    const got = await parseMail(notice(SCAN_SUBJECT, scanned('Sending on behalf of boss@example.org is not allowed here', '')));
    expect(got.kind).toBe('bounce');
    expect(got.via).toBe('exim');
    expect(got.recipients).toEqual([]);
  });
});

describe("Exim's notice of incorrectly constructed addresses (moan.c ERRMESS_BADADDRESS)", () => {
  it("names only the addresses it lists: the returned message's others were passed on for delivery", async () => {
    const body = [
      'A message that you sent contained one or more recipient addresses that were',
      'incorrectly constructed:',
      '',
      '  ann@@example.org: domain missing or malformed',
      '',
      'This address has been ignored. The other addresses in the message were',
      'syntactically valid and have been passed on for an attempt at delivery.',
      '',
      returned('ann@@example.org, bob@example.net'),
    ].join('\n');
    const got = await parseMail(notice('Mail failure - malformed recipient address', body));
    expect(got.kind).toBe('bounce');
    expect(got.via).toBe('exim');
    expect(got.recipients).toEqual([]);
    expect(got.problem).toMatch(/no valid address/);
  });
});

describe("Exim's notices that are no bounce", () => {
  it('the router error notice to a forward file owner (moan_skipped_syntax_errors) is neither a bounce nor an auto-reply', async () => {
    const body = [
      'The userforward router encountered the following error(s):',
      '',
      '  domain missing or malformed in the address',
      '  "ann@@example.org"',
      '',
      'Other addresses were processed normally.',
    ].join('\n');
    const got = await parseMail(notice('error(s) in forwarding or filtering', body, 'kit@sender.example'));
    expect(got).toMatchObject({ kind: 'unknown', recipients: [], via: 'exim' });
  });

  it("the freeze_tell notice of a frozen message, whose addresses are the frozen message's, is no bounce", async () => {
    const body = [
      'Message 1xaMuP-0005Ym-0V has been frozen (delivery error message).',
      'The sender is <>.',
      '',
      'The following address(es) have yet to be delivered:',
      '  ann@example.org: Unrouteable address',
    ].join('\n');
    const got = await parseMail(notice('Message frozen', body, 'postmaster@sender.example'));
    expect(got).toMatchObject({ kind: 'unknown', recipients: [], via: 'exim' });
  });

  it('the freeze_tell notice of a message frozen on arrival is no bounce', async () => {
    const body = 'Message 1xaMuP-0005Ye-07 was frozen on arrival by ACL.\nThe sender is <news@sender.example>.\n';
    const got = await parseMail(notice('Message frozen on arrival', body, 'postmaster@sender.example'));
    expect(got).toMatchObject({ kind: 'unknown', recipients: [], via: 'exim' });
  });
});

describe('an ordinary Exim bounce reads as before', () => {
  it('a failed recipient with the remote answer under it', async () => {
    const body = [
      'This message was created automatically by mail delivery software.',
      '',
      'A message that you sent could not be delivered to one or more of its',
      'recipients. This is a permanent error. The following address(es) failed:',
      '',
      '  ann@example.org',
      '    host mx.example.org [192.0.2.10]',
      '    SMTP error from remote mail server after RCPT TO:<ann@example.org>:',
      '    550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown in virtual mailbox table',
      '',
      returned('ann@example.org', 'ann@example.org'),
    ].join('\n');
    const raw = notice('Mail delivery failed: returning message to sender', body).toString('latin1');
    const got = await parseMail(
      Buffer.from(raw.replace('Auto-Submitted:', 'X-Failed-Recipients: ann@example.org\nAuto-Submitted:'), 'latin1'),
    );
    expect(got.kind).toBe('bounce');
    expect(got.via).toBe('exim');
    expect(got.recipients).toHaveLength(1);
    expect(got.recipients[0]).toMatchObject({
      address: 'ann@example.org',
      action: 'failed',
      status: '5.1.1',
      replyCode: '550',
      reason: 'userunknown',
      type: 'hard',
    });
  });
});
