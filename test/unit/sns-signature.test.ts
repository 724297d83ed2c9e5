// What the SES intake signs and fetches (src/intake/http/sns-signature.ts, sns-certs.ts):
// SNS's canonical string per message type, and the URLs a certificate or a
// subscription may be fetched from. Signatures themselves are checked end to end
// in test/integration/intake-ses.test.ts.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { sesSource } from '../../src/intake/http/ses.js';
import { hostPattern, urlRefusal } from '../../src/intake/http/sns-certs.js';
import { canonicalString } from '../../src/intake/http/sns-signature.js';

const base = {
  Message: '{"notificationType":"Bounce"}',
  MessageId: 'm-1',
  Timestamp: '2026-12-01T10:00:00.000Z',
  TopicArn: 'arn:aws:sns:eu-west-1:1:t',
  Signature: 'ignored',
  SigningCertURL: 'ignored',
  UnsubscribeURL: 'ignored',
};

describe('canonicalString', () => {
  it('a Notification signs Message, MessageId, Subject (when present), Timestamp, TopicArn, Type, in that order', () => {
    const n = { ...base, Type: 'Notification' };
    expect(canonicalString('Notification', n)).toBe(
      'Message\n{"notificationType":"Bounce"}\nMessageId\nm-1\nTimestamp\n2026-12-01T10:00:00.000Z\nTopicArn\narn:aws:sns:eu-west-1:1:t\nType\nNotification\n',
    );
    expect(canonicalString('Notification', { ...n, Subject: 'S' })).toContain('MessageId\nm-1\nSubject\nS\nTimestamp\n');
  });

  it('a subscription message signs SubscribeURL and Token as well, never the unsigned fields', () => {
    const s = { ...base, Type: 'SubscriptionConfirmation', SubscribeURL: 'https://sns/x', Token: 'tok', Subject: 'not signed here' };
    expect(canonicalString('SubscriptionConfirmation', s)).toBe(
      'Message\n{"notificationType":"Bounce"}\nMessageId\nm-1\nSubscribeURL\nhttps://sns/x\nTimestamp\n2026-12-01T10:00:00.000Z\nToken\ntok\nTopicArn\narn:aws:sns:eu-west-1:1:t\nType\nSubscriptionConfirmation\n',
    );
  });
});

describe('urlRefusal', () => {
  const host = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;
  it('admits https on a matching host with a .pem path', () => {
    expect(urlRefusal('https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-abc.pem', host, true)).toBeNull();
  });

  it.each([
    ['http://sns.eu-west-1.amazonaws.com/a.pem', /not https/],
    ['https://sns.eu-west-1.amazonaws.com.evil.example/a.pem', /does not match/],
    ['https://evil.example/sns.eu-west-1.amazonaws.com/a.pem', /does not match/],
    ['https://user:pw@sns.eu-west-1.amazonaws.com/a.pem', /credentials/],
    ['https://sns.eu-west-1.amazonaws.com/a.pem.txt', /does not end in \.pem/],
    ['not a url', /not a URL/],
  ])('refuses %s', (url, why) => {
    expect(urlRefusal(url, host, true)).toMatch(why);
  });

  it('a SubscribeURL needs no .pem path', () => {
    expect(urlRefusal('https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&Token=t', host, false)).toBeNull();
  });

  it('certHost is matched against the whole host name, anchored or not', () => {
    const loose = hostPattern('sns\\.[a-z0-9-]+\\.amazonaws\\.com');
    expect(urlRefusal('https://sns.us-east-1.amazonaws.com/a.pem', loose, true)).toBeNull();
    expect(urlRefusal('https://sns.us-east-1.amazonaws.com.evil.example/a.pem', loose, true)).toMatch(/does not match/);
    expect(urlRefusal('https://xsns.us-east-1.amazonaws.com/a.pem', loose, true)).toMatch(/does not match/);
    expect(
      urlRefusal('https://sns.us-east-1.amazonaws.com/a.pem', hostPattern('^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$'), true),
    ).toBeNull();
  });
});

describe('webhooks.ses in the config', () => {
  const load = (yaml: string) => loadConfig({ env: { INMAIL_CONFIG: 'x.yaml' }, readFile: () => yaml });
  it('defaults to SNS hosts, a one-hour replay window, and no topic (the intake off)', () => {
    expect(load('webhooks:\n  ses: {}\n').webhooks.ses).toEqual({
      trustedCerts: [],
      topicArns: [],
      certHost: '^sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?$',
      maxAgeSeconds: 3600,
    });
  });

  it('refuses a certHost that is not a regular expression at start', () => {
    expect(() => load("webhooks:\n  ses:\n    certHost: 'sns(\\.'\n")).toThrow(/certHost[\s\S]*not a valid regular expression/);
  });
});

describe('sesSource', () => {
  it('is off, naming webhooks.ses.topicArns, until a topic is configured', () => {
    expect(sesSource(undefined)).toMatchObject({ configured: false, setting: 'webhooks.ses.topicArns' });
    const settings = { trustedCerts: [], topicArns: [], certHost: '^sns\\.x\\.com$', maxAgeSeconds: 3600 };
    expect(sesSource(settings).configured).toBe(false);
    expect(sesSource({ ...settings, topicArns: ['arn:aws:sns:eu-west-1:1:t'] }).configured).toBe(true);
  });

  it('an unreadable trusted certificate stops the start', () => {
    expect(() =>
      sesSource({ trustedCerts: ['/nonexistent/sns.pem'], topicArns: ['arn:aws:sns:eu-west-1:1:t'], certHost: 'x', maxAgeSeconds: 0 }),
    ).toThrow(/webhooks.ses.trustedCerts: \/nonexistent\/sns.pem/);
  });
});
