// The readers of sending MTAs' accounting logs: Postfix's delivery lines,
// KumoMTA's JSON records, PowerMTA's CSV records, and the JSON lines format.
// Lines written here after each MTA's documented format.
import { describe, expect, it } from 'vitest';
import { logReader, PowerMtaReader, readKumoLine, readPostfixLine } from '../../src/parse/delivery-logs/index.js';
import { attemptVerdict } from '../../src/parse/reports/delivery.js';

const NOW = new Date('2026-12-06T20:00:00Z');

describe('Postfix log lines', () => {
  it('reads a refusal at RCPT: recipient, relay host and ip, dsn, the remote text and the command', () => {
    const line =
      'Dec  6 19:30:01 lab postfix/smtp[4242]: 4Q7Xk12abcz: to=<nobody@refuses.test>, relay=mx.refuses.test[127.0.0.3]:2525, delay=0.21, delays=0.05/0.01/0.1/0.05, dsn=5.1.1, status=bounced (host mx.refuses.test[127.0.0.3] said: 550 5.1.1 <nobody@refuses.test>: Recipient address rejected: User unknown in virtual mailbox table (in reply to RCPT TO command))';
    expect(readPostfixLine(line, NOW)).toEqual({
      recipient: 'nobody@refuses.test',
      outcome: 'failed',
      deliveryId: '4Q7Xk12abcz',
      at: '2026-12-06T19:30:01.000Z',
      mxHost: 'mx.refuses.test',
      mxIp: '127.0.0.3',
      enhanced: '5.1.1',
      command: 'RCPT',
      code: '550',
      text: '550 5.1.1 <nobody@refuses.test>: Recipient address rejected: User unknown in virtual mailbox table',
    });
  });

  it('reads a delivery and a deferral, RFC 3339 stamps, and an earlier year for a future syslog date', () => {
    const sent = readPostfixLine(
      '2026-12-06T19:31:00.123456+00:00 lab postfix/smtp[1]: 9ABC: to=<a@b.test>, relay=mx.b.test[192.0.2.1]:25, delay=1, delays=0/0/0/1, dsn=2.0.0, status=sent (250 2.0.0 Ok: queued as 77F)',
      NOW,
    );
    expect(sent).toMatchObject({ outcome: 'delivered', code: '250', at: '2026-12-06T19:31:00.123Z', text: '250 2.0.0 Ok: queued as 77F' });
    const deferred = readPostfixLine(
      'Dec 31 23:59:59 lab postfix/smtp[2]: 1DEF: to=<c@d.test>, relay=none, delay=30, delays=0/0/30/0, dsn=4.4.1, status=deferred (connect to mx.d.test[192.0.2.2]:25: Connection refused)',
      NOW,
    );
    expect(deferred).toMatchObject({
      outcome: 'deferred',
      enhanced: '4.4.1',
      at: '2025-12-31T23:59:59.000Z',
      text: 'connect to mx.d.test[192.0.2.2]:25: Connection refused',
    });
    expect(deferred?.mxHost).toBeUndefined();
  });

  it('skips lines that are not delivery attempts', () => {
    expect(readPostfixLine('Dec  6 19:30:01 lab postfix/qmgr[9]: 4Q7X: from=<s@x.test>, size=300, nrcpt=1 (queue active)', NOW)).toBeNull();
    expect(readPostfixLine('Dec  6 19:30:01 lab postfix/qmgr[9]: 4Q7X: removed', NOW)).toBeNull();
  });

  it('a refusal read from the log gets the reason a bounce with its text gets', () => {
    const a = readPostfixLine(
      'Dec  6 19:30:01 lab postfix/smtp[4242]: 4Q7X: to=<nobody@refuses.test>, relay=mx.refuses.test[127.0.0.3]:25, delay=0.2, delays=0/0/0/0.2, dsn=5.1.1, status=bounced (host mx.refuses.test[127.0.0.3] said: 550 5.1.1 No such user (in reply to RCPT TO command))',
      NOW,
    );
    expect(a && attemptVerdict(a)).toMatchObject({ action: 'failed', reason: 'userunknown', status: '5.1.1', replyCode: '550' });
  });
});

