// Amazon SES notifications (docs/intake.md, "Amazon SES"), stored as the SNS
// message that carried them: the SES JSON is its `Message` string. Its shape is
// SES's documented one, as a notification (notificationType) or as event
// publishing (eventType): Bounce, Complaint, Delivery, and DeliveryDelay. One
// recipient per bounced, complained or delivered address. A bounced recipient's
// diagnosticCode is the remote server's text and decides through the
// classifier; the bounceSubType decides alone where SES's guide states its
// meaning precisely (the mail parser's table, so that a notification read from
// a mail gets the same reason), and is the fallback where it is only a class.
import type { Reason } from '../../domain/reasons.js';
import type { ParsedMail, RecipientVerdict } from '../../domain/verdict.js';
import { feedbackTypeOf } from '../arf.js';
import { SUBTYPES } from '../families/amazonses.js';
import { readAttempt } from '../report.js';
import { arr, date, isObject, obj, str, type Json } from './fields.js';
import { reportOf, unknownReport } from './shape.js';
import { complaintVerdict } from '../verdicts.js';

/**
 * What a bounce says when its text decides nothing for sure. `hint` decides alone: SES's own
 * suppression lists, where SES sent nothing and the text is SES's, not a remote server's.
 */
const SUBTYPE_FALLBACK: Record<string, { fallback?: Reason; hint?: Reason }> = {
  // SES refused to send: the address hard-bounced before (its global list), or is on the
  // account's list after a bounce or complaint. Hard: nothing sent through SES reaches it.
  'Permanent/Suppressed': { hint: 'userunknown' },
  'Permanent/OnAccountSuppressionList': { hint: 'userunknown' },
  'Permanent/General': { fallback: 'userunknown' },
  'Transient/General': { fallback: 'expired' },
  'Transient/ContentRejected': { fallback: 'contenterror' },
  'Transient/AttachmentRejected': { fallback: 'contenterror' },
};
/** A bounce class without a subtype we know: its broad meaning. */
const TYPE_FALLBACK: Record<string, Reason> = { Permanent: 'userunknown', Transient: 'expired', Undetermined: 'undefined' };

/** DeliveryDelay's delayType, where it names a cause; a delay changes no address, whatever its reason. */
const DELAY_FALLBACK: Record<string, Reason> = { MailboxFull: 'mailboxfull', SpamDetected: 'spamdetected' };

/** Event-publishing types that are not about a recipient's address (sends, opens, clicks, renderings, rejections of our own). */
const NOT_ABOUT_RECIPIENTS = new Set(['Send', 'Reject', 'Open', 'Click', 'Rendering Failure', 'RenderingFailure', 'Subscription']);

/** The SES notification inside a stored SNS message, or the SES JSON itself. */
function sesMessage(event: Json): Json | null {
  if (typeof event.Message !== 'string') return event;
  try {
    const inner: unknown = JSON.parse(event.Message);
    return isObject(inner) ? inner : null;
  } catch {
    return null;
  }
}

export function readSes(event: unknown): ParsedMail {
  if (!isObject(event)) return unknownReport('ses', 'event is not a JSON object');
  const n = sesMessage(event);
  if (!n) return unknownReport('ses', 'the SNS Message is not SES JSON');
  const type = str(n, 'notificationType') || str(n, 'eventType');
  const deliveryId = str(obj(n, 'mail'), 'messageId') || null;
  const mailAt = date(obj(n, 'mail').timestamp);
  switch (type) {
    case 'Bounce':
      return bounce(obj(n, 'bounce'), deliveryId, mailAt);
    case 'Complaint': {
      const c = obj(n, 'complaint');
      const at = date(c.timestamp) ?? mailAt;
      // SES leaves complaintFeedbackType out when the provider's report names none: a complaint all the same.
      const feedback = feedbackTypeOf(str(c, 'complaintFeedbackType') || 'abuse');
      const recipients = addresses(arr(c, 'complainedRecipients')).map((a) => complaintVerdict(a, feedback, at));
      return reportOf('ses', 'complaint', recipients, deliveryId, at);
    }
    case 'Delivery': {
      const d = obj(n, 'delivery');
      const at = date(d.timestamp) ?? mailAt;
      const smtp = str(d, 'smtpResponse');
      const recipients = arr(d, 'recipients')
        .filter((a): a is string => typeof a === 'string' && a !== '')
        .map((address) => readAttempt({ address, action: 'delivered', diagnostic: smtp, occurredAt: at }));
      return reportOf('ses', 'bounce', recipients, deliveryId, at);
    }
    case 'DeliveryDelay': {
      const d = obj(n, 'deliveryDelay');
      const at = date(d.timestamp) ?? mailAt;
      const fallback = DELAY_FALLBACK[str(d, 'delayType')];
      const recipients = arr(d, 'delayedRecipients')
        .filter(isObject)
        .filter((r) => str(r, 'emailAddress') !== '')
        .map((r) =>
          readAttempt({
            address: str(r, 'emailAddress'),
            action: 'delayed',
            diagnostic: str(r, 'diagnosticCode'),
            status: str(r, 'status'),
            occurredAt: at,
            ...(fallback ? { fallback } : {}),
          }),
        );
      return reportOf('ses', 'bounce', recipients, deliveryId, at);
    }
    default:
      if (NOT_ABOUT_RECIPIENTS.has(type)) return reportOf('ses', 'unknown', [], deliveryId, mailAt);
      return unknownReport('ses', `unknown SES notification type ${JSON.stringify(type)}`);
  }
}

function bounce(b: Json, deliveryId: string | null, mailAt: Date | null): ParsedMail {
  const at = date(b.timestamp) ?? mailAt;
  const bounceType = str(b, 'bounceType');
  const key = `${bounceType}/${str(b, 'bounceSubType')}`;
  const own = SUBTYPE_FALLBACK[key];
  const hint = SUBTYPES[key] ?? own?.hint ?? null;
  const fallback = own?.fallback ?? TYPE_FALLBACK[bounceType] ?? 'undefined';
  const recipients: RecipientVerdict[] = arr(b, 'bouncedRecipients')
    .filter(isObject)
    .filter((r) => str(r, 'emailAddress') !== '')
    .map((r) =>
      readAttempt({
        address: str(r, 'emailAddress'),
        // SES sends a Transient bounce once it has stopped trying: a failure, of a soft reason.
        action: 'failed',
        diagnostic: str(r, 'diagnosticCode'),
        status: str(r, 'status'),
        occurredAt: at,
        hint,
        fallback,
      }),
    );
  return reportOf('ses', 'bounce', recipients, deliveryId, at);
}

/** The emailAddress of each recipient object, skipping the empty. */
function addresses(list: readonly unknown[]): string[] {
  return list
    .filter(isObject)
    .map((r) => str(r, 'emailAddress'))
    .filter((a) => a !== '');
}
