// Microsoft Exchange's own NDRs, two generations.
//
// Exchange 2007 and later write, in the language of the server, a part "for
// administrators": the generating server, then each recipient's address on
// its own line and under it the SMTP answer ("#550 5.1.1
// RESOLVER.ADR.RecipNotFound; not found ##", or "Remote Server returned
// '550 5.1.1 ...'"). The component code after the status
// (RESOLVER.ADR.RecipNotFound, QUEUE.Expired, ...) is Exchange's own
// classification of the failure, documented by Microsoft with its NDR codes.
//
// Exchange 2000/2003 (and the Internet Mail Service of Exchange 5.5) write
// "Your message ... did not reach the following recipient(s):", then
// "a@b on <date>", the reason in words, and an "MSEXCH:..." line whose
// hexadecimal code names the failure.
import type { Reason } from '../../domain/reasons.js';
import type { Family, FamilyRecipient } from './family.js';
import { findAddress } from '../address.js';
import { findReplyCode, findStatus } from '../codes.js';
import { findCommand, underLabel } from '../text.js';
import { classify } from '../classify.js';
import { commandWord, joined, noticeLines, wordingOf, type Wording } from './layout.js';
import { gated, fixedWords, mentions } from '../view.js';

const REACH_WORDS = fixedWords('did not reach the following recipient(s):');

/**
 * "Diagnostic information for administrators:" in the languages Exchange ships (Scandinavian, Finnish, Czech,
 * Turkish, Hungarian, Polish, Russian, Chinese and Korean too; the East Asian templates may end with a
 * full-width colon).
 */
const ADMIN_PART =
  /^\s*(?:diagnostic information for administrators|informations de diagnostic pour les administrateurs|diagnoseinformationen für administratoren|informazioni di diagnostica per gli amministratori|información de diagnóstico para administradores|informações de diagnóstico para administradores|diagnostische gegevens voor beheerders|diagnostikinformation för administratörer|diagnosticeringsoplysninger til administratorer|diagnostikkinformasjon for administratorer|järjestelmänvalvojien diagnostiikkatiedot|diagnostické informace pro správce|yöneticiler için tanılama bilgileri|diagnosztikai (?:adatok|információk) (?:a )?rendszergazdák számára|informacje diagnostyczne dla administratorów|диагностические сведения для администраторов|管理者向けの診断情報|(?:针对)?管理员的诊断信息|(?:給)?系統管理員的診斷資訊|관리자용 진단 정보)\s*[:：]?\s*$/im;

const ADMIN_PART_GATE = gated(ADMIN_PART);

