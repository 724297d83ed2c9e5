// Mail filters and gateway appliances that write notices of their own. Each
// is recognised by its own header or first lines, and read where it writes
// the recipient and the answer.
import type { Family, FamilyRecipient } from './family.js';
import type { SmtpCommand } from '../classify.js';
import { fixedWords, mentions, type MailView } from '../view.js';
import { findAddress } from '../address.js';
import { parseDeliveryStatus } from '../dsn.js';
import { withCodes } from '../text.js';
import { commandWord, joined, noticeLines, withContinuation, wordingOf, type Wording } from './layout.js';

const MAILFOUNDRY_WORDS = fixedWords('your message could not be sent.');

const INTERSCAN_WORDS = fixedWords('message from interscan messaging security suite');

const MAILMARSHAL_WORDS = fixedWords('unable to deliver message to: <');

/** The recipients of the mail's DSN part, each with a verdict from the appliance's own wordings when one fits. */
function fromDsn(v: MailView, words: readonly Wording[]): FamilyRecipient[] {
  const out: FamilyRecipient[] = [];
  for (const part of v.dsnParts) {
    for (const r of parseDeliveryStatus(part).recipients) {
      const hint = wordingOf(r.diagnostic, words);
      out.push({ ...withCodes(r.address, r.diagnostic), ...(hint ? { hint } : {}) });
    }
  }
  return out;
}

/** TransWARE Active!hunter (X-AHMailID): ">>> a@b <a@b>" under its list banner, the answer under the transcript banner. */
export const activehunter: Family = {
  name: 'activehunter',
  detect: (v) => v.msg.headers.has('x-ahmailid'),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text);
    const t = lines.findIndex((l) => /-{3,}\s*transcript of session follows\s*-{3,}/i.test(l));
    const a = t >= 0 ? lines.findIndex((l, i) => i > t && /^[0-9a-z]/i.test(l.trim())) : -1;
    const answer = a >= 0 ? withContinuation(lines, a) : '';
    const addresses = lines
      .map((l) => /^>>>\s+.*<([^\s<>]+@[^\s<>]+)>\s*$/.exec(l.trim())?.[1] ?? '')
      .map((a) => findAddress(a))
      .filter(Boolean);
    return addresses.map((a) => ({ ...withCodes(a, answer), action: 'failed' }));
  },
};

/** DigitalArts m-FILTER (X-Mailer: m-FILTER): the address alone on a line, then "-------server message" and "-------SMTP command" sections. */
export const mFilter: Family = {
  name: 'mfilter',
  detect: (v) => /^m-filter\b/i.test((v.msg.headers.get('x-mailer') ?? '').trim()),
  read(v): FamilyRecipient[] {
    const raw = noticeLines(v.text, /^-{7}original (?:message|mail info)/im);
    const lines = raw.map((l) => l.trim());
    const after = (marker: RegExp): string => {
      const i = lines.findIndex((l) => marker.test(l));
      const j = i >= 0 ? lines.findIndex((l, k) => k > i && l && !l.startsWith('-')) : -1;
      return j >= 0 ? withContinuation(raw, j) : '';
    };
    const answer = after(/^-{7}server message/i);
    const command = commandWord(after(/^-{7}smtp command/i));
    const addresses = lines
      .filter((l) => /^[^\s@]+@[^\s@]+\.[a-z]+$/i.test(l))
      .map((l) => findAddress(l))
      .filter(Boolean);
    return [...new Set(addresses)].map((a) => ({ ...withCodes(a, answer), ...(command ? { command } : {}), action: 'failed' }));
  },
};

/** MailFoundry: "Unable to deliver message to: <a@b>", then "Delivery failed for the following reason:" and the answer. */
export const mailFoundry: Family = {
  name: 'mailfoundry',
  detect: (v) =>
    mentions(v, MAILMARSHAL_WORDS) &&
    /^unable to deliver message to: <[^>]+>\s*$/im.test(v.text) &&
    /^delivery failed for the following reason:/im.test(v.text),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text).map((l) => l.trim());
    const out: FamilyRecipient[] = [];
    let address = '';
    let why: string[] | null = null;
    let done = false;
    const flush = (): void => {
      if (address) out.push({ ...withCodes(address, joined(why ?? [])), action: 'failed' });
      address = '';
      why = null;
    };
    for (const l of lines) {
      const m = /^unable to deliver message to: <([^>]+)>$/i.exec(l);
      if (m) {
        flush();
        address = findAddress(m[1] ?? '');
      } else if (/^delivery failed for the following reason:/i.test(l)) {
        why = [];
        done = false;
      } else if (!l) done = !!why?.length;
      // The reason ends at its blank line: what follows is its closing sentence or the returned message.
      else if (why && !done && !/^this has been a permanent failure/i.test(l)) why.push(l);
    }
    flush();
    return out;
  },
};

