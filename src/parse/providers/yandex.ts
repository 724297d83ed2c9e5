// Yandex Mail (mx.yandex.ru / *.yandex.net): fixed wordings its help pages for
// senders explain ("No such user!", "Message rejected under suspicion of
// SPAM", "Mailbox size limit exceeded").
import { under, type Provider } from './provider.js';
import { firstRule, type Rule } from './rules.js';

const RULES: readonly Rule[] = [
  { text: 'no such user!', reason: 'userunknown' },
  { text: 'rejected under suspicion of spam', reason: 'spamdetected' },
  { text: /mailbox size limit exceeded|mailbox is full/, reason: 'mailboxfull' },
  { text: 'the service is currently unavailable', reason: 'systemerror' },
];

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['yandex.ru', 'yandex.net', 'yandex.com'];

export const yandex: Provider = {
  name: 'yandex',
  is: (a) => under(a.host, HOSTS) || (a.host === '' && /^(?:yandex|ya)\.[a-z.]+$/.test(a.domain)),
  reason: (a) => firstRule(RULES, a),
};
