// Where a notice with no DSN part and no list of its own names the failed
// address in a sentence ("Your message to a@b could not be delivered",
// "Unknown user: a@b", "RCPT TO:<a@b>"), which addresses are never the
// failed recipient (the returned message's sender, Reply-To...), and whether
// the notice is only a warning. Used by the generic reader; the wordings and
// the servers that write them are listed in docs/parser-generalisation.md.
import type { MailView } from '../view.js';
import { findAddress, findAddresses, isDaemonAddress } from '../address.js';
import { returnedHeaders } from '../original.js';
import { cutAtOriginal } from '../text.js';
import { spacedWords, type Wording } from './layout.js';

const A = String.raw`<?(?:mailto:)?([^\s<>()"',;:\[\]]+@[^\s<>()"',;:\[\]]+)>?`;

export interface Sentence {
  re: RegExp;
  /** Which servers write it. */
  writer: string;
  /** A line as they write it (test/unit/parse-families-listed.test.ts reads each one back). */
  example: string;
  /**
   * The sentence is the MTA's own recipient lookup refusing this address ("Unknown user: a@b"): the
   * recipient's own step. Other sentences name the address and no step: a dead-address wording there,
   * with no X.1.x status, is a filter's as well as a lookup's (docs/parser-generalisation.md, "Cross-check
   * with Sisimai 4.25").
   */
  refusal?: boolean;
}

