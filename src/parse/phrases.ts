// Diagnostic phrases per reason, as data. Each entry: a lower-case substring
// (or a RegExp on the lower-cased text) and a real-looking diagnostic that a
// test runs through the classifier. Order matters: the first reason whose
// phrase matches wins, so sender-side reasons come first — a text that names
// a blocklist or SPF must never quarantine the recipient.
import type { PhraseList } from './phrase-list.js';
import { LANGUAGE_SENDER_PHRASES } from './phrases-languages.js';

export type { Pattern, PhraseList } from './phrase-list.js';

/**
 * Wordings that beat even a precise status code (classify.ts, `decide`): a
 * provider that documents its own use of a code against RFC 3463 (Exchange
 * Online writes 5.4.1 and 5.1.10 for a recipient its directory lacks).
 */
const PROVIDER_OVERRIDES: readonly PhraseList[] = [
  {
    reason: 'userunknown',
    phrases: [
      // Exchange Online, Directory-Based Edge Blocking (Microsoft's NDR documentation for 5.4.1).
      ['recipient address rejected: access denied', '550 5.4.1 [a@example.org]: Recipient address rejected: Access denied'],
      // Exchange / Exchange Online directory lookup (Microsoft's NDR documentation for 5.1.10).
      ['recipientnotfound', '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'],
    ],
  },
  {
    reason: 'rejected',
    phrases: [
      // Exchange Online's edge, when no recipient of the envelope is accepted (5.4.1, as above).
      ['all recipient addresses rejected', '550 5.4.1 All recipient addresses rejected : Access denied'],
    ],
  },
];

/**
 * Compound phrases checked first among the broad vocabulary: texts in which a
 * generic word ("access denied", "relay", "policy") would mislead.
 */