/** "Original message headers:" in the same languages: the end of the notice. */
const ORIGINAL_HEADERS =
  /^\s*(?:original message headers|en-têtes de message d'origine|ursprüngliche nachrichtenkopfzeilen|intestazioni originali del messaggio|encabezados del mensaje original|cabeçalhos da mensagem original|oorspronkelijke berichtkoppen|ursprungliga meddelanderubriker|oprindelige meddelelsesheadere|opprinnelige meldingshoder|alkuperäiset viestin otsikot|původní záhlaví zprávy|özgün ileti üst bilgileri|eredeti üzenetfejlécek|oryginalne nagłówki wiadomości|исходные заголовки сообщения|元のメッセージ ヘッダー|原始邮件头|原始郵件標頭|원본 메시지 헤더)\s*[:：]?\s*$/im;

const GENERATING_SERVER =
  /^\s*(?:generating server|serveur de g[ée]n[ée]ration|generierender server|server di generazione|servidor de generación|servidor gerador|genererende server|genererande server|luova palvelin|generující server|oluşturan sunucu|létrehozó kiszolgáló|serwer generujący|создающий сервер|生成サーバー|生成服务器|產生伺服器|생성 서버)\s*[:：]/i;

/** Exchange's component codes after the status, as Microsoft's NDR reference describes them. */
export const COMPONENT_CODES: Record<string, Reason> = {
  'resolver.adr.recipnotfound': 'userunknown',
  'resolver.adr.exrecipnotfound': 'userunknown',
  'resolver.adr.recipientnotfound': 'userunknown',
  'smtpsend.dns.nonexistentdomain': 'hostunknown',
  'smtpsend.dns.mxloopback': 'networkerror',
  'resolver.adr.badprimary': 'systemerror',
  'resolver.adr.invalidinsmtp': 'systemerror',
  'resolver.adr.ambiguous': 'systemerror',
  'resolver.adr.reciplimit': 'toomanyconn',
  'resolver.rst.authrequired': 'securityerror',
  'resolver.rst.notauthorized': 'rejected',
  'resolver.rst.recipsizelimit': 'mesgtoobig',
  'queue.expired': 'expired',
};

/**
 * "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##", "Remote Server returned '550 5.1.1 ...'", "#< #5.0.0 smtp; ...> #SMTP#",
 * and Exchange 2010's "mx.example.org #550 Mailbox not found ##": the remote host, then its reply quoted as it came, which
 * carries no enhanced code when the remote wrote none (a qmail's or an old Sendmail's bare "550 ...").
 */
const ANSWER =
  /(?:^#|^[a-z0-9][\w.-]*\s+#\s*[45]\d\d\b|remote server (?:at \S+ (?:\([^)]*\) )?)?returned|[45]\d\d[ -][45]\.\d{1,3}\.\d{1,3})/i;

function read2007(text: string): FamilyRecipient[] {
  const at = ADMIN_PART.exec(text);
  if (!at) return [];
  const lines = noticeLines(text.slice(at.index + at[0].length), ORIGINAL_HEADERS);
  const out: FamilyRecipient[] = [];
  let cur: { address: string; said: string[] } | null = null;
  const flush = (): void => {
    if (cur) out.push(recipient2007(cur.address, joined(cur.said)));
    cur = null;
  };
  for (const raw of lines) {
    const l = raw.trim();
    if (!l || GENERATING_SERVER.test(l)) continue;
    // The address alone on its line ("a@b", sometimes "a@b <mailto:a@b>" in an HTML rendering).
    if (/^<?[^\s<>@]+@[^\s<>@]+>?(?:\s*<mailto:[^>]+>)?$/.test(l)) {
      flush();
      cur = { address: findAddress(l), said: [] };
      continue;
    }
    if (cur && (cur.said.length || ANSWER.test(l))) cur.said.push(l);
  }
  flush();
  return out.filter((r) => r.address);
}

/** What only says the connection or the remote's system kept failing: the queue's time ran out on it. */
const RETRIED_ONLY = new Set<Reason>(['expired', 'networkerror', 'systemerror', 'onhold', 'undefined']);

/**
 * QUEUE.Expired: Exchange gave up. Exchange Online quotes the last answer it had in "[Message=...]"; when
 * that answer names a cause ("[Message=452 4.2.2 ... over quota]", a block, an unknown user), the cause
 * stays, as for any MTA that gave up on a named cause; a timeout, a refused connection or no answer is
 * the expiry.
 */
function expiredCause(diagnostic: string): Reason {
  const quoted = /\[message=([^\]]+)\]/i.exec(diagnostic)?.[1]?.trim() ?? '';
  if (!quoted) return 'expired';
  const own = classify({ action: 'failed', status: findStatus(quoted, false), replyCode: findReplyCode(quoted), diagnostic: quoted });
  return own.sure && !RETRIED_ONLY.has(own.reason) ? own.reason : 'expired';
}

function recipient2007(address: string, said: string): FamilyRecipient {
  // "#550 5.1.1 RESOLVER...; not found ##" → "550 5.1.1 RESOLVER...; not found".
  const diagnostic = said
    .replace(/^(?:[a-z0-9][\w.-]*\s+)?#\s*(?=[45]\d\d\b)/i, '')
    .replace(/^#\s*/, '')
    .replace(/\s*##.*$/, '')
    .replace(/^remote server (?:at \S+ (?:\([^)]*\) )?)?returned\s*'?(.*?)'?$/i, '$1')
    .trim();
  const component =
    /\b((?:resolver|queue|smtpsend|routing|categorizer)\.[a-z]+(?:\.[a-z]+)?)\b/i.exec(diagnostic)?.[1]?.toLowerCase() ?? '';
  const hint = component === 'queue.expired' ? expiredCause(diagnostic) : COMPONENT_CODES[component];
  const replyCode = findReplyCode(diagnostic);
  const r: FamilyRecipient = {
    address,
    diagnostic,
    status: findStatus(diagnostic, false),
    replyCode,
    command: findCommand(diagnostic),
    // "550 4.4.7 QUEUE.Expired; message expired": Exchange gave up (its 5xx reply, or the queue's time ran out);
    // the 4.x.x is the last temporary answer before that, not a delay. Its delay notices write a 4xx reply.
    ...(replyCode.startsWith('5') || component === 'queue.expired' ? { action: 'failed' as const } : {}),
  };
  return hint ? { ...r, hint } : r;
}

/** Exchange 2000/2003's MSEXCH codes (the hexadecimal in "MSEXCH:IMS:... 0 (000C05A6) Unknown Recipient"). */
export const MSEXCH_CODES: Record<string, Reason> = {
  '000C05A6': 'userunknown', // Unknown Recipient
  '000C0595': 'filtered', // Ambiguous Recipient
  '00010256': 'systemerror', // Too many recipients
  '000D06B5': 'systemerror', // No proxy for recipient
  '00120270': 'networkerror', // Too Many Hops
  '00050311': 'contenterror', // Conversion to Internet format failed
  '000502CC': 'contenterror', // Conversion to Internet format failed
  '000B0981': 'securityerror', // Server does not support AUTH
};
/** Codes under which Exchange 2003 quotes what the remote said (host unknown, size limit, a remote's refusal): the text decides. */
const MSEXCH_REMOTE = new Set(['000B099C', '000B09AA', '000B09B6']);

function read2003(text: string): FamilyRecipient[] {
  const start = /did not reach the following recipient\(s\):/i.exec(text);
  if (!start) return [];
  const lines = noticeLines(text.slice(start.index + start[0].length));
  const out: Array<{ address: string; words: string[] }> = [];
  for (const raw of lines) {
    // A header field at the margin ("Received:", "From:") opens the returned message's header pasted after the list.
    if (/^[a-z][\w-]*:\s/i.test(raw) && !/^msexch:/i.test(raw)) break;
    // "a@b on Thu, 29 Apr 2010 ...", "  Name SMTP=a@b on 4/29/99 9:19:59 AM", "a@b" alone.
    const m = /^\s*(?:.*\bsmtp=)?([^\s@]+@[^\s@]+?)(?:\s+on\s+.*)?$/i.exec(raw);
    if (m?.[1] && !/^\s{4,}/.test(raw) && !/^\s*msexch:/i.test(raw)) {
      out.push({ address: findAddress(m[1]), words: [] });
      continue;
    }
    const l = raw.trim();
    if (l && out.length) out[out.length - 1]!.words.push(l);
  }
  return out
    .filter((r) => r.address)
    .map(({ address, words }): FamilyRecipient => {
      const ex = words.find((w) => /^msexch:/i.test(w)) ?? '';
      const code = /\(([0-9A-F]{8})\)\s*(.*)$/i.exec(ex);
      // The MTS-ID line is bookkeeping (its ";l=EXCHANGE..." continues on the next line).
      const prose = words.filter((w) => !/^msexch:|^the mts-id of the original message|^;l=/i.test(w));
      // Its SMTP connector writes the same "<host #5.1.1 smtp;550 ...>" tag as the notices below.
      const tag = quotedTag(prose);
      const said = prose.filter((w) => !TAG_LINE.test(w));
      const tail = code?.[2]?.trim() ?? '';
      const diagnostic = joined([...said, tail, tag.answer]);
      const r: FamilyRecipient = {
        address,
        diagnostic,
        status: findStatus(tail, false) || findStatus(tag.answer, false) || tag.status,
        replyCode: findReplyCode(tail) || findReplyCode(tag.answer),
        command: findCommand(diagnostic),
        action: 'failed',
      };
      const key = code?.[1]?.toUpperCase() ?? '';
      const hint = MSEXCH_CODES[key];
      if (hint) return { ...r, hint };
      if (MSEXCH_REMOTE.has(key)) return { ...r, fallback: 'onhold' };
      return { ...r, ...ownSentence(said, tag.answer) };
    });
}

/** "<mx.example.com #5.1.1 smtp;550 5.1.1 User unknown>": the status Exchange gave, and the remote's answer when quoted. */
const TAG_LINE = /^<[^>]*#/;
function quotedTag(words: readonly string[]): { status: string; answer: string } {
  for (const w of words) {
    const m = /^<[^\s#>]*\s*#\s*([245]\.\d{1,3}\.\d{1,3})\s*(?:[a-z-]+;\s*)?(.*?)>?$/i.exec(w);
    if (m) return { status: m[1] ?? '', answer: (m[2] ?? '').trim() };
  }
  return { status: '', answer: '' };
}

/**
 * Exchange's own sentence for the failure: its verdict when no remote answer is quoted (no SMTP
 * step or code says more than it does), and only a fallback beside a quoted answer, which decides.
 */
function ownSentence(prose: readonly string[], answer: string): Pick<FamilyRecipient, 'hint' | 'fallback'> {
  const own = wordingOf(joined(prose), EXCHANGE_SENTENCES);
  if (!own) return {};
  return answer ? { fallback: own } : { hint: own };
}

/**
 * Exchange 2000/2003's SMTP notices (and Outlook's own): "Your message did not reach some or all of the
 * intended recipients.", "The following recipient(s) could not be reached:", then "a@b on <date>" and
 * indented under it Exchange's sentence and "<host #5.1.1 smtp;550 5.1.1 ...>" with the status.
 * hMailServer's notices take the same layout.
 */
// Outlook's own rendering of the report writes "cannot be reached" and quotes each address ('a@b' on <date>).
const UNREACHED =
  /^\s*(?:the following recipient\(s\) (?:could not|cannot) be reached|die folgenden empfänger konnten nicht erreicht werden|impossible de joindre le\(s\) destinataire\(s\) suivant\(s\)|no se puede obtener acceso a los siguientes destinatarios|impossibile raggiungere i seguenti destinatari)\s*:?\s*$/im;
const UNREACHED_GATE = gated(UNREACHED);

/**
 * The sentences Exchange 5.5-2003 write under a recipient for its own verdict (Microsoft's NDR
 * reference gives them with their status codes). A remote's quoted answer, when there is one, decides.
 */
export const EXCHANGE_SENTENCES: readonly Wording[] = [
  {
    re: /the recipient name is not recognized|the e-mail account does not exist at the organization this message was sent to|recipient specified in the recipient postal address was not known at this address/i,
    reason: 'userunknown',
    example: 'The recipient name is not recognized',
  },
  // 5.1.3: "The format of the e-mail address isn't correct. A correct address looks like this: ..." (RFC 3463's bad mailbox syntax).
  {
    re: /the format of the e-mail address isn't correct/i,
    reason: 'userunknown',
    example: "The format of the e-mail address isn't correct.",
  },
  { re: /the recipient's mailbox is full/i, reason: 'mailboxfull', example: "The recipient's mailbox is full." },
  // 5.4.0: the recipient's domain has no mail server in the DNS.
  {
    re: /the destination server for this recipient could not be found in domain name service/i,
    reason: 'hostunknown',
    example: 'The destination server for this recipient could not be found in Domain Name Service (DNS).',
  },
  // 5.4.6 / 5.4.8: a loop between servers ("...caused the message to bounce between two servers or to be split
  // into too many segments", "...could not be delivered because of a loop"): a routing failure on the way.
  {
    re: /bounce between two servers or to be split into too many segments|could not be delivered because of a loop/i,
    reason: 'networkerror',
    example:
      'A configuration error in the e-mail system caused the message to bounce between two servers or to be split into too many segments.',
  },
  // 5.7.1: Exchange's sentence for a refusal of this sender (its table's text for any 5.7.1).
  {
    re: /you do not have permission to send to this recipient/i,
    reason: 'rejected',
    example: 'You do not have permission to send to this recipient. For assistance, contact your system administrator.',
  },
  {
    re: /could not deliver the message in the time limit specified/i,
    reason: 'expired',
    example: 'Could not deliver the message in the time limit specified. Please retry or contact your administrator.',
  },
];

function readUnreached(text: string): FamilyRecipient[] {
  const start = UNREACHED.exec(text);
  if (!start) return [];
  const out: Array<{ address: string; words: string[] }> = [];
  const lines = noticeLines(text.slice(start.index + start[0].length));
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const head = /^\s*'?([^\s@']+@[^\s@']+?)'?(?:\s+(?:on|am|le|el|il)\s+\S.*)?$/i.exec(raw);
    // An address wrapped under its label ("Reason: Invalid recipient:" / "<a@b>", MailEnable's) is no new recipient.
    if (head?.[1] && !/^\s{8,}/.test(raw) && !underLabel(lines, i)) {
      out.push({ address: findAddress(head[1]), words: [] });
      continue;
    }
    const l = raw.trim();
    if (l && out.length) out[out.length - 1]!.words.push(l);
  }
  return out
    .filter((r) => r.address)
    .map(({ address, words }): FamilyRecipient => {
      const tag = quotedTag(words);
      const prose = words.filter((w) => !TAG_LINE.test(w));
      // The remote's answer quoted in the tag ("<host #5.7.1 smtp;550 5.7.1 Unable to relay for a@b>") is what
      // the remote said; Exchange's sentence above it is only its table's text for the status ("You do not have
      // permission to send to this recipient" for any 5.7.1), a fallback (`ownSentence`), not words to read.
      const diagnostic = findReplyCode(tag.answer) ? tag.answer : joined([...prose, tag.answer]);
      // hMailServer writes the same notice, with "hMailServer sent: RCPT TO:<a@b>" and "Remote server replied: 550 ...".
      const replied = words.map((w) => /^remote server replied:\s*(.+)$/i.exec(w)?.[1]).find((x) => x) ?? '';
      const sent = words.map((w) => /\bsent:\s*(rcpt to|mail from|data|ehlo|helo)\b/i.exec(w)?.[1]).find((x) => x) ?? '';
      // hMailServer's "Connection to recipients server failed." (no SMTP answer at all).
      const unconnected = words.some((w) => /^connection to recipients server failed\./i.test(w));
      const answer = tag.answer || replied;
      const status = findStatus(answer, false) || tag.status || findStatus(diagnostic, false);
      return {
        address,
        diagnostic,
        status,
        replyCode: findReplyCode(answer),
        command: sent ? commandWord(sent) : unconnected ? 'CONN' : findCommand(diagnostic),
        // The notice is a final one ("did not reach", hMailServer's "could not be reached"): a 4.x.x there is
        // the last temporary answer before the server gave up (Exchange's "#4.4.7" time limit), not a delay;
        // Exchange and hMailServer warn of delays in other notices.
        action: 'failed',
        ...ownSentence(prose, answer),
      };
    });
}

export const exchange2000: Family = {
  name: 'exchange2000',
  detect: (v) => UNREACHED_GATE.test(v),
  read: (v) => readUnreached(v.text),
};

function isExchange2003(v: Parameters<Family['detect']>[0]): boolean {
  const h = v.msg.headers;
  if (h.has('x-ms-embedded-report')) return true;
  const mailer = h.get('x-mailer') ?? '';
  if (/^(?:internet mail service \(|microsoft exchange server internet mail connector)/i.test(mailer.trim())) return true;
  if (/^produced by microsoft exchange/i.test((h.get('x-mimeole') ?? '').trim())) return true;
  return h.all('received').some((r) => / with internet mail service \(/i.test(r));
}

export const exchange2007: Family = {
  name: 'exchange2007',
  detect: (v) => ADMIN_PART_GATE.test(v),
  read: (v) => read2007(v.text),
};

export const exchange2003: Family = {
  name: 'exchange2003',
  detect: (v) => mentions(v, REACH_WORDS) && (isExchange2003(v) || /^\s*msexch:/im.test(v.text)),
  read: (v) => read2003(v.text),
};
