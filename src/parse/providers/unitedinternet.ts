// GMX, web.de and 1&1 / IONOS inbound servers (*.gmx.net, *.web.de,
// *.kundenserver.de, *.ionos.*): refusals end with "For explanation visit
// <postmaster page>?ip=..." and its error-messages page explains the wordings.
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const RULES: readonly Rule[] = [
  { text: 'bad dns ptr resource record', reason: 'requireptr' },
  { text: /ip address is black ?listed|reject due to policy restrictions/, reason: 'blocked' },
  { text: 'requested action not taken: mailbox unavailable', reason: 'userunknown' },
  { text: 'mail size limit exceeded', reason: 'mesgtoobig' },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = [
  'gmx.net',
  'gmx.de',
  'gmx.com',
  'web.de',
  'kundenserver.de',
  'ionos.com',
  'ionos.de',
  'mail.com',
  '1and1.com',
];

export const unitedInternet: Provider = {
  name: 'unitedinternet',
  is: (a) =>
    under(a.host, HOSTS) ||
    ((a.text.includes('postmaster.') || a.text.includes('web.de/') || a.text.includes('gmx.')) &&
      /postmaster\.(?:1und1|1and1|gmx|web)\.|web\.de\/email\/senderguidelines|gmx\.[a-z]+\/[a-z/]*error-messages/.test(a.text)),
  reason: (a) => firstRule(RULES, a),
};
