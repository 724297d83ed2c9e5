// Where the SNS intake gets its signing certificates (docs/intake.md, "Amazon SES"):
// the PEM files of webhooks.ses.trustedCerts, read at start, or the certificate
// SigningCertURL names, fetched over https only from a host matching
// webhooks.ses.certHost and a path ending in .pem, and kept by URL. No other
// host is ever asked: a forged message cannot make inmail fetch its key.
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { get } from 'node:https';
import { basename } from 'node:path';

/** webhooks.ses.certHost as a pattern of whole host names: an unanchored "sns\.amazonaws\.com" must not admit "sns.amazonaws.com.evil.example". */
export const hostPattern = (source: string): RegExp => new RegExp(`^(?:${source})$`, 'i');

/** Why a URL may not be fetched, or null when it may. */
export function urlRefusal(raw: string, host: RegExp, pemOnly: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `not a URL: ${raw.slice(0, 200)}`;
  }
  if (url.protocol !== 'https:') return `not https: ${url.origin}`;
  // URL.hostname keeps the brackets of an IPv6 literal; the pattern is written without them.
  if (!host.test(url.hostname.replace(/^\[|\]$/g, ''))) return `host ${url.hostname} does not match webhooks.ses.certHost`;
  if (url.username || url.password) return 'URL carries credentials';
  if (pemOnly && !url.pathname.endsWith('.pem')) return `path ${url.pathname} does not end in .pem`;
  return null;
}

/** A GET that failed for a reason the sender cannot be blamed for (network, timeout): the caller answers 5xx. */
export class FetchUnavailable extends Error {}
/** A GET the server answered with something else than 200 and a body: the caller refuses. */
export class FetchRefused extends Error {}

/** GETs an https URL (no redirect followed: a redirect could leave the allowed host) and returns at most maxBytes of body. */
export function httpsGet(url: string, timeoutMs: number, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const req = get(url, { timeout: timeoutMs }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new FetchRefused(`${url} answered ${res.statusCode ?? '?'}`));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBytes) {
          req.destroy();
          reject(new FetchRefused(`${url} sent more than ${maxBytes} bytes`));
          return;
        }
        chunks.push(c);
      });
      res.on('end', () => resolve(Buffer.concat(chunks)));
      res.on('error', (err) => reject(new FetchUnavailable(`${url}: ${err.message}`)));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err) => reject(new FetchUnavailable(`${url}: ${err.message}`)));
  });
}

/** Whether the certificate is within its validity period at `now`. */
export const validNow = (c: X509Certificate, now: number): boolean => Date.parse(c.validFrom) <= now && now <= Date.parse(c.validTo);

function parsePem(pem: Buffer): X509Certificate | null {
  try {
    return new X509Certificate(pem);
  } catch {
    return null;
  }
}

export interface SnsCerts {
  /** The trusted certificates, in their files' order. */
  readonly trusted: readonly X509Certificate[];
  /**
   * The certificate at a URL urlRefusal allowed: the trusted file of the same name as the URL's
   * (SNS's SimpleNotificationService-….pem), else from the cache, else fetched.
   * Rejects with FetchUnavailable or FetchRefused.
   */
  fetch(url: string): Promise<X509Certificate>;
  /** Certificates fetched so far (URLs cached). */
  readonly cached: number;
}

const MAX_CACHED = 256;
const MAX_CERT_BYTES = 64 * 1024;

export function snsCerts(files: readonly string[], timeoutMs: number): SnsCerts {
  // Read at start: a missing or unreadable file stops the daemon, rather than every message being refused.
  const trusted = files.map((f) => {
    try {
      return new X509Certificate(readFileSync(f));
    } catch (err) {
      throw new Error(`webhooks.ses.trustedCerts: ${f}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  });
  // A trusted file kept under SNS's name for it stands for that URL: the URL is then never fetched.
  const named = new Map(files.map((f, i) => [basename(f), trusted[i] as X509Certificate]));
  const cache = new Map<string, Promise<X509Certificate>>();
  return {
    trusted,
    get cached() {
      return cache.size;
    },
    fetch(url) {
      const own = named.get(basename(new URL(url).pathname));
      if (own)
        return validNow(own, Date.now())
          ? Promise.resolve(own)
          : Promise.reject(new FetchRefused(`trusted certificate for ${url} has expired`));
      const known = cache.get(url);
      if (known) return known;
      const p = httpsGet(url, timeoutMs, MAX_CERT_BYTES).then((pem) => {
        const cert = parsePem(pem);
        if (!cert) throw new FetchRefused(`${url}: not a PEM certificate`);
        if (!validNow(cert, Date.now())) throw new FetchRefused(`${url}: certificate outside its validity period`);
        return cert;
      });
      // Only a certificate is kept: a failed fetch is tried again with the next message.
      p.catch(() => cache.delete(url));
      if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
      cache.set(url, p);
      return p;
    },
  };
}
