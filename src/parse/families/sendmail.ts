// Sendmail's own notices ("----- The following addresses had permanent fatal errors -----",
// "----- Transcript of session follows -----"). Under each listed address Sendmail writes
// "(reason: <the remote's reply>)"; the transcript then pastes the session, whose last line is
// often the DATA reply meant for all recipients ("554 5.5.1 Error: no valid recipients"), and a
// line of its own per address ("<a@b>... Deferred: 421 4.7.0 ..."), which names the cause when
// the reason is empty or only "Deferred" (an expiry, a program that exited EX_TEMPFAIL).
import type { Family, FamilyRecipient } from './family.js';
import { fixedWords, mentions } from '../view.js';
import { NO_CAUSE, cutAtOriginal, transcriptStep, withCodes } from '../text.js';
import { findAddress } from '../address.js';
import { generic } from './generic.js';
import { withContinuation } from './layout.js';

const TRANSCRIPT_WORDS = fixedWords('transcript of session follows', 'the following addresses had ');

const BANNER = /^\s*-{3,}\s*(.*?)\s*-{3,}\s*$/;
// "successful delivery notifications": its return receipt (a DSN's NOTIFY=SUCCESS), whose list is delivered.
const LIST = /^the following addresses had (?:(permanent fatal|transient non-fatal) errors|(successful) delivery notifications)$/i;
/** Sendmail's closing words in a transcript, not the remote's. */
const CLOSING =
  /^(?:message could not be delivered for |message will be deleted from queue|warning: message still undelivered after |will keep trying until message is )/i;
const OWN_CLOSING = new RegExp(`${CLOSING.source}|^(?:\\.\\.\\. while talking to |>>> )`, 'i');

interface Listed {
  address: string;
  shown: string;
  reason: string;
}

