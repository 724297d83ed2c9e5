// Verizon Wireless' text and picture message gateways. vtext.com (SMS) lists
// "Message details:" with "RCPT TO: <number>@vtext.com" under an "Error:" /
// "550 - ..." line; vzwpix.com (MMS) writes "Message could not be delivered to
// mobile." and "Error: ...", and names the recipient only in the "To:" line
// of its "Original Message:" block.
import type { Family, FamilyRecipient } from './family.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';

export const verizon: Family = {
  name: 'verizon',
  detect: (v) =>
    /@(?:[a-z0-9-]+\.)?(?:vtext|vzwpix)\.com\b/i.test(v.from) &&
    (/^\s*rcpt to:/im.test(v.text) || /^message could not be delivered to mobile/im.test(v.text)),
  read(v): FamilyRecipient[] {
    const sms = /^\s*rcpt to:\s*(\S+)/im.exec(v.text);
    const mms = /^original message:\s*$[\s\S]*?^to:\s*(.+)$/im.exec(v.text);
    const address = findAddress(sms?.[1] ?? mms?.[1] ?? '');
    if (!address) return [];
    const error = /^error:\s*(.+)$/im.exec(v.text)?.[1] ?? '';
    const reply = /^\s*(\d{3} - .+)$/m.exec(v.text)?.[1] ?? '';
    // "550 - Requested action not taken: ..." with its dash: a reply code all the same.
    const diagnostic = (error || reply).replace(/^(\d{3}) - /, '$1 ');
    // The SMS gateway's details list the envelope it refused ("RCPT TO:"): its reply answers that command.
    // The MMS gateway's "No valid recipients for this MM" is its own verdict on the number it was given.
    const hint = /no valid recipients for this mm\b/i.test(diagnostic) ? ('userunknown' as const) : null;
    return [{ ...withCodes(address, diagnostic), ...(sms ? { command: 'RCPT' as const } : {}), hint, action: 'failed' }];
  },
};
