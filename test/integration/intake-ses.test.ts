// Amazon SES through SNS, through the daemon: SNS messages signed as SNS signs them
// (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA, over SNS's canonical string)
// with test keys whose self-signed certificates stand in for SNS's. One is trusted
// by file (webhooks.ses.trustedCerts); the other is fetched by the daemon from a
// local https server, as it fetches SNS's from sns.<region>.amazonaws.com. That
// server's TLS certificate is self-signed for 127.0.0.1 and localhost: the daemon
// trusts it through NODE_EXTRA_CA_CERTS (as it trusts AWS's public CA in
// production), and webhooks.ses.certHost admits 127.0.0.1 beside the SNS pattern
// (and not localhost, the "other host" of these tests, on which the same server
// would answer, so that a fetch from it would be seen).
import { execFileSync } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startIntakeDaemon, type IntakeDaemon } from '../helpers/intake-daemon.js';
import { metricSample } from '../helpers/smtp-socket.js';
import { waitFor } from '../helpers/wait.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:inmail-ses-feedback';
/** The trusted certificate is kept under the name SNS gives it in SigningCertURL: that URL is then never fetched. */
const TRUSTED_NAME = 'SimpleNotificationService-0000000000000000000000000000000a';
const SNS_CERT_URL = `https://sns.eu-west-1.amazonaws.com/${TRUSTED_NAME}.pem`;

let dir: string;
let d: IntakeDaemon;
let server: Server;
let origin: string;
/** Requests the local https server saw (path and query). */
const seen: string[] = [];
const key = (name: string) => readFileSync(join(dir, `${name}.key`), 'utf8');

