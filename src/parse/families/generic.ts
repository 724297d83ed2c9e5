// The fallback reader for any NDR in plain text: recipient lines, then the
// X-Failed-Recipients header, then the sentences that name an address, the
// notice's other addresses, the Subject, and last the returned message's To (when it names one address).
// The returned message's sender (From, Reply-To...) is never taken.
import type { Family, FamilyRecipient } from './family.js';
import type { MailView } from '../view.js';
import type { SmtpCommand } from '../classify.js';
import { ANSWER, cutAtOriginal, generalDiagnostic, scanText, transcriptStep, withCodes } from '../text.js';
import { findAddresses } from '../address.js';
import { returnedHeaders } from '../original.js';
import { wordingOf } from './layout.js';
import {
  OWN_VERDICTS,
  foreignAddresses,
  isWarning,
  noticeAddresses,
  sentenceRecipients,
  subjectRecipient,
  timeRanOut,
} from './recipient-sentences.js';

export const generic: Family = {
  name: 'generic',
  detect: () => true,
  read(view): FamilyRecipient[] {
    const v = withForwardedNotice(view);
    const warning = isWarning(v.text);
    // A final notice that says time ran out: the 4xx answer it quotes is the one it gave up on (read only
    // when a recipient has a 4xx answer).
    let gaveUp: boolean | undefined;
    const mark = (found: FamilyRecipient): FamilyRecipient => {
      const r = withSubject(found, v.subject);
      const temporary = !r.status.startsWith('5') && !r.replyCode.startsWith('5');
      if (warning && temporary) return { ...r, action: 'delayed' };
      if (warning || !temporary || !(r.status.startsWith('4') || r.replyCode.startsWith('4'))) return r;
      gaveUp ??= timeRanOut(v.text);
      return gaveUp ? { ...r, action: 'failed' } : r;
    };
    // A final notice whose intro says time ran out (MMDF, Sendmail's "could not be delivered for 5 days", Critical
    // Path, PMDF) while the recipient's own lines give no cause: expired, below any reading of the recipient's words.
    const expiredUnlessSaid = (r: FamilyRecipient): FamilyRecipient => {
      if (warning || r.fallback || r.action === 'delayed' || r.status.startsWith('5') || r.replyCode.startsWith('5')) return r;
      gaveUp ??= timeRanOut(v.text);
      return gaveUp ? { ...r, fallback: 'expired' } : r;
    };
    const failed = v.msg.headers.all('x-failed-recipients').flatMap((h) => findAddresses(h));
    const foreign = foreignAddresses(v);
    const scanned = scanText(v.text, { exclude: v.exclude });
    if (failed.length) {
      // Exim and friends name the recipients in a header: trust it over the text's guesses.
      return failed
        .map((a) => scanned.find((s) => s.address.toLowerCase() === a.toLowerCase()) ?? withCodes(a, diagnosticOf(v.text)))
        .map(mark);
    }
    const named = sentenceRecipients(v.text, foreign);
    const refused = new Set(named.filter((n) => n.refusal).map((n) => n.address.toLowerCase()));
    const own = scanned.filter((s) => !foreign.has(s.address.toLowerCase()));
    // A transcript that quotes the recipient's answer names its step; else the MTA's own recipient lookup
    // refusing the address ("Unknown user: a@b") is the recipient's own step.
    if (own.length) {
      let session: string[] | undefined;
      // The remote's reply as the list quotes it ("(reason: 550 ...)"), looked up in the session below.
      const stepInSession = (diagnostic: string): SmtpCommand => {
        const reply = v.text.includes('<<<') ? REPLY.exec(diagnostic)?.[1] : undefined;
        if (!reply) return '';
        session ??= cutAtOriginal(v.text)
          .split('\n')
          .map((l) => l.trim());
        return transcriptStep(reply, session);
      };
      return own.map((found) => {
        const r = bareLine(found) ? { ...withCodes(found.address, diagnosticOf(v.text)), command: found.command } : found;
        const fallback = wordingOf(r.diagnostic, OWN_VERDICTS);
        const command = r.command || stepInSession(r.diagnostic) || (refused.has(r.address.toLowerCase()) ? 'RCPT' : '');
        return expiredUnlessSaid(
          mark({
            ...r,
            ...(command ? { command } : {}),
            ...(fallback ? { fallback } : {}),
          }),
        );
      });
    }
    if (named.length) {
      const diagnostic = diagnosticOf(v.text);
      const fallback = wordingOf(diagnostic, OWN_VERDICTS);
      return named.map((n) => {
        const r = withCodes(n.address, diagnostic);
        // "Unknown user: a@b" refuses that address itself, whatever step it was at; other sentences name no step.
        return expiredUnlessSaid(mark({ ...r, command: r.command || (n.refusal ? 'RCPT' : ''), ...(fallback ? { fallback } : {}) }));
      });
    }
    const addresses = noticeAddresses(v.text, foreign);
    const answered = eachAnswered(v.text, addresses);
    if (answered.length) return answered.map((r) => expiredUnlessSaid(mark(r)));
    const address = addresses[0] || subjectRecipient(v.subject, foreign) || onlyReturnedTo(v);
    return address ? [expiredUnlessSaid(mark(withCodes(address, diagnosticOf(v.text))))] : [];
  },
};

/**
 * The address alone on its line, no answer and no words beside it ("<a@b>:"): the notice's own sentence above the
 * list is its only cause (au's EZweb: "The user(s) account is temporarily over quota." then "<a@b>:").
 */
