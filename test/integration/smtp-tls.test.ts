// STARTTLS on the listener: a real TLS session from nodemailer with a
// certificate made at test time, the protocol kept with the raw mail, TLS
// before 1.2 refused, and a renewed certificate served without a restart.
import { X509Certificate } from 'node:crypto';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import tls from 'node:tls';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDsn } from '../helpers/dsn.js';
import type { RunningDaemon } from '../helpers/daemon.js';
import { connectSmtp } from '../helpers/smtp-socket.js';
import { startSmtpDaemon, stopSmtpDaemon, type SmtpDaemon } from '../helpers/smtp-daemon.js';
import type { TestDb } from '../helpers/test-db.js';
import { makeCert, type TestCert } from '../helpers/tls-cert.js';

const DOMAIN = 'bounces.test';
const HOST = 'mx.bounces.test';
let db: TestDb;
let daemon: RunningDaemon;
let smtpPort: number;
let dir: string;
let cert: TestCert;
let started: SmtpDaemon | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'inmail-tls-'));
  cert = makeCert(HOST, dir);
  started = await startSmtpDaemon({
    domain: DOMAIN,
    http: false,
    env: { INMAIL_SMTP_TLS_CERT: cert.cert, INMAIL_SMTP_TLS_KEY: cert.key },
    roles: ['smtp'],
  });
  ({ db, daemon, smtpPort } = started);
  await daemon.waitForLog(/"msg":"inmail started"/);
});

afterAll(async () => {
  if (started) await stopSmtpDaemon(started);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** EHLO, STARTTLS, then a TLS handshake over the same socket; the session's certificate and protocol. */
async function starttls(opts: tls.ConnectionOptions = {}): Promise<{ fingerprint: string; protocol: string | null }> {
  const c = await connectSmtp(smtpPort);
  await c.reply();
  c.write('EHLO client.example\r\n');
  expect(await c.reply()).toMatch(/STARTTLS/);
  c.write('STARTTLS\r\n');
  expect(await c.reply()).toMatch(/^220/);
  c.socket.removeAllListeners('data');
  return new Promise((resolve, reject) => {
    const s = tls.connect({ socket: c.socket, servername: HOST, rejectUnauthorized: false, ...opts }, () => {
      const r = { fingerprint: s.getPeerCertificate().fingerprint256, protocol: s.getProtocol() };
      s.end();
      resolve(r);
    });
    s.once('error', reject);
  });
}

describe('STARTTLS', () => {
  it('carries a real nodemailer session over TLS, and the raw mail records the protocol', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: smtpPort,
      secure: false,
      requireTLS: true,
      name: 'client.example',
      tls: { ca: [cert.pem], servername: HOST },
    });
    const info = await transport.sendMail({
      envelope: { from: '', to: [`b@${DOMAIN}`] },
      raw: buildDsn({ recipients: [{ address: 'over-tls@example.org', status: '5.1.1' }] }),
    });
    transport.close();
    expect(info.response).toMatch(/^250/);
    const id = Number(/stored as (\d+)/.exec(info.response)?.[1]);
    const row = await db.pool.query<{ tls: string | null }>('SELECT tls FROM raw_mail WHERE id = $1', [id]);
    expect(row.rows[0]?.tls).toMatch(/^TLSv1\.[23]$/);
  });

  it('records a plain-text mail as such', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const info = await transport.sendMail({
      envelope: { from: '', to: [`b@${DOMAIN}`] },
      raw: buildDsn({ recipients: [{ address: 'plain@example.org', status: '5.1.1' }] }),
    });
    transport.close();
    const id = Number(/stored as (\d+)/.exec(info.response)?.[1]);
    expect((await db.pool.query('SELECT tls FROM raw_mail WHERE id = $1', [id])).rows).toEqual([{ tls: null }]);
  });

  it('refuses TLS older than 1.2', async () => {
    await expect(starttls({ minVersion: 'TLSv1', maxVersion: 'TLSv1.1', ciphers: 'DEFAULT@SECLEVEL=0' })).rejects.toThrow();
    expect((await starttls({ minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' })).protocol).toBe('TLSv1.2');
  });

  it('serves a renewed certificate without a restart', async () => {
    const before = (await starttls()).fingerprint;
    const renewed = makeCert(HOST, mkdtempSync(join(tmpdir(), 'inmail-tls-new-')));
    copyFileSync(renewed.key, cert.key);
    copyFileSync(renewed.cert, cert.cert);
    await daemon.waitForLog(/TLS certificate reloaded/, 15_000);
    const after = (await starttls()).fingerprint;
    expect(after).not.toBe(before);
    expect(after).toBe(new X509Certificate(renewed.pem).fingerprint256);
  });
});
