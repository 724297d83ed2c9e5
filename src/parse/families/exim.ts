// Exim's own notices ("This message was created automatically by mail delivery
// software."): recipients and texts are read as the generic reader does; what
// Exim says in its own words, with no remote reply (a router's verdict written
// under the address), is decided here.
import type { Family, FamilyRecipient } from './family.js';
import type { Reason } from '../../domain/reasons.js';
import { fixedWords, mentions, type MailView } from '../view.js';
import { generic } from './generic.js';
import { findAddress } from '../address.js';
import { cutAtOriginal, withCodes } from '../text.js';
import { wordingOf, type Wording } from './layout.js';

const BAD_ADDRESSES_WORDS = fixedWords('incorrectly constructed');

const BANNER_WORDS = fixedWords(
  'this message was created automatically by mail delivery software.',
  'could not be delivered to all of its',
);

/** Exim's router and transport verdicts (no SMTP reply code: the remote never answered). */
const UNROUTEABLE = /^unrouteable address\b/i;
export const OWN_WORDS: readonly Wording[] = [
  // The dnslookup router found no such domain ("Unrouteable address" for a remote domain; Sisimai reads it so).
  { re: UNROUTEABLE, reason: 'hostunknown', example: 'Unrouteable address' },
  { re: /^all host address lookups failed permanently\b/i, reason: 'hostunknown', example: 'all host address lookups failed permanently' },
  // routers/dnslookup.c: every MX names a host that does not resolve.
  {
    re: /^all relevant mx records point to non-existent hosts\b/i,
    reason: 'hostunknown',
    example: 'all relevant MX records point to non-existent hosts',
  },
  {
    re: /^an mx or srv record indicated no smtp service\b/i,
    reason: 'notaccept',
    example: 'an MX or SRV record indicated no SMTP service',
  },
  // transports/smtp.c: a continued connection had no host left for this address.
  { re: /^no host found for existing smtp connection\b/i, reason: 'notaccept', example: 'no host found for existing SMTP connection' },
  // The domain's MX is this host ("self = fail" on the dnslookup router), or the smtp transport's host
  // is: a configuration error, as Sendmail's "MX list ... points back to" (Sisimai: systemerror).
  {
    re: /^lowest numbered mx record points to local host\b/i,
    reason: 'systemerror',
    example: 'lowest numbered MX record points to local host',
  },
  { re: /^remote host address is the local host\b/i, reason: 'systemerror', example: 'remote host address is the local host' },
  // deliver.c: a redirection named a file or a pipe that the router does not allow.
  { re: /^delivery to (?:file|pipe) forbidden\b/i, reason: 'systemerror', example: 'delivery to pipe forbidden' },
  // appendfile.c: the local mailbox's quota ("mailbox is full (quota exceeded while writing to file ...)").
  {
    re: /^mailbox is full\b|\berror: quota exceed/i,
    reason: 'mailboxfull',
    example: 'mailbox is full (quota exceeded while writing to file /var/mail/kit)',
  },
  // parse.c: the address itself cannot be parsed.
  {
    re: /angle-brackets nested too deep|\(expected word or "<"\)|domain missing in source-routed address|^malformed address: /i,
    reason: 'syntaxerror',
    example: 'malformed address: <kit@example.com> may not follow kit',
  },
  // deliver.c: received_headers_max reached.
  {
    re: /too many "received" headers - suspected mail loop/i,
    reason: 'contenterror',
    example: 'Too many "Received" headers - suspected mail loop',
  },
  // A pipe (or LMTP/appendfile) transport's failure: the program's exit status is only in Exim's log.
  // Once the retry time ran out on a temporary one, the queue lifetime is the cause.
  { re: /^local delivery failed: retry timeout exceeded$/i, reason: 'expired', example: 'local delivery failed: retry timeout exceeded' },
  { re: /^local delivery failed\b/i, reason: 'mailererror', example: 'local delivery failed' },
  // transports/pipe.c: the program a pipe delivered to exited with a status its configuration treats as a failure.
  // Its sysexits.h class decides as for every MTA (docs/parser-generalisation.md, "Perturbation and transplant over
  // the fixtures"): EX_NOUSER 67 and EX_NOHOST 68 name the recipient's address or host, any other the program.
  {
    re: /^child process of \S+ transport returned 67\b/i,
    reason: 'userunknown',
    example: 'Child process of address_pipe transport returned 67 (could mean unknown user) from command: /usr/bin/deliver',
  },
  {
    re: /^child process of \S+ transport returned 68\b/i,
    reason: 'hostunknown',
    example: 'Child process of address_pipe transport returned 68 (could mean unknown host) from command: /usr/bin/deliver',
  },
  {
    re: /^child process of \S+ transport returned \d+/i,
    reason: 'mailererror',
    example:
      'Child process of address_pipe transport returned 69 (could mean service or program unavailable) from command: /usr/bin/filter',
  },
  // retry.c and transports/smtp.c: the retry rules gave up with no answer to quote.
  {
    re: /^(?:retry timeout exceeded|retry time not reached for any host after a long failure period|all hosts have been failing for a long time and were last tried)/i,
    reason: 'expired',
    example: 'retry time not reached for any host after a long failure period',
  },
];

