// i.ua (Ukraine): refusals link "http://mail.i.ua/err/N", N a code its help
// pages explain.
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';

const CODES: Record<string, Reason> = {
  '1': 'norelaying', // SMTP as a mail gate is forbidden
  '2': 'userunknown', // no such user
  '3': 'suspend', // mailbox unused for more than three months
  '4': 'mailboxfull',
  '5': 'speeding', // the sending limit is exceeded
  '6': 'norelaying', // use your own provider's SMTP server
  '7': 'blocked', // a wrong HELO/EHLO argument
  '8': 'rejected', // the sender address could not be checked
  '9': 'blocked', // the sending IP is blacklisted
  '10': 'filtered', // not in the recipient's list of allowed senders
};

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['i.ua', 'email.ua'];

export const iua: Provider = {
  name: 'iua',
  is: (a) => under(a.host, HOSTS) || a.text.includes('.i.ua/err/'),
  reason: (a) => CODES[/\bi\.ua\/err\/(\d+)/.exec(a.text)?.[1] ?? ''] ?? null,
};
