// The SMS and push report readers (src/parse/reports/sms.ts, push.ts), Twilio's
// request signature, and the operator's take-over of an opt-out's denylist.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readPush } from '../../src/parse/reports/push.js';
import { readSms, requestOf } from '../../src/parse/reports/sms.js';
import { DEFAULT_SMS_KEYWORDS } from '../../src/domain/sms-keywords.js';
import { twilioSignature, twilioSignatureValid } from '../../src/intake/http/twilio-signature.js';
import { editedState } from '../../src/quarantine/operator.js';
import { NEW_ADDRESS } from '../../src/quarantine/state.js';

const inbound = (body: string, extra: Record<string, string> = {}) => ({
  ToCountry: 'FR',
  SmsMessageSid: 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  NumMedia: '0',
  SmsSid: 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  SmsStatus: 'received',
  Body: body,
  To: '+33700000001',
  NumSegments: '1',
  MessageSid: 'SM0a1b2c3d4e5f60718293a4b5c6d7e8f9',
  AccountSid: 'AC00000000000000000000000000000000',
  From: '+33612345678',
  ApiVersion: '2010-04-01',
  ...extra,
});

const callback = (status: string, errorCode?: string) => ({
  SmsSid: 'SM11111111111111111111111111111111',
  SmsStatus: status,
  MessageStatus: status,
  To: '+15005550006',
  MessageSid: 'SM11111111111111111111111111111111',
  AccountSid: 'AC00000000000000000000000000000000',
  From: '+15005550001',
  ApiVersion: '2010-04-01',
  ...(errorCode ? { ErrorCode: errorCode } : {}),
});

describe('SMS reply keywords', () => {
  it('match the first word(s) of the trimmed body, case, accents and punctuation ignored', () => {
    for (const body of ['STOP', '  stop ', 'Stop!', 'stop please', 'Unsubscribe', 'QUIT.'])
      expect(requestOf(body, DEFAULT_SMS_KEYWORDS)).toBe('optout');
    for (const body of ['START', 'unstop', 'Start again']) expect(requestOf(body, DEFAULT_SMS_KEYWORDS)).toBe('optin');
    for (const body of ["don't stop", 'stopped', 'Thanks!', '', 'restart']) expect(requestOf(body, DEFAULT_SMS_KEYWORDS)).toBeNull();
  });

  it('take configured words of other languages, several words long', () => {
    const kw = { stopWords: ['ARRET', 'STOP ALL'], startWords: ['REPRISE'] };
    expect(requestOf('Arrêt', kw)).toBe('optout');
    expect(requestOf('stop   all', kw)).toBe('optout');
    expect(requestOf('stop', kw)).toBeNull();
    expect(requestOf('reprise svp', kw)).toBe('optin');
  });
});

