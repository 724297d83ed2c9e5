// The RFC 3464 reader on the sloppy variants seen in the wild.
import { describe, expect, it } from 'vitest';
import { parseDeliveryStatus, parseAction } from '../../src/parse/dsn.js';
import { findReplyCode, findStatus } from '../../src/parse/codes.js';

describe('RFC 3464 reader', () => {
  it('reads one recipient group with folded fields', () => {
    const r = parseDeliveryStatus(
      'Reporting-MTA: dns; mx.example\nArrival-Date: Tue, 14 May 2024 10:00:00 +0000\n\n' +
        'Final-Recipient: rfc822; a@example.org\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; mx.example.org\n' +
        'Diagnostic-Code: smtp; 550 5.1.1 <a@example.org>: User\n    unknown\nLast-Attempt-Date: Tue, 14 May 2024 10:00:05 +0000\n',
    );
    expect(r.reportingMta).toBe('mx.example');
    expect(r.recipients).toHaveLength(1);
    const x = r.recipients[0]!;
    expect([x.address, x.action, x.status, x.replyCode, x.remoteMta]).toEqual([
      'a@example.org',
      'failed',
      '5.1.1',
      '550',
      'mx.example.org',
    ]);
    expect(x.diagnostic).toBe('550 5.1.1 <a@example.org>: User unknown');
    expect(x.lastAttempt?.toISOString()).toBe('2024-05-14T10:00:05.000Z');
  });

  it('splits recipients that are not separated by an empty line', () => {
    const r = parseDeliveryStatus(
      'Final-Recipient: rfc822; a@x.example\nAction: failed\nStatus: 5.1.1\nFinal-Recipient: rfc822; b@x.example\nAction: delayed\nStatus: 4.2.2\n',
    );
    expect(r.recipients.map((x) => [x.address, x.action, x.status])).toEqual([
      ['a@x.example', 'failed', '5.1.1'],
      ['b@x.example', 'delayed', '4.2.2'],
    ]);
  });

  it('keeps Original-Recipient written after Final-Recipient in the same record', () => {
    const r = parseDeliveryStatus(
      'Action: failed\nFinal-Recipient: rfc822; a@x.example\nOriginal-Recipient: rfc822; a@x.example\nStatus: 5.1.1\n',
    );
    expect(r.recipients).toHaveLength(1);
  });

  it('falls back to Original-Recipient when Final-Recipient is missing', () => {
    const r = parseDeliveryStatus('Original-Recipient: rfc822;<c@x.example>\nAction: failed\nStatus: 5.0.0\n');
    expect(r.recipients[0]?.address).toBe('c@x.example');
  });

  it('takes the status from a Diagnostic-Code when the Status field is missing', () => {
    const r = parseDeliveryStatus('Final-Recipient: d@x.example\nAction: failure\nDiagnostic-Code: smtp; 552 5.2.2 Mailbox full\n');
    expect(r.recipients[0]).toMatchObject({ address: 'd@x.example', action: 'failed', status: '5.2.2', replyCode: '552' });
  });

  it('prefers a precise code in the diagnostic over a generic Status x.0.0', () => {
    const r = parseDeliveryStatus(
      'Final-Recipient: rfc822; e@x.example\nAction: failed\nStatus: 5.0.0\nDiagnostic-Code: smtp; 550 5.7.1 Relay access denied\n',
    );
    expect(r.recipients[0]?.status).toBe('5.7.1');
  });

  it('does not take version numbers or IP addresses for status codes', () => {
    expect(findStatus('by mx.example (8.14.4/8.14.4) with Exim 4.72', false)).toBe('');
    expect(findStatus('host [192.0.2.1] said: 550 5.1.1 unknown', false)).toBe('5.1.1');
  });

  it('finds reply codes at the start and after "said:"', () => {
    expect(findReplyCode('550-5.1.1 The email account does not exist')).toBe('550');
    expect(findReplyCode('host mx.example[192.0.2.1] said: 452 4.2.2 over quota')).toBe('452');
    expect(findReplyCode('Mailbox full')).toBe('');
  });

  it('reads Action spellings', () => {
    expect(parseAction('Failed')).toBe('failed');
    expect(parseAction('delayed (retrying)')).toBe('delayed');
    expect(parseAction('nonsense')).toBeNull();
  });

  it('keeps one recipient across the empty lines IIS puts between its fields, and starts the next at a field it already has', () => {
    const r = parseDeliveryStatus(
      'Reporting-MTA: dns; mx.example\n\n\nFinal-Recipient: rfc822;a@example.org\n\nAction: failed\n\nStatus: 5.2.2\n\n' +
        'Original-Recipient: rfc822;b@example.org\nFinal-Recipient: rfc822;b@example.org\nAction: failed\nStatus: 5.1.1\n',
    );
    expect(r.recipients.map((x) => [x.address, x.action, x.status])).toEqual([
      ['a@example.org', 'failed', '5.2.2'],
      ['b@example.org', 'failed', '5.1.1'],
    ]);
  });

  it('reads a report whose fields are all indented, and Exchange 5.5\'s X.400 "dda:SMTP=" address', () => {
    const r = parseDeliveryStatus(
      'Reporting-MTA: dns; mx.example\n\n  Final-Recipient: X400; c=US;a= ;p=Org;o=Main;dda:SMTP=a@example.org;\n  Action: failed\n  Status: 5.1.1\n',
    );
    expect(r.recipients.map((x) => [x.address, x.action, x.status])).toEqual([['a@example.org', 'failed', '5.1.1']]);
  });
});