describe('KumoMTA log records', () => {
  const record = (type: string, response: object) =>
    JSON.stringify({
      type,
      id: '1d98076abbbc11ed940250ebf67f93bd',
      sender: 'bounce@sender.test',
      recipient: 'user@remote.test',
      queue: 'remote.test',
      site: 'remote.test->mx.remote.test',
      size: 1024,
      response,
      peer_address: { name: 'mx.remote.test', addr: '192.0.2.30' },
      timestamp: 1796593800,
      created: 1796593790,
      num_attempts: 1,
    });

  it('reads a bounce with its enhanced code and command', () => {
    const line = record('Bounce', {
      code: 550,
      enhanced_code: { class: 5, subject: 1, detail: 1 },
      content: 'The email account that you tried to reach does not exist.',
      command: 'RCPT TO:<user@remote.test>\r\n',
    });
    expect(readKumoLine(line)).toEqual({
      recipient: 'user@remote.test',
      outcome: 'failed',
      code: '550',
      enhanced: '5.1.1',
      text: 'The email account that you tried to reach does not exist.',
      command: 'RCPT',
      mxHost: 'mx.remote.test',
      mxIp: '192.0.2.30',
      at: new Date(1796593800 * 1000).toISOString(),
      deliveryId: '1d98076abbbc11ed940250ebf67f93bd',
    });
  });

  it('reads deliveries and transient failures, skips receptions and non-JSON', () => {
    expect(readKumoLine(record('Delivery', { code: 250, content: 'OK', command: null }))?.outcome).toBe('delivered');
    expect(readKumoLine(record('TransientFailure', { code: 451, content: 'try later' }))?.outcome).toBe('deferred');
    expect(readKumoLine(record('Reception', {}))).toBeNull();
    expect(readKumoLine('not json')).toBeNull();
  });
});

describe('PowerMTA accounting records', () => {
  it('reads the fields the header names, in its order', () => {
    const r = new PowerMtaReader();
    expect(r.read('type,timeLogged,rcpt,dsnAction,dsnStatus,dsnDiag,dsnMta,dlvDestinationIp,jobId,envId')).toBeNull();
    expect(
      r.read(
        'b,2026-12-06 19:30:01+0000,gone@remote.test,failed,5.1.1 (bad destination mailbox address),"smtp;550 5.1.1 <gone@remote.test>... User unknown, sorry",mx.remote.test (192.0.2.40),192.0.2.40,job-7,env-99',
      ),
    ).toEqual({
      recipient: 'gone@remote.test',
      outcome: 'failed',
      enhanced: '5.1.1',
      text: '550 5.1.1 <gone@remote.test>... User unknown, sorry',
      code: '550',
      mxHost: 'mx.remote.test',
      mxIp: '192.0.2.40',
      at: '2026-12-06T19:30:01.000Z',
      deliveryId: 'env-99',
    });
    expect(
      r.read(
        'd,2026-12-06 19:30:02+0000,ok@remote.test,relayed,2.0.0 (success),smtp;250 ok,mx.remote.test (192.0.2.40),192.0.2.40,job-7,env-100',
      ),
    ).toMatchObject({
      outcome: 'delivered',
    });
    expect(r.read('f,2026-12-06 19:30:03+0000,angry@remote.test,,,,,,,')).toBeNull();
  });

  it('without a header, reads PowerMTA default field order', () => {
    const r = logReader('powermta');
    const line =
      't,2026-12-06 19:30:01+0000,2026-12-06 19:29:00+0000,bounce@sender.test,later@remote.test,,delayed,4.2.2 (mailbox full),smtp;452 4.2.2 Mailbox full,mx.remote.test (192.0.2.41),,smtp,,smtp,198.51.100.1,192.0.2.41,yes,2048,vmta1,job-8,env-101';
    expect(r(line)).toMatchObject({
      recipient: 'later@remote.test',
      outcome: 'deferred',
      enhanced: '4.2.2',
      code: '452',
      mxIp: '192.0.2.41',
    });
  });
});

describe('JSON lines', () => {
  it('reads attempts and skips lines that are not', () => {
    const r = logReader('jsonl');
    expect(r('{"recipient":"a@b.test","outcome":"failed","code":550}')).toEqual({ recipient: 'a@b.test', outcome: 'failed', code: '550' });
    expect(r('{"recipient":"a@b.test","outcome":"bounced"}')).toBeNull();
    expect(r('')).toBeNull();
  });
});

describe('JSON lines that are not attempts', () => {
  it('are told to the caller with the reason (the CLI logs and counts them), blank lines are not', () => {
    const refused: string[] = [];
    const r = logReader('jsonl', undefined, (why) => refused.push(why));
    expect(r('{"recipient":"a@b.test","outcome":"failed","code":550}')).not.toBeNull();
    expect(r('not json at all')).toBeNull();
    expect(r('{"recipient":"a@b.test","outcome":"bounced"}')).toBeNull();
    expect(r('   ')).toBeNull();
    expect(refused).toHaveLength(2);
    expect(refused[0]).toBe('not JSON');
    expect(refused[1]).toMatch(/outcome/);
  });
});
