// Zoho Mail writes one bracketed line per recipient:
// "[Status: Error, Address: <a@b>, ResponseCode 421, , Host not reachable.]",
// followed, while it keeps retrying, by "Message will be retried for N more day(s)".
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';

const MARKER = gated(/\[Status:\s*\w+,\s*Address:/);
const LINE = /\[Status:\s*\w+,\s*Address:\s*(<[^>]+>|\S+),\s*ResponseCode\s*(\d{3})?[, ]*([^\]\n]*)\]/g;

export const zoho: Family = {
  name: 'zoho',
  detect: (v) => MARKER.test(v),
  read(v): FamilyRecipient[] {
    const retry = /message will be retried for [^\n]*/i.exec(v.text)?.[0] ?? '';
    return [...v.text.matchAll(LINE)].flatMap((m) => {
      const address = findAddress(m[1] ?? '');
      const diagnostic = [m[2], (m[3] ?? '').trim(), retry].filter(Boolean).join(' ');
      return address ? [{ ...withCodes(address, diagnostic), action: retry ? ('delayed' as const) : ('failed' as const) }] : [];
    });
  },
};
