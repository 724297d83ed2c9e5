// Which original message a bounce is about: the returned headers' Message-ID,
// the VERP token of the envelope recipient, the platform's own header.
import type { OriginalMessage, ParseContext } from '../domain/verdict.js';
import { CUT } from './text.js';
import { Headers, type Message, type Part, decodedBytes, parseHeaders, splitHead } from './mime.js';

const DELIVERY_ID_HEADERS = ['x-inmail-delivery-id', 'x-delivery-id'];

/** Headers of the returned original (message/rfc822, text/rfc822-headers, or inline text after a marker). */
export function returnedHeaders(msg: Message): Headers | null {
  // Read once per mail: the original's Message-ID, a complaint's and some family readers all ask.
  // Callers only read the headers (raw, all, has), so one object serves them all. Kept with the
  // message, not in a WeakMap (see decodedBytes in mime.ts).
  if (msg.returned === undefined) msg.returned = readReturnedHeaders(msg);
  return msg.returned;
}

function readReturnedHeaders(msg: Message): Headers | null {
  // msg.all[0] is the root part (msg is a copy of its fields): a mail that is itself message/rfc822 at the top
  // is not its own returned message.
  const root = msg.all[0];
  const part = msg.all.find(
    (p) =>
      p !== root &&
      (p.contentType.type === 'message/rfc822' ||
        p.contentType.type === 'text/rfc822-headers' ||
        p.contentType.type === 'message/rfc822-headers'),
  );
  if (part) return headersOf(part);
  const inline = inlineOriginal(msg);
  return inline ? parseHeaders(splitHead(inline).head) : null;
}

function headersOf(part: Part): Headers {
  return parseHeaders(splitHead(decodedBytes(part)).head);
}

/** The pasted original of a flat NDR (after a marker such as "--- Below this line is a copy"), or null. */
export function inlineOriginal(msg: Message): string | null {
  // Decoded: a flat notice sent in base64 or quoted-printable pastes the original inside the encoding.
  const text = msg.children.length ? msg.all.find((p, i) => i > 0 && p.contentType.type === 'text/plain') : msg.all[0];
  const body = text ? decodedBytes(text) : '';
  const m = CUT.exec(body);
  if (!m) return null;
  const rest = body.slice(m.index + m[0].length);
  const nl = rest.indexOf('\n');
  return (nl >= 0 ? rest.slice(nl + 1) : rest).replace(/^\s*\n/, '');
}

/** VERP: "bounces+TOKEN@..." or "bounce-TOKEN@..." in the envelope recipient or Return-Path. */
function verpToken(addrs: readonly string[]): string | null {
  for (let i = 0; i < addrs.length; i++) {
    const m = /^<?[a-z0-9._-]*?(?:bounces?|return|verp)[+=-]([^@<>\s]+)@/i.exec(addrs[i]!.trim());
    if (m?.[1]) return m[1];
  }
  return null;
}

export function findOriginal(msg: Message, ctx: ParseContext | undefined): OriginalMessage {
  const orig = returnedHeaders(msg);
  const messageId = (orig?.raw('message-id') ?? '').trim() || null;
  let deliveryId: string | null = null;
  // Indexed loops and no spread lists: in baseline code each step of an iterator allocates (docs/parser-generalisation.md, "Speed").
  for (let i = 0; i < DELIVERY_ID_HEADERS.length; i++) {
    const h = DELIVERY_ID_HEADERS[i]!;
    deliveryId ??= (orig?.raw(h) ?? msg.headers.raw(h) ?? '').trim() || null;
  }
  // The envelope recipients in order (the context's, X-Original-To, Delivered-To, Envelope-To), then the returned Return-Path.
  const verp =
    verpToken(ctx?.envelopeTo ?? []) ??
    verpToken(msg.headers.all('x-original-to')) ??
    verpToken(msg.headers.all('delivered-to')) ??
    verpToken(msg.headers.all('envelope-to')) ??
    (orig ? verpToken(orig.all('return-path')) : null);
  return { messageId, verp, deliveryId };
}
