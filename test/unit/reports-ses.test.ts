// The SES reader's mapping (src/parse/reports/ses.ts): one recipient per address,
// the remote's diagnosticCode deciding through the classifier, the bounceSubType
// deciding where SES states its meaning precisely and falling back otherwise.
import { describe, expect, it } from 'vitest';
import { readReport } from '../../src/parse/reports/index.js';
import { readSes } from '../../src/parse/reports/ses.js';

const mail = { timestamp: '2026-11-30T08:00:00.000Z', messageId: '0102018c-aaaa-bbbb-cccc-000000000001', source: 'news@sender.example' };

const bounce = (bounceType: string, bounceSubType: string, recipients: Record<string, string>[]) => ({
  notificationType: 'Bounce',
  bounce: {
    bounceType,
    bounceSubType,
    bouncedRecipients: recipients,
    timestamp: '2026-11-30T08:01:00.000Z',
    feedbackId: '0102018c-feed-0001',
    reportingMTA: 'dsn; b224-13.smtp-out.eu-west-1.amazonses.com',
  },
  mail,
});

const rcpt = (emailAddress: string, diagnosticCode?: string, status?: string) => ({
  emailAddress,
  action: 'failed',
  ...(status ? { status } : {}),
  ...(diagnosticCode ? { diagnosticCode } : {}),
});

describe('readSes: bounces', () => {
  it('one recipient per bounced address, the remote text deciding, mail.messageId as the delivery id', () => {
    const p = readSes(
      bounce('Permanent', 'General', [
        rcpt(
          'a@example.org',
          'smtp; 550 5.1.1 <a@example.org>: Recipient address rejected: User unknown in local recipient table',
          '5.1.1',
        ),
        rcpt('b@example.org', 'smtp; 552 5.2.2 Mailbox quota exceeded for this recipient', '5.2.2'),
      ]),
    );
    expect(p.kind).toBe('bounce');
    expect(p.error).toBeNull();
    expect(p.original.deliveryId).toBe(mail.messageId);
    expect(p.recipients.map((r) => [r.address, r.action, r.reason, r.type])).toEqual([
      ['a@example.org', 'failed', 'userunknown', 'hard'],
      ['b@example.org', 'failed', 'mailboxfull', 'soft'],
    ]);
    expect(p.recipients[0]?.diagnostic).toContain('User unknown');
    expect(p.recipients[0]?.occurredAt?.toISOString()).toBe('2026-11-30T08:01:00.000Z');
  });

  it('a General hard bounce whose text names nothing falls back to userunknown, not sure', () => {
    const [r] = readSes(bounce('Permanent', 'General', [rcpt('c@example.org', 'smtp; 550 Requested action not taken')])).recipients;
    expect(r).toMatchObject({ reason: 'userunknown', type: 'hard', sure: false });
  });

  it('NoEmail, MailboxFull and MessageTooLarge decide as SES states them', () => {
    const reasonOf = (type: string, sub: string) => readSes(bounce(type, sub, [rcpt('x@example.org', 'smtp; 550 rejected')])).recipients[0];
    expect(reasonOf('Permanent', 'NoEmail')).toMatchObject({ reason: 'userunknown', type: 'hard', sure: true });
    expect(reasonOf('Transient', 'MailboxFull')).toMatchObject({ reason: 'mailboxfull', type: 'soft' });
    expect(reasonOf('Transient', 'MessageTooLarge')).toMatchObject({ reason: 'mesgtoobig' });
  });

  it('ContentRejected and AttachmentRejected fall back to contenterror when the text is silent, and yield to a text that decides', () => {
    const silent = readSes(bounce('Transient', 'ContentRejected', [rcpt('d@example.org')])).recipients[0];
    expect(silent).toMatchObject({ reason: 'contenterror', type: 'soft', sure: false });
    expect(readSes(bounce('Transient', 'AttachmentRejected', [rcpt('e@example.org')])).recipients[0]?.reason).toBe('contenterror');
    const spoken = readSes(
      bounce('Transient', 'ContentRejected', [rcpt('f@example.org', 'smtp; 554 5.7.1 Message rejected: virus found in attachment')]),
    ).recipients[0];
    expect(spoken?.reason).toBe('virusdetected');
  });

  it("SES's own suppression lists are hard (userunknown), whatever SES's text says", () => {
    for (const sub of ['Suppressed', 'OnAccountSuppressionList']) {
      const [r] = readSes(
        bounce('Permanent', sub, [
          rcpt('s@example.org', 'Amazon SES did not send the message to this address because it is on the suppression list', '5.1.1'),
        ]),
      ).recipients;
      expect(r, sub).toMatchObject({ action: 'failed', reason: 'userunknown', type: 'hard', sure: true });
    }
  });

  it('a Transient bounce is a failure of a soft reason (SES has stopped trying), never a hard one by default', () => {
    const [r] = readSes(
      bounce('Transient', 'General', [rcpt('t@example.org', 'smtp; 451 4.3.0 Temporary system problem, try again later', '4.3.0')]),
    ).recipients;
    expect(r).toMatchObject({ action: 'failed', type: 'soft' });
    const [silent] = readSes(bounce('Transient', 'General', [rcpt('u@example.org')])).recipients;
    expect(silent).toMatchObject({ action: 'failed', reason: 'expired', type: 'soft' });
  });

  it('an Undetermined bounce with no text is left to qualify', () => {
    const [r] = readSes(bounce('Undetermined', 'Undetermined', [rcpt('v@example.org')])).recipients;
    expect(r).toMatchObject({ reason: 'undefined', type: 'ignored' });
  });
});

