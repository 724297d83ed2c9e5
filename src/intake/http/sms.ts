// SMS gateways (docs/intake.md): inbound replies and delivery receipts, as
// Twilio's form posts (`From`/`Body`, `MessageSid`/`MessageStatus`/`ErrorCode`/`To`)
// or as plain JSON (`{"from","text"}`, `{"to","status","error"}`, one or an array).
// Accepted with a bearer token of scope intake, or with Twilio's own
// X-Twilio-Signature when webhooks.twilio.authToken is set; so always on.
import { isObject, str } from '../../parse/reports/fields.js';
import { isReceipt, receiptStatus } from '../../parse/reports/sms.js';
import type { IncomingMail } from '../store-raw.js';
import { hashKey } from './event-key.js';
import { twilioSignatureValid } from './twilio-signature.js';
import { eventItem, header, jsonBody, refused, type WebhookOutcome, type WebhookRequest, type WebhookSource } from './types.js';

export interface TwilioKeys {
  authToken: string;
  /** The URL Twilio posts to, as Twilio sees it (behind a proxy the request's own differs). */
  publicUrl?: string | undefined;
}

const isForm = (req: WebhookRequest): boolean => /application\/x-www-form-urlencoded/i.test(header(req, 'content-type') ?? '');

/** A Twilio request with its signature checked; null when it verifies. */
function checkSignature(req: WebhookRequest, twilio: TwilioKeys | undefined, form: [string, string][] | null): WebhookOutcome | null {
  const signature = header(req, 'x-twilio-signature');
  if (!signature) return refused(401, 'no-auth', 'neither a bearer token of scope intake nor X-Twilio-Signature');
  if (!twilio)
    return refused(401, 'no-twilio-key', 'X-Twilio-Signature given but webhooks.twilio.authToken (INMAIL_TWILIO_AUTH_TOKEN) is not set');
  const url = twilio.publicUrl ?? req.url;
  const ok = twilioSignatureValid(twilio.authToken, url, signature, form ? { form } : { raw: req.body });
  return ok ? null : refused(401, 'bad-signature', `X-Twilio-Signature does not match the request to ${url}`);
}

/** One event's key: the gateway's message id (with the status, for the several receipts of one message), else a hash. */
function eventKey(event: Record<string, unknown>): { key: string; ref: string } {
  const receipt = isReceipt(event);
  const id = str(event, 'MessageSid') || str(event, 'SmsSid') || str(event, 'SmsMessageSid') || str(event, 'id');
  if (!id) return { key: hashKey(event), ref: receipt ? 'receipt' : 'reply' };
  return receipt ? { key: `status:${id}:${receiptStatus(event)}`, ref: 'receipt' } : { key: `reply:${id}`, ref: 'reply' };
}

export function smsSource(twilio: TwilioKeys | undefined): WebhookSource {
  return {
    source: 'sms',
    configured: true,
    setting: 'a bearer token of scope intake, or webhooks.twilio.authToken (INMAIL_TWILIO_AUTH_TOKEN)',
    doc: {
      summary: 'SMS replies (STOP/START) and delivery receipts',
      verifiedBy: 'a bearer token of scope intake, or X-Twilio-Signature with INMAIL_TWILIO_AUTH_TOKEN',
      mediaTypes: ['application/x-www-form-urlencoded', 'application/json'],
    },
    async receive(req: WebhookRequest): Promise<WebhookOutcome> {
      const form = isForm(req) ? [...new URLSearchParams(req.body.toString('utf8')).entries()] : null;
      if (!req.tokenScoped) {
        const refusal = checkSignature(req, twilio, form);
        if (refusal) return refusal;
      }
      let events: unknown[];
      if (form) events = [Object.fromEntries(form)];
      else {
        const parsed = jsonBody(req);
        if (!parsed.ok) return parsed.outcome;
        events = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
      }
      const items: IncomingMail[] = [];
      for (const event of events) {
        if (!isObject(event)) return refused(400, 'bad-event', 'an event is not a JSON object');
        const receipt = isReceipt(event);
        if (receipt && !(str(event, 'To') || str(event, 'to'))) return refused(400, 'bad-event', 'a delivery receipt names no To number');
        if (!receipt && !(str(event, 'From') || str(event, 'from')))
          return refused(400, 'bad-event', 'a reply names no From number (or a receipt no status)');
        const { key, ref } = eventKey(event);
        items.push(eventItem('sms', key, event, req, ref));
      }
      return { kind: 'events', items };
    },
  };
}
