// A disposition notification (RFC 8098) saying the recipient's system deleted
// the message unread: what a Sieve `reject` sends (RFC 5429), where the mail
// store cannot refuse it in SMTP (LMTP delivery, or after the 250). The
// recipient's own filter refused the message: `filtered`, never a dead address.
// Read receipts ("displayed") and other dispositions are no refusal.
import type { Family, FamilyRecipient } from './family.js';
import type { MailView } from '../view.js';
import { findAddress } from '../address.js';
import { fieldLines } from '../dsn.js';
import { decodedBytes } from '../mime.js';
import { cutAtOriginal } from '../text.js';

const AUTOMATIC_DELETION = /^automatic-action\s*\/\s*mdn-sent-automatically\s*;\s*deleted\b/i;

/**
 * A mail client's non-read receipt: Outlook / Exchange, Thunderbird and webmails send one (subject "Not
 * read:", "Nicht gelesen:", "Non lu :", ...; "was deleted without being read") when their user, or the
 * expiry of the deleted items, discards a message that asked for a receipt, some marked
 * automatic-action. Its owner read no refusal into any filter: the address is alive.
 */
const NOT_READ =
  /^\s*(?:not read|unread|nicht gelesen|non lu|no le[ií]do|non letto|niet gelezen|ej l[äa]st|ikke l[æe]st|ikke lest|nie przeczytan[aeoy]|n[ãa]o lid[ao]|ei luettu|neprečten|neprecten|未読|未读)\s*:|deleted without being read|ohne gelesen zu werden gelöscht|supprimé sans avoir été lu/i;

function refusal(v: MailView): Map<string, string> | null {
  const ct = v.msg.contentType;
  if (ct.type !== 'multipart/report' || (ct.params['report-type'] ?? '').toLowerCase() !== 'disposition-notification') return null;
  for (const p of v.msg.all) {
    if (p.contentType.type !== 'message/disposition-notification') continue;
    const fields = new Map(fieldLines(decodedBytes(p)).filter(([k]) => k !== ''));
    if (AUTOMATIC_DELETION.test(fields.get('disposition') ?? '') && !NOT_READ.test(v.subject) && !NOT_READ.test(v.text)) return fields;
  }
  return null;
}

export const mdnRefusal: Family = {
  name: 'mdn',
  selfEvident: true,
  detect: (v) => refusal(v) !== null,
  read(v): FamilyRecipient[] {
    const fields = refusal(v);
    const address = findAddress(fields?.get('final-recipient') ?? fields?.get('original-recipient') ?? '');
    if (!address) return [];
    // The notification's text, which carries the reason its owner wrote into the filter.
    const diagnostic = cutAtOriginal(v.text).replace(/\s+/g, ' ').trim().slice(0, 1000);
    return [{ address, diagnostic, status: '', replyCode: '', command: 'DATA', hint: 'filtered', action: 'failed' }];
  },
};
