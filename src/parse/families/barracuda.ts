// Barracuda Spam Firewall's notices (Subject "Message you sent blocked by our bulk
// email filter"): "Your message to: a@b" and "was blocked by our Spam
// Firewall", then a DSN part and the original's headers (text/rfc822-headers).
// The DSN's Diagnostic-Code is the filter's verdict (amavisd-new's "Message
// content rejected, UBE", a banned attachment, a virus); when it says nothing
// the notice's own sentence says the spam filter refused the message.
import type { Family, FamilyRecipient } from './family.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { noticeLines } from './layout.js';

const SUBJECT = /\bour bulk email filter\b/i;
const TO = /^\s*your message to:\s*(.+?)\s*$/i;

export const barracuda: Family = {
  name: 'barracuda',
  detect: (v) => SUBJECT.test(v.subject),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text);
    const blocked = /\bblocked by (?:our|the) spam firewall\b/i.test(v.text);
    return lines
      .map((l) => findAddress(TO.exec(l)?.[1] ?? ''))
      .filter((a) => a && !v.exclude.includes(a.toLowerCase()))
      .map((address) => ({
        ...withCodes(address, ''),
        action: 'failed' as const,
        ...(blocked ? { fallback: 'spamdetected' as const } : {}),
      }));
  },
};
