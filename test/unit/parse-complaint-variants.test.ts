// Complaints from the feedback loops a large sender meets, and the forms that are not quite ARF. A complaint
// denylists the address it names: the worst mistake is to name one that did not complain (the sender's own
// address, the list's, the feedback loop's, a redacted placeholder), the next one to miss the complaint.
// Each case is one class, written from the providers' and RFCs' documented forms.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';

/** The complained mail as the sender wrote it, with the recipient headers a case gives. */
function returned(headers: string[], returnPath = '<bounces+a7f3c9e1@bounce.sender.example>'): string {
  return [
    `Return-Path: ${returnPath}`,
    'From: "Shop Example" <news@shop.example>',
    'Reply-To: support@shop.example',
    ...headers,
    'Subject: Winter sale: 30% off',
    'Message-ID: <20261207080000.a7f3c9e1@sender.example>',
    'X-Inmail-Delivery-Id: d-a7f3c9e1',
    '',
    'Winter sale! Everything 30% off until Sunday.',
    '',
  ].join('\n');
}

/** An RFC 5965 report from a feedback loop, its feedback-report fields and the returned message given. */
function arf(fields: string[], original: string, opts: { from?: string; reportType?: string; returnedType?: string } = {}): string {
  return [
    `From: ${opts.from ?? 'fbl@fbl.bigmail.example'}`,
    'To: fbl@sender.example',
    'Subject: Email Feedback Report for IP 192.0.2.12',
    'Date: Mon, 7 Dec 2026 09:11:58 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'This is an email abuse report for an email message received from IP 192.0.2.12.',
    '',
    '--b1',
    `Content-Type: ${opts.reportType ?? 'message/feedback-report'}`,
    '',
    'Feedback-Type: abuse',
    'User-Agent: BigmailFBL/1.0',
    'Version: 1',
    'Arrival-Date: Mon, 7 Dec 2026 08:01:02 +0000',
    ...fields,
    '',
    '--b1',
    `Content-Type: ${opts.returnedType ?? 'message/rfc822'}`,
    '',
    original,
    '--b1--',
    '',
  ].join('\n');
}

function read(mail: string): { kind: string; addresses: string[]; feedbackType: (string | null)[]; via: string } {
  const got = parseMailSync(Buffer.from(mail, 'latin1'));
  return {
    kind: got.kind,
    addresses: got.recipients.map((r) => r.address),
    feedbackType: got.recipients.map((r) => r.feedbackType),
    via: got.via,
  };
}

