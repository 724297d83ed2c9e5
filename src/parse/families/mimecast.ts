// Mimecast's own notice (Subject "[Postmaster] Email Delivery Failure",
// Message-ID under *.mimecast.lan): every item is a line that starts with
// "-- ": first the recipients ("-- a@b", one per line, under "An email that
// you sent to the following address(es) could not be delivered:"), then what
// went wrong ("The problem appears to be :" / "-- <why>") and the remote's
// answer ("Additional information follows :" / "-- 550 5.1.1 ..."). A
// delivery-status part, when there is one, has the same answer per recipient.
import type { Family, FamilyRecipient } from './family.js';
import { findAddress } from '../address.js';
import { parseDeliveryStatus } from '../dsn.js';
import { withCodes } from '../text.js';
import { noticeLines } from './layout.js';

const ITEM = /^--\s+(\S.*)$/;

function isMimecastNotice(v: Parameters<Family['detect']>[0]): boolean {
  return /\bemail delivery failure\b/i.test(v.subject) || /\.mimecast\.lan>\s*$/i.test(v.msg.headers.get('message-id') ?? '');
}

export const mimecast: Family = {
  name: 'mimecast',
  detect: (v) => isMimecastNotice(v) && /^--\s+[^\s@]+@[^\s@]+\s*$/m.test(v.text),
  read(v): FamilyRecipient[] {
    const addresses: string[] = [];
    const said: string[] = [];
    for (const l of noticeLines(v.text)) {
      const item = ITEM.exec(l.trim())?.[1]?.trim() ?? '';
      if (!item) continue;
      const a = /^\S+@\S+$/.test(item) ? findAddress(item) : '';
      if (a) {
        if (!addresses.includes(a) && !v.exclude.includes(a.toLowerCase())) addresses.push(a);
      } else said.push(item);
    }
    const dsn = new Map(
      v.dsnParts.flatMap((p) => parseDeliveryStatus(p).recipients).map((r) => [r.address.toLowerCase(), r.diagnostic] as const),
    );
    return addresses.map((a) => ({ ...withCodes(a, dsn.get(a.toLowerCase()) || said.join(' ')), action: 'failed' as const }));
  },
};