describe('readSes: complaints, deliveries, other events', () => {
  it('a complaint makes one feedback recipient per complained address, with its feedback type', () => {
    const p = readSes({
      notificationType: 'Complaint',
      complaint: {
        complainedRecipients: [{ emailAddress: 'g@example.net' }, { emailAddress: 'h@example.net' }],
        complaintFeedbackType: 'abuse',
        timestamp: '2026-11-30T09:00:00.000Z',
        feedbackId: '0102018c-feed-0002',
      },
      mail,
    });
    expect(p.kind).toBe('complaint');
    expect(p.recipients.map((r) => [r.address, r.reason, r.feedbackType])).toEqual([
      ['g@example.net', 'feedback', 'abuse'],
      ['h@example.net', 'feedback', 'abuse'],
    ]);
  });

  it('a complaint without a feedback type is a complaint all the same; an unknown one is other', () => {
    const of = (fb?: string) =>
      readSes({
        notificationType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: 'i@example.net' }], ...(fb ? { complaintFeedbackType: fb } : {}) },
        mail,
      }).recipients[0]?.feedbackType;
    expect(of()).toBe('abuse');
    expect(of('auth-failure')).toBe('auth-failure');
    expect(of('some-new-type')).toBe('other');
    expect(of('virus')).toBe('virus');
  });

  it('a delivery is one delivered recipient per address', () => {
    const p = readSes({
      eventType: 'Delivery',
      delivery: {
        timestamp: '2026-11-30T08:00:05.000Z',
        recipients: ['j@example.com', 'k@example.com'],
        smtpResponse: '250 2.0.0 OK 1701331205 queued',
        processingTimeMillis: 5000,
      },
      mail,
    });
    expect(p.recipients.map((r) => [r.address, r.action, r.reason])).toEqual([
      ['j@example.com', 'delivered', 'delivered'],
      ['k@example.com', 'delivered', 'delivered'],
    ]);
  });

  it('a delivery delay is delayed, and changes nothing', () => {
    const p = readSes({
      eventType: 'DeliveryDelay',
      deliveryDelay: {
        delayType: 'MailboxFull',
        delayedRecipients: [{ emailAddress: 'l@example.com', status: '4.2.2', diagnosticCode: 'smtp; 452 4.2.2 Over quota' }],
        timestamp: '2026-11-30T10:00:00.000Z',
      },
      mail,
    });
    expect(p.recipients[0]).toMatchObject({ action: 'delayed', reason: 'mailboxfull' });
  });

  it('reads the SES JSON inside the stored SNS message', () => {
    const sns = {
      Type: 'Notification',
      MessageId: '6f0e7c4d-0000-4000-8000-000000000001',
      TopicArn: 'arn:aws:sns:eu-west-1:123456789012:ses-bounces',
      Message: JSON.stringify(bounce('Permanent', 'NoEmail', [rcpt('m@example.org', 'smtp; 550 5.1.1 no such user')])),
      Timestamp: '2026-11-30T08:01:01.000Z',
    };
    const p = readReport('ses', Buffer.from(JSON.stringify(sns)));
    expect(p.recipients.map((r) => [r.address, r.reason])).toEqual([['m@example.org', 'userunknown']]);
  });

  it('opens and clicks carry no verdict; an unknown type or a non-JSON Message is an error kept for the operator', () => {
    expect(readSes({ eventType: 'Open', open: {}, mail })).toMatchObject({ kind: 'unknown', recipients: [], error: null });
    expect(readSes({ notificationType: 'Frobnicate', mail }).error).toMatch(/unknown SES notification type/);
    expect(readSes({ Type: 'Notification', Message: 'not json' }).error).toMatch(/not SES JSON/);
  });
});
