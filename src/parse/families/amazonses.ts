// Amazon SES notifications delivered by SNS as JSON ("notificationType":
// "Bounce" / "Delivery"), and SES's own DSN diagnostics "5.1.0 - text 550-'...'".
// Its bounce mails ("The following message to <a@b> was undeliverable.", "An
// error occurred while trying to deliver the mail to the following
// recipients:") carry a DSN part; "Delivery expired" there is SES giving up.
import type { Reason } from '../../domain/reasons.js';
import type { Family, FamilyRecipient } from './family.js';
import { gated } from '../view.js';
import { withCodes } from '../text.js';
import { diagnosticText, parseDeliveryStatus } from '../dsn.js';

interface SesRecipient {
  emailAddress?: unknown;
  action?: unknown;
  status?: unknown;
  diagnosticCode?: unknown;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * bounceSubType values whose meaning the Amazon SES developer guide ("Bounce types") states
 * precisely; the others (General, Suppressed, ContentRejected, ...) leave it to the diagnostic.
 */
export const SUBTYPES: Record<string, Reason> = {
  'Permanent/NoEmail': 'userunknown', // the target address does not exist
  'Transient/MailboxFull': 'mailboxfull',
  'Transient/MessageTooLarge': 'mesgtoobig',
};

/** The JSON object of an SNS notification body (wrapped lines joined), or null. */
export function sesJson(text: string): Record<string, unknown> | null {
  const start = text.indexOf('{');
  if (start < 0 || !/notificationType\\?"/.test(text)) return null;
  const end = text.lastIndexOf('}');
  if (end <= start) return null;
  // A relay that limits line length (Sendmail's L= on the mailer) breaks the one-line JSON with "!", a
  // newline and a space; JSON has no raw newline inside a string, so "!\n " is only that fold.
  const body = text
    .slice(start, end + 1)
    .replace(/!\r?\n[ \t]/g, '')
    .replace(/\r?\n[ \t]?/g, '');
  try {
    const v: unknown = JSON.parse(body);
    if (!v || typeof v !== 'object') return null;
    const o = v as Record<string, unknown>;
    // An SNS envelope carries the SES notification as a JSON string in "Message".
    if (typeof o['Message'] === 'string' && !('notificationType' in o)) return sesJsonInner(o['Message']);
    return o;
  } catch (e) {
    void e; // not JSON after all: let the next reader try
    return null;
  }
}

function sesJsonInner(s: string): Record<string, unknown> | null {
  try {
    const v: unknown = JSON.parse(s);
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : null;
  } catch (e) {
    void e;
    return null;
  }
}

/** The JSON of an SNS notification of a bounce or a delivery. */
const SNS_NOTIFICATION = gated(/notificationType\\?"\s*:\s*\\?"(?:Bounce|Delivery)/);

export const amazonSesJson: Family = {
  name: 'amazonses',
  detect: (v) => SNS_NOTIFICATION.test(v),
  read(v): FamilyRecipient[] {
    const j = sesJson(v.text);
    if (!j) return [];
    const type = str(j['notificationType']);
    const section = (type === 'Delivery' ? j['delivery'] : j['bounce']) as Record<string, unknown> | undefined;
    if (!section) return [];
    if (type === 'Delivery') {
      const list = Array.isArray(section['recipients']) ? (section['recipients'] as unknown[]) : [];
      const smtp = str(section['smtpResponse']);
      return list.map((a) => ({ ...withCodes(str(a), smtp), action: 'delivered' as const }));
    }
    const list = Array.isArray(section['bouncedRecipients']) ? (section['bouncedRecipients'] as SesRecipient[]) : [];
    const hint = SUBTYPES[`${str(section['bounceType'])}/${str(section['bounceSubType'])}`] ?? null;
    return list.map((r) => {
      const t = withCodes(str(r.emailAddress), diagnosticText(str(r.diagnosticCode)));
      // A Transient bounce is notified once SES has stopped retrying (the developer guide's bounce types: "you
      // may be able to send to this recipient in the future"): a failure of this message, not a delay in a queue.
      return { ...t, status: str(r.status) || t.status, action: 'failed' as const, hint };
    });
  },
};

export const amazonSesMail: Family = {
  name: 'amazonses',
  detect: (v) =>
    (v.msg.headers.has('x-ses-outgoing') || v.msg.headers.has('x-aws-outgoing')) &&
    /^(?:the following message to <|an error occurred while trying to deliver the mail )/im.test(v.text) &&
    !/amazon workmail/i.test(`${v.msg.headers.get('x-mailer') ?? ''} ${v.msg.headers.get('x-original-mailer') ?? ''}`),
  read(v): FamilyRecipient[] {
    return v.dsnParts
      .flatMap((p) => parseDeliveryStatus(p).recipients)
      .map((r) => ({
        ...withCodes(r.address, r.diagnostic),
        ...(/^delivery expired\b/i.test(r.diagnostic.trim()) ? { hint: 'expired' as const, action: 'failed' as const } : {}),
      }));
  },
};
