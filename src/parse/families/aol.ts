// AOL's outbound hosts (omr-*.mx.aol.com) run Postfix: their notices are Postfix's
// bounce(5) text and DSN part, on a bounce that carries AOL's X-AOL-IP header.
// AOL reads two of Postfix's DNS answers its own way (its resolvers answer
// for AOL's MX hosts): the domain not found at all, and an MX lookup that got
// a malformed reply, which AOL writes for a domain whose MX cannot take mail.
import type { Family, FamilyRecipient } from './family.js';
import { postfix } from './postfix.js';
import { generic } from './generic.js';
import { wordingOf, type Wording } from './layout.js';

/** Postfix's smtp(8) answers (dns_strerror) as AOL's notices use them; the MX one first (it also says "not found"). */
export const AOL_WORDS: readonly Wording[] = [
  {
    re: /type=mx: malformed or unexpected name server reply/i,
    reason: 'notaccept',
    example: 'Host or domain name not found. Name service error for name=broken.example type=MX: Malformed or unexpected name server reply',
  },
  {
    re: /\bhost or domain name not found\b/i,
    reason: 'hostunknown',
    example: 'Host or domain name not found. Name service error for name=nowhere.example type=A: Host not found',
  },
];

export const aol: Family = {
  name: 'aol',
  detect: (v) => v.msg.headers.has('x-aol-ip'),
  read(v): FamilyRecipient[] {
    // The text is Postfix's; without it (a bare DSN), the generic reader's view.
    const base = postfix.detect(v) ? postfix.read(v) : [];
    const found = base.length ? base : generic.read(v);
    return found.map((r) => {
      // Only AOL's own DNS verdicts: a remote answer quoted after "said:" keeps its own words.
      const hint = /\bsaid:/i.test(r.diagnostic) ? undefined : wordingOf(r.diagnostic, AOL_WORDS);
      return hint ? { ...r, hint } : r;
    });
  },
};