export const sendmail: Family = {
  name: 'sendmail',
  detect: (v) =>
    mentions(v, TRANSCRIPT_WORDS) &&
    /^\s*-{3,}\s*(?:transcript of session follows|the following addresses had (?:permanent fatal|transient non-fatal) errors)\s*-{3,}\s*$/im.test(
      v.text,
    ),
  read(v): FamilyRecipient[] {
    const lines = cutAtOriginal(v.text).split(/\r?\n/);
    const listed: Listed[] = [];
    const transcript: string[] = [];
    let section = '';
    let permanent = false;
    let delivered = false;
    for (let i = 0; i < lines.length; i++) {
      const raw = lines[i] ?? '';
      const b = BANNER.exec(raw);
      if (b) {
        const name = (b[1] ?? '').toLowerCase();
        const l = LIST.exec(name);
        section = l ? 'list' : name.startsWith('transcript of session') ? 'transcript' : '';
        if (l) permanent ||= l[1]?.toLowerCase() === 'permanent fatal';
        if (l?.[2]) delivered = true;
        continue;
      }
      const line = raw.trim();
      if (!line) continue;
      // A line indented under a transcript line (not an echoed ">>>" / "<<<") is that line wrapped by a
      // relay or a client: "<a@b>... Deferred: 421" / "    4.7.0 Error: too many connections".
      if (section === 'transcript') {
        if (/^\s/.test(raw) && transcript.length && !/^(?:>>>|<<<)/.test(line)) transcript[transcript.length - 1] += ` ${line}`;
        else transcript.push(line);
      } else if (section === 'list') {
        const last = listed[listed.length - 1];
        // "(reason: ...)" with the lines a relay's wrapping indented under it.
        const reason = /^\(reason:/i.test(line) ? /^\(reason:\s*(.*)\)$/i.exec(withContinuation(lines, i)) : null;
        const expanded = /^\(expanded from:\s*(.*)\)$/i.exec(line);
        if (reason && last) last.reason = reason[1] ?? '';
        else if (expanded && last) last.address ||= findAddress(expanded[1] ?? '') ?? '';
        else if (!/^\s/.test(raw)) listed.push({ address: findAddress(line) ?? '', shown: line, reason: '' });
      }
    }
    // A warning lists nobody: its addresses are those of Sendmail's own lines in the transcript.
    if (!listed.length) {
      for (const l of transcript) {
        // "<a@b>... Deferred: ...", or a program's "\"|exit 75\"... Deferred: ..." (matched to the DSN's one recipient).
        const m = /^(?:[245]\d\d [245]\.\d{1,3}\.\d{1,3} )?(<?[^\s<>]+@[^\s<>]+?>?|"\|[^"]*")\.\.\. /.exec(l);
        const address = m ? (m[1]?.startsWith('"|') ? m[1] : findAddress(m[1] ?? '')) : null;
        if (address && !listed.some((x) => x.address.toLowerCase() === address.toLowerCase()))
          listed.push({ address, shown: m?.[1] ?? '', reason: '' });
      }
    }
    const action = delivered && !permanent ? 'delivered' : permanent ? 'failed' : 'delayed';
    if (!listed.some((x) => x.address)) return generic.read(v);
    return listed
      .filter((x) => x.address)
      .map((x) => {
        const r = withCodes(x.address, diagnosticOf(x, transcript));
        const status = r.status || ownStatus(x, transcript, r.replyCode);
        return { ...r, status, command: transcriptStep(r.diagnostic, transcript) || r.command, action };
      });
  },
};

function diagnosticOf(x: Listed, transcript: readonly string[]): string {
  if (x.reason && !NO_CAUSE.test(x.reason) && !/^deferred$/i.test(x.reason)) return wholeReply(x.reason, transcript);
  // Sendmail's own line for this address: "<a@b>... Deferred: Connection refused by mx.b.", "\"|exit 75\"... Deferred: ...".
  const shown = x.shown.replace(/^<|>$/g, '').toLowerCase();
  for (const l of transcript) {
    const at = l.indexOf('... ');
    if (at < 0) continue;
    const who = l
      .slice(0, at)
      .replace(/^[245]\d\d [245]\.\d{1,3}\.\d{1,3} /, '')
      .replace(/^<|>$/g, '')
      .toLowerCase();
    if (who === shown || who === x.address.toLowerCase()) {
      const code = /^[245]\d\d [245]\.\d{1,3}\.\d{1,3} /.exec(l)?.[0] ?? '';
      const said = l
        .slice(at + 4)
        .replace(/^deferred:\s*/i, '')
        .trim();
      if (!said || /^user unknown$/i.test(said)) continue;
      // A bare code ("Deferred: 421"): Sendmail's closing words at least say what became of the message.
      if (!/[a-z]{3}/i.test(said)) return [code + said, ...transcript.filter((t) => CLOSING.test(t))].join(' ');
      // "<a@b>... Deferred: 450-4.2.1 ..." quotes only a multi-line reply's first line, as "(reason: ...)" does.
      return wholeReply(code + said, transcript);
    }
  }
  const rest = transcript.filter((l) => (!OWN_CLOSING.test(l) || l.startsWith('>>> ')) && !NO_CAUSE.test(l));
  // A transcript of Sendmail's closing words only ("Message could not be delivered for 5 days"): the
  // queue gave up and no remote said why, so those words are the cause (the DSN part says 4.4.7 too,
  // but a notice without one must not lose it).
  return rest.join(' ') || x.reason || transcript.filter((t) => CLOSING.test(t)).join(' ');
}

/**
 * Sendmail's "(reason: ...)" under an address, as its DSN part's Diagnostic-Code, holds only the first line of a
 * multi-line reply ("550-5.7.1 [192.0.2.1] Our system has detected that this message is"); the transcript's "<<<"
 * lines hold the rest, to the line whose code a space follows. The whole reply, its lines joined, so that words
 * past the first line decide (docs/parser-generalisation.md, "Third capture set").
 */
function wholeReply(reason: string, transcript: readonly string[]): string {
  const code = /^([245]\d\d)-/.exec(reason)?.[1];
  if (!code) return reason;
  const same = (a: string, b: string): boolean => a.replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();
  const at = transcript.findIndex((l) => l.startsWith('<<< ') && same(l.slice(4), reason));
  if (at < 0) return reason;
  const lines = [reason];
  for (let i = at + 1; i < transcript.length; i++) {
    const m = /^<<< ([245]\d\d)([- ])/.exec(transcript[i] ?? '');
    if (!m || m[1] !== code) break;
    lines.push((transcript[i] ?? '').slice(4));
    if (m[2] === ' ') break;
  }
  return lines.join(' ');
}

/**
 * The enhanced status of Sendmail's own line for this address in the transcript ("550 5.1.1 <a@b>... User
 * unknown", deliver.c's per-recipient line), when the remote's reply quoted under the address states none
 * ("(reason: 550 <a@b>: User unknown)"). Only a line of the reply's own class: the DSN part's Status, when
 * there is one, is still read first (bounce.ts).
 */
function ownStatus(x: Listed, transcript: readonly string[], replyCode: string): string {
  const shown = x.shown.replace(/^<|>$/g, '').toLowerCase();
  for (const l of transcript) {
    // The address, or a program an alias expanded to ("550 5.1.1 \"|exit 67\"... User unknown").
    const m = /^([245])\d\d ([245]\.\d{1,3}\.\d{1,3}) <?("\|[^"]*"|[^\s<>]+?)>?\.\.\. /.exec(l);
    const who = (m?.[3] ?? '').toLowerCase();
    if (!m || (who !== shown && who !== x.address.toLowerCase())) continue;
    if (replyCode && replyCode[0] !== m[1]) continue;
    return m[2] ?? '';
  }
  return '';
}
