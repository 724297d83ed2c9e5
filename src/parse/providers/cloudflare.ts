// Cloudflare Email Routing (route1/2/3.mx.cloudflare.net). Its postmaster page
// (developers.cloudflare.com/email-routing/postmaster/) explains the refusals:
// the sending IP found on a DNS block list, and "Upstream error" when the
// destination it forwards to failed.
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const RULES: readonly Rule[] = [
  // "554 <ip> found on one or more DNSBLs (abusixip)" (older answers say "RBLs").
  { text: /found on one or more (?:dnsbls|rbls)/, reason: 'blocked' },
  { text: 'upstream error', reason: 'systemerror' },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['mx.cloudflare.net'];

export const cloudflare: Provider = {
  name: 'cloudflare',
  is: (a) => under(a.host, HOSTS) || a.text.includes('developers.cloudflare.com/email-routing'),
  reason: (a) => firstRule(RULES, a),
};
