// VERP tokens that carry an HMAC (docs/pipeline.md). The sending platform puts
// `<prefix>+<deliveryId>.<mac>@<bounce domain>` in the Return-Path of each message,
// the mac binding the delivery to the one recipient it was sent to. A bounce whose
// token does not verify, or that names another recipient, may be forged to
// quarantine someone else's customers: it is kept and logged, and changes nothing.
import { createHmac, timingSafeEqual } from 'node:crypto';

const MAC_CHARS = 12;
const DELIVERY_ID = /^[A-Za-z0-9_-]{1,64}$/;

function mac(secret: string, deliveryId: string, recipient: string): string {
  return createHmac('sha256', secret).update(`${deliveryId}\n${recipient.trim().toLowerCase()}`).digest('base64url').slice(0, MAC_CHARS);
}

/** The token for one message to one recipient. */
export function makeVerpToken(secret: string, deliveryId: string, recipient: string): string {
  if (!DELIVERY_ID.test(deliveryId)) throw new Error('delivery id must be 1-64 characters of A-Z a-z 0-9 _ -');
  return `${deliveryId}.${mac(secret, deliveryId, recipient)}`;
}

export type VerpCheck =
  { ok: true; deliveryId: string } | { ok: false; why: 'no token' | 'malformed token' | 'bad signature or other recipient' };

/** Whether `token` was issued for `recipient` with this secret. */
export function verifyVerpToken(secret: string, token: string | null, recipient: string): VerpCheck {
  if (!token) return { ok: false, why: 'no token' };
  const dot = token.lastIndexOf('.');
  const deliveryId = token.slice(0, dot);
  const given = token.slice(dot + 1);
  if (dot <= 0 || !DELIVERY_ID.test(deliveryId) || given.length !== MAC_CHARS) return { ok: false, why: 'malformed token' };
  const expected = Buffer.from(mac(secret, deliveryId, recipient));
  return timingSafeEqual(expected, Buffer.from(given)) ? { ok: true, deliveryId } : { ok: false, why: 'bad signature or other recipient' };
}
