// Oracle Communications (formerly Sun Java System, iPlanet) Messaging Server:
// "This report relates to a message you sent with the following header
// fields:", then "Your message cannot be delivered to the following
// recipients:" and per recipient indented fields: "Recipient address:",
// "Original address:", "Reason:", "Diagnostic code: smtp;550 ...", "Remote
// system: dns;...". Usually a DSN part comes with it.
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { noticeLines, wordingOf, type Wording } from './layout.js';

const MARKER = /^this report relates to a message you sent with the following header fields:/im;
const MARKER_GATE = gated(MARKER);

/**
 * Its own verdicts on an address (the MTA's alias and address-rewriting errors, as its error reference
 * writes them): a local part it has no user or alias for, a domain it cannot even parse.
 */
export const OWN_WORDS: readonly Wording[] = [
  { re: /unknown or illegal (?:alias|user)/i, reason: 'userunknown', example: 'unknown or illegal alias: kit@example.net' },
  { re: /illegal host\/domain name found/i, reason: 'hostunknown', example: 'illegal host/domain name found' },
];

export const messagingServer: Family = {
  name: 'messagingserver',
  detect: (v) => MARKER_GATE.test(v) && /^\s+recipient address:/im.test(v.text),
  read(v): FamilyRecipient[] {
    const out: Array<{ address: string; reason: string; code: string; delayed: boolean }> = [];
    // Its delay notice lists under "Your message has been delayed and is still awaiting delivery to the
    // following recipients:"; a notice may hold that section and a failed one.
    let delayed = false;
    for (const l of noticeLines(v.text)) {
      if (/^your message (?:cannot|could not) be delivered/i.test(l)) delayed = false;
      if (/^your message has been delayed and is still awaiting delivery/i.test(l)) delayed = true;
      const m = /^\s+(recipient address|original address|reason|diagnostic code):\s*(.*)$/i.exec(l);
      if (!m) continue;
      const field = (m[1] ?? '').toLowerCase();
      const value = (m[2] ?? '').trim();
      if (field === 'recipient address') out.push({ address: findAddress(value), reason: '', code: '', delayed });
      const cur = out[out.length - 1];
      if (!cur) continue;
      if (field === 'original address' && !cur.address) cur.address = findAddress(value);
      if (field === 'reason') cur.reason = value;
      if (field === 'diagnostic code') cur.code = value.replace(/^[a-z-]+;\s*/i, '');
    }
    return out
      .filter((r) => r.address)
      .map((r): FamilyRecipient => {
        const diagnostic = r.code || r.reason;
        const hint = wordingOf(`${r.reason} ${r.code}`, OWN_WORDS);
        return { ...withCodes(r.address, diagnostic), ...(r.delayed ? { action: 'delayed' as const } : {}), ...(hint ? { hint } : {}) };
      });
  },
};
