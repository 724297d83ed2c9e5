// Reading a non-standard NDR's human text: where the recipients are, which
// lines are the remote server's answer, and which SMTP command it refused.
import { findAddress, findAddresses, isDaemonAddress } from './address.js';
import { findReplyCode, findStatus } from './codes.js';
import type { SmtpCommand } from './classify.js';

export interface TextRecipient {
  address: string;
  diagnostic: string;
  status: string;
  replyCode: string;
  command: SmtpCommand;
}

/**
 * Cut a notification at the pasted original, so that its headers are not read as recipients.
 * Older MTAs' own markers: Smail's "|--- Message text follows: ---|", USA.NET's "----RETURNED MAIL
 * FOLLOWS----", GroupWise's "Possibly truncated original message follows:", HotPOP's "Original
 * message attached", IIS SMTPSVC's "Old message:". A Unix mbox "From a@b Sat Oct  4 08:00:07 2025" line
 * starts a message pasted whole into the notice (local delivery agents and sites' own notices). A bare rule of
 * 40 or more dashes right above a header line starts the returned message (au's EZweb: 50 dashes, then its head).
 * One `^` before the three ways, not one in each: V8's matcher then tests for a line start once at
 * each position of the text, and the pattern runs over every notice (the same matches; about 40 %
 * less time per text, docs/parser-generalisation.md, "Speed").
 */
export const CUT =
  /^(?:(?=From [^\s@]+@[^\s@]+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) )|-{40,}[ \t]*\r?\n(?=(?:return-path|received|from|to|subject|date|message-id|mime-version|content-type):[ \t])|[ \t>|]*(?:(?:-{2,}|={3,}|_{3,}|\*{3,})[ \t]*(?:[^\n]{0,30}?(?:copy of (?:the|your) message|original message|returned message|returned mail|undelivered message|unsent message|message text|original headers|headers of the original|message headers follow)(?! was received)|[^\n]{0,10}forwarded message)|(?:original message headers|message headers follow|original message|possibly truncated original message follows|original message attached|old message|below this line is a copy of the message|the original message was|the original message headers are|content-type: message\/rfc822|a copy of the original message follows|original message follows)[ \t.:-]*$))/im;

// Family readers cut the same notification text one after the other: the last answer is kept
// (CUT has no /g flag, so exec keeps no state; the function is pure).
let lastText: string | null = null;
let lastCut = '';

/** Lets go of the text kept: called once a mail is read (see forgetReports in dsn.ts). */
export function forgetCut(): void {
  lastText = null;
  lastCut = '';
}

export function cutAtOriginal(text: string): string {
  if (text === lastText) return lastCut;
  const m = CUT.exec(text);
  lastCut = m ? text.slice(0, m.index) : text;
  lastText = text;
  return lastCut;
}

/** A command's name as written ("rcpt to", "end of data", "ehlo", "initial greeting") → the command. */
function commandOf(word: string): SmtpCommand {
  const c = word.toLowerCase();
  // JavaMail's exceptions (Apache James, Java applications' notices): SMTPAddressFailedException is thrown by
  // rcptTo(), SMTPSenderFailedException by mailFrom() (SMTPSendFailedException by both and by DATA: no step).
  if (c.includes('addressfailed')) return 'RCPT';
  if (c.includes('senderfailed')) return 'MAIL';
  if (c.startsWith('rcpt') || c.includes('recipient')) return 'RCPT';
  if (c.startsWith('mail') || c.includes('sender')) return 'MAIL';
  if (c.includes('data') || c.includes('message') || c === 'body' || c === 'bdat') return 'DATA';
  // STARTTLS (Exim's "after STARTTLS") comes after EHLO and before any sender: the session's setup, as HELO.
  if (c === 'helo' || c === 'ehlo' || c === 'lhlo' || c === 'starttls' || c.includes('name')) return 'HELO';
  return 'CONN';
}

const CMD = String.raw`(rcpt to|rcpt|mail from|end of data|data|bdat|message body|helo|ehlo|lhlo|starttls|initial (?:server )?greeting|initial connection|connect)\b`;