/** Sentences that name the failed address (group 1), most specific first. */
const WRITTEN: readonly Sentence[] = [
  {
    re: new RegExp(String.raw`\boriginal-recipient:\s*rfc822;\s*${A}`, 'i'),
    writer: 'broken DSNs pasted as text (RFC 3464 fields without Status/Action)',
    example: 'Original-Recipient: rfc822;ann@example.org',
  },
  {
    re: new RegExp(String.raw`\bfinal-recipient:\s*rfc822;\s*${A}`, 'i'),
    writer: 'broken DSNs pasted as text (RFC 3464 fields without Status/Action)',
    example: 'Final-Recipient: rfc822; ann@example.org',
  },
  {
    re: new RegExp(
      String.raw`\byour (?:message|mail|e-?mail) (?:to|for|addressed to):?\s+'?${A}'?\s+(?:could not|couldn't|cannot|can't|was not|wasn't|has not|did not|is not|will not|was undeliverable|has been (?:rejected|returned|delayed))`,
      'i',
    ),
    writer: 'Exchange / Outlook.com, Lotus Notes, Demon and most webmail notices: "Your message to a@b could not be delivered"',
    example: 'Your message to ann@example.org could not be delivered.',
  },
  {
    re: new RegExp(
      String.raw`\b(?:message|mail) from \S+ to:?\s+${A}\s+(?:could not|couldn't|cannot|was not|wasn't|has not|failed|was rejected|is undeliverable)`,
      'i',
    ),
    writer: 'webmail and ISP notices that name both ends: "Your message from a@b to c@d could not be delivered"',
    example: 'Your message from news@example.net to ann@example.org could not be delivered.',
  },
  {
    re: new RegExp(String.raw`\baddressed to '${A}'`, 'i'),
    writer: 'Demon Internet and other UK ISP notices: "Your message addressed to \'a@b\' could not be delivered"',
    example: "Your message addressed to 'ann@example.org' could not be delivered",
  },
  {
    re: new RegExp(
      String.raw`\b(?:unknown|invalid|bad|non-?existent|no such) (?:user|recipient|address|mailbox|local user|destination address)(?: name)?(?:[ \t]*(?:[:=-]|\bin\b|\bis\b)\s*|[ \t]+)${A}`,
      'i',
    ),
    // Without ":" the address is on the label's line: a list's "a@b: Unknown user name" must not refuse the next
    // line's address.
    writer: 'IMail / SMTP32 ("Unknown user: a@b"), Kerio and MailEnable ("Invalid recipient: <a@b>"), many small MTAs',
    example: 'Invalid recipient: <ann@example.org>',
    refusal: true,
  },
  {
    re: new RegExp(
      String.raw`\b(?:user mailbox[^:\n]{0,40}|delivery failed[^:\n]{0,40}|undeliverable to|delivery userid[^:\n]{0,20}|receiver not found|recipient address rejected):?\s*${A}`,
      'i',
    ),
    writer:
      'IMail / SMTP32 ("User mailbox exceeds allowed size: a@b", "Delivery failed 3 attempts: a@b"), CompuServe ("Receiver not found: a@b")',
    example: 'User mailbox exceeds allowed size: ann@example.org',
    refusal: true,
  },
  {
    re: new RegExp(
      String.raw`\b(?:could not|couldn't|cannot|was not|wasn't|failed to) (?:be )?(?:delivered|deliver(?: the message| your message| mail)?|sent|send(?: the message)?) to:?\s+${A}`,
      'i',
    ),
    writer: 'Mercury/32, MailEnable, Kerio, mail.ru and webmail notices: "... could not be delivered to a@b"',
    example: 'The message could not be delivered to ann@example.org',
  },
  {
    re: new RegExp(
      String.raw`\b(?:delivery|mail|message) (?:to|for) (?:the recipient |user )?${A}\s+(?:failed|has failed|was rejected|is delayed|has been delayed|could not|was not)`,
      'i',
    ),
    writer: 'hMailServer, MDaemon and webmail notices: "Delivery to a@b failed"',
    example: 'Delivery to ann@example.org failed: mailbox not found',
  },
  {
    re: new RegExp(
      String.raw`\b(?:recipient|user|mailbox|address)\s+${A}\s+(?:is |was |does )?(?:unknown|not found|not exist|does not exist|doesn't exist|rejected|invalid|unavailable|full|over quota|disabled)`,
      'i',
    ),
    writer: 'Kerio Connect, MailEnable, Zimbra-era and many small MTAs: "Recipient <a@b> is unknown"',
    example: 'Recipient <ann@example.org> does not exist here.',
  },
  {
    re: new RegExp(String.raw`\brcpt to:\s*<([^\s<>]+@[^\s<>]+)>`, 'i'),
    writer: 'SMTP transcripts (qmail clones, IIS SMTP, InterScan VirusWall, demon.co.uk): "RCPT TO:<a@b>"',
    example: '>>> RCPT TO:<ann@example.org>',
  },
  {
    re: /^\s*<?([^\s<>()"',;:]+@[^\s<>()"',;:]+?)>?(?:\.\.\.|:|\s+-)\s*(?:[245]\d\d\b|[45]\.\d|user|mailbox|host|unknown|no such|account|quota|rejected|denied)/im,
    writer: 'sendmail-style lines of many MTAs: "a@b... User unknown", "a@b: 550 ...", MDaemon-era "a@b - no such user here"',
    example: 'ann@example.org: 550 5.1.1 No such user',
  },
];

/** The sentences, their words matching across a line break: each MTA version or relay wraps them where it likes. */
export const SENTENCES: readonly Sentence[] = WRITTEN.map((s) => ({ ...s, re: spacedWords(s.re) }));

/** Bounce subjects that end with the failed address: "Undeliverable: Re: news to a@b", "Delivery failure (a@b)". */
const SUBJECT =
  /(?:undeliver|undelivered|returned mail|delivery (?:status notification|failure|failed|problem)|failure notice|could not be delivered|not delivered|mail delivery failed|non-?delivery|rejected|delayed)/i;

/**
 * Addresses that are never the failed recipient: the bounce's own From and To, and the returned
 * message's From, Reply-To, Sender, Return-Path and Errors-To (unless it was also sent to them).
 */
export function foreignAddresses(v: MailView): Set<string> {
  const out = new Set(v.exclude.map((a) => a.toLowerCase()));
  // Message identifiers are written as addresses ("<20260302.4f1@sender.example>"), and notices quote them ("Your
  // message <id> could not be delivered"): the notice's own In-Reply-To and References name the returned message.
  for (const k of IDENTIFIERS) for (const id of findAddresses(v.msg.headers.get(k) ?? '')) out.add(id.toLowerCase());
  const h = returnedHeaders(v.msg);
  if (!h) return out;
  const to = new Set(['to', 'cc'].flatMap((k) => findAddresses(h.raw(k) ?? '')).map((a) => a.toLowerCase()));
  for (const k of ['from', 'reply-to', 'sender', 'return-path', 'errors-to', ...IDENTIFIERS]) {
    for (const a of findAddresses(h.raw(k) ?? '')) if (!to.has(a.toLowerCase())) out.add(a.toLowerCase());
  }
  return out;
}

/** Header fields that hold message identifiers. */
const IDENTIFIERS = ['message-id', 'in-reply-to', 'references'];

function usable(a: string, foreign: ReadonlySet<string>): boolean {
  return !!a && !foreign.has(a.toLowerCase()) && !isDaemonAddress(a);
}

/** Each sentence's pattern with the g flag, made once (it was compiled again on every call). */
const GLOBAL = new WeakMap<RegExp, RegExp>();
function globalOf(re: RegExp): RegExp {
  let g = GLOBAL.get(re);
  if (!g) GLOBAL.set(re, (g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)));
  return g;
}

/** What text.matchAll(g) gives, without the copy of the pattern matchAll makes. */
function allMatches(text: string, g: RegExp): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  g.lastIndex = 0;
  for (let m = g.exec(text); m; m = g.exec(text)) {
    out.push(m);
    if (m[0] === '') g.lastIndex++;
  }
  return out;
}

