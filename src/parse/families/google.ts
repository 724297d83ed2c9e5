// Gmail / Google Workspace NDRs ("Delivery to the following recipient failed
// permanently", "The error that the other server returned was:") and Google
// Groups refusals (the group does not exist or refuses the poster).
import type { Family, FamilyRecipient } from './family.js';
import { fixedWords, mentions } from '../view.js';
import { findAddresses } from '../address.js';
import { cutAtOriginal, withCodes } from '../text.js';
import type { SmtpCommand } from '../classify.js';
import type { Reason } from '../../domain/reasons.js';

const GROUPS_WORDS = fixedWords('groups.google.com/support');

const GMAIL_WORDS = fixedWords('delivery to the following recipient', 'technical details of ');

/**
 * Gmail's older notices end the remote's reply with its SMTP client's state, "(state 14).":
 * the step of the session that was refused (14 RCPT TO, 15/17/18 the
 * message after DATA). A "user unknown" after DATA is a filter's answer, not a dead address.
 * (State 13 is left out: its replies name a recipient as RCPT replies do, so its step is unclear.)
 */
const STATE_STEP: Record<string, SmtpCommand> = { '14': 'RCPT', '15': 'DATA', '17': 'DATA', '18': 'DATA' };

/**
 * Gmail's own words when no server answered: a domain without usable DNS data is unknown; DNS
 * servers it could not reach, or a server that never accepted a connection, until its retries
 * ran out, an expiry (the notice comes after days of retrying).
 */
const OWN_WORDS: ReadonlyArray<readonly [RegExp, Reason]> = [
  [/^dns error: (?:domain name not found|dns server returned answer with no data)/i, 'hostunknown'],
  [/^dns error: could not contact dns servers|^the recipient server did not accept our requests to connect/i, 'expired'],
];

export const gmail: Family = {
  name: 'gmail',
  // Google's wording; Exchange and Hotmail write "Delivery to the following recipients failed.", which is theirs.
  detect: (v) =>
    mentions(v, GMAIL_WORDS) &&
    /delivery to the following recipients? (?:failed permanently|has been delayed)|technical details of (?:permanent|temporary) failure/i.test(
      v.text,
    ),
  read(v): FamilyRecipient[] {
    const text = cutAtOriginal(v.text);
    const head =
      /(?:delivery to the following recipients? (?:failed permanently|has been delayed)|failed permanently)[^\n]*\n([\s\S]*?)(?:\n\s*\n\s*\n|technical details|\n-{3,})/i.exec(
        text,
      );
    const addrs = findAddresses(head?.[1] ?? '').filter((a) => !v.exclude.includes(a.toLowerCase()));
    if (!addrs.length) return [];
    const returned = /the error that the other server returned was:\s*([\s\S]*?)(?:\n\s*\n|-{5,}|$)/i.exec(text);
    const details = /technical details of (?:permanent|temporary) failure:\s*([\s\S]*?)(?:\n\s*\n|-{5,}|$)/i.exec(text);
    const diag = (returned?.[1] ?? details?.[1] ?? '').replace(/\s+/g, ' ').trim();
    // Google's own delay sentences, not the remote's words ("450 4.0.0 Temporary failure" is a permanent failure's cause here).
    const delayed = /has been delayed|technical details of temporary failure|will be retried/i.test(text);
    const step = STATE_STEP[/\(state (\d+)\)/.exec(diag)?.[1] ?? ''];
    const own = OWN_WORDS.find(([re]) => re.test(diag))?.[1] ?? null;
    return addrs.map((a) => {
      const t = withCodes(a, diag);
      // After DATA (states 15, 17, 18) a refusal whose words decide nothing is the recipient side's filter on
      // the message, as the reference's state table reads it ("554 Transaction failed (state 18).").
      const data = step === 'DATA' ? { fallback: 'filtered' as const } : {};
      return {
        ...t,
        command: step ?? t.command,
        action: delayed ? 'delayed' : 'failed',
        ...(own && !delayed ? { hint: own } : {}),
        ...data,
      };
    });
  },
};

/**
 * The same notice's "... may not exist, or you may not have permission to post messages to the group" as Google
 * Groups writes it in the poster's language (German, French, Spanish, Italian, Portuguese, Dutch, Japanese,
 * Chinese), which the short notices say without the list of causes.
 */
const LOCALISED_CAUSES =
  /keine berechtigung zum posten|nicht berechtigt,? (?:in der gruppe )?(?:nachrichten )?zu posten|pas autorisé à publier|no tengas permiso para publicar|no tiene permiso para publicar|l'autorizzazione (?:a|per) pubblicare|não tem permissão para postar|geen toestemming (?:hebt )?om (?:berichten)?[^.]{0,30} te plaatsen|投稿権限がない|没有在(?:该)?群组中发帖的权限|没有发帖权限/i;

export const googleGroups: Family = {
  name: 'googlegroups',
  // A group on googlegroups.com, or a Workspace group on the customer's own domain: Google's sentence says it is a group.
  // The notice is written in the poster's language, so its English sentence is not always there; what every
  // language keeps is the link to Google Groups' help (https://groups.google.com/support/), which ties the
  // layout to the service and not to the group's address.
  detect: (v) =>
    v.msg.headers.all('x-failed-recipients').some((h) => /@googlegroups\.com/i.test(h)) ||
    (v.msg.headers.has('x-failed-recipients') &&
      (/the group you tried to contact\b[^\n]*(?:\n[^\n]*)?may not exist|not have permission to post messages to the group/i.test(v.text) ||
        (mentions(v, GROUPS_WORDS) && /https?:\/\/groups\.google\.com\/support\b/i.test(cutAtOriginal(v.text))))),
  read(v): FamilyRecipient[] {
    const groups = v.msg.headers.all('x-failed-recipients').flatMap((h) => findAddresses(h));
    // The group does not exist or refuses this poster: the message was refused, the address is not dead.
    // A notice without Google's list of those causes says nothing of why: on hold, it changes no address.
    const diag = cutAtOriginal(v.text).replace(/\s+/g, ' ').trim().slice(0, 400);
    const causes =
      /may not exist,? or you may not have permission to post/i.test(diag) ||
      LOCALISED_CAUSES.test(diag) ||
      (v.text.match(/^\s?\*\s?\S/gm) ?? []).length >= 4;
    return groups.map((g) => ({ ...withCodes(g, diag), hint: causes ? ('rejected' as const) : ('onhold' as const) }));
  },
};