/**
 * Wordings that name the refused command outright:
 * - Postfix: "(in reply to RCPT TO command)", "(in reply to end of DATA command)", "while sending RCPT TO",
 *   "while receiving the initial server greeting", and its lost connections' "while performing the EHLO handshake",
 *   "while sending message body" (smtp_proto.c);
 * - Exim: "SMTP error from remote mail server after RCPT TO:<a@b>:", "after initial connection",
 *   "after pipelined MAIL FROM", "after STARTTLS";
 * - Sendmail, Courier and others: "in response to DATA", "during RCPT", "at RCPT", "for RCPT TO command",
 *   "failed on DATA command";
 * - qmail-remote.c's own sentences: "does not like recipient", "but sender was rejected",
 *   "but my name was rejected", "but greeting failed", "failed after I sent the message";
 * - other MTAs' and gateways' wordings: "error in RCPT", "error after sending RCPT TO", "failed MAIL FROM",
 *   "rejected the RCPT command", "RCPT TO command failed", Yahoo's and SendGrid's bracketed "[RCPT_TO]" (Yahoo's
 *   reader also knows "[EHLO]", "[CONNECT]");
 * - Ipswitch IMail's "RCPT TO generated following response:", "DATA command generated response:";
 * - Stalwart's DSN text: "host 'mx.example.org' rejected command 'RCPT TO:<a@b>' with code 550 (5.5.0) '...'";
 * - JavaMail's exception names (Apache James, Java applications): "SMTPAddressFailedException: 550 ...";
 * - Postfix smtpd's RCPT-stage restriction text "<a@b>: Recipient address rejected:" (its documented reply
 *   to a recipient restriction), which remote Postfix servers write whatever the client's MTA adds.
 */
const NAMED = new RegExp(
  String.raw`(?:in reply to|in response to|response to|after(?: pipelined| sending)?|while (?:sending|receiving|talking|performing)(?: the)?|during(?: the)?|at|error (?:in|on)|failed)\s+${CMD}` +
    String.raw`|(?:for|on|rejected|refused)\s+(?:the\s+)?${CMD.replace(/\\b$/, '')}\s+command` +
    String.raw`|(?:rejected|refused)\s+command\s+['"]?${CMD}` +
    String.raw`|${CMD.replace(/\\b$/, '')}\s+(?:command\s+(?:failed|rejected|refused|generated)|generated\s+(?:following\s+)?response)` +
    String.raw`|\[(rcpt_to|mail_from|data|ehlo|helo|connect)\]` +
    String.raw`|\b(smtp(?:address|sender)failedexception)\b` +
    String.raw`|(does not like recipient|but sender was rejected|but my name was rejected|but greeting failed|failed after i sent the message|failed on data command|recipient address rejected:)`,
  'i',
);

/**
 * A transcript line: the command the client sent (">>> RCPT To:<a@b>", "RCPT TO:<a@b>" echoed, "MAIL FROM:<a@b> SIZE=1",
 * MDaemon's session log "Mon 2026-12-07 10:00:01: --> RCPT To:<a@b>").
 */
const SENT =
  /(?:^|>>>\s*|-->\s*|\n\s*)(rcpt to\s*:|mail from\s*:|data\s*$|data(?=\s*\n)|bdat\s+\d|helo\s+\S|ehlo\s+\S|lhlo\s+\S|\(initial greeting\))/gim;
/** The end of the text before a refusal: a transcript session's first line, nothing sent since. */
const GREETED = /\.\.\. while talking to [^\n<>]*\s*(?:<<<\s*)?$/i;
/** The first refusal: a 4xx/5xx reply ("<<< 550 ...", "550-5.1.1 ...", "... 550 5.1.1 ..."). */
const REFUSAL = /(?:^|<<<\s*|\s)[45]\d\d[ -]/m;

