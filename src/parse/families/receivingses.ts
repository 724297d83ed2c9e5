// Amazon SES as a receiving service (X-SES-Outgoing, "This message could not
// be delivered."): the bounce comes from the recipient domain's own rule set,
// whose "Bounce" action offers fixed templates (Amazon SES developer guide,
// "Bounce action"). "Mailbox does not exist" is then the domain owner's rule
// refusing the message, not a directory lookup: a filter's verdict.
import type { Family, FamilyRecipient } from './family.js';
import { parseDeliveryStatus } from '../dsn.js';
import { withCodes } from '../text.js';

export const receivingSes: Family = {
  name: 'receivingses',
  detect: (v) =>
    v.msg.headers.has('x-ses-outgoing') &&
    /^this message could not be delivered\./im.test(v.text) &&
    !/amazon workmail/i.test(`${v.msg.headers.get('x-mailer') ?? ''} ${v.msg.headers.get('x-original-mailer') ?? ''}`),
  read(v): FamilyRecipient[] {
    return v.dsnParts
      .flatMap((p) => parseDeliveryStatus(p).recipients)
      .map((r) => {
        const hint = /\bmailbox does not exist\b/i.test(r.diagnostic) ? ('filtered' as const) : null;
        return { ...withCodes(r.address, r.diagnostic), hint };
      });
  },
};