/** The addresses the notice's sentences name, in order, and whether the sentence refused that address itself. */
export function sentenceRecipients(text: string, foreign: ReadonlySet<string>): Array<{ address: string; refusal: boolean }> {
  const notice = withoutHeaderLines(cutAtOriginal(text));
  const whole = wholeAddresses(notice);
  const out: Array<{ address: string; refusal: boolean }> = [];
  for (const s of SENTENCES) {
    const g = globalOf(s.re);
    for (const m of allMatches(notice, g)) {
      const a = findAddress(m[1] ?? '');
      const seen = out.find((x) => x.address.toLowerCase() === a.toLowerCase());
      if (seen) seen.refusal ||= !!s.refusal;
      else if (usable(a, foreign) && whole.has(a.toLowerCase())) out.push({ address: a, refusal: !!s.refusal });
    }
  }
  return out;
}

/**
 * Old MTAs' own verdicts on one address, with no SMTP reply quoted: what the notice means when the
 * classifier's phrases know nothing more precise (a fallback, never above the remote's own words).
 */
export const OWN_VERDICTS: readonly Wording[] = [
  // EYOU MTA and Coremail (Chinese ISPs) write "user not exist"; Sina "用户不存在".
  { re: /\buser not exist|用户不存在|收件人不存在/i, reason: 'userunknown', example: 'gao@example.cn: 550 user not exist' },
  // Netscape Messaging Server 3.x/4.x.
  {
    re: /destination addresses were unknown/i,
    reason: 'userunknown',
    example: 'The following destination addresses were unknown (please check the addresses and re-mail the message):',
  },
  // CompuServe's gateway.
  { re: /\breceiver not found\b/i, reason: 'userunknown', example: 'Receiver not found: 76543.210@csi.example.com' },
  // Prodigy and SBC-era hosts; Sina "邮箱已满".
  {
    re: /user's mailbox is full|邮箱已满|邮箱空间不足/i,
    reason: 'mailboxfull',
    example: "User's mailbox is full: <bea@prodigy.example.net>",
  },
  // LSMTP's "Error-Text: Host not found", GroupWise's "(host not found)".
  { re: /\bhost not found\b/i, reason: 'hostunknown', example: 'Error-Text: Host not found (no MX or A record).' },
];

