// Older and odder notices that introduce a list of failed addresses with a
// sentence of their own ("Failed addresses follow:", "The following
// addresses did NOT receive a copy of your message:") and end it with a
// marker ("Message text follows:", "Error Detail"). Each layout names the
// servers that write it; the wordings are these MTAs' fixed templates as
// the public bounce-handling projects' detectors and the MTAs' docs record
// them (see docs/parser-generalisation.md, "Older and unusual layouts").
import type { Family, FamilyRecipient } from './family.js';
import { gated, type MailView } from '../view.js';
import { findAddress, isDaemonAddress } from '../address.js';
import { generalDiagnostic, withCodes } from '../text.js';
import { noticeLines, spacedWords, wordingOf } from './layout.js';
import { OWN_VERDICTS, foreignAddresses } from './recipient-sentences.js';

export interface ListLayout {
  /** Which servers write it. */
  writer: string;
  /** The line that opens the list (it may carry the address itself: "Intended recipient: a@b"). */
  start: RegExp;
  /** The line after the list, when the layout has one. */
  end?: RegExp;
  /** How an address is written on a line of the list (group 1). */
  addr: RegExp;
  /** A bare local name is on this domain ('from': the bounce's From domain; AOL's screen names). */
  localDomain?: string;
  /** Only when the bounce comes from this domain (the list names local names). */
  fromDomain?: RegExp;
  /** A warning: the message is still queued. */
  delayed?: boolean;
  /** The list's own words are the MTA's recipient lookup refusing each address: the recipient's own step (RCPT). */
  lookup?: boolean;
  /**
   * After the end marker, the session's replies, each naming its address or local part ("550 5.1.1
   * ann... User unknown"): an address's own reply there carries the status its list line leaves out.
   */
  detail?: boolean;
  /**
   * The start is a label the address follows on its line ("Receiver not found: a@b"); a relay that wraps it
   * leaves the address alone on the next line.
   */
  label?: boolean;
  /** The verdict on an address's line is group 1 of this, not the line's other words (XMail's "Error=[reply]"). */
  verdict?: RegExp;
  /** A notice as the MTA writes it (test/unit/parse-families-listed.test.ts reads each one back). */
  example: string;
}