/**
 * A router's own refusal of the local part, with no SMTP answer quoted: the text a redirect router's
 * ":fail:" gives (cPanel's "No Such User Here", RFC 821's own wording; a site's "Unknown user"; "user not found",
 * route.c's words for a check_local_user miss, which the reference's Exim module reads as an unknown user). Routing
 * happens before any message is sent, so such words are said of the address, never by a content filter
 * (the same words quoted from a remote with no step named stay a filter's: test/mta-capture, OpenSMTPD).
 */
const ROUTER_NO_USER =
  /^(?:no such (?:user|mailbox|account)(?: here)?|unknown (?:user|local[- ]part|recipient)|user (?:unknown|not found))\b/i;

/**
 * One address block of the list under "The following address(es) failed:" (or "...has not yet been
 * delivered is:"): the address two spaces in, what Exim says four spaces in. A block for a pipe or a
 * file an alias expanded to ("pipe to |cmd", "save to /file") names its address in "generated by a@b";
 * an address a redirection produced, the original in "(generated from a@b)" (its DSN part names that one).
 */
interface Block {
  /** The listed address, or for a pipe or a file the one that generated it. */
  address: string;
  /** The address a redirection started from ("generated by" / "generated from"). */
  origin: string;
  /** The address as listed (the redirection's target), '' for a pipe or a file. */
  listed: string;
  diagnostic: string;
  redirected: boolean;
  /** The block is a pipe to a program ("pipe to |cmd"): the delivery that failed was that program's. */
  pipe: boolean;
}

const LIST_START = /following address\(es\) failed:\s*$|has not yet been delivered (?:is|are):\s*$/i;

function blocks(text: string): Block[] {
  const lines = cutAtOriginal(text).split(/\r?\n/);
  const start = lines.findIndex((l) => LIST_START.test(l));
  if (start < 0) return [];
  const out: Block[] = [];
  let cur: { head: string; body: string[] } | null = null;
  const flush = (): void => {
    if (!cur) return;
    const head = cur.head.trim();
    let origin = '';
    let listed = '';
    let redirected = false;
    const body: string[] = [];
    for (const l of cur.body) {
      const gen = /^\(?generated (?:by|from) (\S+?)\)?$/i.exec(l);
      if (gen?.[1]) {
        origin = findAddress(gen[1]);
        redirected = true;
      } else body.push(l);
    }
    if (!/^(?:pipe to \||save to \/)/i.test(head)) listed = findAddress(head);
    const address = listed || origin;
    const pipe = /^pipe to \|/i.test(head);
    if (address) out.push({ address, origin, listed, diagnostic: body.join(' ').replace(/^delay reason:\s*/i, ''), redirected, pipe });
    cur = null;
  };
  for (let i = start + 1; i < lines.length; i++) {
    const l = lines[i] ?? '';
    if (!l.trim()) continue;
    if (/^ {4,}\S/.test(l) && cur) cur.body.push(l.trim());
    else if (/^ {1,3}\S/.test(l)) {
      flush();
      cur = { head: l, body: [] };
    } else break;
  }
  flush();
  return out;
}

/** The domains this Exim delivers for itself: its Reporting-MTA's and its own notice's (From: Mailer-Daemon@<qualify_domain>). */
function ownDomains(v: MailView): string[] {
  const hosts = v.dsnParts.map((p) => /^reporting-mta:\s*dns\s*;\s*([^\s;]+)/im.exec(p)?.[1] ?? '').filter(Boolean);
  const from = v.from.slice(v.from.lastIndexOf('@') + 1);
  return [...hosts, from].map((d) => d.toLowerCase().replace(/\.$/, '')).filter(Boolean);
}

function isOwn(address: string, own: readonly string[]): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  return !!domain && own.some((d) => d === domain || d.endsWith(`.${domain}`));
}

const BANNER_LINE =
  /^(?:this message was created automatically by mail delivery software\.|a message that you sent could not be delivered to all of its\s+recipients)/im;

/**
 * The view from Exim's banner on. A provider may write its own preface above Exim's text (Mail.Ru's
 * Russian "К сожалению, Ваше письмо не может быть доставлено ...", naming each address then its own
 * advice): read from there, the preface's sentence would be taken for the address's cause.
 */