export const COMPOUND_PHRASES: readonly PhraseList[] = [
  {
    reason: 'userunknown',
    phrases: [
      // The local system's own directory lookup: sure, whichever SMTP command it answered
      // (classify.ts never reads these as a filter). Lotus Domino / Notes (and their Japanese NDRs),
      // Exchange 5.5-2003's IMS, Courier's local delivery ("550 User <name> unknown", a bare local part).
      [/\buser <[^@<>\s]+> unknown\b/, '550 User <nosuchuser> unknown'],
      ['not listed in domino directory', 'User some.name (a@example.jp) not listed in Domino Directory'],
      ['not listed in public name & address book', 'User not listed in public Name & Address Book'],
      ['ディレクトリのリストにありません', 'ディレクトリのリストにありません'],
      ['ディレクトリには見つかりません', 'Neko (a@example.co.jp) は Domino ディレクトリには見つかりません。'],
      // Domino's German, French and Spanish routers (lotus.ts): its own directory, as in English.
      [/nicht im domino-verzeichnis/, 'Benutzer hiro (a@example.de) ist nicht im Domino-Verzeichnis aufgeführt'],
      ["non répertorié dans l'annuaire domino", "Utilisateur hiro (a@example.fr) non répertorié dans l'annuaire Domino"],
      ['no se encuentra en el directorio de domino', 'El usuario kit (kit@example.com) no se encuentra en el Directorio de Domino'],
      [
        'the recipient name is not recognized',
        'The recipient name is not recognized MSEXCH:IMS:EXAMPLE:NEKO 0 (000C05A6) Unknown Recipient',
      ],
      ['not present in directory', '550 5.1.1 Address not present in directory'],
      // Postfix's recipient tables (smtpd(8) and trivial-rewrite(8) for mail submitted on the host itself:
      // "User unknown in local recipient table", "... in virtual alias table", "... in virtual mailbox table",
      // "... in relay recipient table"): an address lookup, whichever step the notice names; not its
      // reject_unlisted_sender, which says "Sender address rejected:" first, nor a sender verification that
      // quotes the callout's answer about the sender (Exim's "Verification failed for <a@b> ... Response: 550
      // ... User unknown in virtual mailbox table ... Sender verify failed").
      [
        /^(?!.*\b(?:sender address rejected|sender verify failed|(?<!address )verification failed for)\b).*\buser unknown in (?:local recipient|virtual alias|virtual mailbox|relay recipient) table\b/,
        '<kit@example.net>: User unknown in virtual alias table',
      ],
      // Exchange 2000/2003's own NDR sentence for a recipient its directory (or the remote's 5.1.1) refused.
      [
        'e-mail account does not exist at the organization',
        'The e-mail account does not exist at the organization this message was sent to.',
      ],
      // Exim's routers on the local domain ("unknown local-part "x" in domain "y"", in its own notice, no SMTP step).
      ['unknown local-part', 'unknown local-part "ann" in domain "example.org"'],
      // Exchange 2007 and later write a fixed sentence for a recipient its directory (or the remote's X.1.1)
      // does not know, in the sender's language; Exchange Online's newer notice says "<name> wasn't found at
      // <domain>". Microsoft's NDR templates: English, German, French, Spanish, Italian, Dutch, Portuguese.
      [/\be-?mail address you entered (?:couldn't|could not) be found\b/, "The email address you entered couldn't be found."],
      [
        /\baddress was not found in the recipient's e-?mail system\b/,
        "The recipient's e-mail address was not found in the recipient's e-mail system.",
      ],
      [
        'recipient not found by smtp address lookup',
        '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup',
      ],
      [
        /\bwasn't found at [a-z0-9-]+(?:\.[a-z0-9-]+)+/,
        "Your message to a@example.org couldn't be delivered. a wasn't found at example.org.",
      ],
      [/\be-mail-adresse\b.{0,60}\bnicht gefunden\b/, 'Die eingegebene E-Mail-Adresse wurde nicht gefunden.'],
      [/\badresse de messagerie\b.{0,40}\best introuvable\b/, "L'adresse de messagerie que vous avez entrée est introuvable."],
      [/\bno se (?:encontró|pudo encontrar) la dirección de correo\b/, 'No se encontró la dirección de correo electrónico que escribió.'],
      [
        /\bimpossibile trovare l'indirizzo (?:di posta elettronica|e-?mail)\b/,
        "Impossibile trovare l'indirizzo di posta elettronica immesso.",
      ],
      [/\be-?mailadres\b.{0,40}\b(?:kan )?niet (?:worden )?gevonden\b/, 'Het e-mailadres dat u hebt ingevoerd, kan niet worden gevonden.'],
      [/\bendereço de e-?mail\b.{0,40}\bnão (?:foi|pôde ser) encontrado\b/, 'O endereço de email que você inseriu não foi encontrado.'],
      // The same sentence in Exchange's other templates (Portuguese's other word order, Polish, Russian,
      // Japanese, Chinese, Korean), and Exchange Online's "<name> wasn't found at <domain>" in German,
      // French, Spanish, Italian and Japanese. Written for the lower-cased text: no `\b` beside a letter
      // outside ASCII.
      [/não foi possível encontrar o endereço de e-?mail/, 'Não foi possível encontrar o endereço de email inserido.'],
      [/nie można znaleźć (?:wprowadzonego )?adresu e-?mail/, 'Nie można znaleźć wprowadzonego adresu e-mail.'],
      [/(?:введенный )?адрес электронной почты[^.]{0,30} не найден/, 'Введенный адрес электронной почты не найден.'],
      [/電子メール ?アドレスが見つかりませんでした/, '入力した電子メール アドレスが見つかりませんでした。'],
      [/找不到(?:你|您)(?:输入|輸入)的电子邮件地址|找不到(?:你|您)(?:输入|輸入)的電子郵件地址/, '找不到你输入的电子邮件地址。'],
      [/입력한 전자 ?메일 주소를 찾을 수 없습니다/, '입력한 전자 메일 주소를 찾을 수 없습니다.'],
      [/\bwurde bei [a-z0-9-]+(?:\.[a-z0-9-]+)+ nicht gefunden/, 'lena wurde bei example.org nicht gefunden.'],
      [/\best introuvable sur [a-z0-9-]+(?:\.[a-z0-9-]+)+/, 'lena est introuvable sur example.org.'],
      [/\bno se encontró a \S+ en [a-z0-9-]+(?:\.[a-z0-9-]+)+/, 'No se encontró a lena en example.org.'],
      [/\bnon è stat[oa] trovat[oa] (?:in|su|presso) [a-z0-9-]+(?:\.[a-z0-9-]+)+/, 'lena non è stato trovato in example.org.'],
      [/[a-z0-9-]+(?:\.[a-z0-9-]+)+ に \S+ が見つかりませんでした/, 'example.org に lena が見つかりませんでした。'],
      // Yahoo's inbound MX answers its directory lookup after DATA ("554 delivery error: dd ...", Yahoo's postmaster docs).
      [
        /delivery error: dd this user doesn't have an? [a-z0-9.-]+ account/,
        "554 delivery error: dd This user doesn't have a yahoo.com account (a@yahoo.com) [0] - mta1001.mail.ne1.yahoo.com",
      ],
      // Local delivery agents' own lookup of the user, in the line they write into the MTA's transcript or
      // notice (BSD mail.local, Courier maildrop, vpopmail's vdelivermail, vmailmgr's vdeliver, Dovecot LDA's
      // "Your message to <a@b> was automatically rejected:" + its error): no SMTP step, yet the agent that
      // owns the mailboxes answered (the reference parser's MDA table reads them so).
      [/\bmail\.local: (?:unknown user|user unknown|invalid mailbox path|user missing home directory)/, 'mail.local: unknown user: ann'],
      [/\bmaildrop: (?:invalid user specified|cannot find system user)/, 'maildrop: Invalid user specified.'],
      ['sorry, no mailbox here by that name', 'vdelivermail: Sorry, no mailbox here by that name. (#5.1.1)'],
      [
        /\bvdeliver: (?:invalid or unknown (?:base|virtual) user|user name does not refer to a virtual user)/,
        "vdeliver: Invalid or unknown virtual user 'ann'",
      ],
      [
        /\bautomatically rejected: mailbox doesn't exist\b/,
        "Your message to <a@example.org> was automatically rejected: Mailbox doesn't exist: INBOX",
      ],
    ],
  },
  {
    reason: 'rejected',
    phrases: [
      // Exchange's delivery restrictions (a recipient or list that accepts mail only from some senders):
      // "Delivery not authorized, message refused" is said of this sender, not of SMTP AUTH (below).
      ['delivery not authorized, message refused', '550 5.7.1 Delivery not authorized, message refused'],
      // The same restrictions in Exchange 2007+'s own sentences (a group or mailbox that takes mail only from
      // some senders).
      ['delivery to this address is restricted', "Your message can't be delivered because delivery to this address is restricted."],
      [
        /\bonly accepts messages from (?:people|senders|members)\b/,
        "The group Sales only accepts messages from people in its organization or on its allowed senders list, and your email address isn't on the list.",
      ],
      [/\b(?:don't|do not) have permission to send to this (?:recipient|group)\b/, "You don't have permission to send to this recipient."],
      // Exchange Online's 5.7.124 for the same restriction, with no Microsoft host to name the provider (a relay or
      // gateway in front): "Sender not in allowed-senders list" (Microsoft's NDR reference).
      [/\bnot (?:in|on) (?:the |its )?allowed[- ]senders? list\b/, '550 5.7.124 Sender not in allowed-senders list'],
      // Exchange's "delivery to this address is restricted" and "You don't have permission to send to this
      // recipient" in its German, French, Spanish, Italian and Portuguese templates.
      [
        /\bzustellung an diese adresse (?:ist )?eingeschränkt|\bremise à cette adresse est restreinte|\bentrega a esta dirección está restringida|\brecapito a questo indirizzo è (?:limitato|riservato)|\bentrega para este endereço é restrita/,
        'Ihre Nachricht kann nicht zugestellt werden, da die Zustellung an diese Adresse eingeschränkt ist.',
      ],
      [
        /\bnicht über die berechtigung,? nachrichten an diese[nr]? (?:empfänger|gruppe)|\bpas l'autorisation d'envoyer des messages à ce (?:destinataire|groupe)|\bno tiene permiso para enviar mensajes a este (?:destinatario|grupo)|\bautorizzazione per inviare messaggi a questo (?:destinatario|gruppo)|\bnão tem permissão para enviar mensagens (?:para|a) este (?:destinatário|grupo)/,
        "Vous n'avez pas l'autorisation d'envoyer des messages à ce destinataire.",
      ],
      // The same group restriction in Exchange's German, French, Spanish, Italian, Portuguese and Dutch templates.
      [
        /\bakzeptiert nur nachrichten von\b|\bn'accepte que les messages\b|\bsolo acepta mensajes de\b|\baccetta solo messaggi da\b|\bsó aceita mensagens de\b|\baccepteert alleen berichten van\b/,
        'Die Gruppe Vertrieb akzeptiert nur Nachrichten von Personen in ihrer Organisation oder auf ihrer Liste zulässiger Absender.',
      ],
      // The same said by a mailbox's access list: Cyrus lmtpd's "You do not have permission to post a message to
      // this mailbox" (a shared folder or list that takes posts only from some senders).
      [
        /\b(?:don't|do not) have permission to post\b/,
        '550-You do not have permission to post a message to this mailbox. 550 5.7.1 Permission denied',
      ],
      // Sender verification (Exim's verify = sender and header_sender, Debian's exim4-config): the sender's
      // address or the one its headers name could not be verified, whichever command the check answered.
      [/\bsender verif(?:y|ication)\b|\bverifiable sender\b|\bcould not verify \S+ header address\b/, '550 Sender verification failed'],
      // Exim's detailed answer to a failed sender callout opens "Verification failed for <sender>" before the
      // callout's own reply ("No Such User Here", "Unrouteable address"), which is said of the sender.
      // Not a gateway's "Address verification failed for <recipient>" (Sophos UTM's recipient callout).
      [/(?<!address )\bverification failed for <?\S+@/, '550-Verification failed for <a@example.org> 550-No Such User Here'],
    ],
  },
  {
    reason: 'securityerror',
    phrases: [
      // cPanel's Exim: "Please turn on SMTP Authentication in your mail client"; RFC 3463's X.7.1 text.
      ['smtp authentication', '550-Please turn on SMTP Authentication in your mail client.'],
      ['unauthenticated senders', '550 Unauthenticated senders not allowed'],
      ['delivery not authorized', '551 5.7.1 <a@example.net>: Recipient address rejected: Delivery not authorized'],
      // qmail's SMTP-AUTH patches (qmail-smtpd with auth): "sorry, you don't authenticate or the domain isn't in my list
      // of allowed rcpthosts" - an authentication failure before the rcpthosts refusal it mentions.
      [/\byou don'?t authenticate\b/, "553 sorry, you don't authenticate or the domain isn't in my list of allowed rcpthosts (#5.7.1)"],
      // Exchange / cPanel / Zimbra wordings of a submission that needs SMTP AUTH (RFC 4954 X.7.0 / X.7.8).
      [/\bauthentication is required\b(?! (?:for|to) relay)/, '550 You are not authorized to send mail, authentication is required'],
      ['authentication failure', '535 5.7.8 Authentication failure'],
      ['authentication turned on in your email client', '550 Please turn on authentication turned on in your email client'],
      // Amazon SES: the sending account is not signed up for the service (its documented error text).
      ['not subscribed to ses', '554 Account not subscribed to SES'],
    ],
  },
  {
    reason: 'norelaying',
    phrases: [
      // cPanel's Exim and MailEnable: relaying needs SMTP AUTH; after cPanel's own "turn on SMTP Authentication" (a security error).
      ['without authentication', '550 192.0.2.1 is not permitted to relay through this server without authentication.'],
      // Windows mail servers' relay check (SmarterMail-style wording): the recipient's domain is not local, so the
      // server asks for the login a relay needs ("Authentication is required for relay").
      [/\bauthentication (?:is )?required (?:for|to) relay(?:ing)?\b/, '550 Authentication is required for relay'],
      [
        'requires authentication when attempting to send to a non-local',
        '550 This mail server requires authentication when attempting to send to a non-local e-mail address',
      ],
    ],
  },
  {
    reason: 'contenterror',
    phrases: [
      // A header field the message repeats, named as such (Amazon SES's "Transaction failed: Duplicate
      // header 'DKIM-Signature'", amavisd's "Duplicate header field"): the message's form, as RFC 3463's X.6
      // media errors; before the RFC 5322 wordings of the sender-side list.
      ['duplicate header', "554 Transaction failed: Duplicate header 'DKIM-Signature'."],
    ],
  },
  {
    reason: 'filtered',
    phrases: [
      // The recipient's own list of refused senders, named as the user's ("You are registered as spammer (by
      // user's reject list)", Korean portals' answer): before "spammer" reads as a verdict on the content.
      [
        /\bby (?:the )?(?:recipient|user|addressee)(?:'s|s')? (?:own )?(?:reject|block|black|deny|spam) ?list\b/,
        "550 You are registered as spammer (by user's reject list)",
      ],
    ],
  },
  {
    reason: 'spamdetected',
    phrases: [
      // A content filter that held the message back ("Your message has been temporarily blocked by our filter"):
      // before "has been temporarily blocked" reads as a blocked sending host.
      [/\bblocked by (?:our|the) (?:spam |content )?filters?\b/, '451 Your message has been temporarily blocked by our filter'],
    ],
  },
  {
    reason: 'policyviolation',
    phrases: [
      // Gmail's documented 552-5.7.0 wording; Sendmail's and Gmail's "Header error" for a malformed header.
      ['content presents a potential', '552-5.7.0 This message was blocked because its content presents a potential security issue.'],
      // A phishing verdict on the content: Microsoft's (EOP / Defender), Proofpoint's and Google's filters refuse a
      // message "identified as phishing" / that "contains phishing links". Read as Gmail's documented verdict above
      // (the reference's GoogleApps.pm) and Yahoo's PH01 ("phishing, malware links", providers/yahoo.ts) are: a
      // content policy, not the 5.7.1 beside it.
      [
        /\b(?:contains?|containing|identified as|detected as|classified as|considered|suspected|marked as|rejected as|blocked as) (?:an? |some )?phish(?:ing)?\b|\bphishing (?:links?|urls?|content|attempt|message|e-?mail|detected|suspected)\b/,
        '550 5.7.1 Message rejected: contains phishing links',
      ],
      ['header error', '554 5.7.0 Header error'],
      [/content presents a potential|\bheader error\b/, '554 5.7.0 Header error (state 18).'],
      // The sender's own organization forbids automatic forwarding outside it (Exchange Online's 5.7.520, "Access
      // denied, Your organization does not allow external forwarding"; Microsoft's outbound spam policy): a rule
      // about the message, not the connecting host the "Access denied" would name.
      [
        /\b(?:does not|doesn't) allow (?:automatic |auto-?)?(?:external|outside) (?:e-?mail )?forwarding\b/,
        '550 5.7.520 Access denied, Your organization does not allow external forwarding.',
      ],
    ],
  },
  {
    reason: 'securityerror',
    phrases: [
      // The sending MTA's own TLS policy for the destination failed (RFC 8461 MTA-STS, RFC 7672 DANE): Stalwart's
      // "MTA-STS failed to authenticate 'example.org': ...", "DANE failed to authenticate 'mx': ...", Postfix's
      // "TLSA lookup error". Not the receiver's policy, though the words say "policy".
      [
        /\bmta-sts\b|\bdane\b.{0,30}\b(?:fail|authenticat|verif)|\btlsa (?:lookup|record)/,
        "(MTA-STS failed to authenticate 'example.org': Host 'mx.example.org' not authorized by policy)",
      ],
    ],
  },
  {
    reason: 'systemerror',
    phrases: [
      // amavisd-new's own reasons for a message it could not pass on (its "- ..." DSN texts), where "rejected"
      // or "unable to relay" would read as the remote's refusal; Domino's ambiguous directory match.
      ['temporary mta failure on relaying', '450 4.4.1 - temporary MTA failure on relaying'],
      ['rejected by next-hop mta on relaying', '554 5.4.0 - rejected by next-hop MTA on relaying'],
      ['unable to relay message back to mta', '451 4.5.0 - unable to relay message back to MTA'],
      // A content scanner that failed (amavisd-new's "virus_scan FAILED: virus scanner failure", a milter's
      // scanner error): the receiver's system, not a virus found.
      [
        /\b(?:virus|anti-?virus|av) ?scan(?:ner)?s? (?:failure|failed|error)\b|\bvirus_scan failed\b/,
        '451 4.5.0 Error in processing, id=12345-01, virus_scan FAILED: virus scanner failure',
      ],
      ['several matches found in domino directory', 'Several matches found in Domino Directory.'],
    ],
  },
  {
    reason: 'systemfull',
    phrases: [
      // qmail's and IMail's "mailbox unavailable (not enough free space)": the server's disk, not the mailbox.
      ['mailbox unavailable (not enough free space)', '452 Requested action not taken: mailbox unavailable (not enough free space)'],
      // procmail's and the system's ENOSPC ("No space left on device"): the host's disk is full.
      ['no space left to finish writing', 'procmail: No space left to finish writing "/var/mail/ann"'],
      ['no space left on device', 'cannot append message to file /var/mail/ann: No space left on device'],
    ],
  },
  {
    reason: 'networkerror',
    phrases: [
      // Lotus Notes and qmail: a routing loop in their own words (a hop count, an MX that is not in control/locals).
      ['maximum hop count', 'Message has exceeded maximum hop count'],
      [
        'listed as a best-preference mx',
        "Sorry. Although I'm listed as a best-preference MX or A for that host, it isn't in my control/locals file (#5.4.6)",
      ],
    ],
  },
  {
    reason: 'mailboxfull',
    phrases: [
      // A mailbox over its size: wordings in which "too many messages" (speeding), "size exceeds" (a message too
      // big) or "recipient rejected" would mislead. Sendmail's and Postfix local(8)'s mailbox file size limit, Yahoo's
      // and qmail-ldap's message-count quota, Zimbra's "would exceed maximum allowed storage".
      ['mail file size exceeds the maximum size', '552 5.2.2 Mail file size exceeds the maximum size allowed for mail delivery'],
      ['too many messages on the server', '552 User has too many messages on the server'],
      ['would exceed maximum allowed storage', '552 Recipient rejected: Mailbox would exceed maximum allowed storage'],
      // Tencent and NetEase: the mailbox's space is used up.
      ['space has been used up', "550 The user's space has been used up."],
      // Dovecot's quota error (MAIL_ERRSTR_NO_QUOTA, "Not enough disk space") in its rejection notice, and
      // vmailmgr's vdeliver: the user's quota, not the host's disk.
      [
        /\bautomatically rejected: not enough disk space\b/,
        'Your message to <a@example.org> was automatically rejected: Not enough disk space',
      ],
      ['delivery failed due to system quota violation', 'vdeliver: Delivery failed due to system quota violation'],
      [/\bdoes not have enough (?:disk )?space\b/, '552 The mailbox does not have enough space'],
      // Postfix local(8) writing the mailbox file past its size limit (EFBIG, which its mail_copy() reports as
      // 5.2.2): "error writing message: File too large" is the mailbox, not the message, too big.
      [
        'error writing message: file too large',
        'cannot append message to destination file /var/mail/ann: error writing message: File too large',
      ],
    ],
  },
  {
    reason: 'toomanyconn',
    phrases: [
      // Postfix's anvil limits and Tencent's documented "frequency limited": before "rate limit" reads as speeding.
      [
        /\bconnection (?:rate|frequency) limit|\bfrequency limited\b/,
        '550 Connection frequency limited. http://service.mail.qq.com/cgi-bin/help?id=20022',
      ],
      ['connection rate limit', '452 4.3.2 Connection rate limit exceeded.'],
      // A count within one connection (docs/reasons.md: "in this connection" is toomanyconn): Exim's
      // smtp_accept_max_per_connection "421 too many messages in this connection", before "too many messages".
      [
        /\btoo many (?:messages|mails?|recipients|rcpts?) (?:in|per|for) (?:this|one|a single|each|the) (?:connection|session)\b/,
        '421 too many messages in this connection',
      ],
      // The same limit as a maximum reached (qmail's chkuser "sorry, reached maximum number of recipients for one
      // session"), not RFC 5321's limit on one message's recipients.
      [
        /\bmax(?:imum)? number of (?:messages|mails?|recipients|rcpts?) (?:in|per|for) (?:this|one|a single|each|the) (?:connection|session)\b/,
        '571 sorry, reached maximum number of recipients for one session (#5.7.1 - chkuser)',
      ],
      // A limit on connections that names "mail server" before "exceeded the maximum" (Exchange Online's
      // documented 4.7.652): not a message-size wording.
      [
        /\bexceeded the max(?:imum)? number of (?:connections|sessions)\b/,
        '451 4.7.652 The mail server [192.0.2.1] has exceeded the maximum number of connections.',
      ],
    ],
  },
  {
    reason: 'networkerror',
    phrases: [
      // Postfix's DNS errors (dns_strerror), Exchange's "DNS query failed": the lookup failed, the host may exist.
      // One class: the resolver failed for now (Postfix's "Host not found, try again" and "Malformed or unexpected
      // name server reply", Exchange's "DNS query failed").
      // Older Postfix releases write "Malformed name server reply" without "or unexpected".
      [
        /host not found, try again|malformed (?:or unexpected )?name server reply|dns query failed/,
        'Name service error for name=example.org type=MX: Host not found, try again',
      ],
      [
        'malformed or unexpected name server reply',
        'Name service error for name=example.org type=MX: Malformed or unexpected name server reply',
      ],
      ['malformed name server reply', 'Name service error for name=example.org type=A: Malformed name server reply'],
      ['dns query failed', '550 5.4.312 Message expired, DNS query failed'],
      [/connect to .{0,120}(?:connection refused|connection timed out)/, 'connect to mx.example.org[192.0.2.1]:25: Connection refused'],
      // An MTA's own words for a TCP connection that the remote host refused (no SMTP server answered):
      // Sendmail's "Connection refused by host.", Courier's bare "Connection refused". A host name has a dot:
      // "550 Connection refused by policy" is a server's answer refusing the client (blocked, below).
      [/^(?:deferred: )?connection refused(?: by [a-z0-9-]+(?:\.[a-z0-9-]+)+\.?)?$/, 'Deferred: Connection refused by mx.example.org.'],
      // Stalwart's own words for a TCP connection that failed (its queue's DSN text, with Rust's I/O error):
      // "connection to 'mx.example.org' failed: Connection refused (os error 111)".
      [/\bconnection to '[^']+' failed\b|\(os error \d+\)/, "(connection to 'mx.example.org' failed: Connection refused (os error 111))"],
    ],
  },
  {
    reason: 'rejected',
    phrases: [
      // Sender ID (Exchange): the sender's PRA; Sendmail's check_mail "Domain of sender address ... does not exist".
      ['purported responsible address', "550 5.7.1 can't determine Purported Responsible Address"],
      ['domain of sender address', '553 5.1.8 <a@example.org>... Domain of sender address a@example.org does not exist'],
      // The sender's own account closed by its provider or refused by the receiver (Microsoft's documented 5.7.501-503
      // "The sending account has been banned", providers' "Your account has been suspended" to the SMTP client): the
      // recipient side's closed-account words, said of the sender.
      [
        /\b(?:sender(?:'s)?|sending|your)(?: e-?mail| sending| user)? account\b(?:[^.;:]|\.(?=\S)){0,30}?\b(?:disabled|suspended|deactivated|locked|banned|blocked|closed|terminated)\b/,
        '550 5.7.501 Access denied, spam abuse detected. The sending account has been banned due to detected spam activity.',
      ],
      // The same 5.7.501 in its short form, "Access denied, spam abuse detected" (Exchange Online's NDR reference:
      // the sending account banned for outbound spam; the reference's ExchangeOnline.pm reads it `rejected`): only
      // Microsoft writes it, and of the sender's account, not of the content. Its "Access denied, banned sender"
      // (5.7.502 / 5.7.503) is also 5.7.511's wording for a banned sending IP, so that one needs Microsoft's
      // status table (providers/microsoft.ts).
      ['access denied, spam abuse detected', '550 5.7.501 Access denied, spam abuse detected'],
      // RFC 7505 4.2 / X.7.27's registry text: the sender's domain publishes a null MX (not the recipient's).
      [/\bsender(?:'s)? (?:e-?mail )?(?:address|domain) has (?:a )?null ?mx\b/, '550 5.7.27 Sender address has null MX'],
      // The general shape, the mirror of the recipient side's (phrases-recipient.ts): the sender's address,
      // mailbox or domain, then "does not exist / not found / unknown / invalid" (Sendmail's check_mail, Postfix's
      // sender checks, qmail's chkuser "invalid sender address", sender verifications' own words). Said of the
      // sender, the dead-address words are no verdict on the recipient (docs/parser-generalisation.md, "Hard verdicts").
      [
        /\b(?:sender|sender's|envelope sender|envelope from)(?: e-?mail)? (?:address|mailbox|domain|account)\b(?:[^.;:]|\.(?=\S)){0,30}?\b(?:does ?n[o']?t exists?|not found|unknown|is invalid|not valid)\b/,
        "550 5.7.1 Message rejected: the sender's address does not exist",
      ],
      ['sender address rejected', '501 5.1.8 Sender address rejected'],
      // The envelope sender refused: Postfix's "Sender address rejected", Exim's "sender verify failed",
      // Sendmail's check_mail, qmail's badmailfrom, BATV / backscatter filters, null-sender refusals.
      ['sender rejected', '550 Sender rejected'],
      ['sender denied', '550 Sender denied'],
      ['sender verify failed', '550 Sender verify failed'],
      ['sender domain', '550 Sender domain must exist'],
      ['invalid sender', '550 Invalid sender'],
      [/\bbad sender\b(?! ip)/, '550 Bad sender address'],
      ['sender email address rejected', '550 Sender email address rejected'],
      ['sender is in my black list', '550 Sender is in my black list'],
      ['sender not pre-approved', '550 Sender not pre-approved'],
      ['not owned by user', '553 5.7.1 <a@example.org>: Sender address rejected: not owned by user b@example.org'],
      ['unroutable sender', '550 Unroutable sender address'],
      ['null sender', '550 Null sender is not allowed'],
      ['empty envelope sender', '550 Empty envelope senders not allowed'],
      ['batv', '550 5.7.1 BATV failed to verify'],
      ['backscatter', '550 Backscatter protection detected an invalid or expired email address'],
      ['bogus mail from', '553 Bogus mail from'],
      ['badmailfrom', '553 sorry, your envelope sender is in my badmailfrom list (#5.7.1)'],
      ['envelope sender', '553 sorry, your envelope sender has been denied (#5.7.1)'],
      ['returned mail not accepted', '550 Returned mail not accepted here'],
      ['administrative prohibition', '550 Administrative prohibition'],
      // More envelope-sender refusals: McAfee's BounceDeny and "fully qualified" checks, SpamWall's third-party DSN
      // refusal, IMail's empty-sender check, French ISPs' "emetteur invalide", mailing lists that take no posts
      // from this sender, and gateways that accept only registered senders.
      ['bouncedeny', '550 Denied [BounceDeny] Delivery to a@example.org refused'],
      ['fully qualified email address required', '553 Fully qualified email address required'],
      ['no third-party dsns', '550 Error: no third-party DSNs'],
      ['empty email address', '553 Syntax error: empty email address'],
      ['emetteur invalide', '550 5.1.0 Emetteur invalide'],
      ['not allowed to post to this', '550 You are not allowed to post to this mailing list'],
      ['not a registered gateway user', '550 a@example.org is not a registered gateway user'],
      [/\bfrom: domain is invalid\b/, '550 From: domain is invalid. Please provide a valid From:'],
      // The envelope sender's address on the receiver's blocklist (MessageLabs' "Your email address has been
      // blacklisted", access-map refusals' "Access denied (sender blacklisted)"): the address, not
      // the sending IP, so before the DNS-blocklist wordings of the sender side.
      [
        /\b(?:sender|sender address|e-?mail address|an address that) (?:has been |is )?blacklisted\b/,
        '553 Your email address has been blacklisted',
      ],
      // The same with the address written in (Debian's exim4-config: "sender envelope address a@b is locally
      // blacklisted here").
      [
        /\bsender (?:envelope )?address \S+ is (?:locally )?blacklisted\b/,
        '550 sender envelope address a@example.org is locally blacklisted here. If you think this is wrong, get in touch with postmaster',
      ],
      // Exchange's Sender Filter agent (its SenderFilterConfig list of blocked senders), Microsoft's per-user
      // blocked-senders verdict ("Envelope blocked - User Entry"), and filters that name the sender a spammer.
      ['senderfilterconfig', '550 5.7.1 Sender email address is on SenderFilterConfig list'],
      [/\benvelope blocked\b/, '550 5.7.1 Envelope blocked - User Entry - a@example.org'],
      [/\bsender is (?:a )?(?:known )?spammer\b/, '550 Sender is spammer'],
      // BATV checks (SonicWall's and others'): a bounce whose envelope recipient carries no valid tag is
      // backscatter for a message this domain never sent ("unsigned DSN", "BATV validation failure").
      ['unsigned dsn', '554 Transaction failed unsigned DSN for <a@example.org>'],
      // A server that refuses this envelope sender by its address ("This server does not accept mail from <a@b>").
      [/\bdoes not accept (?:e-?mail|mail|messages) from <?[^\s<>@]+@/, '550 This server does not accept mail from a@example.org'],
      // The same refusal said of the sender's domain ("does not accept mail from your domain / example.com").
      [
        /\b(?:does not|doesn't) accept (?:e-?mail|mail|messages) from (?:your |the sender'?s? |this )?domain\b/,
        '550 Our domain does not accept mail from your domain',
      ],
      // SendGrid's suppression of an address that reported this sender's mail as spam: the sending platform
      // refuses it for this sender (no receiver judged the content).
      ['spam reporting address', '550 5.0.0 Recipient address is a Spam Reporting Address'],
      // A submission service refusing a From address the account may not send as (it suggests another address or alias).
      ['from a different address or alias', '550 5.7.1 Please try sending this from a different address or alias using the Send As option'],
      // The sender's own organisation has not given the client "Send As" rights for this From address: Exchange
      // Server's and Exchange Online's documented "5.7.60 SMTP; Client does not have permissions to send as this
      // sender". Said of the sender, whatever step the reply came at.
      [
        /\b(?:does not|doesn't|do not|don't) have (?:the )?permissions? to send as\b/,
        '550 5.7.60 SMTP; Client does not have permissions to send as this sender',
      ],
    ],
  },
];

/** Content refused for a listed link: an override too, since a URI list is as precise as an IP list. */
const CONTENT_OVERRIDES: readonly PhraseList[] = [
  {
    // A link in the message on a URI blocklist (URIBL, SURBL; SpamAssassin's URIBL rules, Exim's
    // and IMail's wordings): the content, not the sending host, was refused.
    reason: 'spamdetected',
    phrases: [
      ['blacklisted url', '550-REJECTED - Blacklisted URL in message. (example.com) in [black].'],
      ['uribl', '550 Message contains a link listed in uribl.example.net'],
      ['surbl', '554 Message rejected: URL listed in multi.surbl.org'],
      // The same said of a link in the message without naming the list (SpamExperts / N-able Mail Assure
      // quoting spamrl.com, other hosted filters' "message contains a URL listed on ..."): before "listed on"
      // reads as the sending IP on a DNS blocklist.
      [
        /\b(?:url|link|uri|domain)s? in (?:this|the|your) (?:e-?mail|message)\b.{0,60}\blisted\b|\bcontains? an? (?:url|link|uri)s? (?:(?:that|which) (?:is )?)?listed\b/,
        '550 A URL in this email (example.com) is listed on https://spamrl.com/. Please resolve and retry',
      ],
    ],
  },
];

/**
 * Sender-side wordings that name a mechanism (SPF, DKIM, DMARC, a missing PTR,
 * a DNS blocklist, the sending IP's reputation): they beat a precise status
 * code, since a server that writes "5.1.1 ... listed at zen.spamhaus.org"
 * refused the sender, and a dead-address verdict would quarantine a good
 * recipient.
 */
const SENDER_OVERRIDES: readonly PhraseList[] = [
  {
    reason: 'authfailure',
    phrases: [
      ['spf check failed', '550 5.7.1 SPF check failed: sender not permitted'],
      [/\bspf\b.{0,40}(?:fail|reject|not (?:pass|authori|permitted))/, '550 5.7.23 Message rejected due to SPF policy: fail'],
      // The 2024 bulk-sender replies say "didn't pass" (Gmail's X.7.27 / X.7.30, quoted without Google's host):
      // the check named before it failed.
      [
        /\b(?:spf|dkim|dmarc) authentication (?:didn't|did not|doesn't|does not) pass\b/,
        "550-5.7.27 Your email has been blocked because SPF authentication didn't pass for this message.",
      ],
      [/(?:fail|reject|refus|violat)\w*.{0,30}\bspf\b/, '550 Rejected by SPF: 192.0.2.1 is not allowed to send mail for example.org'],
      // Sender ID (RFC 4406): SPF's check of the purported responsible address, refused in Exchange's Sender ID
      // agent's words ("Sender ID (PRA) Not Permitted") or a filter's ("Sender ID check failed").
      [/\bsender ?id\b(?: \(\w+\))?(?: check)? (?:not permitted|fail)/, '550 5.7.1 Sender ID (PRA) Not Permitted'],
      // Cisco Secure Email's (AsyncOS) default SPF reject text.
      [/\bspf unauthori[sz]ed\b/, '550 #5.7.1 SPF unauthorized mail is prohibited.'],
      [/\bdmarc\b/, '550 5.7.1 Email rejected per DMARC policy for example.org'],
      [/\bdkim\b.{0,40}(?:fail|invalid|required|not (?:pass|valid))/, '550 5.7.20 DKIM signature invalid or missing'],
      // DKIM's forerunner (RFC 4870, Yahoo's DomainKeys), as older filters name it ("does not pass DomainKeys").
      [
        /\bdomainkeys\b.{0,40}(?:fail|invalid|required|not (?:pass|valid))|(?:fail|not pass)\w*.{0,20}\bdomainkeys\b/,
        '550 5.7.1 Message does not pass DomainKeys verification',
      ],
      // The verb first ("does not pass DKIM authentication", "failed DKIM verification"); not a header named
      // DKIM-Signature ("Transaction failed: Duplicate header 'DKIM-Signature'" is the message's form).
      [
        /(?:\bnot pass|\bfail(?:s|ed)?(?: to pass)?)\s+(?:the\s+)?dkim\b(?!-)/,
        '550 5.7.30 This message does not pass DKIM authentication.',
      ],
      // OpenDKIM's replies when its On-BadSignature / On-NoSignature action is reject: no word of failure.
      [/\b(?:bad|no|missing|broken) dkim (?:signature|key)\b/, '550 5.7.0 bad DKIM signature data'],
      ['is not designated to send', '550 5.7.1 The sending IP 192.0.2.1 is not designated to send for example.org'],
      ['sender policy framework', '550 5.7.1 Message rejected by Sender Policy Framework'],
      // The SPF check itself could not finish (Debian's exim4-config "Temporary DNS error while checking SPF
      // record", pypolicyd-spf's "SPF Temporary Error" / "SPF Permanent Error"): still the sender's SPF.
      [
        /\bchecking (?:the |your )?spf\b|\bspf (?:temporary|permanent) error\b/,
        '451 Temporary DNS error while checking SPF record.  Try again later.',
      ],
      // libspf's and Mail::SPF's default explanation points at the SPF project's "why" page (spf.pobox.com,
      // later openspf.org / openspf.net); receivers quote it in the refusal.
      [/\b(?:spf\.pobox\.com|openspf\.(?:org|net))\/why\b/, '550 5.7.1 Please see http://spf.pobox.com/why.html?sender=a@example.org'],
      // SPF wordings without "fail": the sender's SPF record is bad, or says this IP is not allowed to send
      // (receivers quoting the SPF result: "SPF: 192.0.2.1 is not allowed to send mail", "... per its SPF record").
      [
        /\b(?:bad|invalid|broken|malformed) spf records?\b|\b(?:inspect|check|fix|correct) your spf\b/,
        '550 Please inspect your SPF settings',
      ],
      [
        /\bspf\b.{0,60}\bnot allowed to send\b|\bnot allowed to send\b.{0,60}\bspf\b/,
        "550 5.7.1 192.0.2.1 is not allowed to send from <example.org> per it's SPF Record",
      ],
      ['unauthenticated email', "550-5.7.26 Unauthenticated email from example.org is not accepted due to domain's DMARC policy"],
      [
        'not pass authentication checks',
        '550-5.7.26 This mail has been blocked because the sender is unauthenticated. It did not pass authentication checks',
      ],
      ['sender is unauthenticated', '550 5.7.26 This mail has been blocked because the sender is unauthenticated'],
      ['sender address fails authentication', '550 5.7.1 Sender address fails authentication'],
      [
        'does not have authentication information',
        '550-5.7.1 This message does not have authentication information or fails to pass authentication checks',
      ],
      ['fails to pass authentication', '550 5.7.1 Message fails to pass authentication checks (SPF or DKIM)'],
      // The sender's domain failed the receiver's sender authentication (gateways' anti-spoofing checks: "Spoofed
      // sender: sender authentication failed", "Sender domain failed authentication"); not SMTP AUTH's
      // "Authentication failed" (a security error).
      [
        /\bsender (?:domain )?authentication (?:failed|failure)\b|\b(?:sender|domain|message) (?:domain )?fail(?:ed|s) (?:sender )?authentication\b/,
        '550 5.7.1 Spoofed sender: sender authentication failed',
      ],
      // Outlook.com's 2025 requirements for high-volume senders (Microsoft's 5.7.515, "Access denied, sending
      // domain [X] does not meet the required authentication level"), quoted without Microsoft's host.
      [
        /\b(?:does not|doesn't|did not) meet the required authentication level\b/,
        '550 5.7.515 Access denied, sending domain [EXAMPLE.COM] does not meet the required authentication level.',
      ],
      // The From domain not aligned with SPF's or DKIM's (DMARC's alignment, RFC 7489 3.1; Gmail's X.7.32 wording).
      [
        /\b(?:isn't|is not|not) aligned with (?:either )?the authenticated (?:spf|dkim)\b/,
        "421-4.7.32 the From: header isn't aligned with either the authenticated SPF or DKIM organizational domain.",
      ],
      // The general shape, one class: the message or its sender failed the receiver's authentication checks.
      [
        /\bunauthenticated (?:email|mail)\b|\bsender is unauthenticated\b|\b(?:does not have|fails? to pass|did not pass|not pass) authentication (?:information|checks?)\b/,
        '550-5.7.26 This mail has been blocked because the sender is unauthenticated.',
      ],
    ],
  },
  {
    reason: 'requireptr',
    phrases: [
      ['no ptr record', '550 5.7.25 The IP address sending this message does not have a PTR record setup'],
      ['ptr record', '550 5.7.1 Client host rejected: cannot find your PTR record'],
      [/reverse (?:dns|lookup|hostname|address|name)/, '550 5.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.1]'],
      ['cannot find your hostname', '450 4.7.1 Client host rejected: cannot find your hostname, [192.0.2.1]'],
      ['cannot resolve your address', '550 5.7.1 cannot resolve your address 192.0.2.1'],
      ['no reverse dns', '550 No reverse DNS for 192.0.2.1'],
      ['rdns', '554 5.7.1 rDNS lookup failed for 192.0.2.1'],
      ['ip name lookup failed', '550 IP name lookup failed [192.0.2.1]'],
      // Sendmail's cf: the client's name does not resolve back to its IP ("Relaying denied. IP name possibly forged",
      // "Possibly forged hostname for"), or its IP has no name ("Client IP address ... does not resolve").
      [/\b(?:ip name|hostname) possibly forged\b|\bpossibly forged hostname\b/, '451 4.1.8 Possibly forged hostname for 192.0.2.1'],
      [/\bip address \[?\d{1,3}(?:\.\d{1,3}){3}\]? does not resolve\b/, '451 4.1.8 Client IP address 192.0.2.1 does not resolve'],
      ['does not resolve to your ip', '550 5.7.1 The hostname mail.example.org does not resolve to your IP address'],
      // The sending IP must have a name (CiviCRM's list: "Sender IP must resolve").
      [/\b(?:sender|sending|client|your) ip (?:address )?must resolve\b/, '550 Sender IP must resolve'],
      ['unresolvable relay host name', '554 5.7.1 unresolvable relay host name'],
      ['not have a valid hostname', '554 Your mail server does not have a valid hostname'],
      // United Internet's (GMX, web.de, 1&1) documented "Bad DNS PTR resource record".
      ['dns ptr', '554-mx.example.net (mxgmx001) Nemesis ESMTP Service not available 554 Bad DNS PTR resource record'],
      // DNS checks of the sending IP that a missing or mismatched PTR fails (Exim's and Courier's "service
      // permits N unverifyable sending IPs", Sendmail-based filters' "domain ... mismatches client IP").
      ['unverifyable sending ip', '450 Service permits 2 unverifyable sending IPs - example.org is not 192.0.2.1'],
      ['mismatches client ip', '550 Domain example.org mismatches client IP'],
      // Gmail's documented PTR rule names the forward check too ("the corresponding forward DNS entry does not
      // point to the sending IP"); a DNS lookup of the client's IP address itself is its reverse lookup.
      ['forward dns entry does not point', '550-5.7.25 The corresponding forward DNS entry does not point to the sending IP'],
      [/\bdns lookup fail\w*:? (?:for )?\[?\d{1,3}(?:\.\d{1,3}){3}\b/, '451 4.7.1 DNS lookup failure: 192.0.2.1 try again later'],
    ],
  },
  {
    reason: 'badreputation',
    phrases: [
      [
        'poor reputation',
        '421 4.7.0 [192.0.2.1] Our system has detected that this message is likely suspicious due to the very low reputation of the sending IP address',
      ],
      ['low reputation', '550 5.7.1 Message rejected due to low reputation of the sending domain'],
      ['bad reputation', '554 5.7.1 Rejected: bad reputation of the sending IP'],
      ['reputation of the sending', '421-4.7.0 The IP you are using has a low reputation; reputation of the sending domain is poor'],
      ['ip reputation', '550 5.7.1 Rejected by IP reputation check'],
      ['sender reputation', '554 Message refused by sender reputation check'],
      ['senderscore', '550 rejected by senderscore.org'],
      // Reputation services named by other words (Cloudmark's "bad IP profile", Mimecast's and Trend Micro's scores).
      ['reputation score', '550 Rejected due to a poor email reputation score'],
      ['reputation problem', '550 Rejected: IP/domain reputation problems'],
      ['bad ip profile', '554 Rejected: extreme bad IP profile'],
      // Cisco IronPort / Secure Email's SenderBase wording.
      [/\b(?:ip|sender|domain) address reputation\b/, '550 Rejected by IronPort: IP address reputation'],
      // A score the receiver keeps for the connecting host or sender ("reputation too low" from servers that learn
      // from past mail, Haraka's karma plugin naming the karma score): the sender's standing, not the message alone.
      [/\breputation (?:is )?too low\b|\bkarma\b/, '554 5.7.1 rejected: reputation too low'],
      ['user complaints', '421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user complaints'],
    ],
  },
  {
    reason: 'blocked',
    phrases: [
      ['spamhaus', '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org'],
      ['spamcop', '554 5.7.1 Rejected: 192.0.2.1 listed at bl.spamcop.net'],
      ['barracudacentral', '554 Service unavailable; Client host [192.0.2.1] blocked using b.barracudacentral.org'],
      // The general shape of a DNS blocklist refusal, one class: "blocked using <zone>", an "(RBL|DNSBL)" word,
      // or "listed in/at <a list>" (Postfix's reject_rbl_client, Exim's dnslists ACL, Sendmail's dnsbl feature).
      [
        /\bblocked using\b|\b(?:dns)?(?:bl|rbl)\b(?!\.)|\blisted (?:in|on|at|by)\b.{0,40}(?:bl\b|rbl|dnsbl|spam|block|black|sorbs|barracuda|abuse)/,
        '554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using dnsbl.example.net',
      ],
      [/\b(?:dns)?(?:bl|rbl)\b(?!\.)/, '550 Your IP is on our RBL'],
      // A blacklisted sender address (not its IP) is a refused sender: the rejected group of COMPOUND_PHRASES.
      // Nor a guess among causes: Gmail's older "The account or domain may not exist, they may be blacklisted,
      // or missing the proper dns entries" names no list.
      [
        /(?<!\b(?:sender|sender address|e-?mail address|an address that) (?:has been |is )?|\bsender (?:envelope )?address \S+ is (?:locally )?|\bmay be )blacklist/,
        '550 Rejected: your IP 192.0.2.1 is blacklisted',
      ],
      ['blocklist', '554 5.7.1 Your address is on a blocklist'],
      ['block list', '550 5.7.1 Your IP address is on a block list'],
      ['denylist', '550 Sender IP is on our denylist'],
      [/(?<!sender is in my )\bblack list/, '550 Your IP 192.0.2.1 is in a black list'],
      // Barracuda's per-recipient verdict list "(a@b:blocked)" and SpamCop-style "Blocked - see <url>".
      [/\(\S+@\S+:blocked\)/, '550 permanent failure for one or more recipients (a@example.org:blocked)'],
      [/\b(?:blocked|refused) - see https?:/, '554 Blocked - see https://www.spamcop.net/bl.shtml?192.0.2.1'],
      // Exchange Online's banned sending IPs (Microsoft's NDR reference, 5.7.606-649).
      ['banned sending ip', '550 5.7.606 Access denied, banned sending IP [192.0.2.1]'],
      ['listed as abusive', '554 Server IP 192.0.2.1 listed as abusive'],
      ['open proxy', '550 Rejecting open proxy 192.0.2.1'],
      [
        /\blisted (?:in|on|at|by)\b.{0,40}(?:bl\b|rbl|dnsbl|spam|block|black|sorbs|barracuda|abuse)/,
        '554 Rejected - 192.0.2.1 listed at dnsbl.example.net',
      ],
    ],
  },
];

/**
 * The sender's own limits, whatever mailbox or system code they come with: the sending account's quota is no
 * full mailbox, and a rate limit on the client no full system.
 */
const SENDER_LIMITS: PhraseList = {
  reason: 'speeding',
  phrases: [
    // Exchange's store driver refusing a message its own user submitted over the mailbox's sending quota
    // ("STOREDRV.Submission.Exception:SubmissionQuotaExceededException" with 5.2.0 / 5.2.2), and the same limit
    // in words ("Daily user sending quota exceeded", "sending quota exceeded").
    [
      /\bsubmission ?quota ?exceeded|\bsending quota (?:has been )?exceeded\b/,
      '554 5.2.0 STOREDRV.Submission.Exception:SubmissionQuotaExceededException; Failed to process message due to a permanent exception with message Cannot submit message',
    ],
    // A rate limit written with RFC 3463's "system congestion" code (newer servers' throttles: "452 4.4.5 Rate
    // limit exceeded, try again later"). A limit on connections is the toomanyconn class (COMPOUND_PHRASES).
    [/(?<!connection )\brate limit exceeded\b/, '452 4.4.5 Rate limit exceeded, try again later.'],
    // Gmail's own notice when the sending account is over its daily limit ("Gmail sending limits",
    // support.google.com/mail/answer/22839, which the notice links): the message was never sent to anyone.
    [/\breached a limit for sending mail\b/, 'You have reached a limit for sending mail. Your message was not sent.'],
  ],
};

/** Sender-side wordings of the broad vocabulary: below a precise status code. */
export const SENDER_BROAD: readonly PhraseList[] = [
  {
    reason: 'speeding',
    phrases: [
      ['rate limit', '421 4.7.0 Rate limit exceeded, slow down'],
      ['ratelimit', '450 4.7.1 ratelimited'],
      ['rate-limit', '451 rate-limited, slow down'],
      // Exim's ratelimit ACL condition: sites write its $sender_rate / $sender_rate_period into the refusal
      // ("Sender rate 120.0 / 1h", the form the Exim specification's ratelimit examples log and cPanel's
      // configuration uses); the sender's measured rate over the limit (docs/parser-generalisation.md, "Third capture set").
      [/\bsender rate [\d.]+ ?\/ ?\d*[smhdw]\b/, '451 4.7.1 Sender rate 120.0 / 1h over limit'],
      ['too many messages', '452 4.5.3 Too many messages from this sender, slow down'],
      // "Mails" as the Japanese carriers and ISPs write the same limit in English ("421 4.7.0 Too many mails").
      [/\btoo many (?:e-?)?mails\b(?! (?:on|in) (?:the |your )?(?:server|mailbox))/, '421 4.7.0 Too many mails, please try again later'],
      // A count of recipients or messages over a time (Cisco Secure Email's default rate limit "452 Too many
      // recipients received this hour", other gateways' "per minute"): speeding (docs/reasons.md), before
      // "too many recipients" reads as one message's limit.
      [
        /\btoo many (?:recipients|rcpts?|messages|e-?mails|mails?)\b(?:[^.;:]){0,40}?\b(?:this|per|an|each|in an?|in the last|last) (?:hour|minute|day|second)\b/,
        '452 Too many recipients received this hour',
      ],
      ['sending too fast', '421 You are sending too fast'],
      ['throttl', '421 4.7.28 Message throttled due to high volume'],
      ['unusual rate', '421-4.7.28 Our system has detected an unusual rate of unsolicited mail originating from your IP address'],
      ['too many emails', '550 Too many emails sent from this sender'],
      ['exceeded the rate', '450 You have exceeded the rate limit'],
      // Amazon SES and SendGrid throttling, Gmail's "receiving mail at a rate that prevents additional messages".
      ['maximum sending rate', '454 Throttling failure: Maximum sending rate exceeded'],
      ['daily message quota', '454 Throttling failure: Daily message quota exceeded'],
      [
        'receiving mail at a rate',
        '450-4.2.1 The user you are trying to contact is receiving mail at a rate that prevents additional messages from being delivered',
      ],
      // The recipient's own receiving limit over a time, Exchange Online's 4.2.122 / 5.2.122 ("Recipient's hourly
      // message receive limit exceeded", "... the number of messages they can receive per hour"): as Gmail's
      // receiving rate above, a rate to slow down for, not a full system (the bare 452 said so).
      [
        /\b(?:hourly |daily )?(?:message )?receiv(?:e|ing) limit\b|\bnumber of messages (?:they|the recipient) can receive\b/,
        "452 4.2.122 Recipient's hourly message receive limit exceeded",
      ],
      ['max emails per hour', '550 Domain has exceeded the max emails per hour allowed'],
      // A sending or message rate over the gateway's limit ("450 4.7.1 Sending rate exceeded").
      [/\b(?:sending|message|mail) rate (?:limit )?(?:exceeded|too high)\b/, '450 4.7.1 Sending rate exceeded'],
      // Postfix policy services' and access maps' rate limits: "Client host rejected: Please try again slower".
      [/\btry again slower\b/, '451 4.7.1 <mx.example.org[192.0.2.2]>: Client host rejected: Please try again slower'],
      // Postfix's own client rate limits (smtpd_client_message_rate_limit, ..._recipient_rate_limit, anvil(8)).
      [/\btoo (?:much mail|many recipients) from\b/, '450 4.7.1 Error: too much mail from 192.0.2.1'],
      // Courier's ratefilter: messages from one sending host over a time window.
      ['number of messages exceeded', '500 Number of messages exceeded administrative limit.'],
      // A rate or volume the receiver counts for this client over time, in other words: Exchange's "Message
      // submission rate for this client has exceeded the configured limit", Plesk's and hosting panels'
      // "Outgoing mail limit exceeded", cPanel's ratelimit ACL "The server has reached its limit for processing
      // requests from your host".
      [
        /\b(?:submission|sending) rate\b|\b(?:outgoing|outbound|sending) (?:e-?mail |mail |message )?limits? (?:has been |is )?(?:exceeded|reached)\b|\blimit for (?:processing )?requests from your\b/,
        '421 4.4.2 Message submission rate for this client has exceeded the configured limit',
      ],
    ],
  },
  {
    reason: 'norelaying',
    phrases: [
      ['not configured to relay', '501 5.7.1 This system is not configured to relay mail from <a@example.org> to <b@example.jp>'],
      ['relay access denied', '554 5.7.1 <a@example.org>: Relay access denied'],
      ['relaying denied', '550 5.7.1 Relaying denied'],
      ['relay denied', '550 Relay denied'],
      ['relay not permitted', '550 5.7.1 Relay not permitted'],
      ['not permitted to relay', '550 not permitted to relay'],
      ['unable to relay', '550 5.7.1 Unable to relay'],
      ['relaying not allowed', '550 Relaying not allowed'],
      ['we do not relay', '550 We do not relay'],
      // Older relay checks as the PHP bounce handlers' lists record them ("Unauthorized relay msg rejected",
      // "Local user only or Authentication mechanism").
      ['unauthorized relay', '500 Unauthorized relay msg rejected'],
      ['local user only', '550 Local user only or Authentication mechanism'],
      // Sendmail's "not local host example.org, not a gateway" and Lotus' "Relayed mail to x not allowed".
      ['not local host', '550 not local host example.org, not a gateway'],
      [/\brelayed mail to \S+ (?:is )?not allowed\b/, '550 Relayed mail to example.org not allowed'],
      ['no relaying', '554 No relaying allowed'],
      ['relay not allowed', '550 relay not allowed'],
      ['relaying mail to', '550 Relaying mail to example.org is not allowed'],
      ['as a relay', '550 We do not accept mail for other domains as a relay'],
      ['not an open relay', '550 This is not an open relay'],
      ["we don't handle mail for", "550 We don't handle mail for example.org"],
      ['not a gateway', '550 Not a gateway'],
      ['insecure mail relay', '550 Insecure mail relay'],
      ['not allowed to relay through', '550 You are not allowed to relay through this machine'],
      // The general shape, one class: relaying, then a refusal ("Relay access denied", "Relaying is not
      // permitted", "Relaying is disabled for unauthenticated clients": a submission server's or relay's switch, said
      // of relaying, not of a mailbox), or a refusal of relaying ("No relaying", "not configured to relay", "cannot relay").
      [
        /\brelay(?:ing)?\b(?:[^.;:]|\.(?=\S)){0,30}?\b(?:denied|not (?:permitted|allowed)|prohibited|refused|forbidden|disabled)|\b(?:no|not|unable to|cannot|can't|won't|not configured to|not (?:permitted|allowed|authori[sz]ed) to) relay(?:ing)?\b/,
        '550 5.7.1 Relaying to example.org is prohibited',
      ],
      [/\b(?:not|unable to|cannot|can't|won't) relay\b/, '550 We cannot relay for example.org'],
      // Gateways answering for a domain they do not filter ("Not authorized to relay", "This domain is not hosted
      // here"): the sender's MX data or route is wrong, the recipient is not judged.
      [/\bnot authori[sz]ed to relay\b/, '550 5.7.1 Not authorized to relay'],
      [/\bdomain (?:is )?not hosted (?:here|on this (?:server|system))\b/, '550 5.7.1 This domain is not hosted here'],
      [
        "isn't allowed to relay",
        "553 sorry, that domain isn't in my list of allowed rcpthosts; no valid cert for gatewaying (#5.7.1) isn't allowed to relay",
      ],
      // netqmail's rcpthosts refusal; some clones write the singular "rcpthost".
      ['in my list of allowed rcpthost', "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.7.1)"],
      // Amazon SES refuses to send for an identity (address or domain) the account has not verified.
      [
        'identities failed the check',
        '554 Message rejected: Email address is not verified. The following identities failed the check in region US-EAST-1: a@example.org',
      ],
      ['email address is not verified', '554 Message rejected: Email address is not verified.'],
      // Servers whose default refusal of a non-local recipient names no relay: hMailServer's "Delivery is not
      // allowed to this address." and Haraka's "I cannot deliver mail for <a@b>" (no rcpt_to plugin took the domain).
      [/\bdelivery is not allowed to this address\b|\bi cannot deliver mail for\b/, '550 Delivery is not allowed to this address.'],
    ],
  },
  {
    reason: 'blocked',
    phrases: [
      [/\bips?\b.{0,40}\b(?:blocked|banned|rejected|refused|not allowed)/, '550 5.7.1 Your IP 192.0.2.1 has been blocked'],
      // The refusal said before the address it names: Exchange Online's documented "5.7.708 Access denied, traffic not
      // accepted from this IP", providers' "Service suspended due to abuse from your IP 192.0.2.1".
      [
        /\b(?:not accepted|abuse|refused|blocked|rejected) from (?:this|your) ip\b/,
        '550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP',
      ],
      // A server's "does not accept mail from" said of the connecting host's address (the sender's address and
      // domain are the sender side's, above): not RFC 7504's domain that accepts no mail.
      [
        /\b(?:does not|doesn't) accept (?:e-?mail|mail|messages|connections) from (?:your (?:ip|host|server)\b|\[?\d+\.\d+\.\d+\.\d+)/,
        '554 5.7.1 This server does not accept mail from 192.0.2.1',
      ],
      // The connecting host refused for where it connects from: NetEase's "denyip" page, ISPs that want their
      // customers to use the ISP's relay ("Client host bypassing service provider's mail relay"), geo blocks.
      ['denyip', '554 Please visit http://antispam.example.net/denyip.php?IP=192.0.2.1 (#5.7.1)'],
      ['client host bypassing', "554 5.7.1 reject: Client host bypassing service provider's mail relay: mx.example.org"],
      ['access from your location', '550 Not allowed access from your location'],
      // The connecting host named a spam source, not the message judged spam (free.fr's "Too many spams from your
      // IP", qmail patches' "your remotehost looks suspiciously like spammer", blocklist lookups' "is currently sending
      // spam", "Dynamic/zombied/spam IPs blocked"): before the content wordings of the recipient's side.
      [
        /\b(?:currently|you are) sending spam\b|\bspams? from your (?:ip|host|server|network)\b|\bremote ?host looks (?:suspiciously )?like (?:a )?spammer\b/,
        '553 sorry, your remotehost looks suspiciously like spammer (#5.7.1)',
      ],
      // Yahoo's and others' refusal of an unconfirmed sending server ("your server requires confirmation").
      ['server requires confirmation', '553 Mail from 192.0.2.1 not allowed - your server requires confirmation'],
      [/(?:access|connection|service|relaying) (?:denied|refused|not allowed).{0,40}\d+\.\d+\.\d+\.\d+/, '554 Access denied for 192.0.2.1'],
      ['client host rejected', '554 5.7.1 Client host rejected: Access denied'],
      ['client host blocked', '550 Client host blocked'],
      // A server's answer refusing the connecting host, not a TCP connection that was refused (a socket
      // error: Exchange's "connection refused(Socket error code 10061)", Go's "connect: connection refused").
      // Rust's I/O error ("Connection refused (os error 111)", Stalwart's "connection to 'mx' failed: ...") is a socket's too,
      // and so is Exchange's "5.4.316 Message expired, connection refused" when its socket error is cut off.
      [
        /(?<!connect:? |expired, )\bconnection refused\b(?!\s*[([]?(?:socket error|message=socket|os error))/,
        '554 Connection refused from 192.0.2.1',
      ],
      ['connection rejected', '554 Connection rejected by policy'],
      ['your ip address', '550 Your IP address is not allowed to send mail here'],
      ['your network', '550 Mail from your network is not accepted'],
      ['dynamic ip', '550 Dynamic IP addresses are not accepted'],
      ['dial-up', '550 Dial-up or dynamic IP addresses are not accepted'],
      ['dynamic/residential', '554 Rejected: dynamic/residential IP range'],
      ['residential', '554 Rejected: residential IP range'],
      ['please use the smtp server of your isp', '550 5.7.0 <a@example.jp>... Please use the smtp server of your ISP.'],
      ['my name was rejected', 'Connected to 192.0.2.1 but my name was rejected.'],
      ['helo command rejected', '504 5.5.2 <localhost>: Helo command rejected: need fully-qualified hostname'],
      ['invalid helo', '550 Invalid HELO name'],
      ['bad helo', '550 Bad HELO'],
      // The HELO name's DNS check (Courier's "DNS lookup on HELO <name> failed", "HELO <name> does not exist").
      [
        /\blookup on helo\b|\bhelo (?:name |hostname |domain )?\S+ (?:does not (?:exist|resolve)|not found)\b/,
        '417 DNS lookup on HELO mail.example.org failed.  Try again later.',
      ],
      // A client dropped for the recipients it tried (Sendmail's BadRcptThrottle "Too many bad recipients; closing
      // connection", Debian's exim4-config "Rejected for too many bad recipients"): the connecting host's
      // behaviour, said of no one address — never a dead address.
      [
        /\btoo many (?:bad|invalid|unknown|failed|rejected) (?:recipients|rcpts?|addresses)\b/,
        '421 4.7.0 mx.example.org Too many bad recipients; closing connection',
      ],
      ['not allowed to send', '550 You are not allowed to send mail from this host'],
      // The client itself named as refused, no cause given (MDaemon's Dynamic Screening "you have been blocked",
      // a ban said the same way: "you are banned"), and qmail chkuser's answer to a client that tried too many
      // wrong recipients ("sorry, you are violating our security policies (#5.1.1 - chkuser)": its 5.1.1 is no
      // dead address).
      [
        /\byou (?:have been|are) (?:temporarily |permanently )?(?:blocked|banned)\b(?! by the recipient)|\bviolating our security polic/,
        '571 sorry, you are violating our security policies (#5.1.1 - chkuser)',
      ],
      // Apache James' DNSRBL handler, for a client on its lists that did not log in ("Rejected: unauthenticated
      // e-mail from 192.0.2.1 is restricted"): the sending host, not the SMTP AUTH a recipient requires.
      [
        /\bunauthenticated e-?mail from \S+ is restricted\b/,
        '530 5.7.1 Rejected: unauthenticated e-mail from 192.0.2.1 is restricted. Contact the postmaster for details.',
      ],
      ['banned sender', '550 Banned sender'],
      ['has been temporarily blocked', '421 4.7.0 Your IP has been temporarily blocked'],
      ['relay quota', "554 You've reached your daily relay quota - 192.0.2.1"],
      ['not accepting connections', '554 mx.example.org ESMTP not accepting connections'],
      ['sender ip', '550 Sender IP not permitted'],
      ['mail server of your isp', 'Please use the mail server of your ISP'],
      // Japanese ISPs' Outbound Port 25 Blocking answer, whichever server noun they write.
      [/\b(?:smtp|mail) server of your isp\b/, '550 5.7.0 <a@example.jp>... Please use the smtp server of your ISP.'],
      ['not accepting mail from', '550 We are not accepting mail from 192.0.2.1'],
      // Provider wordings for a refused sending host (Outlook.com, iCloud, AT&T, Earthlink; Spamhaus-style XBL refusals).
      [
        'not currently accepting mail from your ip',
        '550 5.7.1 Service unavailable, Client host [192.0.2.1] is not currently accepting mail from your IP',
      ],
      ['esmtp not accepting connections', '554 5.7.1 mx.example.org ESMTP not accepting connections'],
      [/\bnot accepting connections\b/, '554 mx.example.org ESMTP not accepting connections'],
      ['host network not allowed', '550 Host network not allowed'],
      ['hosts with dynamic ip', '550 Mail from hosts with dynamic IP addresses is not accepted'],
      ['access from ip address', '550 Access from IP address 192.0.2.1 blocked'],
      // The sending host named and refused; not a notice's own "This is the email server at mx.example.org".
      [
        /\bmail server at \S+ (?:is |was |has been )?(?:blocked|banned|blacklisted|listed|denied|rejected|refused)\b/,
        '550 The mail server at 192.0.2.1 is blocked',
      ],
      // The sending host refused in other words (Exchange's "to submit messages to this e-mail system has been
      // rejected", Yahoo's "server requires confirmation", mismatched HELO domain and IP, unverifiable senders).
      [
        'to submit messages to this e-mail system',
        '550 5.7.1 The IP address 192.0.2.1 to submit messages to this e-mail system has been rejected',
      ],
      ['not allowed to connect', '554 You are not allowed to connect'],
      ['no access from mail server', '554 No access from mail server 192.0.2.1'],
      ['forbidden by your ip', '554 Server access forbidden by your IP 192.0.2.1'],
      ['invalid ip for sending mail', '550 Invalid IP for sending mail of domain example.org'],
      ['too many unwanted messages', '550 Too many unwanted messages have been sent from the following IP address above'],
      [/\bfrom (?:ip )?\[?\d{1,3}(?:\.\d{1,3}){3}\]? (?:refused|rejected|blocked|denied)/, '550 Mail from 192.0.2.1 refused'],
      // The general shape: the sending host (its IP, server or network), then a refusal.
      [
        /\b(?:your|sending|client|connecting|remote) (?:ip|host|server|mta|network|address)\b(?:[^.;:]|\.(?=\S)){0,40}?\b(?:blocked|banned|denied|refused|rejected|not allowed|not permitted|blacklisted)/,
        '554 Your sending server has been denied access',
      ],
    ],
  },
  {
    reason: 'syntaxerror',
    phrases: [
      // Exim's address parser (parse.c) refusing an address it cannot read: the command's syntax, not the mailbox.
      ['angle-brackets nested too deep', 'angle-brackets nested too deep'],
      ['domain missing in source-routed address', 'domain missing in source-routed address'],
      ['expected word or "<"', 'a@example.org: expected word or "<"'],
      [/\bmalformed address: /, 'malformed address: <a@example.org may not follow a@example.org'],
      // The client spoke before its turn or broke the SMTP dialogue (Postfix's "Error: SMTP protocol synchronization",
      // Exim's "SMTP synchronization error", Courier's "your mail software violates RFC 821").
      [
        /\b(?:smtp )?(?:protocol )?synchronization error\b|\bsmtp protocol synchronization\b|\bviolates rfc ?(?:821|2821|5321)\b/,
        '554 5.5.0 Error: SMTP protocol synchronization',
      ],
      // The client broke the dialogue often enough to be dropped, or pipelined where it may not: Postfix's
      // "Error: too many errors" and "Error: I can break rules, too. Goodbye.", postscreen's "Protocol error"
      // (a pregreet, a bare newline or a non-SMTP command), Chasquid's "Too many errors, bye", Haraka's "Too many
      // bad commands". A count of bad recipients is the blocked class above.
      [
        /\btoo many (?:errors|bad commands|unrecognized commands|invalid commands)\b(?! from)|\bi can break rules, too\b|^protocol error\b|\bimproper (?:use of smtp )?command pipelining\b/,
        '421 4.7.0 mx.example.net Error: I can break rules, too. Goodbye.',
      ],
      // qmail-smtpd and others refusing a bare LF as the line end (CiviCRM's "Syntax" class).
      [
        /\b(?:non-?standard|bare) (?:smtp )?line terminator\b/,
        '451 See http://pobox.com/~djb/docs/smtplf.html: nonstandard SMTP line terminator',
      ],
    ],
  },
  {
    reason: 'notcompliantrfc',
    phrases: [
      ['rfc 5322', '550 5.7.1 This message is not RFC 5322 compliant'],
      ['rfc5322', '550 Message not rfc5322 compliant'],
      ['rfc 2822', '550 Message is not RFC 2822 compliant'],
      ['rfc2822', '554 Message does not conform to rfc2822'],
      ['not rfc compliant', '554 Message not RFC compliant'],
      ['multiple from', '550 5.7.1 Message contains multiple From headers'],
      ['multiple addresses in from', '550-5.7.1 Messages with multiple addresses in From: header are not accepted.'],
      // Gmail's refusal names its help page for the class ("p=RfcMessageNonCompliant"), whatever header broke.
      ['rfcmessagenoncompliant', '550-5.7.1 Please visit https://support.google.com/mail/?p=RfcMessageNonCompliant'],
      // The header's or a line's form against RFC 5322 without naming it (Exim's receive.c "A message header line is
      // too long", "Message header is ridiculously long", "Message header not CRLF terminated"; Debian's exim4-config
      // "maximum allowed line length is 998 octets" and "header syntax"): a 552 here is no full mailbox.
      [
        /\bheader (?:line )?(?:is )?(?:too|ridiculously) long\b|\bheader (?:line )?not crlf terminated\b|\b998 (?:octets|characters|bytes)\b|\bheader syntax\b/,
        '552 A message header line is too long',
      ],
      // A header RFC 5322 requires (From, Date) missing, by name: Haraka's data.headers ("Missing required header:
      // Date", "Header From is missing"), and filters that say "missing From header". amavisd's "BAD HEADER: missing
      // required header field" names none and stays its bad-header class (contenterror).
      [
        /\bmissing (?:required )?header:? (?:from|date)\b|\bheader (?:field )?(?:from|date)(?::)? (?:is )?missing\b|\bmissing (?:from|date) header\b/,
        '550 5.7.1 Missing required header: Date',
      ],
      // The general shape, one class: the header breaks RFC 5322 (a named RFC, several From addresses). A repeated
      // header field by name is a content error (COMPOUND_PHRASES).
      [
        /\brfc ?(?:5322|2822)\b|\bnot rfc compliant\b|\bmultiple (?:from|addresses in from)\b/,
        '550-5.7.1 Messages with multiple addresses in From: header are not accepted.',
      ],
    ],
  },
  // Other languages' words for the same sender-side causes (phrases-languages.ts).
  ...LANGUAGE_SENDER_PHRASES,
];

/** Every sender-side wording: a family reader asks whether a text is the sender's problem. */
export const SENDER_SIDE_PHRASES: readonly PhraseList[] = [...SENDER_OVERRIDES, SENDER_LIMITS, ...SENDER_BROAD];

/**
 * The envelope sender's own address on the recipient's (or the site's) block list, as filtering
 * gateways word it: Proofpoint Essentials' "Sender is on user denylist", Sophos' "Sender blocked by
 * recipient's blocklist", Trend Micro's "in recipient's blocked senders list", Cisco's "sender address
 * blocked by policy". The address was refused, not the sending host: before "blocklist" / "denylist"
 * read as a blocked IP (SENDER_OVERRIDES), as MessageLabs' "Your email address has been blacklisted".
 */
const SENDER_ADDRESS_OVERRIDES: readonly PhraseList[] = [
  {
    reason: 'rejected',
    phrases: [
      [
        /\bsender(?: e-?mail)?(?: address)?(?: <[^<>\s]*>)? (?:is )?(?:on|in) (?:the |a |your |our )?(?:(?:user|recipient|personal|organi[sz]ation)(?:'s)? )?(?:(?:blocked|denied|banned) senders?|block|deny|black)[ -]?list\b/,
        '550 5.7.1 Sender is on user denylist',
      ],
      [
        /\bsender(?: e-?mail)?(?: address)?(?: <[^<>\s]*>)? (?:is |has been )?(?:blocked|denied|banned) by (?:the )?(?:recipient|user|policy|administrator)\b/,
        "550 5.7.1 Sender blocked by recipient's blocklist",
      ],
    ],
  },
];

/**
 * qmail-smtpd's refusal of a domain it does not serve ("sorry, that domain isn't in my list of allowed
 * rcpthosts"): with the chkuser patch it carries "#5.5.3 - chkuser", which as a status would read as too
 * many recipients. The words name the relay refusal whatever code stands beside them (not the SMTP-AUTH
 * patch's "you don't authenticate or the domain isn't ...", an authentication failure).
 */
const RELAY_OVERRIDES: readonly PhraseList[] = [
  {
    reason: 'norelaying',
    phrases: [
      [
        /\bthat domain isn'?t in my list of allowed rcpthosts?\b/,
        "553 sorry, that domain isn't in my list of allowed rcpthosts (#5.5.3 - chkuser)",
      ],
    ],
  },
];

/**
 * A recipient check that never finished: Postfix's reject_unverified_recipient before its probe came back
 * (verify(8), on the gateways built on Postfix: SpamTitan, Libraesva, Hornetsecurity). Its 4.1.1 says
 * nothing of the address yet; as greylisting, a final failure means the queue ran out (expired).
 */
const UNFINISHED_CHECKS: readonly PhraseList[] = [
  {
    reason: 'expired',
    phrases: [
      [
        'address verification in progress',
        '450 4.1.1 <a@example.org>: Recipient address rejected: unverified address: Address verification in progress',
      ],
      // Exim's recipient callout that got no final answer (verify.c: no host reachable or a reply other than 2xx / 5xx,
      // "Could not complete recipient verify callout", DEFER): the same unfinished check, read alike whether an Exim
      // notice quotes the bare 451 or a Postfix DSN adds Status 4.0.0.
      ['could not complete recipient verify callout', '451 Could not complete recipient verify callout'],
    ],
  },
];

/** Checked before a precise status code: the provider's documented codes, then the sender-side mechanisms. */
export const OVERRIDE_PHRASES: readonly PhraseList[] = [
  ...PROVIDER_OVERRIDES,
  ...UNFINISHED_CHECKS,
  ...CONTENT_OVERRIDES,
  ...SENDER_ADDRESS_OVERRIDES,
  ...RELAY_OVERRIDES,
  ...SENDER_OVERRIDES,
  SENDER_LIMITS,
];