describe('readSms', () => {
  it("reads Twilio's inbound STOP as the number's opt-out on the sms channel", () => {
    const m = readSms(inbound('Stop'));
    expect(m.kind).toBe('complaint');
    expect(m.recipients).toEqual([
      expect.objectContaining({ address: '+33612345678', channel: 'sms', request: 'optout', reason: 'feedback', feedbackType: 'opt-out' }),
    ]);
  });

  it('reads START as an opt-in, and any other reply as nothing to do', () => {
    expect(readSms(inbound('start')).recipients[0]).toMatchObject({ request: 'optin', channel: 'sms', type: 'ignored' });
    const other = readSms(inbound('See you on Tuesday'));
    expect(other).toMatchObject({ kind: 'unknown', recipients: [], error: null });
  });

  it("follows Twilio's OptOutType when it names the keyword", () => {
    expect(readSms(inbound('ARRET', { OptOutType: 'STOP' })).recipients[0]?.request).toBe('optout');
    expect(readSms(inbound('STOP', { OptOutType: 'HELP' })).recipients).toEqual([]);
  });

  it('reads the plain JSON reply with configured keywords', () => {
    const kw = { stopWords: ['ARRET'], startWords: ['START'] };
    expect(readSms({ from: '+33612345678', text: 'arrêt' }, kw).recipients[0]).toMatchObject({
      request: 'optout',
      address: '+33612345678',
    });
  });

  it.each([
    ['30005', 'userunknown', 'hard'],
    ['30006', 'notaccept', 'hard'],
    ['21211', 'userunknown', 'hard'],
    ['30003', 'expired', 'soft'],
    ['30004', 'rejected', 'soft'],
    ['30007', 'filtered', 'soft'],
    ['30001', 'speeding', 'ignored'],
    ['30034', 'authfailure', 'ignored'],
    ['30008', 'undefined', 'ignored'],
  ])('reads Twilio error %s of an undelivered message as %s (%s)', (code, reason, type) => {
    const m = readSms(callback('undelivered', code));
    expect(m.kind).toBe('bounce');
    expect(m.recipients).toEqual([expect.objectContaining({ address: '+15005550006', action: 'failed', channel: 'sms', reason, type })]);
    expect(m.recipients[0]?.diagnostic).toContain(`twilio ${code}`);
  });

  it('reads 21610 (unsubscribed recipient) as the opt-out it reports', () => {
    expect(readSms(callback('failed', '21610')).recipients[0]).toMatchObject({ request: 'optout', address: '+15005550006' });
  });

  it('reads delivered as a success, and queued or sent as nothing yet', () => {
    expect(readSms(callback('delivered')).recipients[0]).toMatchObject({ action: 'delivered', channel: 'sms' });
    expect(readSms(callback('sent')).recipients).toEqual([]);
    expect(readSms(callback('queued')).kind).toBe('unknown');
  });

  it('reads the plain JSON receipt with error names or codes', () => {
    expect(readSms({ to: '+4915112345678', status: 'failed', error: 'unknown subscriber' }).recipients[0]).toMatchObject({
      reason: 'userunknown',
      type: 'hard',
    });
    expect(readSms({ to: '+4915112345678', status: 'undelivered', error: 'ABSENT_SUBSCRIBER' }).recipients[0]).toMatchObject({
      reason: 'expired',
      type: 'soft',
    });
    expect(readSms({ to: '+4915112345678', status: 'failed', error: 30006 }).recipients[0]).toMatchObject({ reason: 'notaccept' });
    expect(readSms({ to: '+4915112345678', status: 'DELIVRD' }).recipients[0]).toMatchObject({ action: 'delivered' });
  });

  it('says why a receipt without a number cannot be read', () => {
    expect(readSms({ status: 'failed', error: '30005' }).error).toMatch(/no To/);
    expect(readSms('STOP').error).toMatch(/not a JSON object/);
  });
});

