// qmail's qmail-send notices and those of its clones (netqmail, vpopmail and
// qmail-ldap setups, and qmail-derived MTAs that kept its layout with other
// words): each failed recipient is a "<a@b>:" line, then qmail's own lines
// under it. Those lines say which step failed (qmail-remote.c writes "does
// not like recipient" after a refused RCPT, "but sender was rejected" after a
// refused MAIL, "failed on DATA command"...), and then the remote's answer
// after "Remote host said:". qmail-local's and its patches' words (no remote
// answer) name their cause themselves.
import type { Family, FamilyRecipient } from './family.js';
import type { SmtpCommand } from '../classify.js';
import { findAddress } from '../address.js';
import { findReplyCode, findStatus, remoteStatus } from '../codes.js';
import { blocksAt, commandWord, joined, noticeLines, wordingOf, type Wording } from './layout.js';
import { fixedWords, gated, mentions, type MailView } from '../view.js';

/** The first line of qmail-send's notice, and the first lines qmail clones put there instead. */
const INTRO = new RegExp(
  [
    // qmail-send.c
    String.raw`^hi\. this is the qmail-send program`,
    // clones (anonymous qmail-derived MTAs, several languages)
    String.raw`^hi\. .{0,80} unable to deliver your message to the following addresses`,
    String.raw`^he\/her is not .{0,60} user`,
    String.raw`^su mensaje no pudo ser entregado`,
    String.raw`^this is the (?:machine generated message from mail service|mail delivery agent at)`,
    String.raw`^unable to deliver message to the following address`,
    String.raw`^unfortunately, your mail was not delivered to the following address`,
    String.raw`^your (?:mail message to the following address|message to the following addresses)`,
  ].join('|'),
  'im',
);

/** Fixed words of each INTRO line, lower case: INTRO matches only where one of them is (the cheap test first). */
const INTRO_WORDS = fixedWords(
  'hi. ',
  'he/her is not ',
  'su mensaje no pudo ser entregado',
  'this is the machine generated message from mail service',
  'this is the mail delivery agent at',
  'unable to deliver message to the following address',
  'unfortunately, your mail was not delivered to the following address',
  'your mail message to the following address',
  'your message to the following addresses',
);

/** The line qmail-send writes before the returned message. */
const BACKBONE =
  /^--- (?:below this line is a copy of the message|original message follows|enclosed are the original headers of the message)/im;

