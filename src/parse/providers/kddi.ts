// au by KDDI (ezweb.ne.jp, au.com). Its servers say "User unknown" in two
// ways: with the address ("550 <a@ezweb.ne.jp>: User unknown") when there is
// no such mailbox, and without one ("550 : User unknown") when the
// recipient's own reception settings refuse the sender (au's mail filter).
import { under, type Provider } from './provider.js';

/** The provider's hosts (a remote host under one of them is this provider's). */
const HOSTS: readonly string[] = ['ezweb.ne.jp', 'au.com', 'kddi.com'];
/** Its recipient domains (read when the bounce names no host). */
const DOMAINS: readonly string[] = ['ezweb.ne.jp', 'au.com'];

export const kddi: Provider = {
  name: 'kddi',
  is: (a) => under(a.host, HOSTS) || (a.host === '' && under(a.domain, DOMAINS)),
  reason(a) {
    if (/(?:^|\s)(?:550 )?: user unknown/.test(a.text)) return 'filtered';
    if (/>: user unknown/.test(a.text)) return 'userunknown';
    return null;
  },
};
