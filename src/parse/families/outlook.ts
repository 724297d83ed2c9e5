// Outlook.com / Hotmail as the sending side: its delivery-status
// notifications (X-Message-Delivery / X-Message-Info headers, relayed by
// *.hotmail.com) pass on the remote's reply in the DSN part. Its relays
// answer an address they cannot deliver to with RFC 5321's own 550 text,
// "Requested action not taken: mailbox unavailable", which Outlook.com uses
// for a mailbox that does not exist (its postmaster pages).
import type { Family, FamilyRecipient } from './family.js';
import { parseDeliveryStatus } from '../dsn.js';
import { withCodes } from '../text.js';

function isOutlookCom(v: Parameters<Family['detect']>[0]): boolean {
  const h = v.msg.headers;
  let signs = 0;
  if (/delivery status notification/i.test(v.subject)) signs++;
  if (h.has('x-message-delivery')) signs++;
  if (h.has('x-message-info')) signs++;
  if (h.all('received').some((r) => /\.hotmail\.com\b/i.test(r))) signs++;
  return signs >= 2;
}

export const outlook: Family = {
  name: 'outlook',
  detect: (v) => v.dsnParts.length > 0 && isOutlookCom(v),
  read(v): FamilyRecipient[] {
    return v.dsnParts
      .flatMap((p) => parseDeliveryStatus(p).recipients)
      .map((r) => ({
        ...withCodes(r.address, r.diagnostic),
        hint: /\brequested action not taken: mailbox unavailable\b/i.test(r.diagnostic) ? ('userunknown' as const) : null,
      }));
  },
};
