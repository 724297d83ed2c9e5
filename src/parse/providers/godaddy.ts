// GoDaddy's inbound servers (secureserver.net) end their refusals with an
// "IBnnn" code, listed on GoDaddy's "fix rejected email" help page.
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

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

/** The help page's answers that carry no IB code. */
const RULES: readonly Rule[] = [
  { text: /recipient not found|account does not exist/, reason: 'userunknown' },
  { text: 'account disabled', reason: 'suspend' },
  { text: 'account storage limit', reason: 'mailboxfull' },
  { text: 'message rejected for spam or virus content', reason: 'spamdetected' },
  { text: /\brbl reject|spamhaus\.org\/query\/bl\?ip=/, reason: 'blocked' },
  { text: /has been in the queue too long|delivery timeout/, reason: 'expired' },
  // "This message is looping: it already has my Delivered-To line": the recipient's forwarding loops.
  { text: 'message is looping', reason: 'systemerror' },
];

export const godaddy: Provider = {
  name: 'godaddy',
  is: (a) => under(a.host, HOSTS),
  reason: (a) => CODES[CODE.exec(a.text)?.[1] ?? ''] ?? firstRule(RULES, a),
};
