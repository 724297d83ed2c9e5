// Twilio's request signature (X-Twilio-Signature), as Twilio documents it: the
// base64 HMAC-SHA1, keyed by the account's auth token, of the full URL Twilio
// called followed by each POST parameter's name and value, sorted by name. A JSON
// body is signed through the URL alone, which then carries the body's SHA-256 in
// its `bodySHA256` parameter.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export function twilioSignature(authToken: string, url: string, params: readonly (readonly [string, string])[]): string {
  const sorted = [...params].sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const data = url + sorted.map(([k, v]) => k + v).join('');
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * The URL as Twilio may have signed it: with and without the scheme's default port,
 * since what Twilio signs depends on how the webhook URL was written in its console.
 */
function variants(url: string): string[] {
  const m = /^(https?):\/\/([^/?#:]+)(?::(\d+))?(.*)$/i.exec(url);
  if (!m) return [url];
  const [, scheme = '', host = '', port, rest = ''] = m;
  const defaultPort = scheme.toLowerCase() === 'https' ? '443' : '80';
  if (port === undefined) return [url, `${scheme}://${host}:${defaultPort}${rest}`];
  return port === defaultPort ? [url, `${scheme}://${host}${rest}`] : [url];
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether `signature` is Twilio's for this request: form parameters, or a JSON body through bodySHA256. */
export function twilioSignatureValid(
  authToken: string,
  url: string,
  signature: string,
  body: { form: readonly (readonly [string, string])[] } | { raw: Buffer },
): boolean {
  if ('raw' in body) {
    let hash: string | null;
    try {
      hash = new URL(url).searchParams.get('bodySHA256');
    } catch {
      hash = null;
    }
    if (!hash || !same(hash.toLowerCase(), createHash('sha256').update(body.raw).digest('hex'))) return false;
    return variants(url).some((u) => same(twilioSignature(authToken, u, []), signature));
  }
  return variants(url).some((u) => same(twilioSignature(authToken, u, body.form), signature));
}
