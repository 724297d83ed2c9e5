// Comcast (comcast.net): refusals carry a code from Comcast's postmaster
// "SMTP error codes" page, "BL000000" (the IP on a blocklist), "RL000001"
// (rate limits), and its directory's "Not our Customer".
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const RULES: readonly Rule[] = [
  { text: /\bbl\d{6}\b/, reason: 'blocked' },
  { text: /\brl\d{6}\b/, reason: 'speeding' },
  { text: 'not our customer', reason: 'userunknown' },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['comcast.net'];

export const comcast: Provider = {
  name: 'comcast',
  is: (a) => under(a.host, HOSTS) || a.domain === 'comcast.net' || a.text.includes('postmaster.comcast.net'),
  reason: (a) => firstRule(RULES, a),
};
