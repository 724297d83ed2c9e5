// PowerMTA writes its own verdict beside each DSN recipient
// ("X-PowerMTA-BounceCategory: bad-mailbox"): a classification of the remote's
// answer by the sending platform, sharper than a 5.2.1 over "User Unknown". It is
// made by the platform's own patterns, so the answer's own words decide when they
// name another cause for sure ("5.2.2 Mailbox Full" filed as bad-mailbox): the
// category decides where the answer agrees or says nothing sure, and is the
// fallback otherwise (docs/parser-generalisation.md, "Transplant").
import type { Reason } from '../../domain/reasons.js';
import type { Family, FamilyRecipient } from './family.js';
import { fieldLines, diagnosticText } from '../dsn.js';
import { dsnAddress } from '../address.js';
import { withCodes } from '../text.js';
import { classify, matchPhrases, normalizeForPhrases } from '../classify.js';
import { SENDER_SIDE_PHRASES } from '../phrases.js';

/** PowerMTA's bounce categories (its user guide); "other" and unknown ones decide nothing. */
const CATEGORY: Record<string, Reason> = {
  'bad-mailbox': 'userunknown',
  'inactive-mailbox': 'suspend',
  'quota-issues': 'mailboxfull',
  'bad-domain': 'hostunknown',
  'no-answer-from-host': 'networkerror',
  'bad-connection': 'networkerror',
  'routing-errors': 'systemerror',
  'protocol-errors': 'systemerror',
  'bad-configuration': 'systemerror',
  'message-expired': 'expired',
  'content-related': 'contenterror',
  'spam-related': 'spamdetected',
  'virus-related': 'virusdetected',
  'relaying-issues': 'norelaying',
  'invalid-sender': 'rejected',
  'policy-related': 'policyviolation',
};

export const powermta: Family = {
  name: 'powermta',
  detect: (v) => v.dsnParts.some((p) => /^x-powermta-bouncecategory\s*:/im.test(p)),
  read(v): FamilyRecipient[] {
    const out: FamilyRecipient[] = [];
    let address = '';
    let diagnostic = '';
    for (const [k, value] of v.dsnParts.flatMap((p) => fieldLines(p))) {
      if (k === 'final-recipient') address = dsnAddress(value);
      else if (k === 'diagnostic-code') diagnostic = diagnosticText(value);
      else if (k === 'x-powermta-bouncecategory' && address) {
        const category = CATEGORY[value.trim().toLowerCase()] ?? null;
        // A blocklist or SPF text stays the sender's problem, whatever the category says.
        const senderSide = matchPhrases(normalizeForPhrases(diagnostic), SENDER_SIDE_PHRASES);
        const t = withCodes(address, diagnostic);
        // The answer read as the refusal of this recipient the category says it is (so the SMTP step decides nothing).
        const own = classify({ action: 'failed', status: t.status, replyCode: t.replyCode, diagnostic, command: 'RCPT' });
        const decides = category && (!own.sure || own.reason === category) ? category : null;
        out.push({ ...t, hint: senderSide ? null : decides, ...(category && !senderSide ? { fallback: category } : {}) });
        address = '';
        diagnostic = '';
      }
    }
    return out;
  },
};