describe('complaints: addresses that did not complain are never named', () => {
  it('reads a redacted recipient as none: a placeholder local part, x-es, or an RFC 6590 hash', () => {
    // Yahoo's and AOL's placeholders ("redacted@"), Abusix's and others' "xxxxxxxx@", a hashed local part (MD5, SHA-256).
    for (const local of ['redacted', 'REDACTED', 'xxxxxxxx', '5f1e0a77c2d94b6e8a0d3c1b9e7f2a64']) {
      const got = read(arf([`Original-Rcpt-To: ${local}@bigmail.example`], returned([`To: ${local}@bigmail.example`])));
      expect([got.kind, got.addresses]).toEqual(['complaint', []]);
    }
  });

  it('falls back to the VERP return path past a redacted address', () => {
    const got = read(
      arf(
        ['Original-Rcpt-To: xxxxxxxxxx@bigmail.example'],
        returned(['To: xxxxxxxxxx@bigmail.example'], '<bounces+cy=bigmail.example@bounce.sender.example>'),
      ),
    );
    expect(got.addresses).toEqual(['cy@bigmail.example']);
  });

  it('keeps a real local part that looks like a token (short hex, starting with x)', () => {
    expect(read(arf([], returned(['To: deadbeef42@bigmail.example']))).addresses).toEqual(['deadbeef42@bigmail.example']);
    expect(read(arf([], returned(['To: xavier@bigmail.example']))).addresses).toEqual(['xavier@bigmail.example']);
  });

  it("does not name the list a returned mail was sent to (List-Post, RFC 2919's List-Id), and reads Delivered-To or VERP past it", () => {
    const list = ['To: "Shop members" <members@lists.shop.example>', 'List-Id: Shop members <members.lists.shop.example>'];
    expect(read(arf([], returned(list))).addresses).toEqual([]);
    expect(read(arf([], returned([...list, 'Delivered-To: ann@bigmail.example']))).addresses).toEqual(['ann@bigmail.example']);
    const verp = returned(list, '<bounces+ann=bigmail.example@bounce.sender.example>');
    expect(read(arf([], verp)).addresses).toEqual(['ann@bigmail.example']);
    // Google Groups and others: no List-Post, the List-Id built from the group's address.
    expect(read(arf([], returned(['To: team@groups.example', 'List-Id: <team.groups.example>']))).addresses).toEqual([]);
    // A newsletter's own List-Id (Mail.ru asks for one) names no recipient: its To is still read.
    expect(read(arf([], returned(['To: ivan@mail.example', 'List-id: <winter.shop.example>']))).addresses).toEqual(['ivan@mail.example']);
  });

  it("does not name the sender's own address (a To of the sender, the recipients in Bcc), nor the feedback loop's", () => {
    const bcc = returned(['To: "Shop Example" <news@shop.example>', 'Delivered-To: gus@bigmail.example']);
    expect(read(arf([], bcc)).addresses).toEqual(['gus@bigmail.example']);
    expect(read(arf([], returned(['To: news@shop.example']))).addresses).toEqual([]);
    // An Original-Rcpt-To holding the address the report was sent to is none of the complainer's.
    expect(read(arf(['Original-Rcpt-To: fbl@sender.example'], returned(['To: ivy@bigmail.example']))).addresses).toEqual([
      'ivy@bigmail.example',
    ]);
  });

  it('names no one when the returned To lists several addresses, unless the report says which', () => {
    expect(read(arf([], returned(['To: ann@bigmail.example, bob@bigmail.example']))).addresses).toEqual([]);
    expect(read(arf([], returned(['To: Friends: ann@bigmail.example, bob@bigmail.example;']))).addresses).toEqual([]);
    expect(read(arf([], returned(['To: "Doe, Jane" <jane@bigmail.example>']))).addresses).toEqual(['jane@bigmail.example']);
    const named = arf(['Original-Rcpt-To: bob@bigmail.example'], returned(['To: ann@bigmail.example, bob@bigmail.example']));
    expect(read(named).addresses).toEqual(['bob@bigmail.example']);
  });

  it("does not name an abuse desk's own mailbox when the returned mail is a user's forward to it", () => {
    const forward = 'From: Lou <lou@isp.example>\nTo: abuse@isp.example\nSubject: Fwd: sale\n\nspam!\n';
    expect(read(arf([], forward, { from: '"ISP Abuse Desk" <abuse@isp.example>' })).addresses).toEqual([]);
  });
});