/**
 * Which command the remote refused, wherever the text names it: an explicit wording (NAMED), or
 * the last command of a transcript written before the first refusal (Sendmail's ">>> DATA" then
 * "<<< 554 ...", an echoed "RCPT TO:<a@b>" then "550 ..."). Greeting and banner refusals are CONN.
 */
export function findCommand(text: string): SmtpCommand {
  const named = NAMED.exec(text);
  if (named) return commandOf((named.slice(1).find((g) => g !== undefined) ?? '').replace(/^(?:but|failed)\s+/i, ''));
  const refusal = REFUSAL.exec(text);
  const limit = refusal ? refusal.index : text.length;
  // Sendmail's transcript: a refusal right after "... while talking to HOST:", before the session sent
  // anything, answered the connection (the greeting).
  if (refusal && GREETED.test(text.slice(Math.max(0, limit - 300), limit))) return 'CONN';
  let last: SmtpCommand = '';
  // exec from a restarted lastIndex, not matchAll (which copies the pattern on every call); SENT never matches empty.
  SENT.lastIndex = 0;
  for (let m = SENT.exec(text); m; m = SENT.exec(text)) {
    if (m.index > limit && last) break;
    const sent = (m[1] ?? '').toLowerCase();
    last = sent.startsWith('(') ? 'CONN' : commandOf(sent.replace(/[\s:].*$/, '') || 'data');
    if (m.index > limit) break;
  }
  if (last) return (refusal && pipelined(text, limit)) || last;
  if (
    /(?:while|when) connecting|connection (?:attempt|refused)|greeting|banner|refused to talk to me|no smtp connection got far enough/i.test(
      text,
    )
  )
    return 'CONN';
  return '';
}

/**
 * The command a transcript's session answered with this reply (Sendmail's notice, and those of the MTAs that copy
 * its layout: "(reason: 550 ...)" under the address, then "... while talking to HOST:", ">>> DATA", "<<< 550 ..."):
 * the last ">>> COMMAND" before the reply. With pipelining (RFC 2920), ">>> MAIL", ">>> RCPT" and ">>> DATA" come
 * before the replies to them, in the commands' order: the refusal then answers the oldest command not yet
 * answered (`pipelined`), a RCPT's refusal is no refusal after DATA. A reply right after "... while talking to
 * HOST:", before any command of that session, answered the connection: the greeting (RFC 5321, 3.1).
 * `transcript` holds the session's lines, trimmed; `reply` starts with the remote's answer.
 */
export function transcriptStep(reply: string, transcript: readonly string[]): SmtpCommand {
  const key = reply.slice(0, 40).toLowerCase();
  if (key.length < 8) return '';
  const at = transcript.findIndex((l) => l.startsWith('<<< ') && l.slice(4).toLowerCase().startsWith(key));
  if (at > 0) {
    let start = at - 1;
    while (start > 0 && !(transcript[start] ?? '').startsWith('... while talking to ')) start--;
    const before = transcript.slice(start, at).join('\n') + '\n';
    const step = pipelined(before + (transcript[at] ?? ''), before.length);
    if (step) return step;
  }
  for (let i = at - 1; i >= 0; i--) {
    const l = transcript[i] ?? '';
    if (l.startsWith('>>> ')) return findCommand(l);
    // A new session's first line: the reply came before any command, so it refused the greeting.
    if (l.startsWith('... while talking to ')) return 'CONN';
  }
  return '';
}

/** A transcript's final reply line that accepts ("<<< 250 2.1.0 ok", "<-- 354 go ahead"), not a "250-" line of a longer reply. */
const ACCEPTED = /(?:^|<<<[ \t]*|<--[ \t]*)[23]\d\d(?=[ \t]|$)/gm;

/**
 * A pipelined session (RFC 2920): the client sends MAIL, RCPT and DATA in one group and the replies come
 * after, in the order of the commands. Sendmail's transcript then shows ">>> MAIL From:", ">>> RCPT To:",
 * ">>> DATA", "<<< 250 ok", "<<< 550 ... unknown", "<<< 554 no valid recipients": the refusal answers the
 * oldest command no reply has answered yet (RCPT), not the last one written (DATA). '' when the commands
 * before the refusal were answered one by one (the last command then is the step).
 */
