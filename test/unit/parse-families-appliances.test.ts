// Filters and gateway appliances: synthetic notices in each one's layout.
import { describe, expect, it } from 'vitest';
import { ndr, read, rows } from '../helpers/ndr.js';

/** A multipart/report with the notice and a DSN part. */
function report(headers: string[], subject: string, text: string, dsn: string[]): Buffer {
  return Buffer.from(
    [
      ...headers,
      'To: sender@example.org',
      `Subject: ${subject}`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"',
      '',
      '--r1',
      'Content-Type: text/plain',
      '',
      text,
      '',
      '--r1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; gw.example.net',
      '',
      ...dsn,
      '',
      '--r1--',
      '',
    ].join('\n'),
  );
}

describe('appliance readers', () => {
  it('Active!hunter: ">>> a@b <a@b>" and the transcript answer', () => {
    const raw = ndr({
      subject: 'FAILURE NOTICE :',
      headers: ['X-AHMailID: 0001'],
      body: '  ----- The following addresses had permanent fatal errors -----\n\n>>> abe@example.org <abe@example.org>\n\n  ----- Transcript of session follows -----\n550 sorry, no mailbox here by that name (#5.1.1 - chkusr)\n',
    });
    expect(read(raw).via).toBe('activehunter');
    expect(rows(raw)).toEqual([['abe@example.org', 'userunknown']]);
  });

  it('m-FILTER: the server message and the SMTP command sections', () => {
    const raw = ndr({
      subject: 'failure notice',
      headers: ['X-Mailer: m-FILTER'],
      body: '以下のメールアドレスへの送信に失敗しました。\nbea@example.jp\n\n\n-------server message\n552 5.2.2 mailbox full <bea@example.jp>\n\n-------SMTP command\nRCPT TO\n\n-------original message\n',
    });
    expect(read(raw).via).toBe('mfilter');
    expect(read(raw).recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['bea@example.jp', 'mailboxfull', '5.2.2']]);
  });

  // A long answer wrapped onto an indented line, as an MTA or a relay wraps it: the reader takes the
  // continuation with its line (layout.ts withContinuation), so a code or a word on it still counts.
  it('Active!hunter: a transcript answer wrapped onto an indented line keeps its status', () => {
    const raw = ndr({
      subject: 'FAILURE NOTICE :',
      headers: ['X-AHMailID: 0002'],
      body: '  ----- The following addresses had permanent fatal errors -----\n\n>>> ada@example.org <ada@example.org>\n\n  ----- Transcript of session follows -----\n550 sorry, no mailbox here by that name\n    (#5.1.1 - chkusr)\n',
    });
    expect(read(raw).recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['ada@example.org', 'userunknown', '5.1.1']]);
  });

  it('m-FILTER: a server message wrapped onto indented lines', () => {
    const raw = ndr({
      subject: 'failure notice',
      headers: ['X-Mailer: m-FILTER'],
      body: '以下のメールアドレスへの送信に失敗しました。\nben@example.jp\n\n\n-------server message\n550 5.4.1 All recipient addresses\n    rejected : Access denied\n\n-------SMTP command\nDATA\n\n-------original message\n',
    });
    expect(read(raw).recipients[0]?.diagnostic).toBe('550 5.4.1 All recipient addresses rejected : Access denied');
  });

  it('InterScan MSS: "Unable to deliver message to" wrapped before the address', () => {
    const raw = ndr({
      from: '"InterScan MSS" <postmaster@gw.example.net>',
      subject: 'Mail could not be delivered',
      body: '****** Message from InterScan Messaging Security Suite ******\n\nThe following mail could not be delivered.\nReason:  Unable to deliver message to\n    <flo@example.com> (and other\n    recipients in the same domain).\n',
    });
    expect(read(raw).via).toBe('interscanmss');
    expect(rows(raw)).toEqual([['flo@example.com', 'userunknown']]);
  });

  it('MailFoundry: "Unable to deliver message to:" and the reason paragraph', () => {
    const raw = ndr({
      subject: 'Message delivery has failed',
      body: 'Unable to deliver message to: <cid@example.org>\nDelivery failed for the following reason:\nServer mx.example.org[192.0.2.22] failed with: 550 5.1.1 <cid@example.org> No such user here\n\nThis has been a permanent failure.  No further delivery attempts will be made.\n',
    });
    expect(read(raw).via).toBe('mailfoundry');
    expect(rows(raw)).toEqual([['cid@example.org', 'userunknown']]);
  });

  it('MailFoundry: the reason paragraph ends at its blank line (the returned header may follow as text)', () => {
    const raw = ndr({
      subject: 'Message delivery has failed',
      body: 'Unable to deliver message to: <cid@example.org>\nDelivery failed for the following reason:\nServer mx.example.org[192.0.2.22] failed with: 552 5.2.2 <cid@example.org> Mailbox full\n\nFrom: sender@example.org\nTo: cid@example.org\nSubject: hello\n',
    });
    const got = read(raw).recipients;
    expect(got.map((r) => [r.address, r.reason, r.diagnostic])).toEqual([
      ['cid@example.org', 'mailboxfull', 'Server mx.example.org[192.0.2.22] failed with: 552 5.2.2 <cid@example.org> Mailbox full'],
    ]);
  });

  it('McAfee: "<a@b>   (why)" with its wording for an unknown user', () => {
    const raw = report(
      ['From: postmaster@gw.example.net', 'X-NAI-Header: Modified by McAfee Email and Web Security Virtual Appliance'],
      'Delivery Status',
      '   --- The following addresses had delivery problems ---\n\n<dot@example.com>   (User unknown dot@example.com)',
      [
        'Final-Recipient: rfc822; dot@example.com',
        'Action: failed',
        'Status: 5.0.0',
        'Diagnostic-Code: smtp; 550 Unknown user dot@example.com',
      ],
    );
    expect(rows(raw)).toEqual([['dot@example.com', 'userunknown']]);
  });

  it('InterScan MSS: the answer to RCPT in its Sent/Received lines', () => {
    const raw = ndr({
      from: '"InterScan MSS" <postmaster@gw.example.net>',
      subject: 'Mail could not be delivered',
      body: 'The following mail could not be delivered.\n\nSent <<< RCPT TO:<eda@example.com>\nReceived >>> 552 5.2.2 <eda@example.com>... Mailbox full\n',
    });
    expect(read(raw).via).toBe('interscanmss');
    expect(rows(raw)).toEqual([['eda@example.com', 'mailboxfull']]);
  });

  it('InterScan MSS: its own "Unable to deliver message to <a@b>" is a refusal of the recipient', () => {
    const raw = ndr({
      subject: 'Delivery failure',
      body: '****** Message from InterScan Messaging Security Suite ******\n\nThe following mail could not be delivered.\nReason:  Unable to deliver message to <fay@example.com>\n',
    });
    expect(rows(raw)).toEqual([['fay@example.com', 'userunknown']]);
  });

  it('MailMarshal: the reason paragraph, then the affected recipients', () => {
    const raw = ndr({
      subject: 'Undeliverable Mail: "hello"',
      body: 'Your message:\n   From:    sender@example.org\n   Subject: hello\n\nCould not be delivered because of\n\n550 5.1.1 User unknown\n\nThe following recipients were affected: \n    gil@example.com\n\nAdditional Information\n======================\n',
    });
    expect(read(raw).via).toBe('mailmarshal');
    expect(rows(raw)).toEqual([['gil@example.com', 'userunknown']]);
  });

  it('SurfControl: "Addressed To:" and the answer line', () => {
    const raw = ndr({
      subject: 'Delivery failure',
      headers: ['X-SEF-Processed: 0_0_0_000', 'X-Mailer: SurfControl E-mail Filter'],
      body: 'Your message could not be sent.\nA transcript of the attempts to send the message follows.\nThe number of attempts made: 1\nAddressed To: hal@example.com\n\nThu 29 Apr 2021 23:34:45 +0900\nFailed to send to identified host,\nhal@example.com: [192.0.2.5], 550 5.1.1 hal@example.com... No such user\n--- Message non-deliverable.\n',
    });
    expect(read(raw).via).toBe('surfcontrol');
    expect(rows(raw)).toEqual([['hal@example.com', 'userunknown']]);
  });

  it("amavisd-new: the blocked category in its DSN's diagnostic", () => {
    const raw = report(
      ['From: "Content-filter at mx.example.net" <postmaster@mx.example.net>'],
      'Undeliverable mail, MTA-BLOCKED',
      'The message WAS NOT delivered to:\n<ida@example.com>',
      [
        'Final-Recipient: rfc822; ida@example.com',
        'Action: failed',
        'Status: 5.7.0',
        'Diagnostic-Code: smtp; 554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Test-Signature',
      ],
    );
    expect(rows(raw)).toEqual([['ida@example.com', 'virusdetected']]);
  });

  it('MessageLabs: its request to turn on SMTP authentication', () => {
    const raw = report(
      ['From: MAILER-DAEMON@messagelabs.com', 'X-Msg-Ref: server-1.tower-1.messagelabs.com!1!1!1'],
      'Mail Delivery Failure',
      'Delivery failed.',
      [
        'Final-Recipient: rfc822; jan@example.com',
        'Action: failed',
        'Status: 5.0.0',
        'Diagnostic-Code: smtp; 553-you are trying to use me as a relay 553 Please turn on SMTP Authentication in your mail client',
      ],
    );
    expect(rows(raw)).toEqual([['jan@example.com', 'securityerror']]);
  });
});

describe('IronPort reader', () => {
  const notice = (reason: string): Buffer =>
    ndr({
      subject: 'Delivery Status Notification (Failure)',
      body: `The following message to <kim@example.com> was undeliverable.\nThe reason for the problem:\n${reason}\n`,
    });
  it("takes the remote's status inside the quotes over its own label's", () => {
    const got = read(
      notice(
        "5.1.0 - Unknown address error 550-'5.1.1 <kim@example.com>: Recipient address rejected: User unknown in virtual mailbox table'",
      ),
    );
    expect(got.via).toBe('ironport');
    expect(got.recipients.map((r) => [r.address, r.reason, r.status, r.replyCode])).toEqual([
      ['kim@example.com', 'userunknown', '5.1.1', '550'],
    ]);
  });
  it('reads its expiry label', () => {
    const got = read(notice("5.4.7 - Delivery expired (message too old) 'timeout'"));
    expect(got.recipients.map((r) => [r.address, r.reason, r.status])).toEqual([['kim@example.com', 'expired', '5.4.7']]);
  });
});