const BARE = /^\s*[>*]?\s*<?([^\s<>@()'",;]+@[^\s<>()'",;]+?)>?[.,:;]?(?:\s|$)/;
const ANGLE = /<([^\s<>@]+@[^\s<>]+)>/;

export const LAYOUTS: readonly ListLayout[] = [
  {
    writer:
      'Smail 3 and T-Online\'s (Deutsche Telekom\'s) Smail-based notices: the failed-address block framed by "|----- Failed addresses follow: -----|", ended by the returned message ("Message text follows:") or its header alone ("Message header follows:")',
    start: /failed addresses follow:/i,
    end: /message (?:text|header) follows:/i,
    addr: /^\s*<?([^\s<>]+@[^\s<>]+?)>?\s*(?:\.\.\.|$|\s)/,
    example:
      '|------------------------- Failed addresses follow: ---------------------|\n <ann@example.org> ... unknown user\n|------------------------- Message text follows: ------------------------|',
  },
  {
    writer: 'MDaemon (3.x-6.x): "The following addresses did NOT receive a copy of your message:" and "> a@b" lines',
    start: /the following addresses did not receive a copy of your message:/i,
    end: /-{2,}\s*session transcript/i,
    addr: /^\s*>\s*<?([^\s<>]+@[^\s<>]+?)>?\s*$/,
    example: 'The following addresses did NOT receive a copy of your message:\n\n> ann@example.org\n\n--- Session Transcript ---',
  },
  {
    writer: 'USA.NET / Netaddress: "Intended recipient: a@b" with the reason below',
    start: /^\s*intended recipient:/i,
    end: /-{3,}\s*returned mail follows/i,
    label: true,
    addr: /^\s*intended recipient:\s*<?([^\s<>]+@[^\s<>]+?)>?\s*$/i,
    example: 'Intended recipient: ann@example.org\nReason: mailbox does not exist',
  },
  {
    writer: 'HotPOP and other POP3 hosts: "Undeliverable Address: a@b"',
    start: /^\s*undeliverable address:/i,
    end: /original message attached/i,
    label: true,
    addr: /^\s*undeliverable address:\s*<?([^\s<>]+@[^\s<>]+?)>?\s*$/i,
    example: 'Undeliverable Address: ann@example.org\nReason: The user account does not exist.',
  },
  {
    writer:
      'XMail: one "[<00>] XMail bounce: Rcpt=[a@b];Error=[reply]" line per failed recipient, then its numbered sections ("[<01>] ...")',
    start: /xmail bounce: rcpt=\[/i,
    end: /^\s*\[<0[1-9]>\]/,
    addr: /rcpt=\[([^\s[\];]+@[^\s[\];]+)\]/i,
    verdict: /;error=\[(.*)\]\s*$/i,
    example: '[<00>] XMail bounce: Rcpt=[ann@example.org];Error=[550 5.1.1 <ann@example.org>... User unknown]\n\n[<01>] Error description:',
  },
  {
    writer: 'Microsoft SMTPSVC (IIS 4/5 SMTP service): "The email below could not be delivered to the following user:"',
    start: /the email below could not be delivered to the following users?:/i,
    end: /^\s*old message:/i,
    // One address a line, "<a@b>" or quoted "\"a@b\"" with the remote's reply after it.
    addr: /^\s*[<"]([^\s<>"]+@[^\s<>"]+)[>"]/,
    example: 'The email below could not be delivered to the following user:\n\n<ann@example.org>\n\nOld message:',
  },
  {
    writer:
      'Microsoft SMTP service (IIS / Exchange 2000 SMTP, Hotmail relays): "Delivery to the following recipients failed." / "... was aborted after ..."',
    start: /del[ie]very to the following recipients? (?:failed|was aborted)/i,
    end: /^\s*(?:-{3,}|original message|reporting-mta)/i,
    addr: /^\s*\*?\s*<?([^\s<>@]+@[^\s<>]+?)>?\s*$/,
    example: 'Delivery to the following recipients failed.\n\n       ann@example.org',
  },
  {
    writer:
      'Netscape Messaging Server 3.x/4.x: "This Message was undeliverable due to the following reason:" then the reason and "<a@b>" lines',
    start: /this message was undeliverable due to the following reason:/i,
    end: /^\s*(?:please reply to|-{3,})/i,
    addr: /^\s*(?:smtp\s+)?<([^\s<>]+@[^\s<>]+)>/i,
    example:
      'This Message was undeliverable due to the following reason:\n\nThe user(s) account is temporarily over quota.\n\n<ann@example.org>\n\nPlease reply to Postmaster@example.org\nif you feel this message to be in error.',
  },
  {
    writer:
      'university sendmail sites (Yale, UC Irvine style): "Message not delivered to the following addresses:" with "a@b  reason" lines, then "Error Detail"',
    start: /message not delivered to the following(?: addresses)?:?/i,
    end: /error detail/i,
    addr: BARE,
    detail: true,
    example:
      'Message not delivered to the following addresses:\n\n    ann@example.edu    Mailbox unknown\n\nError Detail:\n    550 5.1.1 ann... User unknown',
  },
  {
    writer: 'LSMTP (L-Soft) for Windows: "--> Error description:" and "Error-For: a@b"',
    start: /^-->\s*error description:/i,
    end: /^error-end:/i,
    addr: /^error-for:\s+<?([^\s<>]+@[^\s<>]+?)>?\s*$/i,
    example:
      '--> Error description:\nError-For:  ann@example.org\nError-Code: 2\nError-Text: No such user here.\nError-End:  One error reported.',
  },
  {
    writer:
      'AOL and its AirMail gateway (also CompuServe 2000, Netscape WebMail): "Your mail to the following recipients could not be delivered because they are not accepting mail from a@b:" and bare screen names on the sender\'s host',
    start: /mail to the following recipients could not be delivered/i,
    addr: /^\s*([a-z0-9][a-z0-9._-]*(?:@[^\s]+)?)\s*$/i,
    localDomain: 'from',
    fromDomain: /@(?:[\w-]+\.)*(?:aol|cs|compuserve|netscape)\.(?:com|net)$/i,
    example:
      'Your mail to the following recipients could not be delivered because they are not accepting mail from news@example.net:\n\tannsmith12',
  },
  {
    writer: 'CompuServe\'s postmaster: "Receiver not found: name" with a bare CompuServe user name',
    start: /^\s*receiver not found:/i,
    label: true,
    addr: /^\s*receiver not found:\s*<?([^\s<>]+?)>?\s*$/i,
    localDomain: 'from',
    fromDomain: /@(?:[\w-]+\.)*compuserve\.com$/i,
    example: 'Receiver not found: annsmith\n\nYour message could not be delivered as addressed.',
  },
  {
    writer: 'Prodigy (and other SBC-era hosts): "User\'s mailbox is full: <a@b>"',
    start: /user's mailbox is full:/i,
    label: true,
    addr: /user's mailbox is full:\s*<([^\s<>]+@[^\s<>]+)>/i,
    example: "User's mailbox is full: <ann@example.org>\nUnable to deliver mail.",
  },
  {
    writer: 'Netaddress-era and Japanese university gateways: "Invalid final delivery userid: a@b"',
    start: /invalid final delivery userid:/i,
    end: /original message follows/i,
    label: true,
    addr: /^\s*(?:invalid final delivery userid:)?\s*<?([^\s<>]+@[^\s<>]+?)>?\s*$/i,
    lookup: true,
    example: 'Invalid final delivery userid: ann@example.org',
  },
  {
    writer: 'E500 SMTP Mail Service and other NT gateways: "------ Failed Recipients ------" with "<a@b>" lines',
    start: /-{3,}\s*failed recipients\s*-{3,}/i,
    end: /-{3,}\s*returned mail\s*-{3,}/i,
    addr: ANGLE,
    example: '------ Failed Recipients ------\n<ann@example.org>: User unknown\n-------- Returned Mail --------',
  },
  {
    writer: 'EYOU MTA (Chinese ISP mail systems): "This is the deliver program at <host>." and "a@b" lines',
    start: /this is the deliver program at/i,
    end: /^-{3,}/,
    addr: /^<?([^\s<>@]+@[^\s<>:]+?)>?[:\s]/,
    example:
      "This is the deliver program at mail.example.cn.\nI'm sorry to inform you that the message below could not be delivered.\n\nann@example.cn: user not exist\n\n--- Below this line is a copy of the message.",
  },
  {
    writer: 'newmail.ru and similar Russian providers: "This is the machine generated message from mail service."',
    start: /this is the machine generated message from mail service/i,
    end: /-{3}\s*below the next line is a copy of the message/i,
    addr: ANGLE,
    example: 'This is the machine generated message from mail service.\nUnable to deliver message to <ann@example.ru>: mailbox not found',
  },
  {
    writer:
      'Sina, 163/126 (Coremail) and other Chinese providers writing "<a@b>:" on a line of its own after "The following address(es) failed" or a Chinese banner',
    start: /(?:以下收件人|收件人地址|退信原因|未能成功投递|无法投递|could not be delivered to the following)/i,
    end: /^-{3,}/,
    addr: /^\s*<([^\s<>]+@[^\s<>]+)>/,
    example: '很抱歉，您发送的邮件无法投递到以下收件人：\n<ann@example.cn>: 550 User not found',
  },
  {
    writer: 'qmail sites with a translated intro (Spanish, Portuguese): "<a@b>:" lines after the intro',
    start: /(?:no se pudo entregar su mensaje|n[ãa]o foi poss[íi]vel entregar)/i,
    end: /^-{2,}/,
    addr: /^<([^\s<>]+@[^\s<>]+)>:/,
    example:
      'Su mensaje no se pudo entregar a los siguientes destinatarios.\n\n<ann@example.es>:\nSorry, no mailbox here by that name. (#5.1.1)',
  },
  {
    writer: 'Post.Office / MessageSwitch warnings: "The address to which the message has not yet been delivered is:"',
    start: /the address to which the message has not yet been delivered is/i,
    end: /no action is required on your part/i,
    addr: BARE,
    delayed: true,
    example: 'The address to which the message has not yet been delivered is:\n\n  ann@example.org\n\nNo action is required on your part.',
  },
  {
    writer: 'Gmail\'s older delay notice and Google-hosted relays: "Delivery to the following recipient has been delayed:"',
    start: /delivery to the following recipients? has been delayed/i,
    end: /^\s*(?:message will be retried|-{3,})/i,
    addr: /^\s*<?([^\s<>@]+@[^\s<>]+?)>?\s*$/,
    delayed: true,
    example: 'Delivery to the following recipient has been delayed:\n\n     ann@example.org\n\nMessage will be retried for 2 more day(s)',
  },
];

/** The recipients one layout lists, each with the words on its line, under it, or (Netscape's) above the list. */
function readLayout(
  v: MailView,
  lines: readonly string[],
  joined: () => string,
  l: ListLayout,
  foreign: ReadonlySet<string>,
): FamilyRecipient[] {
  if (l.fromDomain && !l.fromDomain.test(v.from)) return [];
  const open = opening(lines, joined, l);
  if (!open) return [];
  const { at, last } = open;
  const exclude = new Set([...v.exclude, ...foreign].map((a) => a.toLowerCase()));
  const found: Array<{ address: string; line: number; rest: string }> = [];
  let end = lines.length;
  for (let i = at; i < lines.length; i++) {
    if (i > at && i <= last) continue;
    const line = i === at ? open.line : (lines[i] ?? '');
    if (i > at && l.end?.test(line)) {
      end = i;
      break;
    }
    const m = l.addr.exec(line);
    if (!m?.[1]) continue;
    let address = findAddress(m[1]);
    const domain = l.localDomain === 'from' ? v.from.slice(v.from.indexOf('@') + 1) : l.localDomain;
    if (!address && domain && /^[a-z0-9][a-z0-9._-]*$/i.test(m[1])) address = `${m[1].toLowerCase()}@${domain}`;
    if (!address || exclude.has(address.toLowerCase()) || isDaemonAddress(address)) continue;
    if (found.some((f) => f.address.toLowerCase() === address.toLowerCase())) continue;
    // The words around the address are its verdict ("<a@b> ... unknown user", "User's mailbox is full: <a@b>").
    const before =
      i === at
        ? ''
        : line
            .slice(0, m.index ?? 0)
            .replace(/[\s|:>*-]+$/, '')
            .trim();
    const after = line
      .slice((m.index ?? 0) + m[0].length)
      .replace(/^[\s.:>-]+/, '')
      .trim();
    const verdict = l.verdict?.exec(line)?.[1]?.trim();
    found.push({
      address,
      line: i,
      rest:
        verdict ??
        (i === at ? line.replace(m[1], ' ').replace(/[<>]/g, ' ').replace(/\s+/g, ' ').trim() : [before, after].filter(Boolean).join(' ')),
    });
  }
  const intro = lines
    .slice(Math.max(0, at - 6), last + 1)
    .map((x) => x.trim())
    .filter(Boolean);
  return found.map((f, k) => {
    const stop = Math.min(found[k + 1]?.line ?? end, end);
    const under: string[] = [];
    for (let i = f.line + 1; i < stop; i++) {
      const t = (lines[i] ?? '').trim();
      if (!t) {
        if (under.length) break;
        continue;
      }
      under.push(t);
    }
    // The reason may stand on the address line, under it, or in the intro above the list (Netscape's).
    const between = lines
      .slice(last + 1, found[0]?.line ?? last + 1)
      .map((x) => x.trim())
      .filter(Boolean);
    const own = [f.rest, ...under, ...(l.detail ? detailOf(lines, end, f.address) : [])].filter(Boolean).join(' ');
    const diagnostic = (own || between.join(' ') || generalDiagnostic(lines) || intro.join(' ')).replace(/\s+/g, ' ').trim();
    const r = withCodes(f.address, diagnostic);
    const fallback = wordingOf(diagnostic, OWN_VERDICTS);
    // The list names no SMTP step: a dead-address wording there, with no X.1.x status, is no refused
    // RCPT TO but a filter's as well as a lookup's answer (docs/parser-generalisation.md, "Cross-check
    // with Sisimai 4.25").
    return {
      ...r,
      ...(l.lookup && !r.command ? { command: 'RCPT' as const } : {}),
      action: l.delayed ? 'delayed' : 'failed',
      ...(fallback ? { fallback } : {}),
    };
  });
}

/** The opening line (lines `at`..`last` joined when a relay wrapped it) of one layout, or null. */
interface Opening {
  at: number;
  last: number;
  line: string;
}

/** Each layout's start with its words matching across a line break, built once. */
const WRAPPED_START = new Map(LAYOUTS.map((l) => [l, spacedWords(new RegExp(l.start.source, `${l.start.flags}m`))]));

/**
 * Where the layout's list opens. A relay may wrap the opening (docs/parser-generalisation.md, "Perturbation and
 * transplant over the fixtures"): its words then run across lines, the rest of its sentence follows on indented
 * lines, and a label's address stands alone on the next line. Neither takes a list entry: the indented lines join
 * only when their run ends the sentence with ":", and a label takes one lone word only.
 */
function opening(lines: readonly string[], joined: () => string, l: ListLayout): Opening | null {
  let at = lines.findIndex((x) => l.start.test(x));
  let last = at;
  if (at < 0) {
    // Only when no line holds the start: one search over the lines joined.
    const text = joined();
    const m = WRAPPED_START.get(l)?.exec(text);
    if (!m) return null;
    at = lineAt(text, m.index);
    last = lineAt(text, m.index + m[0].length - 1);
  }
  last = sentenceEnd(lines, at, last);
  let line = lines.slice(at, last + 1).join(' ');
  const next = (lines[last + 1] ?? '').trim();
  if (l.label && !l.addr.test(line) && /:\s*$/.test(line) && next && !/\s/.test(next)) {
    const labelled = `${line.trimEnd()} ${next}`;
    if (l.addr.test(labelled)) {
      line = labelled;
      last++;
    }
  }
  return { at, last, line };
}

/** The line index of offset `k` in `text` (lines joined by "\n"). */
function lineAt(text: string, k: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < k; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * The last line of an opening sentence that a relay wrapped onto indented lines: the run of lines indented deeper
 * than its first, when one of them ends it with ":" (AOL's "... not accepting mail from" / "    a@b:"); else `last`.
 */
function sentenceEnd(lines: readonly string[], at: number, last: number): number {
  if (/[:.|]\s*$/.test(lines[last] ?? '')) return last;
  const indent = /^\s*/.exec(lines[at] ?? '')?.[0].length ?? 0;
  for (let i = last + 1; i < lines.length && i <= last + 4; i++) {
    const x = lines[i] ?? '';
    if (!x.trim() || (/^\s*/.exec(x)?.[0].length ?? 0) <= indent) return last;
    if (/:\s*$/.test(x)) return i;
  }
  return last;
}

/** Lines of the detail block after the list (its first 20) that name `address` or its local part followed by "...". */
function detailOf(lines: readonly string[], end: number, address: string): string[] {
  const local = address.slice(0, address.indexOf('@')).toLowerCase();
  const out: string[] = [];
  for (let i = end + 1; i < Math.min(lines.length, end + 21); i++) {
    const t = (lines[i] ?? '').trim();
    const lower = t.toLowerCase();
    if (lower.includes(address.toLowerCase()) || lower.includes(`${local}...`)) out.push(t);
  }
  return out;
}

/**
 * Every layout's start at once, one pass over the text instead of one per layout: the same test
 * when all are /i and none refers back to a group (else each is tried on its own).
 */
const ANY_START = LAYOUTS.every((l) => l.start.flags === 'i' && !/\\[1-9k]/.test(l.start.source))
  ? spacedWords(new RegExp(LAYOUTS.map((l) => `(?:${l.start.source})`).join('|'), 'i'))
  : null;

const ANY_START_GATE = ANY_START ? gated(ANY_START) : null;

export const listed: Family = {
  name: 'listed',
  detect: (v) => (ANY_START_GATE ? ANY_START_GATE.test(v) : LAYOUTS.some((l) => WRAPPED_START.get(l)?.test(v.text))),
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text);
    const foreign = foreignAddresses(v);
    // The lines joined once, for the layouts whose opening a relay wrapped (`opening`).
    let text: string | undefined;
    const joined = (): string => (text ??= lines.join('\n'));
    for (const l of LAYOUTS) {
      const found = readLayout(v, lines, joined, l, foreign);
      if (found.length) return found;
    }
    return [];
  },
};
