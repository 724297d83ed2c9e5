// EarthLink's inbound servers (earthlink.net, mindspring.com; MX hosts under oxsus-vadesecure.net, run by
// Vade): every refusal ends with a code, "ELNK_105" or "OXSUS0001_110", whose three last digits its
// postmaster pages (postmaster-earthlink.vadesecure.com/inbound_error_codes, postmaster-oxsus.vadesecure.com)
// explain. The reply's own words are generic ("Connection refused", "Connection deferred"): only the code
// tells a missing PTR from a block list or a rate limit.
import type { Reason } from '../../domain/reasons.js';
import { codeProvider } from './provider.js';

const CODE = /\b(?:elnk|oxsus)\d*_(\d{3})\b/;

const CODES: Record<string, Reason> = {
  '101': 'blocked', // the IP on the Vade Threat Network list
  '102': 'blocked', // the IP on a Validity block list
  '103': 'systemerror', // the server is temporarily unavailable
  '105': 'requireptr', // no reverse DNS
  '108': 'requireptr', // no forward-confirmed reverse DNS
  '110': 'toomanyconn', // concurrent connections from the IP
  '111': 'blocked', // the IP on a Spamhaus list
  '130': 'badreputation', // the IP is a source of unacceptable messages
  '136': 'speeding', // excessive volume
  '139': 'toomanyconn', // too many connections opened
  '140': 'speeding', // too many messages
};

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['earthlink.net', 'mindspring.com', 'oxsus-vadesecure.net'];

export const earthlink = codeProvider('earthlink', HOSTS, CODE, CODES);
