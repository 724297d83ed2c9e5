// NTT docomo (mfsmax.docomo.ne.jp) says "550 Unknown user" both for a dead
// address (answer to RCPT TO) and for a recipient's own refusal settings
// (answer to DATA, or Status 5.2.0): the command tells them apart.
import { under, type Provider } from './provider.js';
import { RECEPTION_SETTINGS } from '../phrases-languages.js';

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['docomo.ne.jp'];
/** Its recipient domains (read when the bounce names no host). */
const DOMAINS: readonly string[] = ['docomo.ne.jp'];

export const docomo: Provider = {
  name: 'docomo',
  is: (a) => under(a.host, HOSTS) || (a.host === '' && under(a.domain, DOMAINS)),
  reason(a) {
    // A notice that names the recipient's reception settings (受信拒否設定) says which of the two it was.
    if (RECEPTION_SETTINGS.test(a.text)) return 'filtered';
    if (a.text.includes('too much mail data')) return 'mailboxfull';
    if (a.text.includes('too many recipients')) return 'toomanyconn';
    // Whatever the transcript's last reply ("503 Bad sequence of commands" after a refused RCPT): a
    // Sendmail DSN's 5.1.1 (or docomo's own 5.0.911) is the unknown address, its 5.2.0 the recipient's
    // refusal settings.
    if (a.status === '5.1.1' || a.status === '5.0.911') return 'userunknown';
    if (a.status === '5.2.0') return 'filtered';
    // A reply with no enhanced code (Status 5.0.0, whatever its words: "550 Unknown user", "554 Transaction
    // failed"): docomo refuses at RCPT TO an address it lacks, and after DATA what the recipient's own
    // settings refuse (the reference's NTTDOCOMO rule reads the step alone so).
    // A protocol answer ("503 Bad sequence of commands" after a refused RCPT) stays the protocol's.
    if (a.status === '5.0.0' && a.command === 'DATA' && !/bad sequence of commands|command parameter not implemented/.test(a.text))
      return 'rejected';
    if (!a.text.includes('unknown user')) return null;
    if (a.command === 'DATA') return 'rejected';
    return a.command === 'RCPT' ? 'userunknown' : null;
  },
};
