// Office 365 / Exchange Online's own notices, written by EOP
// (*.prod.outlook.com): "Delivery has failed to these recipients or groups:"
// with "a@b<mailto:a@b>" lines, "<server> rejected your message to the
// following email addresses:", or "Original Message Details" with
// "Recipient Address:" and "Error Details" / "Reported error:". The remote's
// answer is in "Diagnostic information for administrators:" as
// "Remote Server returned '<reply>'". The newer layout says "Your message to
// a@b couldn't be delivered." and gives "Status code: 550 5.1.10" under "More
// Info for Email Admins". EOP writes the same notice in Dutch and Portuguese
// (its first line and part titles translated, the answer still quoted). When EOP itself refused (no remote
// host named), Microsoft's documented codes (providers/microsoft.ts) say why.
import type { Family, FamilyRecipient } from './family.js';
import { fixedWords, mentions } from '../view.js';
import { findAddress } from '../address.js';
import { withCodes } from '../text.js';
import { microsoft } from '../providers/microsoft.js';
import { parseDeliveryStatus } from '../dsn.js';

const MARKER_WORDS = fixedWords(
  'delivery has failed to these recipients or groups:',
  'original message details',
  ' rejected your message to the following e',
  "couldn't be delivered.",
  'uw bericht kan niet worden bezorgd bij de volgende geadresseerden of groepen:',
  'falha na entrega a estes destinat',
);

/**
 * The notice's first line: in English, or as EOP writes it in Dutch ("Uw bericht kan niet worden bezorgd
 * bij de volgende geadresseerden of groepen:") and Portuguese ("Falha na entrega a estes destinatários ou
 * grupos:").
 */
const MARKER =
  /^(?:delivery has failed to these recipients or groups:|original message details\s*$|.+ rejected your message to the following e-?mail addresses:|your message to \S+@\S+ couldn't be delivered\.|uw bericht kan niet worden bezorgd bij de volgende geadresseerden of groepen:|falha na entrega a estes destinat[aá]rios ou grupos:)/im;

/** "Original message headers:" in the same languages: where the notice ends and the returned headers start. */
const ORIGINAL_HEADERS =
  /^(?:original message headers|oorspronkelijke berichtkoppen|cabe[cç]alhos originais da mensagem|cabe[cç]alhos da mensagem original):?\s*$/im;

/**
 * The answer quoted under "Diagnostic information for administrators": "Remote Server returned '550 5.1.10
 * ...'" (the older layout) or, one line per attempt with the latest first, "<date> - Server at <host> returned
 * '550 5.4.312 ...'". Group 1: the host a "Server at" line names; group 2: the answer, with its status.
 */
const RETURNED = /(?:remote server|server at ([^\s']+)(?: \([^)]*\))?) returned '([^']*)'?/i;
/** The same answer in a translated notice ("Externe server heeft '550 5.1.10 ...' geretourneerd"): the quoted reply. */
const QUOTED_REPLY = /'([245]\d\d[ -][^']*)'/;
/** EOP's own hosts: an answer from one of them is Exchange Online's own refusal, not a remote's. */
const OWN_HOST = /\.outlook\.com$/i;

function isExchangeOnline(v: Parameters<Family['detect']>[0]): boolean {
  const h = v.msg.headers;
  if (h.has('x-ms-exchange-message-is-ndr') || h.has('x-ms-exchange-crosstenant-fromentityheader')) return true;
  return /\.(?:prod|protection)\.outlook\.com\b/i.test(`${h.get('message-id') ?? ''}\n${h.all('received').join('\n')}\n${v.text}`);
}

export const office365: Family = {
  name: 'office365',
  // EOP's first line with Exchange Online's headers is a bounce whatever its subject's language ("Não entregue:").
  selfEvident: true,
  detect: (v) => mentions(v, MARKER_WORDS) && MARKER.test(v.text) && isExchangeOnline(v),
  read(v): FamilyRecipient[] {
    const text = v.text.split(ORIGINAL_HEADERS)[0] ?? v.text;
    const lines = text.split(/\r?\n/);
    const found: string[] = [];
    const human = new Map<string, string>();
    for (let i = 0; i < lines.length; i++) {
      const l = (lines[i] ?? '').trim();
      const m =
        /<mailto:([^<>\s]+@[^<>\s]+)>\s*$/i.exec(l) ??
        /^recipient address:\s*(\S+@\S+)\s*$/i.exec(l) ??
        /^your message to (\S+@\S+) couldn't be delivered\./i.exec(l);
      if (!m) continue;
      const a = findAddress(m[1] ?? '');
      if (!a || v.exclude.includes(a.toLowerCase()) || found.includes(a)) continue;
      found.push(a);
      const next = (lines[i + 1] ?? '').trim();
      if (next && !/^[a-z ]+:/i.test(next)) human.set(a, next);
    }
    const reported = /^(?:reported error|status code):\s*(.+)$/im.exec(text)?.[1]?.trim() ?? '';
    // A recipient whose DSN names a Remote-MTA was refused by that server, not by EOP.
    const remoteInDsn = new Set(
      v.dsnParts
        .flatMap((p) => parseDeliveryStatus(p).recipients)
        .filter((r) => r.remoteMta)
        .map((r) => r.address.toLowerCase()),
    );
    // No recipient line in the text (a short notice beside its DSN part): EOP's own refusals are read from the DSN.
    if (!found.length) {
      return v.dsnParts
        .flatMap((p) => parseDeliveryStatus(p).recipients)
        .filter((r) => !r.remoteMta)
        .map((r) => {
          const t = withCodes(r.address, r.diagnostic);
          const domain = r.address.slice(r.address.indexOf('@') + 1).toLowerCase();
          return {
            ...t,
            hint: microsoft.reason({
              host: 'outlook.com',
              domain,
              status: r.status || t.status,
              replyCode: t.replyCode,
              command: t.command,
              text: r.diagnostic.toLowerCase(),
            }),
          };
        });
    }
    return found.map((a) => {
      // "a@b" then, maybe, the remote host, then "Remote Server returned '550 5.1.10 ...'".
      const block = new RegExp(`^\\s*${a.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\n((?:.*\\S.*\\n?){1,3})`, 'im').exec(text)?.[1] ?? '';
      const returned = RETURNED.exec(block)?.[2] ?? RETURNED.exec(text)?.[2] ?? QUOTED_REPLY.exec(block)?.[1] ?? '';
      // The server named in "Server at <host> returned": a remote one unless it is EOP's own.
      const answering = RETURNED.exec(block)?.[1] ?? '';
      const remoteHost =
        (answering && !OWN_HOST.test(answering) ? answering : '') ||
        (/^\s*([a-z0-9-]+(?:\.[a-z0-9-]+)+)\s*$/im.exec(block.split(/remote server returned/i)[0] ?? '')?.[1] ?? '');
      const diagnostic = returned || reported || human.get(a) || '';
      const t = withCodes(a, diagnostic);
      // EOP's own refusal: no remote host named, so its documented codes apply.
      const hint =
        remoteHost || remoteInDsn.has(a.toLowerCase())
          ? null
          : microsoft.reason({
              host: 'outlook.com',
              domain: a.slice(a.indexOf('@') + 1).toLowerCase(),
              status: t.status,
              replyCode: t.replyCode,
              command: t.command,
              text: diagnostic.toLowerCase(),
            });
      return { ...t, hint, action: 'failed' as const };
    });
  },
};