function bareLine(r: FamilyRecipient): boolean {
  return r.diagnostic.length < 2 * r.address.length + 8 && !/[a-z0-9]/i.test(r.diagnostic.split(r.address).join(''));
}

/**
 * Several addresses in a notice whose lines no list shape knows, each in its own sentence or label with its own
 * answer below it before the next ("Sorry, unable to deliver your message to a@b for the following reason:" /
 * "552 ..." per recipient, EarthLink's and old webmail hosts' notices; a label in another language, "받는사람: a@b"
 * / "실패 사유: 550 ...", Korean portals'): every address is a recipient with its own block's answer. When one
 * address's block quotes no answer and the blocks are no repeated record of labels, it is no recipient list (a
 * helpdesk or postmaster address below the answer): the first address alone stands, as before.
 */
function eachAnswered(text: string, addresses: readonly string[]): FamilyRecipient[] {
  if (addresses.length < 2) return [];
  const lines = cutAtOriginal(text).split(/\r?\n/);
  const lower = lines.map((l) => l.toLowerCase());
  const starts = addresses.map((a) => lower.findIndex((l) => l.includes(a.toLowerCase())));
  if (starts.some((s) => s < 0) || new Set(starts).size !== starts.length) return [];
  const order = [...starts].sort((x, y) => x - y);
  // The last block is as long as the longest other one: a record's length, not the text that follows the list.
  let span = 1;
  for (let k = 1; k < order.length; k++) span = Math.max(span, order[k]! - order[k - 1]!);
  const blocks = starts.map((start) =>
    lines
      .slice(start, order[order.indexOf(start) + 1] ?? Math.min(lines.length, start + Math.min(span, 12)))
      .map((l) => l.trim())
      .filter(Boolean),
  );
  // Without a reply code, the blocks must be one record repeated: the same label before each address and the
  // same label on the line under it ("받는사람: a@b" / "실패 사유: 존재하지 않는 사용자입니다").
  const record = blocks.map((b) => `${LABEL.exec(b[0] ?? '')?.[1] ?? ''}\n${LABEL.exec(b[1] ?? '')?.[1] ?? ''}`);
  const repeated = !record[0]!.startsWith('\n') && !record[0]!.endsWith('\n') && record.every((r) => r === record[0]);
  if (!repeated && !blocks.every((b) => ANSWER.test(b.join(' ')))) return [];
  return blocks.map((b, k) => withCodes(addresses[k]!, b.join(' ')));
}

/** A short label that opens a line ("Recipient:", "받는사람:", "收件人："), no address in it. */
const LABEL = /^([^:：@<>]{1,24})[:：]/;

/** A remote's reply inside a list's words ("(reason: 550 Unknown user a@b)"). */
const REPLY = /(?:^|[\s(])([45]\d\d[ -][^\n)]{4,})/;

/** A forwarding banner ("---------- Forwarded message ----------", "-------- Original Message --------") and the headers under it. */
const FORWARDED = /^[ \t>]*-{3,}[ \t]*(?:forwarded message|original message)[ \t]*-{3,}[ \t]*\n((?:[ \t>]*[\w-]+:[^\n]*\n){1,8})/im;
/** The forwarded head of an MTA's notice: from a daemon, or with a bounce's subject. */
const NOTICE_HEAD =
  /^[ \t>]*(?:from:[^\n]*(?:mailer-daemon|postmaster|mail delivery)|subject:[^\n]*(?:undeliver|delivery (?:status|fail)|returned mail|failure notice))/im;

/**
 * A relay or a person that forwards an MTA's notice inline, a preface above a forwarding banner: the text is cut
 * at the banner (it also introduces returned messages), so the notice under it is read when the preface quotes
 * no answer and the forwarded head is an MTA's notice.
 */
function withForwardedNotice(v: MailView): MailView {
  const m = FORWARDED.exec(v.text);
  if (!m || ANSWER.test(v.text.slice(0, m.index)) || !NOTICE_HEAD.test(m[1] ?? '')) return v;
  return { ...v, text: v.text.slice(m.index + m[0].length) };
}

/**
 * A notice whose text quotes no answer and whose subject does ("Undeliverable (5.2.2 mailbox full): a@b",
 * "Delivery failed: 550 5.1.1 user unknown"): small gateways and webmail hosts that put the remote's answer in
 * the subject alone. The subject's words join the diagnostic; the text's own answer always comes first.
 */
function withSubject(r: FamilyRecipient, subject: string): FamilyRecipient {
  if (ANSWER.test(r.diagnostic) || !ANSWER.test(subject)) return r;
  const joined = withCodes(r.address, [r.diagnostic, subject.trim()].filter(Boolean).join(' '));
  return { ...r, diagnostic: joined.diagnostic, status: joined.status, replyCode: joined.replyCode, command: r.command || joined.command };
}

/**
 * The returned message's To when it names one address: a notice that names no recipient is about that one. A To
 * of several says nothing of which failed, and the first is a guess that would count against another address.
 */
function onlyReturnedTo(v: Parameters<Family['read']>[0]): string {
  const to = findAddresses(returnedHeaders(v.msg)?.raw('to') ?? '');
  return to.length === 1 ? to[0]! : '';
}

function diagnosticOf(text: string): string {
  const lines = cutAtOriginal(text).split(/\r?\n/);
  return (
    generalDiagnostic(lines) ||
    lines
      .map((l) => l.trim())
      .filter(Boolean)
      .slice(0, 12)
      .join(' ')
  );
}
