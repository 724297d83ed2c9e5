// Spectrum (Charter): refusals carry "AUP#I-1310" (incoming) or "AUP#O-1010"
// (outgoing), four digits whose ranges Spectrum documents.
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';

const CODE = /aup#[a-z]*-?(\d{4})\b/;

/** [first, last, reason], from Spectrum's "understanding email error codes" page. */
const RANGES: ReadonlyArray<readonly [number, number, Reason]> = [
  [1000, 1000, 'blocked'], // IP blocked for suspicious activity
  [1010, 1080, 'rejected'], // sending account blocked or limited
  [1090, 1090, 'systemerror'], // cannot be processed, try later
  [1100, 1150, 'requireptr'], // no full-circle DNS for the IP
  [1160, 1190, 'policyviolation'], // against the domain's security policies
  [1200, 1250, 'blocked'], // Cloudmark CSI / Spamhaus listing
  [1260, 1260, 'networkerror'], // IPv6 not accepted
  [1300, 1340, 'toomanyconn'], // concurrent / total connection limits
  [1350, 1490, 'speeding'], // volume limits
  [1500, 1520, 'rejected'], // sending as another address or domain
  [1530, 1530, 'mesgtoobig'], // over 20 MB
  [1540, 1550, 'speeding'], // too many mails or recipients in one session
  [1560, 1560, 'policyviolation'], // too many invalid recipients
  [1580, 1580, 'speeding'], // too many recipients in a short time
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['charter.net', 'spectrum.net', 'rr.com'];

export const spectrum: Provider = {
  name: 'spectrum',
  is: (a) => under(a.host, HOSTS) || a.text.includes('aup#'),
  reason(a) {
    const n = Number(CODE.exec(a.text)?.[1] ?? NaN);
    if (Number.isNaN(n)) return null;
    return RANGES.find(([lo, hi]) => n >= lo && n <= hi)?.[2] ?? null;
  },
};
