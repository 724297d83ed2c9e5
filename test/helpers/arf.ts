// Builds ARF (RFC 5965) feedback reports as mailbox providers send them, and
// DKIM-signs them with a test key served by a local resolver (never the network).
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import type { DNSResolver } from 'mailauth';

export interface ArfOptions {
  /** The complaining recipient (Original-Rcpt-To and the original's To). */
  recipient: string;
  /** Return-Path of the original message, where the VERP token lives. */
  returnPath?: string;
  from?: string;
}

export function buildArf(o: ArfOptions): string {
  const boundary = `arf-${randomBytes(6).toString('hex')}`;
  const date = new Date().toUTCString().replace('GMT', '+0000');
  return [
    `From: ${o.from ?? 'Feedback Loop <fbl@fbl.provider.test>'}`,
    `To: fbl@bounces.test`,
    `Subject: FW: Our November offers`,
    `Date: ${date}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@fbl.provider.test>`,
    `MIME-Version: 1.0`,
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"`,
    ``,
    `--${boundary}`,
    `Content-Type: text/plain; charset=us-ascii`,
    ``,
    `This is an email abuse report for an email message received from IP 192.0.2.25.`,
    ``,
    `--${boundary}`,
    `Content-Type: message/feedback-report`,
    ``,
    `Feedback-Type: abuse`,
    `User-Agent: TestFBL/1.0`,
    `Version: 1`,
    `Original-Rcpt-To: ${o.recipient}`,
    `Arrival-Date: ${date}`,
    ``,
    `--${boundary}`,
    `Content-Type: message/rfc822`,
    ``,
    ...(o.returnPath ? [`Return-Path: <${o.returnPath}>`] : []),
    `From: News <news@sender.example>`,
    `To: ${o.recipient}`,
    `Subject: Our November offers`,
    `Message-ID: <${randomBytes(8).toString('hex')}@news.sender.example>`,
    `Date: ${date}`,
    ``,
    `Hello, here are our offers.`,
    ``,
    `--${boundary}--`,
    ``,
  ].join('\r\n');
}

/** A DKIM key for `domain`, and a resolver that serves only its record. */
export function testDkimKey(domain: string, selector = 'fbl2026'): { sign: (mail: string) => Promise<string>; resolver: DNSResolver } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
  const name = `${selector}._domainkey.${domain}`;
  const resolver: DNSResolver = async (host, rrtype) => {
    if (host.toLowerCase() === name && rrtype === 'TXT') return [[record]];
    throw Object.assign(new Error(`queryTxt ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  };
  const sign = async (mail: string) => {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const r = await dkimSign(mail, { signatureData: [{ signingDomain: domain, selector, privateKey: pem }] } as Parameters<
      typeof dkimSign
    >[1]);
    if (!r.signatures) throw new Error(`DKIM signing failed: ${JSON.stringify(r.errors)}`);
    return r.signatures + mail;
  };
  return { sign, resolver };
}