describe('readPush', () => {
  const push = (o: Record<string, unknown>) => readPush({ token: 'dGVzdC10b2tlbi0x:APA91b', ...o }).recipients[0];

  it.each([
    ['fcm', 'UNREGISTERED', 404, 'userunknown', 'hard'],
    ['fcm', 'INVALID_ARGUMENT', 400, 'userunknown', 'hard'],
    ['fcm', 'SENDER_ID_MISMATCH', 403, 'userunknown', 'hard'],
    ['fcm', 'NotRegistered', null, 'userunknown', 'hard'],
    ['fcm', 'UNAVAILABLE', 503, 'systemerror', 'soft'],
    ['fcm', 'INTERNAL', 500, 'systemerror', 'soft'],
    ['fcm', 'QUOTA_EXCEEDED', 429, 'toomanyconn', 'soft'],
    ['fcm', 'THIRD_PARTY_AUTH_ERROR', 401, 'authfailure', 'ignored'],
    ['apns', 'Unregistered', 410, 'userunknown', 'hard'],
    ['apns', 'BadDeviceToken', 400, 'userunknown', 'hard'],
    ['apns', 'DeviceTokenNotForTopic', 400, 'userunknown', 'hard'],
    ['apns', 'TooManyRequests', 429, 'toomanyconn', 'soft'],
    ['apns', 'ServiceUnavailable', 503, 'systemerror', 'soft'],
    ['apns', 'BadTopic', 400, 'notcompliantrfc', 'ignored'],
    ['apns', '', 410, 'userunknown', 'hard'],
    ['apns', '', 500, 'systemerror', 'soft'],
  ])('reads %s %s (%s) as %s (%s)', (platform, error, status, reason, type) => {
    expect(push({ platform, error, status })).toMatchObject({ action: 'failed', channel: 'push', reason, type });
  });

  it("does not condemn a token for FCM's INVALID_ARGUMENT about the payload", () => {
    expect(push({ platform: 'fcm', error: 'INVALID_ARGUMENT', status: 400, message: 'Invalid JSON payload received.' })).toMatchObject({
      type: 'ignored',
    });
    expect(
      push({
        platform: 'fcm',
        error: 'INVALID_ARGUMENT',
        status: 400,
        message: 'The registration token is not a valid FCM registration token',
      }),
    ).toMatchObject({ type: 'hard' });
  });

  it('reads a success as delivered, and an unknown error as to qualify', () => {
    expect(push({ platform: 'apns', status: 200 })).toMatchObject({ action: 'delivered' });
    expect(push({ platform: 'fcm', error: 'SOMETHING_NEW', status: 400 })).toMatchObject({ reason: 'undefined', type: 'ignored' });
    expect(readPush({ platform: 'fcm', error: 'UNREGISTERED' }).error).toMatch(/no token/);
  });
});

describe('Twilio signature', () => {
  const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
  const params: [string, string][] = [
    ['CallSid', 'CA1234567890ABCDE'],
    ['Caller', '+12349013030'],
    ['Digits', '1234'],
    ['From', '+12349013030'],
    ['To', '+18005551212'],
  ];

  it("gives Twilio's documented example signature", () => {
    expect(twilioSignature('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('verifies whatever the order of the parameters, with the port written or not, and refuses a changed value', () => {
    const sig = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';
    expect(twilioSignatureValid('12345', url, sig, { form: [...params].reverse() })).toBe(true);
    expect(twilioSignatureValid('12345', 'https://mycompany.com:443/myapp.php?foo=1&bar=2', sig, { form: params })).toBe(true);
    expect(twilioSignatureValid('12345', url, sig, { form: [...params.slice(0, 4), ['To', '+18005551213']] })).toBe(false);
    expect(twilioSignatureValid('54321', url, sig, { form: params })).toBe(false);
  });
});

describe('Twilio signature of a JSON body', () => {
  it('covers the URL alone, whose bodySHA256 must be the SHA-256 of the body', () => {
    const body = Buffer.from('{"from":"+33612345678","text":"STOP"}');
    const hash = createHash('sha256').update(body).digest('hex');
    const url = `https://inmail.example.com/v1/intake/sms?bodySHA256=${hash}`;
    const sig = twilioSignature('12345', url, []);
    expect(twilioSignatureValid('12345', url, sig, { raw: body })).toBe(true);
    expect(twilioSignatureValid('12345', url, sig, { raw: Buffer.from('{"from":"+33612345679","text":"STOP"}') })).toBe(false);
    expect(
      twilioSignatureValid(
        '12345',
        'https://inmail.example.com/v1/intake/sms',
        twilioSignature('12345', 'https://inmail.example.com/v1/intake/sms', []),
        { raw: body },
      ),
    ).toBe(false);
  });
});

describe("an operator's denylist", () => {
  it("takes over an opt-out's, so that a START no longer lifts it", () => {
    const optedOut = { ...NEW_ADDRESS, status: 'denylisted' as const, type: 'hard' as const, reason: 'feedback' as const, optedOut: true };
    expect(editedState(optedOut, { status: 'denylisted' })).toMatchObject({ status: 'denylisted', optedOut: false });
    expect(editedState({ ...optedOut, optedOut: false }, { status: 'denylisted' })).toBeNull();
  });
});