/** McAfee's Email and Web Security appliance (X-NAI-Header): "<a@b>   (why)" under "--- The following addresses had delivery problems ---". */
export const MCAFEE_WORDS: readonly Wording[] = [
  // Its own and its MTA's wordings for a recipient that does not exist.
  { re: /550 unknown user |no such user/i, reason: 'userunknown', example: '550 Unknown user kit@example.com' },
  // "User (a@b) unknown." and "User not exist", with or without the address and the code before them.
  {
    re: /\b(?:user|recipient|mailbox)(?: \(\S+@\S+\))? unknown\.|\buser not exist/i,
    reason: 'userunknown',
    example: '553 User not exist',
  },
];
export const mcafee: Family = {
  name: 'mcafee',
  detect: (v) =>
    /modified by mcafee/i.test(v.msg.headers.get('x-nai-header') ?? '') && /the following addresses had delivery problems/i.test(v.text),
  read(v): FamilyRecipient[] {
    const out: FamilyRecipient[] = [];
    for (const l of noticeLines(v.text)) {
      const m = /^<([^\s<>]+@[^\s<>]+)>\s+\((.+)\)\s*$/.exec(l.trim());
      if (!m) continue;
      const dsn = fromDsn(v, MCAFEE_WORDS).find((r) => r.address.toLowerCase() === (m[1] ?? '').toLowerCase());
      const diagnostic = dsn?.diagnostic || (m[2] ?? '');
      const hint = wordingOf(`${diagnostic} ${m[2] ?? ''}`, MCAFEE_WORDS);
      out.push({ ...withCodes(findAddress(m[1] ?? ''), diagnostic), action: 'failed', ...(hint ? { hint } : {}) });
    }
    return out.filter((r) => r.address);
  },
};

/**
 * Trend Micro InterScan Messaging Security Suite: the session as "Sent <<< RCPT TO:<a@b>" and
 * "Received >>> 550 5.1.1 ..." lines, or "Unable to deliver message to <a@b>" (its own refusal at RCPT).
 */
export const interScanMss: Family = {
  name: 'interscanmss',
  detect: (v) =>
    /^"?interscan (?:mss|notification)"?/i.test(v.msg.headers.get('from') ?? '') ||
    mentions(v, INTERSCAN_WORDS) ||
    (/^(?:mail could not be delivered|メッセージを配信できません。|メール配信に失敗しました)$/i.test(v.subject.trim()) &&
      /(?:<<<|>>>)\s|unable to deliver message to </i.test(v.text)),
  read(v): FamilyRecipient[] {
    const out: FamilyRecipient[] = [];
    let cur: FamilyRecipient | null = null;
    // The command the last "Sent <<<" line gave: the answer after "DATA" or "." is no refusal of the recipient.
    let sent: SmtpCommand = '';
    const lines = noticeLines(v.text);
    for (let i = 0; i < lines.length; i++) {
      const l = withContinuation(lines, i);
      const command = /^sent\s+<<<\s+(\S.*)$/i.exec(l.trim())?.[1] ?? '';
      if (command) sent = command.trim() === '.' ? 'DATA' : commandWord(command) || sent;
      const rcpt = /(?:<<<|>>>)\s+rcpt to:\s*<([^>]+)>|^(?:reason:\s+)?unable to deliver message to <([^>]+)>/i.exec(l);
      const address = findAddress(rcpt?.[1] ?? rcpt?.[2] ?? '');
      if (address && address.toLowerCase() !== cur?.address.toLowerCase()) {
        cur = { ...withCodes(address, ''), command: 'RCPT', action: 'failed' };
        out.push(cur);
      }
      if (!cur) continue;
      // Its own sentence after a quoted answer adds no cause: the answer stays what is read.
      if (rcpt?.[2]) Object.assign(cur, cur.diagnostic ? { fallback: 'userunknown' } : { diagnostic: l, fallback: 'userunknown' });
      // "Received >>> 550 ...", or a localized line with the answer after "<<<"/">>>"; a multi-line reply's
      // lines carry a hyphen after the code (RFC 5321 4.2.1: "550-5.7.26 ...").
      const answer = /^(?:received\s+>>>|.*\s<<<)\s+(\d{3}[\s-].+)$/i.exec(l);
      if (answer?.[1]) Object.assign(cur, withCodes(cur.address, answer[1]), { command: sent || 'RCPT' });
    }
    return out.filter((r) => r.diagnostic);
  },
};

