// GoDaddy's inbound servers (secureserver.net) end their refusals with an
// "IBnnn" code, listed on GoDaddy's "fix rejected email" help page.
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';

const CODE = /\b(ib\d{3})\b/;

const CODES: Record<string, Reason> = {
  ib401: 'securityerror', // authentication not allowed on inbound servers
  ib501: 'notcompliantrfc',
  ib502: 'notcompliantrfc', // blank From, an IP address as From
  ib506: 'rejected', // the From domain is invalid
  ib508: 'authfailure', // SPF does not authorize the sending server
  ib108: 'requireptr', // reverse DNS failed
  ib212: 'spamdetected',
  ib705: 'virusdetected',
  ib605: 'toomanyconn',
  ib007: 'toomanyconn', // too many recipients / sessions
  ib101: 'speeding',
  ib504: 'speeding',
  ib510: 'speeding',
  ib607: 'speeding', // volume limits
  ib110: 'blocked',
  ib111: 'blocked',
  ib112: 'blocked',
  ib113: 'blocked', // IP blocked for spam or invalid recipients
  ib103: 'badreputation', // poor Cloudmark CSI reputation
  ib104: 'blocked',
  ib105: 'blocked',
  ib106: 'blocked', // Spamhaus SBL / XBL / PBL
};

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['secureserver.net'];

export const godaddy: Provider = {
  name: 'godaddy',
  is: (a) => under(a.host, HOSTS),
  reason: (a) => CODES[CODE.exec(a.text)?.[1] ?? ''] ?? null,
};
