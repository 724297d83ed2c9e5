// The sending side's push results (docs/intake.md): one JSON object per device
// token, `{"token","platform":"fcm"|"apns","error","status"}`, with the error as FCM
// or APNs name it. Their vocabulary is precise and decides the reason: a dead token
// (FCM UNREGISTERED, APNs 410 Unregistered, 400 BadDeviceToken) is hard, a
// transient error (FCM UNAVAILABLE, APNs 429/5xx) soft, the sender's own mistakes
// (certificates, payload, topic) never count against the token.
import type { Reason } from '../../domain/reasons.js';
import type { ParsedMail } from '../../domain/verdict.js';
import { readAttempt } from '../report.js';
import { date, isObject, str, type Json } from './fields.js';
import { reportOf, unknownReport } from './shape.js';

/** FCM's error codes (HTTP v1 API), and the legacy API's names, compared upper-case without separators. */
const FCM: Record<string, Reason> = {
  UNREGISTERED: 'userunknown',
  NOTREGISTERED: 'userunknown',
  INVALIDREGISTRATION: 'userunknown',
  INVALIDARGUMENT: 'userunknown',
  SENDERIDMISMATCH: 'userunknown',
  MISMATCHSENDERID: 'userunknown',
  UNAVAILABLE: 'systemerror',
  INTERNAL: 'systemerror',
  INTERNALSERVERERROR: 'systemerror',
  QUOTAEXCEEDED: 'toomanyconn',
  DEVICEMESSAGERATEEXCEEDED: 'toomanyconn',
  MESSAGERATEEXCEEDED: 'toomanyconn',
  THIRDPARTYAUTHERROR: 'authfailure',
  MESSAGETOOBIG: 'notcompliantrfc',
  INVALIDTTL: 'notcompliantrfc',
  INVALIDPACKAGENAME: 'notcompliantrfc',
  UNSPECIFIEDERROR: 'undefined',
};

/** APNs' reasons. */
const APNS: Record<string, Reason> = {
  UNREGISTERED: 'userunknown',
  EXPIREDTOKEN: 'userunknown',
  BADDEVICETOKEN: 'userunknown',
  DEVICETOKENNOTFORTOPIC: 'userunknown',
  TOOMANYREQUESTS: 'toomanyconn',
  INTERNALSERVERERROR: 'systemerror',
  SERVICEUNAVAILABLE: 'systemerror',
  SHUTDOWN: 'systemerror',
  // The sender's request or credentials, not the device.
  TOOMANYPROVIDERTOKENUPDATES: 'speeding',
  BADCERTIFICATE: 'authfailure',
  BADCERTIFICATEENVIRONMENT: 'authfailure',
  EXPIREDPROVIDERTOKEN: 'authfailure',
  FORBIDDEN: 'authfailure',
  INVALIDPROVIDERTOKEN: 'authfailure',
  MISSINGPROVIDERTOKEN: 'authfailure',
  BADCOLLAPSEID: 'notcompliantrfc',
  BADEXPIRATIONDATE: 'notcompliantrfc',
  BADMESSAGEID: 'notcompliantrfc',
  BADPRIORITY: 'notcompliantrfc',
  BADTOPIC: 'notcompliantrfc',
  DUPLICATEHEADERS: 'notcompliantrfc',
  IDLETIMEOUT: 'notcompliantrfc',
  INVALIDPUSHTYPE: 'notcompliantrfc',
  MISSINGDEVICETOKEN: 'notcompliantrfc',
  MISSINGTOPIC: 'notcompliantrfc',
  PAYLOADEMPTY: 'notcompliantrfc',
  PAYLOADTOOLARGE: 'notcompliantrfc',
  TOPICDISALLOWED: 'notcompliantrfc',
  BADPATH: 'notcompliantrfc',
  METHODNOTALLOWED: 'notcompliantrfc',
};

/** An APNs answer that names no reason: its HTTP status alone. */
function apnsStatus(status: number): Reason | null {
  if (status === 410) return 'userunknown';
  if (status === 429 || status === 500 || status === 503) return status === 429 ? 'toomanyconn' : 'systemerror';
  if (status === 403) return 'authfailure';
  return null;
}

const compact = (name: string): string => name.toUpperCase().replace(/[^A-Z0-9]/g, '');

/** The reason a platform's error stands for; null when it is not one of theirs. */
function pushReason(platform: string, error: string, status: number | null, message: string): Reason | null {
  const name = compact(error);
  const p = platform.toLowerCase();
  let reason = (p === 'apns' ? APNS[name] : p === 'fcm' ? FCM[name] : (FCM[name] ?? APNS[name])) ?? null;
  // FCM's INVALID_ARGUMENT also answers a bad payload: only one about the token condemns it.
  if (name === 'INVALIDARGUMENT' && message && !/token|registration/i.test(message)) reason = 'notcompliantrfc';
  if (!reason && p !== 'fcm' && status !== null) reason = apnsStatus(status);
  return reason;
}

function statusOf(e: Json): number | null {
  const s = Number(str(e, 'status'));
  return Number.isInteger(s) && s > 0 ? s : null;
}

export function readPush(event: unknown): ParsedMail {
  if (!isObject(event)) return unknownReport('push', 'event is not a JSON object');
  const token = str(event, 'token').trim();
  if (!token) return unknownReport('push', 'event names no token');
  const platform = str(event, 'platform').toLowerCase();
  const error = str(event, 'error').trim();
  const status = statusOf(event);
  const message = str(event, 'message') || str(event, 'description');
  const at = date(event.at ?? event.timestamp);
  const id = str(event, 'id') || null;
  if (!error && (status === null || (status >= 200 && status < 300))) {
    const v = readAttempt({ address: token, action: 'delivered', diagnostic: '', occurredAt: at });
    return reportOf('push', 'bounce', [{ ...v, channel: 'push' }], id, at);
  }
  const diagnostic = `${platform || 'push'}: ${[error, status !== null ? `(HTTP ${status})` : ''].filter(Boolean).join(' ')}${
    message ? `: ${message}` : ''
  }`;
  const v = readAttempt({
    address: token,
    action: 'failed',
    diagnostic,
    occurredAt: at,
    hint: pushReason(platform, error, status, message),
    fallback: 'undefined',
  });
  return reportOf('push', 'bounce', [{ ...v, channel: 'push' }], id, at);
}
