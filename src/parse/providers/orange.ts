// Orange / Wanadoo and La Poste (France): every refusal ends with a label and a
// three-digit code, "OFR_506", "OFR005_505 [505]", "LPN001_108", "LPN416",
// "OUK_513". The code alone says why (their postmaster pages list them).
import type { Reason } from '../../domain/reasons.js';
import { under, type Provider } from './provider.js';

const CODE = /\b(?:ofr|lpn|ouk)(?:aaa|\d{3})?[_-]?(\d{3})\b/;

/** Code → reason; 'undefined' for the codes documented only as "service refused, try later". */
const CODES: Record<string, Reason> = {
  '101': 'blocked', // IP listed at Spamhaus
  '102': 'blocked', // source IP blocked for spam incidents
  '103': 'blocked', // service refused to this IP
  '104': 'toomanyconn', // too many connections, slow down
  '105': 'undefined',
  '107': 'undefined',
  '108': 'undefined',
  '109': 'undefined',
  '201': 'undefined',
  '423': 'undefined',
  '424': 'undefined',
  '513': 'undefined',
  '305': 'securityerror', // invalid authentication code
  '401': 'authfailure', // SPF: not allowed to send mail
  '402': 'securityerror', // authentication required
  '403': 'rejected',
  '405': 'rejected',
  '415': 'rejected', // invalid sender
  '416': 'userunknown',
  '418': 'userunknown', // invalid recipient
  '417': 'mailboxfull', // recipient over quota
  '420': 'suspend', // archived recipient
  '421': 'rejected', // mail from not owned by user
  '426': 'suspend', // the recipient account is blocked
  '505': 'systemerror', // service refused (server side), try later
  '506': 'spamdetected', // mail rejected (content)
  '510': 'blocked',
  '514': 'mesgtoobig', // message size limit reached
  '517': 'authfailure', // DMARC verification failed
  '630': 'policyviolation', // client host rejected by policy
  '999': 'blocked',
};

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['orange.fr', 'wanadoo.fr', 'laposte.net'];

export const orange: Provider = {
  name: 'orange',
  is: (a) => under(a.host, HOSTS) || CODE.test(a.text),
  reason(a) {
    const m = CODE.exec(a.text);
    if (m) return CODES[m[1] ?? ''] ?? 'undefined';
    // Without a code: the SPF wording of smtp.orange.fr.
    return a.text.includes('spf/dns de votre nom de domaine') ? 'authfailure' : null;
  },
};