/** The failed address a bounce subject names ("Undeliverable: Re: news to a@b"), or "". */
export function subjectRecipient(subject: string, foreign: ReadonlySet<string>): string {
  if (!SUBJECT.test(subject)) return '';
  return findAddresses(subject).find((a) => usable(a, foreign)) ?? '';
}

/** Words that put the address after them on the sender's or the helpdesk's side ("sent by a@b", "please contact a@b"). */
const NOT_RECIPIENT_BEFORE = /(?:\bfrom|\bsender|\bsent by|\breply to|\bcontact|\bwrite to|\bemail|\bauthor|\bsorry)\s*:?\s*["'<(]?$/i;
/**
 * The same labels in the languages of localised notices and their look-alikes (a parcel service's "Kontakt:",
 * "Service client :"): German, French, Spanish, Italian, Portuguese, Dutch, Russian.
 */
const NOT_RECIPIENT_BEFORE_LOCALISED =
  /(?:\bkontakt|\babsender|\bexpéditeur|\bremitente|\bmittente|\bremetente|\bafzender|\bcontact(?:o|ez|eer)|\bcontatt(?:o|are)|\bcontato|\bservice client|\bkundenservice|\bkundendienst|отправитель|контакт)\s*:?\s*["'<(]?$/i;

/** Every address of the notice, leaving out lines that are headers of some message (Message-ID, From, Received...) and addresses named as the sender's or a helpdesk's. */
export function noticeAddresses(text: string, foreign: ReadonlySet<string>): string[] {
  const notice = withoutHeaderLines(cutAtOriginal(text));
  const whole = wholeAddresses(notice);
  const out: string[] = [];
  for (const m of notice.matchAll(/[^\s<>()"',;:[\]]+@[^\s<>()"',;:[\]]+/g)) {
    const a = findAddress(m[0]);
    if (!usable(a, foreign) || out.includes(a) || !whole.has(a.toLowerCase())) continue;
    const before = notice.slice(Math.max(0, (m.index ?? 0) - 40), m.index);
    if (NOT_RECIPIENT_BEFORE.test(before) || NOT_RECIPIENT_BEFORE_LOCALISED.test(before)) continue;
    out.push(a);
  }
  return out;
}

/**
 * The addresses that stand whole in the text as written: a piece cut out by a pattern ("--@x" out of
 * "<a;drop-table;--@x>") must be one of them, so that an odd address is never read as another (docs/security.md).
 */
function wholeAddresses(text: string): Set<string> {
  return new Set(findAddresses(text).map((a) => a.toLowerCase()));
}

function withoutHeaderLines(text: string): string {
  return text
    .split(/\r?\n/)
    .filter(
      (l) =>
        !/^\s*(?:message-id|in-reply-to|references|received|from|reply-to|sender|return-path|errors-to|x-[\w-]+|envelope-id|original-envelope-id)\s*:/i.test(
          l,
        ) && !/^\s*(?:by|with|id|for)\s.*;\s*\w{3},/i.test(l),
    )
    .join('\n');
}

/** A warning: the server still holds the message and will try again. */
const STILL_TRYING =
  /will (?:continue to|keep) try(?:ing)?|will be retried|will retry|not yet been delivered|this is a warning message only|do not need to resend|delivery attempts will continue|still (?:undelivered|being retried|trying)|has been delayed|delivery is delayed|is delayed|has been postponed|advisory-only/i;
/**
 * The same in the sender's language, as localised templates write it: Exchange's delay notice ("Diese Nachricht
 * wurde noch nicht zugestellt. Es wird weiterhin versucht...", "La remise ... est différée", "La entrega ... está
 * retrasada", "Il recapito ... è stato ritardato"), Gmail's ("ein vorübergehendes Problem ... Gmail versucht es
 * noch 46 Stunden lang", "Un problème temporaire ... Gmail effectuera de nouvelles tentatives", "Se ha producido
 * un problema temporal ... Gmail volverá a intentarlo"), Postfix's and Exim's translated warning templates
 * ("NUR EINE WARNUNG", "se seguirá intentando la entrega"), Yandex's "Доставка будет повторяться"; Italian,
 * Portuguese, Dutch, Japanese, Chinese and Korean forms of the same ("Gmail riproverà", "まだ配信されていません").
 */
const STILL_TRYING_LOCALISED =
  /es wird weiterhin versucht|noch nicht zugestellt|verzögert sich|vorübergehendes problem|gmail versucht es noch|problema temporaneo|gmail riproverà|problema temporário|tentará novamente|tijdelijk probleem|probeert het nog|一時的な問題|再試行します|まだ配信されていません|引き続き配信を試み|配信が遅延しています|尚未(?:送达|传递|傳遞)|将继续尝试|將繼續嘗試|아직 배달되지 않았|nur eine warnung|pas encore été (?:remis|distribué)|est différée|sera retentée|nouvelles tentatives|problème temporaire|aún no se ha entregado|no se ha entregado todavía|está retrasada|se seguirá intentando|volverá a intentarlo|problema temporal|non è (?:stato )?ancora (?:stato )?recapitato|è stato ritardato|tentativo di recapito continuerà|ainda não foi entregue|está atrasada|continuará tentando|nog niet bezorgd|is vertraagd|пока не удалось доставить|доставка будет повторяться|повторно отправлять письмо не нужно/i;
const GAVE_UP =
  /gave up|giving up|permanent(?:ly)?\b|fatal|will not be (?:retried|delivered)|has been returned|no further attempts|could not be delivered within|deleted from (?:the )?queue|too long|expired|time(?:d)? ?out.*(?:giving|gave)/i;

/**
 * A final notice's own words in the same languages: translated Exim and qmail templates' "permanent error",
 * "no further attempts" ("Dies ist ein permanenter Fehler", "Il n'y aura pas de nouvelles tentatives"), which
 * may stand beside words of retrying.
 */
const GAVE_UP_LOCALISED =
  /permanenter fehler|keine weiteren (?:zustell)?versuche|erreur permanente|aucune nouvelle tentative|pas de nouvelles tentatives|error permanente|no se realizarán más intentos|errore permanente|non (?:verranno|saranno) effettuati (?:altri|ulteriori) tentativi|erro permanente|não serão feitas novas tentativas|permanente fout|geen nieuwe pogingen/i;

/**
 * A final notice's words that the message's time ran out (RFC 3463 X.4.7): "could not be delivered within 72
 * hours", "message expired", Exim's "retry timeout exceeded", and the Japanese ISPs' and carriers' "一定時間内に配送
 * できませんでした", "配送期限切れ". The last answer quoted beside them is often a 4xx: the MTA gave up on it.
 */
// Sendmail's "Message could not be delivered for 5 days", MMDF's "After 12 days (294 hours), your message could
// not be fully delivered", PMDF / Sun Messaging Server's and many MTAs' "delivery time expired".
const TIME_RAN_OUT =
  /(?:could not|couldn't|was not) be(?:en)? (?:fully )?delivered (?:within|for (?:more than )?\d+ (?:days?|hours?))|after \d+ days? \(\d+ hours?\),? your message could not be (?:fully )?delivered|\b(?:delivery time|time for delivery) (?:has )?expired|not delivered within|(?:message|envelope) (?:has )?expired|retry timeout exceeded|(?:in|on) the queue too long|一定時間内に(?:配送|配信|送信)(?:でき|され)|(?:配送|配信)期限(?:切れ|を過ぎ|を超え)/i;

/** The notice says it gave up because time ran out (the caller has checked it is no warning). */
export function timeRanOut(text: string): boolean {
  return TIME_RAN_OUT.test(cutAtOriginal(text));
}

export function isWarning(text: string): boolean {
  const t = cutAtOriginal(text);
  return (STILL_TRYING.test(t) || STILL_TRYING_LOCALISED.test(t)) && !GAVE_UP.test(t) && !GAVE_UP_LOCALISED.test(t);
}
