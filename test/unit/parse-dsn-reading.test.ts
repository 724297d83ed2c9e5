// RFC 3464 / RFC 6533 recipient fields and the ARF recipient fallbacks, one class each.
import { describe, expect, it } from 'vitest';
import { parseDeliveryStatus } from '../../src/parse/dsn.js';
import { dsnAddress } from '../../src/parse/address.js';
import { verpRecipient } from '../../src/parse/arf.js';
import { parseMailSync } from '../../src/parse/index.js';
import { report } from '../helpers/ndr.js';

describe('dsnAddress', () => {
  it('reads the utf-8 address type of RFC 6533, raw or in its \\x{HEX} form', () => {
    expect(dsnAddress('utf-8; 用户@例子.广告')).toBe('用户@例子.广告');
    expect(dsnAddress('utf-8; \\x{7528}\\x{6237}@example.com')).toBe('用户@example.com');
  });
  it('reads rfc822 addresses as before', () => {
    expect(dsnAddress('rfc822; <a.b@example.org>')).toBe('a.b@example.org');
    expect(dsnAddress('LOCAL; postmaster')).toBe('');
  });
  it('reads past a list separator after the address and a mailto: or Exchange SMTP: prefix', () => {
    expect(dsnAddress('rfc822; <a.b@example.org>,')).toBe('a.b@example.org');
    expect(dsnAddress('rfc822; mailto:a.b@example.org')).toBe('a.b@example.org');
    expect(dsnAddress('rfc822; SMTP:a.b@example.org')).toBe('a.b@example.org');
    // Two addresses are still none: the field must hold one.
    expect(dsnAddress('rfc822; a@example.org, b@example.org')).toBe('');
  });
  it('never reads a UTF-8 address with a bidi control as an address', () => {
    expect(dsnAddress('utf-8; evil\u202emoc.elpmaxe@corp.example')).toBe('');
  });
});

describe('parseDeliveryStatus', () => {
  it('takes a reply code written in Status, and Will-Retry-Until as a delay', () => {
    const r = parseDeliveryStatus(
      'Final-Recipient: rfc822; a@b.example\nStatus: 450\nWill-Retry-Until: Fri, 7 Jun 2024 08:00:00 +0000\n',
    ).recipients;
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ address: 'a@b.example', status: '', replyCode: '450', action: 'delayed' });
  });
  it('reads a report whose fields are all indented', () => {
    const r = parseDeliveryStatus(
      '  Reporting-MTA: dns; gw\n\n  Final-Recipient: rfc822; c@d.example\n  Action: failed\n  Status: 5.1.1\n',
    ).recipients;
    expect(r.map((x) => [x.address, x.action, x.status])).toEqual([['c@d.example', 'failed', '5.1.1']]);
  });
  it('reads Postfix verify reports\' "undeliverable" as a failure', () => {
    const r = parseDeliveryStatus('Final-Recipient: rfc822; e@f.example\nAction: undeliverable\nStatus: 5.1.1\n').recipients;
    expect(r[0]?.action).toBe('failed');
  });
});

describe('verpRecipient', () => {
  it('decodes a VERP return path (prefix+local=domain@host)', () => {
    expect(verpRecipient('<bounces+judy=webmail.example@bounce.sender.example>')).toBe('judy@webmail.example');
    expect(verpRecipient('bounce-kim=isp.example@lists.sender.example')).toBe('kim@isp.example');
  });
  it('finds nothing in an ordinary address or a token without a domain', () => {
    expect(verpRecipient('<news@sender.example>')).toBe('');
    expect(verpRecipient('<bounces+abc123@bounce.sender.example>')).toBe('');
  });
});

describe('a report whose one recipient field holds no address we can read', () => {
  // "rfc822; jdoe at example.net": a gateway's own notation. Its Status and Diagnostic-Code still decide.
  const mail = (text: string, returnedTo: string): Buffer =>
    report(
      ['From: MAILER-DAEMON@mx.example.org', 'Subject: Undelivered Mail Returned to Sender'],
      [text],
      ['Final-Recipient: rfc822; jdoe at example.net', 'Action: failed', 'Status: 5.1.1', 'Diagnostic-Code: smtp; 550 5.1.1 user unknown'],
      ['From: s@example.org', `To: ${returnedTo}`, 'Subject: hello', '', 'body'],
    );
  it("is about the returned message's one recipient, with the report's status", () => {
    const got = parseMailSync(mail('Delivery failed.', 'jdoe@example.net'));
    expect(got.recipients.map((r) => [r.address, r.status, r.reason])).toEqual([['jdoe@example.net', '5.1.1', 'userunknown']]);
  });
  it('is about the recipient the text names, before the returned To (a list address)', () => {
    const got = parseMailSync(mail('<jdoe@example.net>: host mx.example.net said: 550 5.1.1 user unknown', 'list@example.net'));
    expect(got.recipients.map((r) => [r.address, r.reason])).toEqual([['jdoe@example.net', 'userunknown']]);
  });
});