describe('complaints: report forms that are not quite ARF', () => {
  it("reads AOL's older scomp report: the mail attached beside RFC 5965's sentence, no feedback-report part", () => {
    const mail = [
      'From: scomp@aol.example',
      'To: fbl@sender.example',
      'Subject: Client TOS Notification',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'This is an email abuse report for an email message received from IP 192.0.2.12 on Mon, 07 Dec 2026 08:01:02 EST.',
      '',
      '--b1',
      'Content-Type: message/rfc822',
      '',
      returned(['To: jane.doe@aol.example']),
      '--b1--',
    ].join('\n');
    expect(read(mail)).toMatchObject({ kind: 'complaint', addresses: ['jane.doe@aol.example'], feedbackType: ['abuse'] });
  });

  it('does not read a person forwarding the mail with words of their own as a complaint', () => {
    const mail = [
      'From: Ann <ann@bigmail.example>',
      'To: abuse@sender.example',
      'Subject: Fwd: Winter sale',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'I keep getting these. Please make it stop.',
      '',
      '--b1',
      'Content-Type: message/rfc822',
      '',
      returned(['To: ann@bigmail.example']),
      '--b1--',
    ].join('\n');
    expect(read(mail).kind).toBe('unknown');
  });

  it("reads Hotmail's older JMRP form, the whole body the complained mail (message/rfc822)", () => {
    const mail = [
      'From: staff@hotmail.com',
      'To: jmrp@sender.example',
      'Subject: complaint about message from 192.0.2.12',
      'MIME-Version: 1.0',
      'Content-Type: message/rfc822',
      '',
      returned(['X-HmXmrOriginalRecipient: <kai@hotmail.example>', 'To: kai@hotmail.example']),
    ].join('\n');
    expect(read(mail)).toMatchObject({ kind: 'complaint', addresses: ['kai@hotmail.example'] });
    // Its ids are the complained mail's: the VERP check of a complaint needs its token.
    expect(parseMailSync(Buffer.from(mail)).original).toEqual({
      messageId: '<20261207080000.a7f3c9e1@sender.example>',
      verp: 'a7f3c9e1',
      deliveryId: 'd-a7f3c9e1',
    });
  });

  it("reads an X-ARF spam report (Abusix): the evidence mail's recipient; not one without a mail as evidence", () => {
    const xarf = (report: string, evidence: string): string =>
      [
        'From: reports@abusix.example',
        'To: abuse@sender.example',
        'Subject: abuse report about 192.0.2.12',
        'X-ARF: YES',
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        'This is an automated report for IP address 192.0.2.12.',
        '',
        '--b1',
        'Content-Type: text/plain; name="report.txt"',
        '',
        report,
        '',
        '--b1',
        evidence,
        '--b1--',
      ].join('\n');
    const spam = xarf(
      'Reported-From: reports@abusix.example\nCategory: abuse\nReport-Type: spam\nVersion: 0.2\nAttachment: message/rfc822',
      `Content-Type: message/rfc822\n\n${returned(['To: trap42@isp.example'])}`,
    );
    expect(read(spam)).toMatchObject({ kind: 'complaint', addresses: ['trap42@isp.example'], via: 'x-arf' });
    const login = xarf(
      'Reported-From: reports@abusix.example\nCategory: abuse\nReport-Type: login-attack\nVersion: 0.2',
      'Content-Type: text/plain; name="logs.txt"\n\nFailed password for root from 192.0.2.12\n',
    );
    expect(read(login).kind).toBe('unknown');
  });

  it("reads SpamCop's text report as a complaint, naming no one when SpamCop munged the recipient", () => {
    const report = (to: string, returnPath: string): string =>
      [
        'From: 7012345678@reports.spamcop.example',
        'To: abuse@sender.example',
        'Subject: [SpamCop (https://shop.example/sale) id:7012345678]Winter sale: 30% off',
        '',
        '- SpamCop V5.4.0 -',
        'This message is brief for your comfort.  Please use links below for details.',
        '',
        '[ Offending message ]',
        returned([to], returnPath),
      ].join('\n');
    expect(read(report('To: x', '<bounces+x=x@bounce.sender.example>'))).toMatchObject({
      kind: 'complaint',
      addresses: [],
      via: 'spamcop',
    });
    expect(read(report('To: x', '<bounces+ann=bigmail.example@bounce.sender.example>')).addresses).toEqual(['ann@bigmail.example']);
  });

  it('reads a feedback report attached as application/octet-stream by its fields', () => {
    const got = read(
      arf([], returned(['To: fay@bigmail.example']), { reportType: 'application/octet-stream; name="report.txt"' }).replace(
        'Feedback-Type: abuse',
        'Feedback-Type: not-spam',
      ),
    );
    expect(got).toMatchObject({ kind: 'complaint', addresses: ['fay@bigmail.example'], feedbackType: ['not-spam'] });
  });

  it('reads an ARF forwarded whole (an ESP forwarding spam reports, a person) as its complaint', () => {
    const inner = arf([], returned(['To: lee@yahoo.example']), { from: 'feedback@arf.mail.yahoo.example' });
    const mail = [
      'From: "Ops Team" <ops@shop.example>',
      'To: bounces@sender.example',
      'Subject: Fwd: Email Feedback Report for IP 192.0.2.12',
      'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="o1"',
      '',
      '--o1',
      'Content-Type: text/plain',
      '',
      'FYI, got this one at abuse@.',
      '',
      '--o1',
      'Content-Type: message/rfc822',
      '',
      inner,
      '--o1--',
    ].join('\n');
    expect(read(mail)).toMatchObject({ kind: 'complaint', addresses: ['lee@yahoo.example'], via: 'arf' });
  });
});
