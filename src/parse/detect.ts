// Is this mail a bounce at all? Cheap signs first: a delivery-status part,
// a daemon sender, a bounce subject, X-Failed-Recipients.
import { gated, type MailView } from './view.js';
import { FAMILIES } from './families/index.js';
import type { Family } from './families/family.js';

const DAEMON_FROM =
  /^(?:mailer-daemon|postmaster|post_master|mail-daemon|mailerdaemon|mdaemon|mail\.?delivery|maildelivery|mail-delivery|bounce|bounces|daemon|mailadmin|mmdf|smtp|nobody|root|administrator|microsoftexchange[0-9a-f]*|notify|mail|mta|mailer)@/i;

/** Subjects of NDRs and delay notices, several languages. */
const SUBJECT = new RegExp(
  [
    'undeliver',
    'undelivered',
    'delivery status notification',
    'delivery failure',
    'delivery fail',
    'failure notice',
    'returned mail',
    'mail delivery failed',
    'delivery problem',
    'could not be delivered',
    'non-delivery',
    'nondeliverable',
    'not delivered',
    'delivery report',
    'delivery notification',
    'mail system error',
    // The reference parser's fallback subjects (RFC3464.pm) include the shorter "Mail error" as well.
    'mail error',
    'warning: could not send',
    'delayed mail',
    'delivery delayed',
    'delivery has failed',
    'mail could not be delivered',
    'rejected:',
    'error sending',
    'message not delivered',
    'non remis',
    'mail failed',
    'returning to sender',
    'returning message',
    'unzustellbar',
    'nicht zustellbar',
    'no se pudo entregar',
    'non recapitabile',
    'mail failure',
    'delivery to the following',
    'returned to sender',
    'permanent error',
    'unable to deliver',
    'notice of delivery',
    'message delivery',
    'failed delivery',
    'failed mail',
    'mail returned',
    'delivery notice',
    'message you sent',
    'nondelivery',
    'dsn',
    'delivery error',
    'cannot be delivered',
    'unknown user',
    'user unknown',
    'could not send',
    'message bounced',
    'delivery status',
    'address not found',
    'send mail failed',
    'delayed',
    'mail not delivered',
    'undeliverable',
    'rejected mail',
    '配信',
    // Japanese ISPs' and carriers' own notices: "配送エラー", "配送不能", "配送失敗" (not "配送" alone: a shop's shipping notice).
    '配送エラー',
    '配送不能',
    '配送失敗',
    '不達',
    '退信',
    '未送达',
    '系统退信',
    'Доставка',
    'не доставлено',
    'недостав',
    'onbestelbaar',
    'niet afgeleverd',
    'dostarcz',
    // Exchange / Outlook's NDR subjects in more languages (Portuguese, Spanish, Swedish, Danish and
    // Norwegian, Finnish, Czech, Hungarian, Turkish, Chinese, Korean).
    'não é possível entregar',
    'no se puede entregar',
    'inte att leverera',
    'kan inte levereras',
    'kan ikke leveres',
    'ei voida toimittaa',
    'toimitus epäonnistui',
    'nedoručitel',
    'kézbesíthetetlen',
    'teslim edilemedi',
    '无法投递',
    '無法傳遞',
    '배달되지',
    // Exchange / Outlook's subject in Simplified Chinese ("无法送达: ..."), and the delivery-failure subjects of
    // Domino's German and French routers ("Zustellungsfehler", "Échec de la remise").
    '无法送达',
    'zustellungsfehler',
    'échec de la remise',
    'échec de remise',
    // "Delivery error / failure" as other daemons' subjects translate it (Domino's "Delivery Failure Report",
    // Exim's and Postfix's translated templates).
    'zustellfehler',
    'error de entrega',
    'errores de entrega',
    'errore di consegna',
    'erro de entrega',
    'falha na entrega',
    'erreur de remise',
    'erreur de distribution',
    // Delay notices in the sender's language: Exchange's "Zustellung verzögert:", "Remise différée :", "Entrega
    // retrasada:", "Recapito ritardato:", "Vertraagd:", "Entrega atrasada:"; Postfix's and Exim's localised
    // warning templates ("Verzögerte Nachricht", "mensaje con retraso de 24 horas"), Yandex's "Задержка доставки".
    'verzögert',
    'verzögerung',
    'différé',
    'retard',
    'retrasad',
    'retraso',
    'ritardat',
    'vertraagd',
    'atrasad',
    'opóźnion',
    'задержка',
    '延迟',
    '遅延',
    '배달 지연',
    '전송 지연',
    // Italian ISPs' own subjects ("Messaggio non consegnato", "Mancato recapito", Libero / Virgilio / Tiscali era) and
    // Korean portals' ("[발송실패]", "메일 전송 실패", "반송된 메일", Naver / Daum / Hanmail era).
    'non consegnat',
    'mancato recapito',
    '발송실패',
    '발송 실패',
    '전송실패',
    '전송 실패',
    '반송',
  ]
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|'),
  'i',
);

