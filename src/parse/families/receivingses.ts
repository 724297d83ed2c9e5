// Amazon SES as a receiving service (X-SES-Outgoing, "This message could not
// be delivered."): the bounce comes from the recipient domain's own rule set,
// whose "Bounce" action offers fixed templates (Amazon SES developer guide,
// "Bounce action"). "Mailbox does not exist" is then the domain owner's rule
// refusing the message, not a directory lookup: a filter's verdict. The other
// templates ("Message content rejected", "Message too large", "Mailbox full")
// say their cause whatever status the rule set put beside them.
import type { Family, FamilyRecipient } from './family.js';
import { parseDeliveryStatus } from '../dsn.js';
import { withCodes } from '../text.js';
import { wordingOf, type Wording } from './layout.js';

/**
 * The rule's templates as SES writes them into the DSN: the domain owner picked the sentence (and may
 * have put any status beside it), so the sentence says why.
 */
export const TEMPLATE_WORDS: readonly Wording[] = [
  { re: /\bmailbox does not exist\b/i, reason: 'filtered', example: 'Mailbox does not exist' },
  {
    re: /^(?:[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3} )?)?message content rejected\b/i,
    reason: 'contenterror',
    example: 'Message content rejected',
  },
  { re: /^(?:[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3} )?)?message too large\b/i, reason: 'mesgtoobig', example: 'Message too large' },
  { re: /^(?:[245]\d\d[ -](?:[245]\.\d{1,3}\.\d{1,3} )?)?mailbox full\b/i, reason: 'mailboxfull', example: 'Mailbox full' },
];

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
        const hint = wordingOf(r.diagnostic, TEMPLATE_WORDS) ?? null;
        return { ...withCodes(r.address, r.diagnostic), hint };
      });
  },
};
