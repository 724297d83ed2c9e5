// MTAs that name themselves nowhere but keep a layout of their own (the
// reference parser calls them X1, X2, X3, X6). Each is recognised by its
// layout: its first lines and the way it lists a recipient.
import type { Family, FamilyRecipient } from './family.js';
import { gated, fixedWords, mentions } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { blocksAt, commandWord, joined, noticeLines } from './layout.js';

const BRACKET_START = gated(/^-{3}the following addresses had delivery errors-{3}\s*$/im);
const UNABLE_START = gated(/^unable to deliver message to the following address(?:\(es\)|es)?\.?\s*$/im);

const TECHNICAL_WORDS = fixedWords('this is an automatically generated delivery status notification.');

/**
 * "The original message was received at <date> / from <sender>", then
 * "---The following addresses had delivery errors---" and "a@b [why]" lines
 * (From: "Mail Deliver System", Subject: "Returned Mail: ...").
 */
export const bracketList: Family = {
  name: 'x1',
  detect: (v) => BRACKET_START.test(v),
  read(v): FamilyRecipient[] {
    const out: FamilyRecipient[] = [];
    for (const l of noticeLines(v.text)) {
      const m = /^\s*([^\s@[\]]+@[^\s[\]]+)\s+\[(.+)\]\s*$/.exec(l);
      const address = m?.[1] ? findAddress(m[1]) : '';
      if (address) out.push({ ...withCodes(address, (m?.[2] ?? '').trim()), action: 'failed' });
    }
    return out;
  },
};

/**
 * "Unable to deliver message to the following address(es).", then "<a@b>:"
 * and the reason under it, up to "--- Original message follows." (From
 * MAILER-DAEMON, Subject "Delivery failure" / "failure delivery").
 */
export const unableList: Family = {
  name: 'x2',
  detect: (v) => UNABLE_START.test(v) && /^<[^\s<>]+@[^\s<>]+>:\s*$/m.test(v.text),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text, /^--- original message follows\./im);
    return blocksAt(lines, /^<([^\s<>]+@[^\s<>]+)>:\s*$/)
      .map((b) => ({ ...withCodes(findAddress(b.address), joined(b.lines)), action: 'failed' as const }))
      .filter((r) => r.address);
  },
};

/**
 * A framed notice: "This is an automatically generated Delivery Status
 * Notification.", "Delivery to the following recipients failed
 * permanently:", "  * a@b", then under "Technical details:" the step and
 * the answer, "SMTP:RCPT host 192.0.2.8: 553 5.3.0 ...", or "Routing: ...".
 */
export const technicalDetails: Family = {
  name: 'x3',
  detect: (v) =>
    mentions(v, TECHNICAL_WORDS) &&
    /^\s*this is an automatically generated delivery status notification\.\s*$/im.test(v.text) &&
    /^\s*technical details:\s*$/im.test(v.text) &&
    /^\s+\*\s+\S+@\S+\s*$/m.test(v.text),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text);
    const addresses = lines
      .map((l) => /^\s+\*\s+(\S+@\S+)\s*$/.exec(l)?.[1] ?? '')
      .map((a) => findAddress(a))
      .filter(Boolean);
    const detail = lines
      .map((l) => /^(?:smtp:(\w+)\s+(.+)|routing:\s*(.+)|diagnostic-code:\s*smtp;\s*(.+))$/i.exec(l.trim()))
      .find((m) => m);
    const command = detail?.[1] ? commandWord(detail[1]) : '';
    const diagnostic = (detail?.[2] ?? detail?.[3] ?? detail?.[4] ?? '').trim();
    const action = /failed permanently/i.test(v.text) ? 'failed' : /delayed|temporar/i.test(v.text) ? 'delayed' : 'failed';
    return addresses.map((address) => ({ ...withCodes(address, diagnostic), ...(command ? { command } : {}), action }));
  },
};

/** Where the notice's list starts: "N error(s):", or its intro when no count follows. */
const ERROR_COUNT_START = /^(?:\d+\s*error\(s\):|we had trouble delivering your message\. full details follow:)\s*$/i;

/**
 * "We had trouble delivering your message. Full details follow:", the
 * returned message's subject and date, "N error(s):" then one sentence per
 * refusal, "SMTP Server <host> rejected recipient <a@b> (Error following RCPT
 * command). It responded as follows: [550 5.1.1 User unknown]", or "The
 * following recipients returned permanent errors: a@b." (Subject "There was
 * an error sending your mail").
 */
export const errorCount: Family = {
  name: 'x6',
  detect: (v) =>
    /there was an error sending your mail/i.test(v.subject) && v.text.split(/\r?\n/).some((l) => ERROR_COUNT_START.test(l.trim())),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text, /^the attachment contains the original mail headers/im);
    const counted = lines.findIndex((l) => /^\d+\s*error\(s\):\s*$/i.test(l.trim()));
    const start = counted >= 0 ? counted : lines.findIndex((l) => ERROR_COUNT_START.test(l.trim()));
    // A refusal's sentence is wrapped: "SMTP Server <host> rejected recipient <a@b>" then, indented,
    // "(Error following RCPT command). It responded as follows: [550 5.1.1 User unknown]". Its indented
    // lines belong to the sentence above (the answer in brackets is the cause, not the first line's "rejected").
    const sentences: string[] = [];
    for (const l of lines.slice(start + 1)) {
      if (/^\s+\S/.test(l) && sentences.length) sentences[sentences.length - 1] += ` ${l.trim()}`;
      else sentences.push(l);
    }
    const out: FamilyRecipient[] = [];
    for (const l of sentences) {
      const m = /rejected recipient <([^>]+)>|errors:\s*(\S+@\S+)/i.exec(l);
      const address = findAddress(m?.[1] ?? m?.[2] ?? '');
      if (!address) continue;
      const answer = /responded as follows:\s*\[(.+)\]/i.exec(l)?.[1] ?? l.trim();
      const command = commandWord(/error following (\w+) command/i.exec(l)?.[1] ?? '');
      out.push({ ...withCodes(address, answer), ...(command ? { command } : {}), action: 'failed' });
    }
    return out;
  },
};