const BACKBONE_GATE = gated(BACKBONE);
const SORRY = gated(/^we're sorry\.\s*$/im);

/** "<a@b>:", maybe with the first line of text after it (some clones), or "To: <a@b>:". */
const RECIPIENT = /^(?:to\s*:\s*)?<([^\s<>]+@[^\s<>]+)>:\s*(.*)$/i;

/** qmail-remote.c's words for the step the remote refused (its quit() and out() calls). */
const STEPS: ReadonlyArray<readonly [RegExp, SmtpCommand]> = [
  [/connected to \S+ but greeting failed/i, 'CONN'],
  [/connected to \S+ but my name was rejected/i, 'HELO'],
  [/connected to \S+ but sender was rejected/i, 'MAIL'],
  [/\S+ does not like recipient\./i, 'RCPT'],
  [/\S+ failed on data command|\S+ failed after i sent the message/i, 'DATA'],
];

/** The qmail-remote "fallback" patch (netqmail setups): "Sorry, no SMTP connection got far enough; most progress was RCPT TO response; ...". */
const PROGRESS = /no smtp connection got far enough;\s*most progress was ([a-z]+(?: [a-z]+)?)/i;

/** qmail-send.c when the queue lifetime ran out. */
const QUEUE_TOO_LONG = /this message has been in the queue too long/i;

/** qmail's (and its common patches') own words, which state the cause: no remote answer is quoted. */
export const OWN_WORDS: readonly Wording[] = [
  // qmail-local.c (and vpopmail's vdelivermail, which prints the same): no such local user.
  { re: /no mailbox here by that name/i, reason: 'userunknown', example: 'Sorry, no mailbox here by that name. (#5.1.1)' },
  // qmail-remote.c: DNS says the domain does not exist ("...any host by that name", "...any host named x").
  {
    re: /sorry, i couldn't find any host /i,
    reason: 'hostunknown',
    example: "Sorry, I couldn't find any host named nonexistent.example. (#5.1.2)",
  },
  // qmail-remote.c: DNS failures and connection failures.
  {
    re: /sorry, i wasn't able to establish an smtp connection/i,
    reason: 'networkerror',
    example: "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)",
  },
  // qmail-remote.c's perm_nomx(): the domain's MX hosts have no address (its own #5.4.4, a hard error, as
  // Exim's "all relevant MX records point to non-existent hosts"): no host takes its mail.
  {
    re: /sorry, i couldn't find a mail exchanger or ip address/i,
    reason: 'hostunknown',
    example: "Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)",
  },
  {
    re: /sorry\. although i'm listed as a best-preference mx or a for that host/i,
    reason: 'networkerror',
    example:
      "Sorry. Although I'm listed as a best-preference MX or A for that host, it isn't in my control/locals file, so I don't treat it as local. (#5.4.6)",
  },
  // error_str.c (EDQUOT) as qmail-local reports it; vpopmail's vdelivermail "user is over quota".
  {
    re: /disk quota exceeded|\buser is over quota\b|mail quota exceeded/i,
    reason: 'mailboxfull',
    example: 'Unable to write to maildir: disk quota exceeded. (#4.3.0)',
  },
  // qmail-smtpd.c / qmail-qmtpd.c databytes limit; the size patches' "exceeds fixed maximum message size".
  {
    re: /message size exceeds (?:my databytes limit|fixed maximum message size)/i,
    reason: 'mesgtoobig',
    example: 'Sorry, that message size exceeds my databytes limit (#5.3.4)',
  },
  {
    re: /requested action not taken: mailbox unavailable \(not enough free space\)/i,
    reason: 'systemfull',
    example: 'Requested action not taken: mailbox unavailable (not enough free space)',
  },
  // qmail-local.c's and its .qmail programs' own failures: "system error" (a delivery program's temporary
  // failure as qmail words it), a program whose interpreter is missing (the shell's "bad interpreter").
  { re: /^system error\b/i, reason: 'systemerror', example: 'system error (#4.3.0)' },
  {
    re: /bad interpreter: no such file or directory/i,
    reason: 'systemerror',
    example: '/bin/sh: /usr/local/bin/filter: bad interpreter: No such file or directory',
  },
  // qmail-ldap patch (qmail-ldap-1.03): its lookups' verdicts.
  { re: /mailaddress is administrative?le?y disabled/i, reason: 'suspend', example: 'Mailaddress is administratively disabled. (#5.2.1)' },
  {
    re: /the message exeeded the maximum size the user accepts/i,
    reason: 'exceedlimit',
    example: 'The message exeeded the maximum size the user accepts',
  },
  {
    re: /automatic homedir creator crashed|illegal value in ldap attribute|ldap attribute is not given but mandatory|timeout while performing search on ldap server|too many results returned but needs to be unique|(?:permanent|temporary) error while executing qmail-forward|temporary error in automatic homedir creation|temporary failure in ldap lookup|unable to contact ldap server|unable to login into ldap server/i,
    reason: 'systemerror',
    example: 'Unable to contact LDAP server. (#4.4.3)',
  },
];

/** qmail-local's failures of the local delivery itself ("Unable to chdir to maildir", "Unable to switch to /home/x"). */
const LOCAL_FAILURE = /^unable to (?:chdir|open|write|read|create|lock|switch|forward|run)\b/i;

function detectQmail(v: MailView): boolean {
  if (mentions(v, INTRO_WORDS) && INTRO.test(v.text)) return true;
  // A clone's bare "We're sorry." intro is too common a sentence to claim a notice alone: only with qmail's
  // own bounce subject or its "(qmail N invoked for bounce)" Received line. The text's lines first: their
  // words are known from the one pass over the text, where the Received lines need a scan of their own.
  return (
    (BACKBONE_GATE.test(v) || SORRY.test(v)) &&
    (/^failure notice$|^permanent delivery failure/i.test(v.subject.trim()) ||
      v.msg.headers.all('received').some((r) => /^\s*\(qmail \d+ invoked (?:for bounce|from network)\)/i.test(r)))
  );
}

export const qmail: Family = {
  name: 'qmail',
  detect: detectQmail,
  read(v): FamilyRecipient[] {
    const lines = noticeLines(v.text, BACKBONE);
    const blocks = blocksAt(lines, RECIPIENT);
    return blocks
      .map((b): FamilyRecipient => {
        const address = findAddress(b.address);
        // "Giving up on 192.0.2.1." is qmail-remote's closing line (the last host it tried): no cause.
        const own = [b.head, ...b.lines].filter((l) => l && !/^giving up on \S+\.?$/i.test(l));
        const diagnostic = joined(own);
        // The remote's own answer, when qmail quotes one: its code beats qmail's "(#5.x.x)".
        const said = own.findIndex((l) => /^remote host said:/i.test(l));
        const answer = said >= 0 ? joined(own.slice(said)).replace(/^remote host said:\s*/i, '') : '';
        const progress = PROGRESS.exec(diagnostic);
        const command = STEPS.find(([re]) => re.test(diagnostic))?.[1] || (progress ? commandWord(progress[1] ?? '') : '');
        const status = remoteStatus(answer) || findStatus(answer, false) || findStatus(diagnostic, false);
        const replyCode = findReplyCode(answer) || (progress ? findReplyCode(diagnostic.slice(progress.index)) : '');
        const base: FamilyRecipient = { address, diagnostic, status, replyCode, command, action: 'failed' };
        // qmail-remote: the sender or this host's name was refused (the answer says nothing of the recipient).
        if (command === 'MAIL') return { ...base, hint: 'rejected' };
        if (command === 'HELO') return { ...base, hint: 'blocked' };
        const words = answer ? undefined : wordingOf(diagnostic, OWN_WORDS);
        if (words) return { ...base, hint: words };
        if (command === 'RCPT') {
          // A 4xx at RCPT, retried until the queue lifetime ran out: what kept failing is the remote's to say.
          return { ...base, fallback: QUEUE_TOO_LONG.test(diagnostic) ? 'onhold' : 'userunknown' };
        }
        // qmail-local could not run the delivery ("Unable to switch to /home/x", "Unable to run ..."): its own
        // cause, named beside the queue lifetime as a remote's answer would be.
        if (!answer && own.some((l) => LOCAL_FAILURE.test(l))) {
          return QUEUE_TOO_LONG.test(diagnostic) ? { ...base, hint: 'systemerror' } : { ...base, fallback: 'systemerror' };
        }
        // qmail-send gave up when the queue lifetime ran out: what it says, whatever the last answer was.
        if (QUEUE_TOO_LONG.test(diagnostic)) return { ...base, hint: 'expired' };
        return base;
      })
      .filter((r) => r.address);
  },
};
