// What an IMAP intake can know of a mail's envelope. A mailbox has no SMTP
// envelope, but the delivering MTA usually records it: X-Original-To keeps the
// envelope recipient as sent (with its VERP token), Delivered-To the address
// it was finally delivered to. The worker reads them as the rcpt_to of SMTP mail.

const MAX_HEAD = 256 * 1024;
const MAX_RECIPIENTS = 10;

/** The mail's own header block, unfolded, read without parsing the rest. */
function headerLines(body: Buffer): string[] {
  const limit = Math.min(body.length, MAX_HEAD);
  let end = limit;
  for (const sep of ['\r\n\r\n', '\n\n']) {
    const i = body.indexOf(sep);
    if (i >= 0 && i < end) end = i;
  }
  const head = body.subarray(0, end).toString('latin1');
  return head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
}

function addrSpec(value: string): string | null {
  const angle = /<([^<>\s]+@[^<>\s]+)>/.exec(value);
  const bare = angle?.[1] ?? /([^\s<>,;"]+@[^\s<>,;"]+)/.exec(value)?.[1];
  return bare ? bare.replace(/[.]+$/, '') : null;
}

/** Envelope recipients recorded in the headers: X-Original-To first, then Delivered-To, top down, unique. */
export function envelopeRecipients(body: Buffer): string[] {
  const original: string[] = [];
  const delivered: string[] = [];
  for (const line of headerLines(body)) {
    const m = /^(x-original-to|delivered-to)[ \t]*:(.*)$/i.exec(line);
    if (!m?.[1] || m[2] === undefined) continue;
    const addr = addrSpec(m[2]);
    if (addr) (m[1].toLowerCase() === 'delivered-to' ? delivered : original).push(addr);
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const addr of [...original, ...delivered]) {
    const k = addr.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(addr);
    if (out.length === MAX_RECIPIENTS) break;
  }
  return out;
}
