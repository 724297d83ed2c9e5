// Free (free.fr, mx*.free.fr): refusals point to postmaster.free.fr; "Too many spams from your IP"
// is a block of the sending IP, not a verdict on the message.
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const RULES: readonly Rule[] = [{ text: 'too many spams from your ip', reason: 'blocked' }];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['free.fr'];

export const free: Provider = {
  name: 'free',
  is: (a) => under(a.host, HOSTS) || a.text.includes('postmaster.free.fr') || (a.host === '' && a.domain === 'free.fr'),
  reason: (a) => firstRule(RULES, a),
};
