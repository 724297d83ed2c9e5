// Apache James (its DSN mailet): "Error message below:" then the remote's
// answer, then "Message details:" listing "RCPT TO: <recipient>".
import type { Family, FamilyRecipient } from './family.js';
import { findAddresses } from '../address.js';
import { withCodes } from '../text.js';

export const james: Family = {
  name: 'apachejames',
  detect: (v) => v.text.includes('Error message below:') && v.text.includes('Message details:'),
  read(v): FamilyRecipient[] {
    const diag = /error message below:\s*([\s\S]*?)\n\s*message details:/i.exec(v.text)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';
    const details = v.text.slice(v.text.indexOf('Message details:'));
    const rcpt = details.split(/\r?\n/).filter((l) => /^\s*rcpt to:/i.test(l)).flatMap((l) => findAddresses(l));
    return rcpt.map((a) => withCodes(a, diag));
  },
};