export function pipelined(text: string, limit: number): SmtpCommand {
  const pending: SmtpCommand[] = [];
  let answered = false;
  SENT.lastIndex = 0;
  ACCEPTED.lastIndex = 0;
  let sent = SENT.exec(text);
  let reply = ACCEPTED.exec(text);
  while (sent && sent.index < limit) {
    if (reply && reply.index < sent.index) {
      pending.shift();
      answered = true;
      reply = ACCEPTED.exec(text);
      continue;
    }
    const word = (sent[1] ?? '').toLowerCase();
    pending.push(word.startsWith('(') ? 'CONN' : commandOf(word.replace(/[\s:].*$/, '') || 'data'));
    sent = SENT.exec(text);
  }
  for (; reply && reply.index < limit; reply = ACCEPTED.exec(text)) {
    pending.shift();
    answered = true;
  }
  // Only a transcript that shows the replies: commands merely listed (an echoed envelope) say nothing of the order.
  return answered && pending.length > 1 ? (pending[0] ?? '') : '';
}

/** Lines that are boilerplate around the diagnostic, not part of it. */
const NOISE =
  /^(?:this is the mail system at|this message was created automatically|i'm sorry to have to inform you|for further assistance|if you do so, please include|the mail system$|you can delete your own text|a message that you sent could not be delivered|hi\. this is the qmail-send|i'm afraid i wasn't able to deliver|below is a copy of the original message|please note that this is only a temporary failure report)/i;

/** A reply that follows from the other refusals ("554 5.5.1 Error: no valid recipients" to DATA), never a recipient's own cause. */
export const NO_CAUSE = /\bno valid recipients\b/i;

/** A section banner line: "----- Transcript of session follows -----". */
const BANNER = /^[-=*]{3,}\s+\S.*\s[-=*]{3,}$/;

/** Shape of a line that introduces one recipient: "<a@b>:", "a@b", "  a@b (reason)", "Recipient: a@b". */
const RECIPIENT_LINE =
  /^\s*(?:>>>\s*)?(?:[245]\d\d[ -](?=<))?(?:(?:failed |final |original |invalid |unknown )?(?:recipient|address|addressee|to|rcpt to|destinataire|empfänger)(?:\(s\))?(?: address)?\s*[:=]\s*)?<?(?:mailto:)?([^\s<>()"',;]+@[^\s<>()"',;:]+?)>?\.?\s*(?::|\.\.\.|\(|\[|$|\s+(?:on|at|with|-|:|\()\s|\s+(?=[^\n]{0,40}\b(?:invalid|unknown|error|rejected|denied|failed|not found|no such|unavailable|full|quota)\b))/i;

/**
 * A refusal that names its recipient at the end: "550 5.1.1 User unknown: <a@b>", "452 4.2.2 Mailbox full for
 * <a@b>" (gateways and webmail hosts that list one reply a line, the address last, in angle brackets).
 */
const ANSWER_FIRST =
  /^\s*(?:<<<\s*)?[45]\d\d[ -](?:[45]\.\d{1,3}\.\d{1,3}\s+)?[^\n<>@]{0,80}?(?::|\bfor|\bto|\brecipient)\s*<([^\s<>()"',;]+@[^\s<>()"',;:]+)>\.?\s*$/i;

export interface ScanOptions {
  /** Addresses that are never a failed recipient (the bounce's own From/To). */
  exclude: readonly string[];
}

/** Recipients of a plain-text NDR, each with the diagnostic paragraph under or after it. */
export function scanText(notification: string, opts: ScanOptions): TextRecipient[] {
  const text = cutAtOriginal(notification);
  const lines = text.split(/\r?\n/);
  const found: Array<{ address: string; line: number }> = [];
  // Later lines where a found address stands again (Exchange's part for administrators repeats it above the answer).
  const again: Array<{ lower: string; line: number }> = [];
  // hot: baseline code, see docs/parser-generalisation.md, Speed (indexed loops, no callbacks per line).
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.length > 400 || !line.includes('@')) continue;
    if (continuesAnswer(lines, i, found[found.length - 1]?.line)) continue;
    const m = RECIPIENT_LINE.exec(line) ?? ANSWER_FIRST.exec(line);
    if (!m?.[1]) continue;
    const address = findAddress(m[1]);
    if (!address) continue;
    const lower = address.toLowerCase();
    if (sameAddressIn(opts.exclude, lower) || isDaemonAddress(address)) continue;
    // The line's shape cuts at ";" and ","; the address must also stand whole in the line as written,
    // so that "<a;drop-table;--@x>" is never read as "--@x" (docs/security.md).
    if (!sameAddressIn(findAddresses(line), lower)) continue;
    if (foundBefore(found, lower)) {
      // Exchange 5.5-2003's text notice echoes the returned message's head ("Your message / To: a@b /
      // Subject: ...") before its list ("did not reach the following recipient(s): / a@b on <date> / reason"):
      // the address's own line is the one of the list, not the echoed To.
      const k = echoedTo(found, lower, lines);
      if (k < 0) {
        again.push({ lower, line: i });
        continue;
      }
      found.splice(k, 1);
    }
    found.push({ address, line: i });
  }
  const out: TextRecipient[] = [];
  let general: string | undefined;
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!;
    const end = found[k + 1]?.line ?? lines.length;
    let block = paragraph(lines, f.line, end, f.address);
    if (!ANSWER.test(block)) block = answerAgain(lines, found, again, f.address) || block;
    if (!ANSWER.test(block)) {
      general ??= generalDiagnostic(lines);
      // One recipient and no answer by its address: the notice's one quoted answer is its, written above it
      // ("Reason: 550 5.1.1 ..." then "Recipient: a@b") or away from it.
      if (!block || (found.length === 1 && ANSWER.test(general))) block = [general, block].filter(Boolean).join(' ');
    }
    out.push(withCodes(f.address, block));
  }
  return out;
}

/**
 * A verdict label that ends its line, the address it names wrapped onto the next by a relay: the labels that
 * put an address after them (IMail's "Unknown user:", MailEnable's and Kerio's "Invalid recipient:",
 * CompuServe's "Receiver not found:"; their one-line forms are in families/recipient-sentences.ts).
 */
const VERDICT_LABEL =
  /\b(?:(?:unknown|invalid|bad|non-?existent|no such) (?:user|recipient|address|mailbox|local user|destination address)(?: name)?|receiver not found|user mailbox[^:]{0,40}|delivery failed[^:]{0,40}|undeliverable to|recipient address rejected|invalid final delivery userid)\s*:\s*$/i;

/** Line `i` holds an address alone, right under a verdict label whose address it is. */
export function underLabel(lines: readonly string[], i: number): boolean {
  const above = lines[i - 1] ?? '';
  return above.includes(':') && /^\s*<?[^\s<>]+@[^\s<>]+?>?\s*$/.test(lines[i] ?? '') && VERDICT_LABEL.test(above);
}

/** An SMTP answer's code: a reply code or an enhanced status. */
export const ANSWER = /(?:^|[\s#'"([<])[245]\d\d(?:[ -]|$)|\b[245]\.\d{1,3}\.\d{1,3}\b/;

/**
 * The paragraph under a later line where the address stands again, when it quotes an answer: Exchange's notice
 * names the recipient under its sentence in the sender's language, then again in its part for administrators
 * above the remote's answer ("a@b" / "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"), whatever the
 * headings' language.
 */
function answerAgain(
  lines: string[],
  found: ReadonlyArray<{ line: number }>,
  again: ReadonlyArray<{ lower: string; line: number }>,
  address: string,
): string {
  const lower = address.toLowerCase();
  for (const a of again) {
    if (a.lower !== lower) continue;
    const next = found.find((f) => f.line > a.line)?.line ?? lines.length;
    const block = paragraph(lines, a.line, next, address);
    if (ANSWER.test(block)) return block;
  }
  return '';
}

/** One of `list` is `lower` (lower case), whatever its case. */
function sameAddressIn(list: readonly string[], lower: string): boolean {
  for (let i = 0; i < list.length; i++) if (list[i]!.toLowerCase() === lower) return true;
  return false;
}

function foundBefore(found: ReadonlyArray<{ address: string }>, lower: string): boolean {
  for (let i = 0; i < found.length; i++) if (found[i]!.address.toLowerCase() === lower) return true;
  return false;
}

/** The index in `found` of `lower` when its line is an echoed "To:" header line, else -1. */
function echoedTo(found: ReadonlyArray<{ address: string; line: number }>, lower: string, lines: readonly string[]): number {
  for (let k = 0; k < found.length; k++) {
    const f = found[k]!;
    if (f.address.toLowerCase() === lower) return /^\s*to\s*:/i.test(lines[f.line] ?? '') ? k : -1;
  }
  return -1;
}

const indentOf = (l: string): number => l.length - l.trimStart().length;

/**
 * Line `i` continues the answer of the recipient found at line `from`: no blank line between, and it is
 * indented deeper than the recipient's own line. An MTA that wraps a long reply indents what follows,
 * so a wrapped "<a@b>... User unknown" or "550 <a@b>..." is the answer's own words, not another recipient.
 */
function continuesAnswer(lines: readonly string[], i: number, from: number | undefined): boolean {
  if (from === undefined || i <= from) return false;
  for (let j = from + 1; j < i; j++) if (!(lines[j] ?? '').trim()) return false;
  return indentOf(lines[i] ?? '') > indentOf(lines[from] ?? '');
}

/** The recipient's own line (minus the address) and the indented / following lines up to a blank line. */
function paragraph(lines: string[], start: number, end: number, address: string): string {
  const parts: string[] = [];
  const first = (lines[start] ?? '').replace(/<?(?:mailto:)?[^\s<>()]+@[^\s<>()]+>?:?/, '').trim();
  if (first) parts.push(first);
  else if (underLabel(lines, start)) parts.push((lines[start - 1] ?? '').trim());
  // Nothing on the address's line nor right under it, and an answer right above it ("552 5.2.2 Mailbox full" /
  // "   a@b" / blank): the answer above is this address's, not the next paragraph's (that one is the next address's).
  const above = (lines[start - 1] ?? '').trim();
  if (!first && !(lines[start + 1] ?? '').trim() && ANSWER.test(above) && !NOISE.test(above)) return above;
  let blanks = 0;
  for (let i = start + 1; i < end && i < start + 30; i++) {
    const l = (lines[i] ?? '').trim();
    if (!l) {
      // A blank line ends the paragraph, unless what came so far names no cause yet
      // ("For the following reason:" on the next paragraph).
      const next = lines[i + 1] ?? '';
      if (
        parts.length &&
        !/^\s/.test(next) &&
        (++blanks >= 2 ||
          /[245]\d\d|[.:]$/.test(parts.join(' ')) === false ||
          !/reason|because|error|diagnostic/i.test(next + parts.join(' ')))
      )
        break;
      continue;
    }
    if (NOISE.test(l)) break;
    // A section banner ("----- Transcript of session follows -----", Sendmail's) starts another
    // part: the transcript's last line is often the DATA reply for all recipients, not this one's cause.
    if (parts.length && BANNER.test(l)) break;
    parts.push(l);
  }
  if (!parts.length) {
    // Nothing under the address: the reason is written above it ("The user(s) account is disabled."),
    // maybe one paragraph higher when the line above only introduces the list
    // ("Remote host is not responding.", blank, "The following recipients did not receive this message:").
    let floor = start - 4;
    for (let i = start - 1; i >= 0 && i >= floor; i--) {
      const l = (lines[i] ?? '').trim();
      if (!l || /^[-=_*]{3,}/.test(l)) {
        if (parts.length === 1 && /:$/.test(parts[0] ?? '') && floor === start - 4) {
          floor = i - 4;
          continue;
        }
        if (parts.length) break;
        continue;
      }
      if (NOISE.test(l)) break;
      parts.unshift(l);
    }
  }
  const text = parts.join(' ').replace(/\s+/g, ' ').trim();
  return text.toLowerCase() === address.toLowerCase() ? '' : text;
}

/** When a recipient has no paragraph: the lines of the text that carry an SMTP answer. */
export function generalDiagnostic(lines: readonly string[]): string {
  const hit = (l: string): boolean => /(?:^|\s|#)[245]\d\d[ -]|[245]\.\d{1,3}\.\d{1,3}/.test(l) && !NOISE.test(l.trim());
  const parts: string[] = [];
  let taken = 0;
  for (let i = 0; i < lines.length && taken < 4; i++) {
    const l = lines[i] ?? '';
    if (!hit(l)) continue;
    taken++;
    parts.push(l);
    // An indented line wrapped from an answer carries it on ("550" / "    5.7.0 <a@b>... Please" /
    // "    use the smtp server of your ISP."), code or none: it is the same answer's words. So does a
    // line indented under a labelled answer at the margin ("Error:    550 5.1.10" / "    RESOLVER...").
    const own = indentOf(l);
    while (i + 1 < lines.length && (lines[i + 1] ?? '').trim() && indentOf(lines[i + 1] ?? '') > own) parts.push(lines[++i] ?? '');
  }
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}

export function withCodes(address: string, diagnostic: string): TextRecipient {
  return {
    address,
    diagnostic,
    status: refusalStatus(diagnostic),
    replyCode: findReplyCode(diagnostic),
    command: findCommand(diagnostic),
  };
}

/**
 * The diagnostic's status, past the positive replies of a quoted transcript: ">>> RCPT TO:<a@b>" / "<<< 250 2.1.5 Ok" /
 * ">>> DATA" / "<<< 554 5.7.1 ..." is refused with 5.7.1. A 2.x.x with no failure after it stays (a notice of success).
 */
function refusalStatus(diagnostic: string): string {
  const first = findStatus(diagnostic, false);
  if (!first.startsWith('2')) return first;
  let rest = diagnostic;
  let s = first;
  // Each turn cuts the text past the status found: it ends.
  while (s.startsWith('2')) {
    rest = rest.slice(rest.indexOf(s) + s.length);
    s = findStatus(rest, false);
  }
  return s || first;
}

/** Every address in a text (used for "could not be delivered to a@b" sentences). */
export function addressesIn(text: string, exclude: readonly string[]): string[] {
  const ex = new Set(exclude.map((a) => a.toLowerCase()));
  return findAddresses(cutAtOriginal(text)).filter((a) => !ex.has(a.toLowerCase()) && !isDaemonAddress(a));
}

/**
 * A multi-line SMTP reply as one sentence: every line of a reply repeats its code (RFC 5321 4.2.1),
 * and an MTA that joins the lines keeps the repeats mid-sentence ("Messages with multiple 550 5.7.1
 * addresses in From: header"). The later repeats of the first code (and of a status after it) go, so
 * that words which run across a line break read as written. `text` is lower case.
 */
export function joinReplyLines(text: string): string {
  const first = /(?:^|[\s:;(])([245]\d\d)[- ]/.exec(text);
  if (!first) return text;
  const code = first[1]!;
  const from = first.index + first[0].length;
  if (!text.includes(code, from)) return text;
  let repeat = REPEATS.get(code);
  if (!repeat) REPEATS.set(code, (repeat = new RegExp(`\\s${code}[- ](?:[245]\\.\\d{1,3}\\.\\d{1,3}\\s)?`, 'g')));
  return text.slice(0, from) + text.slice(from).replace(repeat, ' ');
}

/** joinReplyLines' pattern per reply code, made once (at most 300 codes). */
const REPEATS = new Map<string, RegExp>();
