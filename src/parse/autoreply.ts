// Auto-replies (RFC 3834 and the common non-standard signs). Only asked once
// a mail was found not to be a bounce: Exim marks its bounces
// "Auto-Submitted: auto-replied" too.
import type { Message } from './mime.js';

/** Out-of-office subjects in the languages the platform's recipients write. */
const SUBJECTS = [
  /^(?:auto(?:matic|matische)?[ -]?(?:reply|response|antwort|answer|réponse|reponse|respuesta|risposta|resposta))\b/i,
  /\bout of (?:the )?office\b/i,
  /\bvacation\b/i,
  /\babsence\b/i,
  /\babwesenheit/i,
  /\bnicht im büro/i,
  /\bauto[- ]?reply\b/i,
  /\bautoreply\b/i,
  /\bréponse automatique\b/i,
  /\babsent\b/i,
  /\bausente\b/i,
  /\bfuera de la oficina\b/i,
  /\bassente\b/i,
  /\bfora do escritório\b/i,
  /\bafwezig/i,
  /\bfrånvaro/i,
  /\bpoza biurem\b/i,
  /\bnepřítomn/i,
  // No \b before a CJK word: it asks for a word character (A-Z, 0-9, _) on one side, so it never matches there.
  /不在/,
  /自動(?:返信|応答)/,
  /自动回复/,
  /\bonvacation\b/i,
  // Outlook's "Automatic reply:" in the languages that put the adjective after the noun or spell it otherwise.
  /^(?:respuesta autom[aá]tica|risposta automatica|resposta autom[aá]tica|automatisch antwoord|automatiskt svar|automatisk svar|odpowied[zź] automatyczna|automaattinen vastaus|automatick[aá] odpov[eě][dď]|automatikus v[aá]lasz|otomatik yan[ıi]t|автоматический ответ|αυτόματη απάντηση|自动答复|자동 회신)/i,
  // vacation(1)'s own default ("Subject: away from my mail"), which adds no Auto-Submitted header.
  /^away from (?:my )?(?:e-?)?mail\b/i,
  // Lotus Notes / Domino's out-of-office agent ("AUTO: Ann Example is out of the office (returning ...)").
  /^auto:\s/i,
];

/**
 * Not a person's auto-reply: a system account's notice (root's cron and sudo mail, a postmaster's or
 * mailer-daemon's), or Exim's "Mail failure - malformed recipient address" (its autoreply transport's
 * error), whatever auto-reply header they carry (RFC 3834 answers come from the recipient's mailbox).
 */
const SYSTEM_SENDER = /(?:^|[<\s"])(?:root|postmaster|mailer-daemon)@/i;

export function isAutoReply(msg: Message): boolean {
  const h = msg.headers;
  if (SYSTEM_SENDER.test(h.get('from') ?? '') || /^mail failure -/i.test(h.get('subject') ?? '')) return false;
  const autoSubmitted = (h.raw('auto-submitted') ?? '').toLowerCase();
  if (autoSubmitted.startsWith('auto-replied') || autoSubmitted.startsWith('auto-notified')) return true;
  if (h.has('x-autoreply') || h.has('x-autorespond') || h.has('x-autoresponder')) return true;
  if ((h.raw('x-apple-action') ?? '').toUpperCase() === 'VACATION') return true;
  if (h.has('x-ms-exchange-inbox-rules-loop') && /^auto/i.test(h.get('subject') ?? '')) return true;
  const prec = (h.raw('precedence') ?? '').toLowerCase();
  const subject = h.get('subject') ?? '';
  if (SUBJECTS.some((re) => re.test(subject))) return true;
  return prec === 'auto_reply' || (h.raw('x-auto-response-suppress') !== undefined && /^auto/i.test(subject));
}