function fromBanner(v: MailView): MailView {
  const at = BANNER_LINE.exec(v.text)?.index ?? 0;
  return at > 0 ? { ...v, text: v.text.slice(at) } : v;
}

export const exim: Family = {
  name: 'exim',
  // Exim 4's banner; Exim 3 opened its notice with "A message that you sent could not be delivered to all of its recipients".
  detect: (v) =>
    mentions(v, BANNER_WORDS) &&
    BANNER_LINE.test(v.text) &&
    /following address\(es\) failed|has not yet been delivered to one or more of its/i.test(v.text),
  read(v): FamilyRecipient[] {
    // A warning ("has not yet been delivered") is a delay whatever the code; a failure notice is final,
    // even when the answer it quotes is the last 4xx before Exim gave up (an old Exim sends no DSN part).
    const action = /has not yet been delivered to one or more of its/i.test(v.text) ? 'delayed' : 'failed';
    const list = blocks(v.text);
    const own = ownDomains(v);
    let found: FamilyRecipient[] = generic.read(fromBanner(v));
    // What the generic reader cannot place: a pipe's or a file's block, an address a redirection
    // produced (X-Failed-Recipients names the target; the DSN part the original), a block with no text
    // (the generic reader would take the sentence above the list for its cause).
    for (const b of list.filter((x) => x.redirected || !x.diagnostic)) {
      const r: FamilyRecipient = {
        ...withCodes(b.address, b.diagnostic),
        ...(b.origin && b.origin !== b.address ? { origin: b.origin } : {}),
      };
      const k = found.findIndex((f) => [b.address, b.origin].some((a) => a && a.toLowerCase() === f.address.toLowerCase()));
      found = k < 0 ? [...found, r] : found.map((f, j) => (j === k ? r : f));
    }
    return found.map((r) => {
      const text = r.diagnostic.trim();
      const words = r.replyCode ? undefined : wordingOf(text, OWN_WORDS);
      // "Unrouteable address" for an address of a domain it delivers itself: no router took the local
      // part, i.e. no such user (Exim's default config has no other words for it).
      // A pipe's failure with no words of Exim's own: the program failed, as the DSN part says with a
      // "|cmd" Final-Recipient (dsn.ts `program`); a notice without that part must say the same.
      const pipe = !words && list.some((b) => b.pipe && b.address.toLowerCase() === r.address.toLowerCase());
      const hint =
        words && UNROUTEABLE.test(text) && isOwn(r.address, own)
          ? 'userunknown'
          : pipe
            ? 'mailererror'
            : (words ?? (!r.replyCode && !r.command && ROUTER_NO_USER.test(text) ? 'userunknown' : undefined));
      // No code at all: a full mailbox or a retry time run out is a temporary state the queue gave up on.
      const soft = r.status || r.replyCode ? {} : { pseudoTemporary: UNCODED_TEMPORARY };
      return hint ? { ...r, action, hint, ...soft } : { ...r, action, ...soft };
    });
  },
};

/** Exim's uncoded failures whose made-up status is temporary (FamilyRecipient.pseudoTemporary). */
const UNCODED_TEMPORARY: readonly Reason[] = ['expired', 'mailboxfull'];

/**
 * Exim's notice for recipient addresses it could not parse (moan.c, ERRMESS_BADADDRESS): "A message that
 * you sent contained one or more recipient addresses that were incorrectly constructed:", then "  a@b: why"
 * per address, and "This address has been ignored." The other recipients were tried.
 */
const BAD_ADDRESSES = /^a message that you sent contained one or more recipient addresses that were\s+incorrectly constructed:/im;

export const eximBadAddress: Family = {
  name: 'exim',
  // Its list is every address it speaks of: the returned message's others were passed on for delivery.
  final: 'bounce',
  detect: (v) => mentions(v, BAD_ADDRESSES_WORDS) && BAD_ADDRESSES.test(v.text),
  read(v): FamilyRecipient[] {
    const text = cutAtOriginal(v.text);
    const m = BAD_ADDRESSES.exec(text);
    if (!m) return [];
    const out: FamilyRecipient[] = [];
    for (const l of text.slice(m.index + m[0].length).split(/\r?\n/)) {
      if (!l.trim()) {
        if (out.length) break;
        continue;
      }
      // "  a@b: why", or "  a@b <c@d>: why" where the text before the angle brackets is what Exim could not
      // parse ahead of the address (parser.c's "malformed address: x may not follow y").
      const line = /^\s+(\S+?)(?:\s+<([^\s<>]+@[^\s<>]+)>)?:\s+(.+)$/.exec(l);
      const address = findAddress(line?.[2] ?? line?.[1] ?? '');
      if (!address) break;
      out.push({ ...withCodes(address, (line?.[3] ?? '').trim()), action: 'failed', hint: 'syntaxerror' });
    }
    return out;
  },
};