// A notice's words, across a line break too: an MTA or a relay wraps its sentences where it likes
// ("Requested action not taken: no" / "    such user here").
const TEXT_MARKERS =
  /could\s+not\s+be\s+delivered|not\s+yet\s+been\s+delivered|couldn't\s+be\s+delivered|delivery\s+(?:has\s+)?failed|permanent\s+(?:fatal\s+)?error|undeliverable|unable\s+to\s+deliver|not\s+be\s+delivered|was\s+not\s+delivered|failed\s+permanently|delivery\s+to\s+the\s+following\s+recipient|wasn't\s+able\s+to\s+deliver|could\s+not\s+deliver|the\s+following\s+address(?:es)?\s+failed|returned\s+to\s+sender|user\s+unknown|no\s+such\s+user|mailbox\s+(?:is\s+)?full|message\s+was\s+not\s+sent|has\s+been\s+delayed|delivery\s+is\s+delayed|temporary\s+failure|(?:配送|配信)(?:でき|され)ませんでした|non\s+(?:e'|è|é)\s+stato\s+(?:consegnato|recapitato)|(?:전송|발송|배달)되지\s*(?:못|않)/i;

/** A person's reply: "Re:" and its forms in other languages (AW, SV, Antw, VS, R, Rif, Odp, YNT, 回复). */
const REPLY_SUBJECT = /^\s*(?:re|aw|sv|antw|vs|r|rif|res|odp|ynt|回复|答复)\s*(?:\[\d+\]|\(\d+\))?\s*:/i;

/** An Amazon SES notification of a bounce or a delivery, as SNS delivers it (its word known from the one pass over the text). */
const SNS_NOTIFICATION = gated(/notificationType\\?"\s*:\s*\\?"(?:Bounce|Delivery)/);

/** A list's or a forum's digest by its subject. */
const DIGEST_SUBJECT = /\bdigest\b/i;

/** Cron's mail of a job's output ("Cron <root@host> /usr/local/bin/job", Vixie cron and cronie): from root, and may quote any reply code. */
const CRON_SUBJECT = /^\s*cron <[^<>\s]+@[^<>\s]+>/i;

/** The families whose layout is an MTA's notice about something else (Family.final), and those whose layout is a bounce by itself, in order. */
const NOTICES = FAMILIES.filter((f) => f.final === 'notice');
const SELF_EVIDENT = FAMILIES.filter((f) => f.selfEvident);

/** The family whose layout says the mail is an MTA's notice about something else, not a bounce (Family.final). */
export function mtaNotice(v: MailView): Family | undefined {
  // hot: baseline code, see docs/parser-generalisation.md, Speed (indexed loops, no closures per mail).
  for (let i = 0; i < NOTICES.length; i++) if (NOTICES[i]!.detect(v)) return NOTICES[i];
  return undefined;
}

function selfEvident(v: MailView): boolean {
  for (let i = 0; i < SELF_EVIDENT.length; i++) if (SELF_EVIDENT[i]!.detect(v)) return true;
  return false;
}

/** A notice's From that only an MTA writes: Mailer-Daemon, a "Mail Delivery System", postmaster. */
export const MTA_SENDER = /mailer[- ]daemon|mail delivery (?:system|subsystem)|postmaster/i;

export function looksLikeBounce(v: MailView): boolean {
  return bounceEvidence(v) !== null;
}

/**
 * Why the mail looks like a bounce: `layout` when a report part, a header, a family's layout or an MTA's own
 * address (Mailer-Daemon, postmaster) says so; `words` when only a notice's words do, beside a sender that
 * may be a person or a program as well as an MTA (root, mail, notify, smtp, bounce...), or none. A mail
 * found by its words alone whose notice names no recipient is no bounce (index.ts): a parcel service's
 * "Your parcel could not be delivered" from notify@, a newsletter on "undeliverable" mail.
 */
export function bounceEvidence(v: MailView): 'layout' | 'words' | null {
  if (v.dsnParts.length) return 'layout';
  if (mtaNotice(v)) return null;
  const h = v.msg.headers;
  if (h.has('x-failed-recipients')) return 'layout';
  if (selfEvident(v)) return 'layout';
  if (SNS_NOTIFICATION.test(v)) return 'layout';
  const ct = v.msg.contentType;
  if (ct.type === 'multipart/report' && (ct.params['report-type'] ?? '').toLowerCase().includes('delivery-status')) return 'layout';
  const mta = MTA_SENDER.test(h.get('from') ?? '');
  const daemon = mta || (DAEMON_FROM.test(v.from) && !CRON_SUBJECT.test(v.subject));
  const subject = SUBJECT.test(v.subject);
  // A 5xx reply as the notice quotes it: bare, Exchange's "#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##"
  // and "Remote Server returned '550 ...'" (what is left of a notice whose headings are in a language no reader knows).
  // Not in a reply: a postmaster answering a sender's question ("Re: Are you blocking our mail?") quotes the 550 it saw.
  // Tested only for a daemon's mail (the pattern runs over the whole text).
  const quoted5xx = (): boolean => /(?:^|\s)[#']?5\d\d[ -]/m.test(v.text) && !REPLY_SUBJECT.test(v.subject);
  if (daemon && (subject || TEXT_MARKERS.test(v.text) || quoted5xx())) return mta ? 'layout' : 'words';
  // A list mail (newsletter) may well say "mailbox full" in its subject and text, and a person's reply
  // ("Re: undeliverable mail") too: no MTA writes its notice as a reply.
  // A digest names itself (Mailman's "News Digest, Vol 12, Issue 3", Google Groups' "Digest for ...", a forum's
  // "Digest: ..."), list headers or not; no MTA's notice does.
  if (
    subject &&
    TEXT_MARKERS.test(v.text) &&
    !h.has('list-unsubscribe') &&
    !h.has('list-id') &&
    !REPLY_SUBJECT.test(v.subject) &&
    !DIGEST_SUBJECT.test(v.subject)
  )
    return 'words';
  // A null return path with a notice's words alone: not when the mail says it is an RFC 3834 auto-reply
  // ("Auto-Submitted: auto-replied"), from no MTA's address: a challenge-response filter holding the
  // message ("We were unable to deliver your message ... until you confirm"), a vacation text (Exim's
  // bounces carry the header too, but come from Mailer-Daemon); nor a reply, as above.
  const returnPath = (h.raw('return-path') ?? '').trim();
  const autoReplied = /^\s*auto-replied/i.test(h.raw('auto-submitted') ?? '') || h.has('x-autoreply');
  return returnPath === '<>' && (subject || TEXT_MARKERS.test(v.text)) && !autoReplied && !REPLY_SUBJECT.test(v.subject) ? 'words' : null;
}
