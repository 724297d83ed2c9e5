// Exim's own notices ("This message was created automatically by mail delivery
// software."): recipients and texts are read as the generic reader does; what
// Exim says in its own words, with no remote reply (a router's verdict written
// under the address), is decided here.
import type { Reason } from '../../qualify/reasons.js';
import type { Family, FamilyRecipient } from './family.js';
import { generic } from './generic.js';

/** Exim's router and transport verdicts (no SMTP reply code: the remote never answered). */
const OWN_WORDS: ReadonlyArray<readonly [RegExp, Reason]> = [
  // The dnslookup router found no such domain ("Unrouteable address" for a remote domain; Sisimai reads it so).
  [/^unrouteable address\b/i, 'hostunknown'],
  [/^all host address lookups failed permanently\b/i, 'hostunknown'],
  [/^an mx or srv record indicated no smtp service\b/i, 'notaccept'],
];

export const exim: Family = {
  name: 'exim',
  detect: (v) => /^this message was created automatically by mail delivery software\./im.test(v.text) &&
    /following address\(es\) failed|has not yet been delivered to one or more of its/i.test(v.text),
  read(v): FamilyRecipient[] {
    // A warning ("has not yet been delivered") is a delay whatever the code; a failure notice is final,
    // even when the answer it quotes is the last 4xx before Exim gave up (an old Exim sends no DSN part).
    const action = /has not yet been delivered to one or more of its/i.test(v.text) ? 'delayed' : 'failed';
    return generic.read(v).map((r) => {
      const own = r.replyCode ? undefined : OWN_WORDS.find(([re]) => re.test(r.diagnostic.trim()));
      return own ? { ...r, action, hint: own[1] } : { ...r, action };
    });
  },
};