/** An RSA key and a self-signed certificate for it (openssl), valid now; `san` for a TLS server's names. */
function keyPair(name: string, cn: string, san?: string): void {
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${cn}`,
      '-keyout',
      join(dir, `${name}.key`),
      '-out',
      join(dir, `${name}.pem`),
      ...(san ? ['-addext', `subjectAltName=${san}`] : []),
    ],
    { stdio: 'ignore' },
  );
}

/** SNS's canonical string: "Name\nValue\n" for the fields its type signs, in SNS's order. */
function canonical(m: Record<string, string>): string {
  const fields =
    m.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  return fields
    .filter((f) => m[f] !== undefined)
    .map((f) => `${f}\n${m[f]}\n`)
    .join('');
}

function signed(m: Record<string, string>, opts: { version: '1' | '2'; keyName: string; certUrl: string }): string {
  const signature = createSign(opts.version === '1' ? 'RSA-SHA1' : 'RSA-SHA256')
    .update(canonical(m))
    .sign(key(opts.keyName), 'base64');
  return JSON.stringify({ ...m, SignatureVersion: opts.version, Signature: signature, SigningCertURL: opts.certUrl });
}

/** An SES bounce notification as SNS wraps it. */
function bounceNotification(o: { id?: string; email: string; type?: string; sub?: string; diag?: string; topic?: string; at?: Date }) {
  const ses = {
    notificationType: 'Bounce',
    bounce: {
      bounceType: o.type ?? 'Permanent',
      bounceSubType: o.sub ?? 'General',
      bouncedRecipients: [
        { emailAddress: o.email, action: 'failed', status: '5.1.1', diagnosticCode: o.diag ?? 'smtp; 550 5.1.1 user unknown' },
      ],
      timestamp: new Date().toISOString(),
      feedbackId: `0102018c-${randomUUID()}`,
      reportingMTA: 'dsn; b224-13.smtp-out.eu-west-1.amazonses.com',
    },
    mail: {
      timestamp: new Date().toISOString(),
      messageId: `0102018c-${randomUUID()}`,
      source: 'news@sender.example',
      destination: [o.email],
    },
  };
  return {
    Type: 'Notification',
    MessageId: o.id ?? randomUUID(),
    TopicArn: o.topic ?? TOPIC,
    Message: JSON.stringify(ses),
    Timestamp: (o.at ?? new Date()).toISOString(),
  };
}

/** The headers SNS sends with a notification (it posts JSON as text/plain). */
const SNS_HEADERS = { 'content-type': 'text/plain; charset=UTF-8', 'x-amz-sns-message-type': 'Notification' };
const storedSes = async () => (await d.rows('ses')).reduce((n, r) => n + r.n, 0);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inmail-ses-'));
  keyPair(TRUSTED_NAME, 'sns.amazonaws.com');
  keyPair('fetched', 'sns.amazonaws.com');
  keyPair('forger', 'sns.amazonaws.com');
  keyPair('tls', '127.0.0.1', 'IP:127.0.0.1,DNS:localhost');
  server = createServer({ key: key('tls'), cert: readFileSync(join(dir, 'tls.pem')) }, (req, res) => {
    seen.push(req.url ?? '');
    if (req.url === '/SimpleNotificationService-fetched.pem') {
      res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(readFileSync(join(dir, 'fetched.pem')));
    } else if (req.url?.startsWith('/confirm?')) {
      res
        .writeHead(200, { 'content-type': 'text/xml' })
        .end('<ConfirmSubscriptionResponse><ConfirmSubscriptionResult/></ConfirmSubscriptionResponse>');
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  origin = `https://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  d = await startIntakeDaemon(
    { NODE_EXTRA_CA_CERTS: join(dir, 'tls.pem') },
    [
      'queue:',
      '  sweepEverySeconds: 1',
      '  stuckAfterSeconds: 1',
      'webhooks:',
      '  ses:',
      `    trustedCerts: ['${join(dir, `${TRUSTED_NAME}.pem`)}']`,
      `    topicArns: ['${TOPIC}']`,
      `    certHost: '^(sns\\.[a-z0-9-]+\\.amazonaws\\.com|127\\.0\\.0\\.1)$'`,
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await d?.stop();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('POST /v1/intake/ses', () => {
  it('a SignatureVersion 1 message signed by a trusted certificate quarantines the address, without fetching', async () => {
    const body = signed(
      bounceNotification({
        email: 'gone@example.org',
        diag: 'smtp; 550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown',
      }),
      {
        version: '1',
        keyName: TRUSTED_NAME,
        certUrl: SNS_CERT_URL,
      },
    );
    const r = await d.post('/v1/intake/ses', body, SNS_HEADERS);
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toEqual({ received: 1, stored: 1, duplicates: 0 });
    await d.processed('ses');
    expect(await d.address('email', 'gone@example.org')).toMatchObject({ status: 'quarantined', reason: 'userunknown' });
  });

  it('a SignatureVersion 2 message is verified by the certificate fetched from SigningCertURL, fetched once', async () => {
    const certUrl = `${origin}/SimpleNotificationService-fetched.pem`;
    const first = signed(
      bounceNotification({ email: 'full@example.org', type: 'Transient', sub: 'MailboxFull', diag: 'smtp; 452 4.2.2 Mailbox full' }),
      {
        version: '2',
        keyName: 'fetched',
        certUrl,
      },
    );
    expect((await d.post('/v1/intake/ses', first, SNS_HEADERS)).status).toBe(200);
    const complaint = {
      Type: 'Notification',
      MessageId: randomUUID(),
      TopicArn: TOPIC,
      Subject: 'Amazon SES Email Event Notification',
      Message: JSON.stringify({
        notificationType: 'Complaint',
        complaint: {
          complainedRecipients: [{ emailAddress: 'angry@example.net' }],
          complaintFeedbackType: 'abuse',
          timestamp: new Date().toISOString(),
        },
        mail: { messageId: `0102018c-${randomUUID()}`, timestamp: new Date().toISOString() },
      }),
      Timestamp: new Date().toISOString(),
    };
    const second = signed(complaint, { version: '2', keyName: 'fetched', certUrl });
    expect((await d.post('/v1/intake/ses', second, SNS_HEADERS)).status).toBe(200);
    await waitFor('soft error counted', async () => (await d.address('email', 'full@example.org'))?.error_count === 1);
    expect(await d.address('email', 'full@example.org')).toMatchObject({ status: 'erroneous', reason: 'mailboxfull' });
    await waitFor('complaint applied', async () => (await d.address('email', 'angry@example.net'))?.status === 'denylisted');
    expect(seen.filter((u) => u === '/SimpleNotificationService-fetched.pem')).toHaveLength(1);
  });

  it('the same SNS message delivered twice counts once', async () => {
    const body = signed(bounceNotification({ email: 'twice@example.org' }), { version: '2', keyName: TRUSTED_NAME, certUrl: SNS_CERT_URL });
    expect(JSON.parse((await d.post('/v1/intake/ses', body, SNS_HEADERS)).body)).toMatchObject({ stored: 1 });
    expect(JSON.parse((await d.post('/v1/intake/ses', body, SNS_HEADERS)).body)).toMatchObject({ stored: 0, duplicates: 1 });
    await d.processed('ses');
    const events = await d.db.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM bounce_event WHERE address = 'twice@example.org'");
    expect(events.rows[0]?.n).toBe(1);
  });

  it('a forged signature, a wrong topic, a certificate on another host or an old Timestamp is 401 and stores nothing', async () => {
    const before = await storedSes();
    const fetchesBefore = seen.length;
    const victim = (n: number, o: Partial<Parameters<typeof bounceNotification>[0]> = {}) =>
      bounceNotification({ email: `victim${n}@example.org`, ...o });
    const attempts = {
      // Signed by a key whose certificate is neither trusted nor the one at SigningCertURL.
      forged: signed(victim(1), { version: '2', keyName: 'forger', certUrl: `${origin}/SimpleNotificationService-fetched.pem` }),
      forgedV1: signed(victim(2), { version: '1', keyName: 'forger', certUrl: SNS_CERT_URL }),
      // A genuine signature of a valid message whose body was changed after signing.
      tampered: signed(victim(3), { version: '2', keyName: TRUSTED_NAME, certUrl: SNS_CERT_URL }).replace('victim3@', 'victim4@'),
      topic: signed(victim(5, { topic: 'arn:aws:sns:eu-west-1:123456789012:someone-else' }), {
        version: '2',
        keyName: TRUSTED_NAME,
        certUrl: SNS_CERT_URL,
      }),
      // The forger's certificate served from a host certHost does not admit (the same local server, by name).
      otherHost: signed(victim(6), { version: '2', keyName: 'forger', certUrl: `${origin.replace('127.0.0.1', 'localhost')}/forger.pem` }),
      plainHttp: signed(victim(7), { version: '2', keyName: 'forger', certUrl: `${origin.replace('https', 'http')}/forger.pem` }),
      notPem: signed(victim(8), { version: '2', keyName: 'forger', certUrl: `${origin}/forger.crt` }),
      stale: signed(victim(9, { at: new Date(Date.now() - 2 * 3600_000) }), { version: '2', keyName: TRUSTED_NAME, certUrl: SNS_CERT_URL }),
      unsigned: JSON.stringify(victim(10)),
      // On the allowed host, but no certificate there (the server answers 404).
      missing: signed(victim(11), { version: '2', keyName: 'forger', certUrl: `${origin}/SimpleNotificationService-missing.pem` }),
    };
    for (const [name, body] of Object.entries(attempts)) {
      const r = await d.post('/v1/intake/ses', body, SNS_HEADERS);
      expect(r.status, `${name}: ${r.body}`).toBe(401);
    }
    expect(await storedSes()).toBe(before);
    for (let n = 1; n <= 11; n++) expect(await d.address('email', `victim${n}@example.org`)).toBeNull();
    // One fetch only, the missing certificate's: the one from the allowed host is cached, the other hosts never asked.
    expect(seen.slice(fetchesBefore)).toEqual(['/SimpleNotificationService-missing.pem']);
    expect(await d.daemon.waitForLog(/refused: SNS signature does not verify/)).toContain('"intake":"ses"');
    expect(await d.daemon.waitForLog(/refused: SigningCertURL refused \(host localhost/)).toContain('"intake":"ses"');
  });

  it('with Postgres cut the answer is 503 and the retry after it comes back is stored', async () => {
    const body = signed(bounceNotification({ email: 'later@example.org' }), { version: '1', keyName: TRUSTED_NAME, certUrl: SNS_CERT_URL });
    await d.pgProxy.cut();
    const during = await d.post('/v1/intake/ses', body, SNS_HEADERS);
    await d.pgProxy.restore();
    expect(during.status).toBe(503);
    await waitFor('the retry is stored', async () => (await d.post('/v1/intake/ses', body, SNS_HEADERS)).status === 200);
    await waitFor('quarantined', async () => (await d.address('email', 'later@example.org'))?.status === 'quarantined');
  });
});

describe('SubscriptionConfirmation', () => {
  const confirmation = (subscribeUrl: string) => ({
    Type: 'SubscriptionConfirmation',
    MessageId: randomUUID(),
    Token: '2336412f37fb687f5d51e6e2425c464de12884e2f3ea2a4f1b3c8e5a4f7d9a1b',
    TopicArn: TOPIC,
    Message: `You have chosen to subscribe to the topic ${TOPIC}.\nTo confirm the subscription, visit the SubscribeURL included in this message.`,
    SubscribeURL: subscribeUrl,
    Timestamp: new Date().toISOString(),
  });

  it('is verified, confirmed by fetching its SubscribeURL, answered, logged, and stores nothing', async () => {
    const before = await storedSes();
    const url = `${origin}/confirm?Action=ConfirmSubscription&TopicArn=${encodeURIComponent(TOPIC)}&Token=2336412f`;
    const body = signed(confirmation(url), { version: '2', keyName: TRUSTED_NAME, certUrl: SNS_CERT_URL });
    const r = await d.post('/v1/intake/ses', body, { 'x-amz-sns-message-type': 'SubscriptionConfirmation' });
    expect(r.status, r.body).toBe(200);
    expect(seen).toContain(url.slice(origin.length));
    expect(await storedSes()).toBe(before);
    expect(await d.daemon.waitForLog(/subscription to arn:aws:sns:eu-west-1:123456789012:inmail-ses-feedback confirmed/)).toContain(
      '"intake":"ses"',
    );
  });

  it('a forged confirmation or one whose SubscribeURL is on another host is 401 and fetches nothing', async () => {
    const fetchesBefore = seen.length;
    const forged = signed(confirmation(`${origin}/confirm?Token=forged`), { version: '2', keyName: 'forger', certUrl: SNS_CERT_URL });
    expect((await d.post('/v1/intake/ses', forged)).status).toBe(401);
    const elsewhere = signed(confirmation(`${origin.replace('127.0.0.1', 'localhost')}/confirm?Token=elsewhere`), {
      version: '2',
      keyName: TRUSTED_NAME,
      certUrl: SNS_CERT_URL,
    });
    expect((await d.post('/v1/intake/ses', elsewhere)).status).toBe(401);
    expect(seen.slice(fetchesBefore)).toEqual([]);
  });
});

describe('metrics', () => {
  it('count the SES intake under its own label, refusals by reason', async () => {
    const port = JSON.parse(await d.daemon.waitForLog(/"msg":"inmail started"/)) as { httpPort: number };
    const text = await (await fetch(`http://127.0.0.1:${port.httpPort}/metrics`)).text();
    expect(metricSample(text, 'inmail_mails_received_total', { intake: 'ses', result: 'accepted', reason: '' })).toBeGreaterThanOrEqual(5);
    expect(metricSample(text, 'inmail_mails_received_total', { intake: 'ses', result: 'refused', reason: 'topic' })).toBe(1);
    expect(metricSample(text, 'inmail_mails_received_total', { intake: 'ses', result: 'refused', reason: 'stale' })).toBe(1);
  });
});
