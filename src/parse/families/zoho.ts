// Zoho Mail writes one line per recipient, in one of two layouts:
// "[Status: Error, Address: <a@b>, ResponseCode 421, , Host not reachable.]",
// followed, while it keeps retrying, by "Message will be retried for N more
// day(s)"; or, under "This message was created automatically by mail delivery
// software.", "a@b Invalid Address, ERROR_CODE :550, ERROR_CODE :<reply>": its
// own kind of failure, then the remote's reply code and text.
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';

const MARKER = gated(/\[Status:\s*\w+,\s*Address:|\S@\S+ [^,\n]+, ERROR_CODE :/);
const LINE = /\[Status:\s*\w+,\s*Address:\s*(<[^>]+>|\S+),\s*ResponseCode\s*(\d{3})?[, ]*([^\]\n]*)\]/g;
/** "a@b Invalid Address, ERROR_CODE :550, ERROR_CODE :5.1.1 <a@b>... User Unknown": the kind, the code, the reply. */
const ERROR_CODE_LINE = /^\s*(\S+@\S+) ([^,\n]+), ERROR_CODE :(\d{3})?,? ?(?:ERROR_CODE :)?(.*)$/gm;

export const zoho: Family = {
  name: 'zoho',
  detect: (v) => MARKER.test(v),
  read(v): FamilyRecipient[] {
    const retry = /message will be retried for [^\n]*/i.exec(v.text)?.[0] ?? '';
    const bracketed = [...v.text.matchAll(LINE)].flatMap((m) => {
      const address = findAddress(m[1] ?? '');
      const why = (m[3] ?? '').trim();
      const diagnostic = [m[2], why, retry].filter(Boolean).join(' ');
      // Zoho's own words when the host never answered and it stopped retrying: the message expired in its queue.
      const hint = !retry && /^host not reachable\.?$/i.test(why) ? ('expired' as const) : null;
      return address ? [{ ...withCodes(address, diagnostic), hint, action: retry ? ('delayed' as const) : ('failed' as const) }] : [];
    });
    if (bracketed.length) return bracketed;
    return [...v.text.matchAll(ERROR_CODE_LINE)].flatMap((m) => {
      const address = findAddress(m[1] ?? '');
      const diagnostic = [m[3], (m[4] ?? '').trim()].filter(Boolean).join(' ');
      // "Invalid Address" is Zoho's kind of failure: the recipient, unless the reply says more.
      const fallback = /^invalid address$/i.test((m[2] ?? '').trim()) ? ('userunknown' as const) : undefined;
      return address ? [{ ...withCodes(address, diagnostic), ...(fallback ? { fallback } : {}), action: 'failed' as const }] : [];
    });
  },
};
