// Tencent's QQ Mail and Foxmail (mx*.qq.com). Refusals link the help page
// service.mail.qq.com/cgi-bin/help?id=20022, which lists these wordings.
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const RULES: readonly Rule[] = [
  { text: 'mailbox not found', reason: 'userunknown' },
  { text: /(?:spf|dmarc) check failed/, reason: 'authfailure' },
  // The sending IP: listed as spam, suspected of bounce attacks (help 122/57), or refused outright (122/170).
  { text: /suspected spam ip|suspected bounce attacks|connection denied/, reason: 'blocked' },
  // The recipient's own block list (122/92) and "Suspected spam" (122/71, the sender's mail judged as spam
  // by QQ's sender checks): refusals of this sender, as the reference parser reads them.
  { text: /mail is rejected by recipients|suspected spam(?! ip)(?! is)/, reason: 'rejected' },
  { text: 'message too large', reason: 'mesgtoobig' },
  { text: /mail content denied|spam is embedded in the email/, reason: 'spamdetected' },
  { text: 'is a deactivated mailbox', reason: 'suspend' },
  { text: 'bad address syntax', reason: 'syntaxerror' },
  // Per-IP, per-domain and per-sender frequency limits; QQ also gives its limit as "mailbox unavailable or access denied".
  {
    text: /(?:connection|domain|ip|sender) frequency limited|mailbox unavailable or access denied/,
    reason: 'toomanyconn',
  },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['qq.com', 'foxmail.com'];

export const tencent: Provider = {
  name: 'tencent',
  is: (a) =>
    under(a.host, HOSTS) ||
    a.text.includes('service.mail.qq.com') ||
    (a.host === '' && ['qq.com', 'foxmail.com', 'vip.qq.com'].includes(a.domain)),
  reason: (a) => firstRule(RULES, a),
};
