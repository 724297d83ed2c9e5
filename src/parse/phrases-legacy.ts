// Older and regional wordings of a refused recipient that the main tables do
// not know: local delivery agents of small MTAs (IMail, MDaemon, Mercury,
// MailEnable, Kerio, vpopmail, LDAP-backed gateways), ISPs' own answers, and
// Italian, Polish and German sites. They are the weakest evidence: checked
// only when no precise status code and no other phrase decided (appended to
// WEAK_PHRASES in phrases-recipient.ts), so they turn an "undefined" into a
// reason and never overrule anything. Each wording is one the public
// bounce-handling projects' rule lists record as sent by many servers (see
// docs/parser-generalisation.md, "Older and unusual layouts"); its example
// is read back by test/unit/parse-phrases.test.ts.
import type { PhraseList } from './phrase-list.js';

export const LEGACY_PHRASES: readonly PhraseList[] = [
  {
    reason: 'suspend',
    phrases: [
      // Before the unknown-user wordings: "inactive user" must not read as a missing one.
      ['account inactive', '550 Account Inactive'],
      ['inactive user', '550 5.2.1 Inactive user'],
      ['mail is not currently being accepted for this mailbox', '550 Mail is not currently being accepted for this mailbox'],
      ['mailbox disabled for this recipient', '550 Mailbox disabled for this recipient'],
      ['blocked due to inactivity', '550 This mailbox has been blocked due to inactivity'],
      ['mailbox temporarily disabled', '550 Mailbox temporarily disabled'],
      ['mailbox was disabled', '550 Recipient mailbox was disabled'],
      ['mailbox is disabled', '550 Mailbox is disabled'],
      // Polish and Italian ISPs (o2.pl, libero.it).
      ['zablokowane administracyjnie', '550 Podane konto jest zablokowane administracyjnie lub nieaktywne'],
      ['bloccato per inutilizzo', "550 Questo indirizzo e' bloccato per inutilizzo"],
      ['user disabled', '550 User disabled'],
      ['mailbox is currently unavailable', '550 Mailbox is currently unavailable'],
      // Spanish-speaking ISPs (Terra, Argentine and Chilean providers): inactive, or expired for lack of use.
      ['estado: inactivo', '550 El usuario esta en estado: inactivo'],
      ['expirado por falta de uso', '550 Esta casilla ha expirado por falta de uso'],
      // Rule lists of PHP bounce handlers (BounceMailHandler's "inactive" class): an account created but never
      // switched on, and IceWarp / Merak's local module ("LOCAL module reports: mail receiving disabled").
      [/\b(?:account|mailbox|user) (?:is )?not activated\b/, '550 <a@example.org>... User account not activated'],
      [/\bmail receiving (?:is )?disabled\b/, 'LOCAL module(account ann) reports: mail receiving disabled'],
      [/\bno longer using this account\b|\baccount (?:is )?locked\b/, '550 Account is locked'],
    ],
  },
  {
    reason: 'hasmoved',
    phrases: [
      // RFC 3463's X.1.6 in words, as ISPs' own answers put it.
      ['recipient no longer on server', '550 Recipient no longer on server'],
      // CiviCRM's "Inactive" class, said of a person who left or took another address.
      [
        /\b(?:e-?mail )?address has changed\b|\bchanged (?:\w+ )?e-?mail address\b|\bno longer (?:employed|works? for|on staff)\b/,
        '550 My email address has changed',
      ],
    ],
  },
  {
    reason: 'expired',
    phrases: [
      // Netscape Messaging Server's own expiry notice.
      [
        'not reachable within the allowed queue period',
        'Your message was not delivered because the destination computer was not reachable within the allowed queue period.',
      ],
      // Windows mail servers' own gave-up notices (hMailServer, MailEnable, SmarterMail documentation): the retry
      // count or the time allowed ran out.
      [/\bretry limit (?:was |has been )?(?:reached|exceeded)\b/, 'Message delivery was aborted because the retry limit was reached.'],
      [
        /\b(?:could not|couldn't|cannot|can't) be delivered (?:with)?in the time (?:allowed|limit)/,
        'The message could not be delivered in the time allowed.',
      ],
      // PMDF and Sun / iPlanet Messaging Server's return job when a message outlives its queue time.
      [/\btime for delivery (?:has )?expired\b/, 'Reason: Time for delivery has expired'],
    ],
  },
  {
    reason: 'networkerror',
    phrases: [
      // SmarterMail's own notice after its connection attempts all failed ("Failed all attempts to connect to the
      // recipients mail server", its documentation): no connection, no time named.
      [/\bfailed (?:all|\w+) attempts to connect\b/, 'Failed all attempts to connect to the recipients mail server.'],
    ],
  },
  {
    reason: 'mailboxfull',
    phrases: [
      // German providers (T-Online era) and Unix quota wordings.
      ['zuviele mails auf dem server', '452 Benutzer hat zuviele Mails auf dem Server'],
      ['exhausted allowed storage', '552 User has exhausted allowed storage space'],
      ['not enough storage space', '452 Not enough storage space in the mailbox'],
      ['user has exceeded', '552 User has exceeded his mailbox limit'],
      ['mailfolder is full', '552 Mailfolder is full'],
      // SmarterMail's own notice for a domain over its disk allocation ("The domain size limit has been exceeded",
      // its documentation): the domain's storage, not the message's size.
      [
        /\bdomain (?:size|disk|storage) (?:limit|quota|allocation) (?:has been |was )?exceeded\b/,
        'The domain size limit has been exceeded',
      ],
    ],
  },
  {
    reason: 'hostunknown',
    phrases: [
      // PMDF and Sun / iPlanet Messaging Server, also read outside their own layout (a relay's copy, the plain form).
      ['illegal host/domain name found', 'Reason: Illegal host/domain name found'],
      // Sendmail 8's and old MTAs' own DNS failures.
      ["couldn't find any host named", "550 Couldn't find any host named example.invalid"],
      ["couldn't find any host by that name", "550 Couldn't find any host by that name"],
      [/host ?name is unknown/, '550 Hostname is unknown'],
      ['no such domain', '550 No such domain at this location'],
      ['domain name not found', '550 Domain name not found'],
      ['unrouteable mail domain', '550 Unrouteable mail domain'],
      // Sendmail's 5.1.2 for a domain part it cannot parse or resolve ("<a@example..org>... Invalid host name").
      ['invalid host name', '553 5.1.2 <a@example..org>... Invalid host name'],
      // The Windows resolver's text for a name with no record, as IIS SMTP and Exchange relay it.
      ['no data record of requested type', '550 DNS error: No data record of requested type'],
      // CiviCRM's "Dns" class: no name server entry, no mail server, no DNS entries for the domain.
      [
        /\bname ?server entry\b|\bno mail ?servers? for\b|\bno matches to name ?server query\b|\bno dns entr(?:y|ies)\b/,
        '550 No mail server for example.org',
      ],
      // hMailServer's own DNS verdict ("No mail servers appear to exists for the recipients address.") and
      // MailEnable's ("the domain name (x) does not appear to be registered"), as their documentation lists them.
      [/\bno mail servers? appears? to exists?\b/, 'No mail servers appear to exists for the recipients address.'],
      [
        /\bdomain(?: name)?(?: \([^)]{1,255}\))? does not appear to be registered\b/,
        'The message could not be delivered because the domain name (example.invalid) does not appear to be registered.',
      ],
    ],
  },
  {
    reason: 'userunknown',
    phrases: [
      // Local delivery agents and directory lookups of small MTAs (IMail, MDaemon, Mercury, vpopmail,
      // LDAP gateways) and ISP answers.
      ['account not found', '550 Account not found'],
      ['unknown account', '550 Unknown account'],
      ['invalid account', '550 Invalid account'],
      ['address invalid', '550 Address invalid'],
      ['address is unknown', '550 Address is unknown'],
      ['addressee unknown', '550 Addressee unknown'],
      ['bad address', '550 Bad address'],
      ['email address was not found', '550 Email Address was not found'],
      ['unknown email address', '550 Unknown email address'],
      ['no such email address', '550 No such email address'],
      ['invalid or unknown virtual user', '550 Invalid or unknown virtual user'],
      ['no mail box available for this user', '550 No mail box available for this user'],
      ['no one with that email address here', '550 No one with that email address here'],
      ['no such mail drop', '550 No such mail drop defined'],
      ['no such person at this address', '550 No such person at this address'],
      ['not a valid user', '550 Not a valid user'],
      [/\buser (?:is )?invalid\b/, '550 User invalid'],
      [/\b(?:user|address|mailbox) (?:is )?not known\b/, '550 User not known'],
      ['user is unknown', '550 User is unknown'],
      [/\bnot exists?\b/, '550 Mailbox not exists'],
      ["doesn't handle mail for that user", "550 This server doesn't handle mail for that user"],
      ['no longer accepts mail', '550 This address no longer accepts mail'],
      ['is not known to this system', '550 This email address is not known to this system'],
      ['unknown or illegal', '550 Unknown or illegal user'],
      ['unknown address or alias', '550 Unknown address or alias'],
      ['unable to find alias', '550 Unable to find alias user'],
      ['was not found in ldap', '550 User was not found in LDAP server'],
      ['the address is invalid', '550 We are sorry but the address is invalid'],
      ['receiver not found', '550 Receiver not found: someone'],
      ['invalid final delivery userid', '550 Invalid final delivery userid: someone'],
      // German, French and Italian ISPs' "addressee unknown (or mailbox disabled)".
      ['adressat unbekannt', '550 Adressat unbekannt oder Mailbox deaktiviert'],
      ['destinataire inconnu', '550 Destinataire inconnu ou boite aux lettres desactivee'],
      ['destinatario sconosciuto', '550 Destinatario sconosciuto o mailbox disattivata'],
      // Italian and Polish ISPs.
      ['destinatario errato', '550 Destinatario errato'],
      ['destin. sconosciuto', '550 Destin. Sconosciuto'],
      ['indirizzo inesistente', '550 Indirizzo inesistente'],
      ['nie istnieje', '550 Konto nie istnieje'],
      ['nie ma takiego konta', '550 Nie ma takiego konta'],
      // More small servers' refusals, as the PHP and Ruby bounce handlers' rule lists record them (BounceMailHandler,
      // PHP-Bounce-Handler, bounce_email): Chinese ISPs' MTAs ("user path no exist"), vpopmail's local delivery
      // ("can't find user's mailbox"), Sendmail sites' address maps ("email address lookup in domain map failed"),
      // "Command RCPT User <a@b> not OK", cPanel's Exim callout ("The recipient cannot be verified"), a closed
      // account ("no longer exists", "does not have an account here") and Gmail's own code name.
      [/\b(?:user|path|mailbox|account) no exists?\b/, '450 user path no exist'],
      [/\bcan'?t find (?:the )?(?:user'?s? )?mailbox\b/, "550 Sorry, can't find user's mailbox. (#5.1.1)"],
      [/\baddress lookup in (?:the )?domain map failed\b/, '550 5.1.1 <a@example.org>... email address lookup in domain map failed'],
      [/\buser <?\S+?>? not ok\b/, '550 Command RCPT User <a@example.org> not OK'],
      ['recipient cannot be verified', '550 The recipient cannot be verified. Please check all recipients of this message'],
      [/\b(?:address|mailbox|account|user|recipient) no longer exists?\b/, '553 <a@example.org>... Recipient address no longer exists'],
      [/\bdoes(?: not|n't) have an account\b/, "550 I'm sorry but a@example.org does not have an account here"],
      [/\bnot a member of (?:this |the )?domain\b/, '550 User not a member of domain: <a@example.org>'],
      ['address_not_found', '550 ADDRESS_NOT_FOUND'],
      // CiviCRM's "Invalid" class: Lotus Domino's person document without a mail file, Exim's "missing or
      // malformed local part", RFC 5321's 553 "mailbox name not allowed", AOL's older "user's e-mail name is not
      // found", Exchange 2000's "unavailable to take delivery of the message" and other hosts' short forms.
      ['does not specify a valid notes mail file', '550 Recipient does not specify a valid Notes mail file'],
      [/\bmissing or malformed local[- ]part\b/, '550 Missing or malformed local part'],
      ['mailbox name not allowed', '553 Requested action not taken: mailbox name not allowed'],
      [/\be-?mail name is not found\b/, "550 The user's e-mail name is not found"],
      ['unavailable to take delivery of the message', '550 The recipient was unavailable to take delivery of the message'],
      [/\bunavailable mailbox\b|\bunrecogni[sz]ed recipient\b|\bunregistered (?:e-?mail )?address\b/, '550 Unrecognized recipient'],
      [/\bno e-?mail address registered\b|\bnot known at this site\b|\bnot found in (?:the )?directory\b/, '550 Not known at this site'],
      [/\bbadly formatted address\b/, '550 Badly formatted address'],
      // Mail-DeliveryStatus-BounceParser's generic user words: cable ISPs' "customer" (Comcast-style "Not a valid
      // customer"), "<a@b> is invalid", "address not known here", "E-mail not found", British "not recognised",
      // and the vpopmail sentence said of an account.
      [/\b(?:unknown|no such|not a valid|invalid) customer\b|\bcustomer (?:is )?(?:unknown|not found)\b/, '550 Not a valid customer'],
      [/@[^\s<>]+>? is invalid\b/, '550 <a@example.org> is invalid'],
      ['not known here', '550 Address a@example.org not known here'],
      [/\be-?mail (?:address )?not found\b/, '550 Email not found'],
      [/\b(?:address|recipient|user|mailbox|account)(?: is)? not recognised\b/, '550 Address not recognised'],
      [/\bno (?:account|user) here by that name\b/, '550 Sorry, no account here by that name'],
    ],
  },
];
