// Broadcom Email Security.cloud, formerly Symantec MessageLabs (*.messagelabs.com).
// Its fixed answers are explained in Broadcom's knowledge base ("Email error and
// bounce codes for Email Security.cloud", article 169652, and the articles it links).
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const RULES: readonly Rule[] = [
  { text: 'domain authentication fail', reason: 'authfailure' }, // "553 DMARC / SPF domain authentication fail"
  // "501 Connection rejected by policy [7.7]": the sending IP's reputation with Symantec (article 164955).
  { text: 'connection rejected by policy', reason: 'badreputation' },
  // The sending IP on Spamhaus' PBL or on the service's block list.
  {
    text: /mail rejected because your ip is in the pbl|your ip address (?:\([^)]*\) )?has been (?:blocked|blacklisted)/,
    reason: 'blocked',
  },
  // The sender's address or domain on the recipient's own block list, "badmailfrom", unregistered domains.
  {
    text: /your (?:email address|domain) (?:\([^)]*\) )?has been (?:blocked|blacklisted)|badmailfrom list|sender envelope domain not allowed for sender ip address/,
    reason: 'rejected',
  },
  { text: 'stray linefeeds in message', reason: 'contenterror' }, // bare LF, against RFC 5322
  { text: /requested action aborted \[4\]|has detected that this message is not rfc 5322/, reason: 'notcompliantrfc' },
  { text: 'tls/sslv3 connection required', reason: 'securityerror' }, // Boundary Encryption: TLS required
  { text: 'please turn on smtp authentication', reason: 'securityerror' },
  { text: ' as a relay, ', reason: 'norelaying' }, // "You are trying to use me [...] as a relay"
  { text: /\bmessage filtered\b|filtered by outbound scanning/, reason: 'spamdetected' },
  // "452 Too many recipients received this hour", "460 too many messages": the receiving side's hourly limits.
  { text: /too many recipients received this hour|too many messages/, reason: 'toomanyconn' },
  { text: /no such user|invalid recipient|mailbox is not allowed/, reason: 'userunknown' },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['messagelabs.com'];

export const messagelabs: Provider = {
  name: 'messagelabs',
  is: (a) => under(a.host, HOSTS),
  reason: (a) => firstRule(RULES, a),
};
