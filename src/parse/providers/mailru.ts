// Mail.Ru (mxs.mail.ru, bk.ru, inbox.ru, list.ru): "Message was not accepted
// -- invalid mailbox. Local mailbox a@b is unavailable: user not found" and
// its other fixed answers; spam refusals link help.mail.ru/notspam-support.
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const RULES: readonly Rule[] = [
  { text: /is unavailable: (?:user not found|no such user)/, reason: 'userunknown' },
  { text: /is unavailable: (?:account is disabled|user is (?:blocked|disabled))/, reason: 'suspend' },
  { text: /is unavailable: (?:user is over quota|mailbox is full)/, reason: 'mailboxfull' },
  { text: /spam message rejected|notspam-support/, reason: 'spamdetected' },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['mail.ru', 'bk.ru', 'inbox.ru', 'list.ru'];

export const mailru: Provider = {
  name: 'mailru',
  is: (a) =>
    under(a.host, HOSTS) ||
    a.text.includes('help.mail.ru') ||
    (a.host === '' && ['mail.ru', 'bk.ru', 'inbox.ru', 'list.ru'].includes(a.domain)),
  reason: (a) => firstRule(RULES, a),
};