/** MailMarshal (Subject 'Undeliverable Mail: "...'): "Could not be delivered because of", the answer, then the recipients indented. */
export const mailMarshal: Family = {
  name: 'mailmarshal',
  detect: (v) => /^undeliverable mail: "/i.test(v.subject.trim()) && /^could not be delivered because of\s*$/im.test(v.text),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text);
    const start = lines.findIndex((l) => /^could not be delivered because of\s*$/i.test(l.trim()));
    const list = lines.findIndex((l) => /^the following recipients were affected:/i.test(l.trim()));
    if (start < 0 || list < 0) return [];
    const diagnostic = joined(
      lines
        .slice(start + 1, list)
        .map((l) => l.trim())
        .filter(Boolean),
    );
    const out: FamilyRecipient[] = [];
    for (const l of lines.slice(list + 1)) {
      if (!/^\s+\S+@\S+\s*$/.test(l)) {
        if (out.length && l.trim()) break;
        continue;
      }
      out.push({ ...withCodes(findAddress(l), diagnostic), action: 'failed' });
    }
    return out.filter((r) => r.address);
  },
};

/** SurfControl E-mail Filter: "Addressed To: a@b", then "a@b: [ip], 550 ..." with the answer. */
export const surfControl: Family = {
  name: 'surfcontrol',
  detect: (v) =>
    /^surfcontrol e-mail filter/i.test((v.msg.headers.get('x-mailer') ?? '').trim()) ||
    (mentions(v, MAILFOUNDRY_WORDS) && /^your message could not be sent\.\s*$/im.test(v.text) && /^addressed to:/im.test(v.text)),
  read(v): FamilyRecipient[] {
    const out: FamilyRecipient[] = [];
    for (const l of noticeLines(v.text).map((x) => x.trim())) {
      const to = /^addressed to:\s*(\S+@\S+)$/i.exec(l);
      if (to) out.push({ ...withCodes(findAddress(to[1] ?? ''), ''), action: 'failed' });
      const said = /^(\S+@\S+):\s*\[[0-9a-f.:]+\],\s*(.+)$/i.exec(l);
      const cur = out.find((r) => r.address.toLowerCase() === findAddress(said?.[1] ?? '').toLowerCase());
      if (said && cur) Object.assign(cur, withCodes(cur.address, said[2] ?? ''));
    }
    return out.filter((r) => r.address && r.diagnostic);
  },
};

/** amavisd-new's notices (From "Content-filter at host"): its DSN's Diagnostic-Code names the content category it blocked. */
export const AMAVIS_WORDS: readonly Wording[] = [
  // amavisd's %smtp_reason_by_ccat: "id=%n - INFECTED: %V", "- spam", "- BAD HEADER...", "- Message size exceeds recipient's size limit", "- BANNED: %F".
  { re: / - infected\b/i, reason: 'virusdetected', example: '554 5.7.0 Reject, id=12345-01 - INFECTED: Eicar-Test-Signature' },
  { re: / - spam(?:my)?\b/i, reason: 'spamdetected', example: '554 5.7.0 Reject, id=12345-02 - spam' },
  { re: / - bad header\b/i, reason: 'contenterror', example: '554 5.6.0 Reject, id=12345-03 - BAD HEADER SECTION' },
  {
    re: / - message size exceeds recipient's size limit/i,
    reason: 'exceedlimit',
    example: "552 5.3.4 Reject, id=12345-04 - Message size exceeds recipient's size limit",
  },
  { re: / - banned\b/i, reason: 'policyviolation', example: '554 5.7.0 Reject, id=12345-05 - BANNED: invoice.exe' },
  // CC_MTA: amavisd could not pass the checked message on to its MTA (550 5.3.5): its own system's failure.
  {
    re: / - (?:temporary mta failure on relaying|rejected by next-hop mta on relaying|unable to relay message back to mta)\b/i,
    reason: 'systemerror',
    example: '550 5.3.5 Reject, id=12345-06 - Rejected by next-hop MTA on relaying',
  },
];
export const amavis: Family = {
  name: 'amavis',
  detect: (v) => /^"?content-filter at /i.test(v.msg.headers.get('from') ?? '') && v.dsnParts.length > 0,
  read: (v) => fromDsn(v, AMAVIS_WORDS),
};

/** Symantec MessageLabs (X-Msg-Ref, from MAILER-DAEMON@messagelabs.com): a DSN; its own wordings for a few causes. */
export const MESSAGELABS_WORDS: readonly Wording[] = [
  // Its "542" answers (a code of its own, for a recipient it refuses), with or without "Rejected".
  { re: /(?:^|[\s;])542[ -]|no such user/i, reason: 'userunknown', example: '542 kit@example.com Rejected' },
  {
    re: /please turn on smtp authentication in your mail client/i,
    reason: 'securityerror',
    example: '553 Please turn on SMTP Authentication in your mail client',
  },
];
export const messageLabs: Family = {
  name: 'messagelabs',
  detect: (v) => v.msg.headers.has('x-msg-ref') && /@messagelabs\.com$/i.test(v.from) && v.dsnParts.length > 0,
  read: (v) => fromDsn(v, MESSAGELABS_WORDS),
};
