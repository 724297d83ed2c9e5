// The broad vocabulary for the reasons that are not the sender's fault (see
// phrases.ts for the format and docs/parser-generalisation.md for the rules:
// general wordings only, each group naming the servers that write it, each
// entry with an example that test/unit/parse-phrases.test.ts classifies).
// Checked after the sender-side lists and below a precise status code; order
// matters within this file too (most specific first).
import type { PhraseList } from './phrase-list.js';
import { LEGACY_PHRASES } from './phrases-legacy.js';
import { LANGUAGE_RECIPIENT_PHRASES, LANGUAGE_WEAK_PHRASES } from './phrases-languages.js';

export const RECIPIENT_PHRASES: readonly PhraseList[] = [
  // Other languages' words first: no English wording below matches them, and some would misread them.
  ...LANGUAGE_RECIPIENT_PHRASES,
  {
    reason: 'spamdetected',
    phrases: [
      // Before the virus words: content filters whose verdict names both (amavisd-style gateways' "considered as
      // spam or virus", hosted filters' "possible spam/virus content") reject the message as unwanted mail.
      [/\bspam ?(?:or|\/) ?virus\b/, '550 5.7.1 Message considered as spam or virus, rejected'],
    ],
  },
  {
    reason: 'virusdetected',
    phrases: [
      // Content scanners in front of an MTA (ClamAV via amavisd, Exim's malware ACL, MessageLabs, Sophos).
      ['virus', '550 5.7.1 Message rejected: virus found (Eicar-Test-Signature)'],
      ['malware', '554 5.7.1 Malware detected in message'],
      ['infected', '554 The message was infected and rejected'],
      // Gateways' threat engines (Proofpoint TAP, Mimecast's Targeted Threat Protection, Barracuda ATP, Sophos
      // Sandstorm) name a harmful file or link, not a virus: "Message contains malicious content".
      [/\bmalicious (?:content|attachments?|files?|links?|urls?|code|payload)\b/, '554 5.7.1 Message contains malicious content'],
      // Gmail and Outlook.com: an executable attachment is refused as a likely virus carrier.
      ['potentially executable attachment', '552-5.7.0 This message was blocked because it has a potentially executable attachment'],
      ['used by recent viruses', '552-5.7.0 This form of attachment has been used by recent viruses or other malware'],
    ],
  },
  {
    reason: 'spamdetected',
    phrases: [
      // SpamAssassin-style filters (amavisd, cPanel Exim, MailMarshal, Barracuda, Proofpoint): the words "spam" and "bulk".
      ['spam', '550 5.7.1 Message rejected as spam by Content Filtering'],
      ['unsolicited', '554 5.7.1 Unsolicited bulk mail rejected'],
      // "Unsolicited commercial / bulk email" by its initials (Cisco's and SpamAssassin-style gateways' "UCE", "UBE").
      // Only the word itself: "ube" and "uce" are parts of names too (ube.yamaguchi.jp, ube-taro@...).
      [/(?<![\w.@-])u[cb]e(?![\w.@-])/, '554 5.7.1 Message identified as UCE'],
      ['junk mail', '550 Rejected: junk mail'],
      ['bulk mail', '550 Bulk mail rejected'],
      ['bulk email', '550 Message identified as bulk email'],
      ['score too high', '550 Message score too high'],
      // NetEase (163.com, 126.com): its anti-spam system ("AISP") refused the message's data.
      ['refused by aisp', '553 Mail data refused by AISP, rule [169648].'],
      // CiviCRM's "Spam" class in other words: a content judged hostile or questionable, "looks suspicious",
      // a "content control" gateway.
      [
        /\b(?:hostile|questionable) content\b|\b(?:message|mail) looks suspicious\b|\bcontent control\b/,
        '550 Message contains questionable content',
      ],
      // NetEase's and others' bare "Content reject" ("550 Content reject. <id>"), as "content rejected" above.
      [/\bcontent reject\b/, '550 Content reject. FAAAANsG60M9BmDT.1'],
      // A content filter's verdict that names no score or spam ("Your message has been rejected due to its
      // content", Stalwart's and others' wording).
      [
        /\b(?:rejected|refused|blocked) (?:due to|because of) (?:its|the message's|your message's) content\b/,
        '550 5.7.1 Your message has been rejected due to its content.',
      ],
      ['classified as', '550 5.7.1 Message classified as bulk'],
      // Content filters that only say the content was refused (Postfix header/body_checks' default text is "rejected").
      ['content filter', '550 5.7.1 Content filter rejection'],
      ['message content rejected', '554 Message content rejected'],
      ['unacceptable content', '550 Message rejected because of unacceptable content'],
      ['banned content', '554 5.7.0 Reject, id=12345 - BANNED content'],
      // Content filters naming their content (Postfix body_checks texts, FortiMail, Tencent's "mail content denied").
      ['content denied', '550 Mail content denied'],
      ['rejecting mail content', '554 Rejecting mail content'],
      ['bulk.advertising', '550 Reject bulk.advertising'],
      // Anti-spam engines named by their method or verdict: Cyren's (Commtouch) Recurrent Pattern Detection, which
      // many gateways embed; a filter that says the message was filtered; Orange's documented spam code OFR_506.
      ['recurrent pattern detection', '550 This message was rejected by Recurrent Pattern Detection System'],
      ['message filtered', '554 Message filtered. Refer to the Troubleshooting page at http://postmaster.example.com/'],
      [/\bofr_?506\b/, '550 5.7.1 Mail rejete. Mail rejected. OFR_506 [506]'],
    ],
  },
  {
    reason: 'policyviolation',
    phrases: [
      // amavisd-new's reply for a banned part (a file name or type its rules forbid): "Reject, id=... - BANNED: P=p003,...".
      [/\breject, id=\S+ - banned: /, '554 5.7.0 Reject, id=12345-01 - BANNED: P=p003,L=1,M=application/x-msdownload,T=exe'],
      // amavisd-new's CC_UNCHECKED: content it could not check (encrypted, over its limits), refused by the site's rule.
      [/\breject, id=\S+ - unchecked\b/, '554 5.7.0 Reject, id=12345-01 - UNCHECKED: encrypted'],
      // Site policies stated as such (Postfix access maps, Exim ACLs, Exchange transport rules, Google Groups).
      ['policy reasons', '554 Mail from a@example.net rejected for policy reasons.'],
      [/\b(?:policy|protocol) violation\b/, '550 5.7.1 Policy violation'],
      ['protocol violation', '550 Protocol violation'],
      ['violates our', '550 Message violates our email policy'],
      ['prohibited attachment', '552 Prohibited attachment type'],
      // A file type or extension the site's rules forbid, said of the file rather than the attachment.
      [
        /\bfile (?:type|extension)s? (?:(?:which|that) )?(?:is |are )?(?:not (?:permitted|allowed)|forbidden|prohibited|blocked)|\b(?:forbidden|prohibited|banned|disallowed) file (?:type|extension)/,
        '550 Your message has been rejected because it contains a file type which is not permitted',
      ],
      // Words or content the site's rules forbid (FortiMail's and other gateways' dictionary / banned-word profiles).
      [
        /\bcontains? (?:a |an |some )?(?:banned|prohibited|forbidden|disallowed|blocked) (?:words?|phrases?|terms?)\b/,
        '554 5.7.1 This message has been blocked because it contains a banned word',
      ],
      ['attachment', '554 5.7.1 Rejected: attachment not allowed'],
      // The same rule in MIMEDefang's default sample filter: "Bad filename" for a banned name or extension,
      // "MIME type message/partial not accepted here" for a banned type.
      [/\bbad file ?name\b|\bmime type \S+ not accepted\b/, '554 5.7.1 Bad filename'],
      ['not allowed by policy', '550 Recipient address not allowed by policy'],
      // Google Workspace: the recipient's or sender's domain has a policy against this message (Google's SMTP error reference).
      [
        'has a policy that prohibit',
        '550 5.7.1 The user or domain that you are sending to (or from) has a policy that prohibited the mail that you sent',
      ],
      ['due to local policy', '554 5.7.1 Rejected due to local policy'],
      ['local policy', '550 5.7.1 Rejected by local policy'],
      ['content policy', '550 Message rejected by content policy'],
      ['content restrictions', '550 5.7.1 Message rejected due to content restrictions'],
      ['by policy', '550 5.7.1 Message refused by policy'],
      ['denied by policy', '550 Denied by policy'],
      ['organization policy', '550 5.7.1 The message was rejected by organization policy'],
      // Exchange's transport (mail flow) rules when they reject or delete a message ("Message deleted by Transport
      // rule", "TRANSPORT.RULES.RejectMessage").
      [/\btransport rule|\btransport\.rules\b/, '550 5.7.1 Message deleted by Transport rule'],
      ['organizational settings', '550 5.7.1 Message bounced due to organizational settings'],
      // Exchange's NDR sentence for a transport rule of the recipient's domain ("The administrator of the
      // recipient's domain has prohibited the mail that you sent").
      ['prohibited the mail that you sent', "550 5.7.1 The administrator of the recipient's domain has prohibited the mail that you sent"],
      [
        /\bdoes not conform to (?:our|the site's|the) (?:e-?mail |mail |messaging )?polic/,
        '550 Message does not conform to our e-mail policy',
      ],
      // Mailing lists that take posts from members only (Mailman, Google Groups, Sympa).
      ['members-only', '550 5.7.1 Posting by non-member to a members-only list'],
      ['closed mailing list', '550 Closed mailing list'],
      ['not subscribed to this group', '550 5.7.1 The email address used to send your message is not subscribed to this group'],
      // Not "not a member of domain": a directory's unknown user (phrases-legacy.ts).
      [/\bnot a member\b(?! of (?:this |the )?domain\b)/, '550 You are not a member of this list'],
      // Outlook.com / Exchange transport rules and Google Groups' posting limits, stated as the site's policy.
      ['not accepting mail with', '550 5.7.1 The recipient is not accepting mail with attachments or embedded images'],
      ['due to security policies', '550 Email rejected due to security policies'],
      // cPanel's Exim ACL refuses mail whose headers show a bulk-mailing program: a site rule, not a spam score.
      ['mass mailer', "550 You're using a mass mailer"],
      ['message given low priority', '421 Message given low priority'],
      ['without solving a captcha', '550 You have exceeded the allowable number of posts without solving a captcha'],
    ],
  },
  {
    reason: 'securityerror',
    phrases: [
      // RFC 4954 / RFC 3207 wordings and their MTA renderings (Postfix, Exim, Exchange).
      ['authentication required', '530 5.7.0 Authentication required'],
      ['must issue a starttls', '530 5.7.0 Must issue a STARTTLS command first'],
      ['tls required', '530 5.7.0 TLS required'],
      ['encryption required', '530 5.7.11 Encryption required'],
      // TLS required in other words: gateways' "TLS/SSLv3 connection required" (MessageLabs), "TLS connection
      // required", "requires TLS", "must use STARTTLS", "This route requires encryption" (enforced-TLS policies
      // of Proofpoint, Mimecast, Cisco).
      [
        /\b(?:start)?tls\b(?:[^.;:()]){0,30}?\b(?:is )?required\b|\brequires? (?:a |an )?(?:start)?tls\b|\bmust use (?:start)?tls\b|\brequires? (?:tls |ssl )?encryption\b/,
        '550 TLS/SSLv3 connection required (#5.7.1)',
      ],
      // Exchange Online's outbound TLS requirement (Microsoft's NDR reference, 4.7.321 / 5.7.321).
      ['must support tls', '550 5.7.321 starttls-not-supported: Destination mail server must support TLS to receive mail'],
      ['certificate', '454 4.7.0 TLS certificate verification failed'],
      ['authentication failed', '535 5.7.8 Authentication failed'],
      ['authentication credentials invalid', '535 5.7.8 Error: authentication credentials invalid'],
      ['must be authenticated', '530 5.7.1 Client was not authenticated'],
      ['not authenticated', '530 5.7.1 Client was not authenticated'],
      ['sender address spoofing', '550 Sender address spoofing detected'],
      // Attachment-security rules that refuse executables packed inside archives (a security measure, not a scan hit).
      ['executable files are not allowed', '552 5.7.0 Executable files are not allowed in compressed files'],
      // Amazon SES: the sending identity lacks permission (its documented error texts).
      ['not authorized to perform ses', '554 User arn:aws:iam::1:user/x is not authorized to perform ses:SendRawEmail on resource'],
    ],
  },
  {
    reason: 'exceedlimit',
    phrases: [
      // RFC 3463 X.2.3 "message length exceeds administrative limit" and X.5.3 "too many recipients", as servers write them.
      ['exceeds fixed maximum message size', '552 5.2.3 Message size exceeds fixed maximum message size (10485760)'],
      ['too many recipients', '452 4.5.3 Too many recipients'],
      ['exceeds limit', '552 5.2.3 Message exceeds limit'],
      ['recipient limit', '452 Recipient limit reached'],
      ['message length exceeds administrative limit', '552 5.2.3 Message length exceeds administrative limit'],
      // The same with the sizes in the sentence (Courier's "523 Message length (N bytes) exceeds administrative limit(M bytes)").
      [
        /\bmessage length \(\d+ bytes\) exceeds administrative limit\b/,
        '523 Message length (2000000 bytes) exceeds administrative limit(1000000 bytes).',
      ],
      ['header size exceeds', '552 5.3.4 Message header size exceeds limit'],
    ],
  },
  {
    reason: 'mesgtoobig',
    phrases: [
      // RFC 3463 X.3.4 "message too big for system"; Postfix's "message size exceeds fixed limit", Sendmail's
      // "Message is too large", Exim's "message too big", Exchange's "exceeded maximum inbound message size".
      ['message too large', '552 5.3.4 Message too large'],
      ['mail size limit', 'Mail size limit exceeded. For explanation visit http://postmaster.example.com/en/error-messages'],
      // NetEase's and Coremail's "exceeded mailsize limit" (NetEase's bounce-code page for senders).
      ['mailsize limit', '552 Requested mail action aborted: exceeded mailsize limit'],
      ['message size limit', '552 Message size limit exceeded'],
      ['message too big', '552 5.3.4 Message too big for system'],
      ['message size exceeds', '552 5.3.4 Message size exceeds the maximum permitted'],
      ['size exceeds', '552 Message size exceeds 10 MB'],
      ['exceeds size limit', '552 5.2.3 Message exceeds size limit'],
      ['too large', '552 Message is too large'],
      ['maximum message size', '552 5.3.4 Exceeded maximum message size'],
      ['message exceeded', '552 Message exceeded maximum allowed size'],
      ['message file too big', '552 Message file too big'],
      ['max message size exceeded', '552 Max message size exceeded'],
      ['maximum inbound message size', '552 5.3.4 Exceeded maximum inbound message size'],
      ['taille limite', '552 Taille limite du message atteinte'],
      // Exchange 2000/2003's 5.2.2 / 5.3.4 text when it names the size only; "... or the recipient's mailbox is
      // full" names both and stays the full mailbox its status says.
      [/\blarger than the current system limit\b(?! or the recipient)/, '552 5.3.4 This message is larger than the current system limit'],
      // The general shape: the message (or its size), then "too big / too large / exceeds ... limit".
      [
        /\b(?:message|mail|e-?mail|size)\b(?:[^.;:]|\.(?=\S)){0,30}?\b(?:too (?:big|large)|exceed(?:s|ed)? (?:the )?(?:maximum|max|allowed|size|limit)(?! (?:mailbox|quota|storage|disk)\b))/,
        '552 Your e-mail exceeds the allowed size',
      ],
      [/\b(?:message|mail|e-?mail) (?:size|length) limit (?:exceeded|reached)/, '552 Mail size limit exceeded'],
      // The size itself "exceeded" (Mimecast's "554 Maximum email size exceeded", other gateways' "Message size exceeded").
      [/\b(?:maximum |max )?(?:message|mail|e-?mail) size exceeded\b/, '554 Maximum email size exceeded'],
      // The message compared with what the server takes: "Your e-mail message is larger than the destination mail
      // system is able to accept" (BellSouth's net 006), "message is bigger than the maximum allowed".
      [
        /\b(?:message|mail|e-?mail) is (?:larger|bigger) than (?:the )?(?:destination|maximum|max|allowed|permitted|limit|server)/,
        '552 Your e-mail message is larger than the destination mail system is able to accept',
      ],
      // A bare "size limit" ("Size limit exceeded", "exceeds the size limit", as gateways and hosted filters write it):
      // the message's, unless a mailbox, folder, quota, disk or (SmarterMail) domain is named before it (those are a
      // full mailbox).
      [/(?<!mail ?box |mailbox's |folder |quota |disk |storage |account |domain )\bsize limit\b/, '552 5.0.0 Size limit exceeded'],
    ],
  },
  {
    reason: 'hasmoved',
    phrases: [
      // RFC 5321's 551 "user not local; please try <forward-path>" and X.1.6 wordings.
      // Said of a person, a mailbox or an address; not "this mail server / service has moved" (a site's move).
      [
        /\b(?:recipient|user|mail ?box|account|person|addressee|employee|member|(?<!ip )address)\b(?:[^.;:]|\.(?=\S)){0,30}?\bhas moved\b|@\S+ has moved\b/,
        '550 5.1.6 Recipient has moved to b@example.net',
      ],
      ['no longer with', '550 5.1.6 This person is no longer with the company'],
      ['changed email address', '550 User changed email address'],
      ['address changed', '551 User address changed, try b@example.net'],
      ['has been replaced by', '550 5.1.6 a@example.org has been replaced by b@example.org'],
      ['user not local', '551 User not local; please try <b@example.net>'],
    ],
  },
  {
    reason: 'suspend',
    phrases: [
      // RFC 3463 X.2.1 "mailbox disabled" as providers write it (Gmail, Yahoo, Outlook.com, Dovecot, vpopmail).
      ['account disabled', '550 5.2.1 Account disabled'],
      ['account has been disabled', '550-5.2.1 The email account that you tried to reach is disabled'],
      // Said of an account, a mailbox or an address; not of a mechanism ("Relaying is disabled", "Plain-text
      // authentication is disabled"), which is no closed account.
      [
        /\b(?:account|mail ?box|inbox|user|recipient|addressee|(?<!ip )address)\b(?:[^.;:]|\.(?=\S)){0,40}?\bis disabled\b|@\S+ is disabled\b/,
        '550 5.2.1 The email account that you tried to reach is disabled.',
      ],
      ['mailbox disabled', '550 5.2.1 Mailbox disabled, not accepting messages'],
      [
        /\b(?:account|mail ?box|inbox|user|recipient|addressee|(?<!ip )address)\b(?:[^.;:]|\.(?=\S)){0,40}?\bis inactive\b|@\S+ is inactive\b/,
        '550-5.2.1 The email account that you tried to reach is inactive.',
      ],
      ['p=disableduser', '550 5.2.1 https://support.google.com/mail/?p=DisabledUser'],
      ['account is inactive', '550 5.2.1 This account is inactive'],
      ['mailbox inactive', '550 5.2.1 Mailbox inactive'],
      ['has been frozen', '550 Account has been frozen'],
      ['account expired', '550 Account expired'],
      ['temporarily locked', '550 Account temporarily locked'],
      ['mailbox currently suspended', '550 5.2.1 Mailbox currently suspended'],
      ['discontinued', '550 This account has been disabled or discontinued'],
      ['temporarily inactive', '550 Recipient rejected: temporarily inactive'],
      ['archived', '550 Recipient mailbox archived'],
      // French ISPs' "archivee" (an archived mailbox), Chinese ISPs' "recipient suspend the service".
      ['archivee', '550 Boite du destinataire archivee'],
      ['suspend the service', '550 Recipient suspend the service'],
      ['temporary locked', '550 Account temporary locked'],
      // The general shape: an account noun, then a state that is not "unknown" (disabled, closed, on hold by its owner).
      // The bare states ("suspended", "deactivated", "is locked", "is frozen", "not active") were literals once: said of
      // a service, an IP or the sender's account they close no mailbox (docs/parser-generalisation.md, "Hard verdicts");
      // the sender's own account is the sender side's (phrases.ts).
      [
        /\b(?:account|mail ?box|inbox|user|recipient|(?<!ip )address)\b(?:[^.;:]|\.(?=\S)){0,30}?\b(?:disabled|suspended|inactive|deactivated|closed|terminated|locked|frozen|not active)\b/,
        '550 5.2.1 This mailbox has been closed',
      ],
      ['mailbox not active', '550 Mailbox not active'],
      ['mailbox is frozen', '550 Mailbox is frozen. See http://mail.example.ua/err/3/'],
      // The same state written before the noun ("Inactive account", "Deactivated mailbox", "disabled user").
      [/\b(?:inactive|disabled|suspended|deactivated|frozen|locked) (?:e-?mail )?(?:account|mailbox|user)\b/, '550 Inactive account'],
    ],
  },
  {
    reason: 'mailboxfull',
    phrases: [
      // RFC 3463 X.2.2 / RFC 5321 552 "exceeded storage allocation"; Dovecot's and Cyrus's "quota exceeded",
      // qmail's "over the allowed quota", Exim's "mailbox is full", Exchange's "mailbox is full", Gmail's "over quota".
      ['mailbox full', '552 5.2.2 Mailbox full'],
      ['mailbox is full', '452 4.2.2 The email account that you tried to reach is over quota (mailbox is full)'],
      ['over quota', '552 5.2.2 User over quota'],
      // The mailbox's storage said full (BounceMailHandler's list: "552 recipient storage full, try again later").
      [/\b(?:recipient|user|mailbox)(?:'s)? storage (?:is )?full\b/, '552 recipient storage full, try again later'],
      ['overquota', '552 overquota'],
      ['quota exceeded', '552 5.2.2 Quota exceeded'],
      ['exceeded storage', '552 Requested mail action aborted: exceeded storage allocation'],
      ['exceed quota', '552 Would exceed quota'],
      ['exceeds quota', '552 Message would exceed quota'],
      ['exceeded its quota', '552 Mailbox has exceeded its quota'],
      ['exceeding their quota', '552 Account is exceeding their quota'],
      ['over the allowed quota', 'The users mailfolder is over the allowed quota (size). (#5.2.2)'],
      ['disk quota', '552 Disk quota exceeded'],
      ['disc quota', '552 Disc quota exceeded'],
      ['mailbox size limit', '552 Mailbox size limit exceeded'],
      ['insufficient storage', '452 Insufficient storage'],
      ['not enough space', '452 Not enough space in mailbox'],
      ['enough storage space', '452 Not enough storage space in the mailbox'],
      ['out of storage', '552 Out of storage space'],
      ['quota', '552 5.2.2 Quota limit reached'],
      ['mailbox exceeded', '552 Mailbox exceeded'],
      // Not "too much mail from <client>": Postfix's message rate limit (anvil), the sender's volume.
      [/\btoo much mail(?! from\b)/, '452 Too much mail in the mailbox'],
      ['storage limit', '552 Storage limit reached'],
      ['disk space limit', '552 The recipient mailbox has exceeded its disk space limit'],
      ['mailfolder is full', "The e-mail message could not be delivered because the user's mailfolder is full."],
      ['exceeds allowed size', 'User mailbox exceeds allowed size: a@example.co.jp'],
      ['full mailbox', '552 Recipient has a full mailbox'],
      ['mailbox has exceeded', '552 Mailbox has exceeded the maximum size'],
      ['boite du destinataire pleine', '552 Boite du destinataire pleine'],
      ['postfach voll', '552 Postfach voll'],
      ['casella piena', '552 Casella piena'],
      // Exchange 2007+'s sentence for a full mailbox in the sender's language (German, French, Spanish,
      // Italian, Dutch, Portuguese); the English one is read by the general shape below.
      ['postfach des empfängers ist voll', 'Das Postfach des Empfängers ist voll und kann zurzeit keine Nachrichten annehmen.'],
      [
        'boîte aux lettres du destinataire est pleine',
        'La boîte aux lettres du destinataire est pleine et ne peut pas accepter de messages.',
      ],
      ['buzón del destinatario está lleno', 'El buzón del destinatario está lleno y no puede aceptar mensajes ahora.'],
      ['cassetta postale del destinatario è piena', 'La cassetta postale del destinatario è piena e non può accettare messaggi.'],
      ['postvak van de ontvanger is vol', 'Het postvak van de ontvanger is vol en kan momenteel geen berichten accepteren.'],
      ['caixa de correio do destinatário está cheia', 'A caixa de correio do destinatário está cheia e não pode aceitar mensagens agora.'],
      // The general shape: a mailbox noun, then "full" ("Mailbox is full", "user's inbox is full").
      [
        /\b(?:mail ?box|inbox|mail ?folder|mail ?drop|maildir)\b(?:[^.;:]|\.(?=\S)){0,20}?\bfull\b/,
        "452 4.2.2 The recipient's inbox is full",
      ],
    ],
  },
  {
    reason: 'notaccept',
    phrases: [
      // RFC 7505 null MX and RFC 7504's 521/556 wordings (Postfix, Exim, iCloud, Sendmail's "host does not accept mail").
      // One class: the domain publishes that it takes no mail (RFC 7505's null MX, RFC 7504), or has no MX at all.
      // Not "does not accept mail from <an IP, a domain, a sender>" nor "... for <a domain>": a server's refusal
      // of the sender or of a relay, said in the same words (docs/parser-generalisation.md, "Hard verdicts").
      [
        /does not accept mail(?! (?:from|for)\b)|\bnull ?mx\b|accepts no mail(?! (?:from|for)\b)|no mx record found|indicated no smtp service/,
        '556 5.1.10 Domain example.org does not accept mail (null MX)',
      ],
      ['null mx', '556 Null MX'],
      ['nullmx', '556 5.1.10 Domain does not accept mail (nullMX)'],
      ['accepts no mail', '550 Domain accepts no mail'],
      ['no mx record found', 'No mx record found for domain=example.org'],
      ['indicated no smtp service', 'an MX or SRV record indicated no SMTP service'],
      // RFC 3463 X.3.2's own text, which Exchange writes with 4.3.2 / 5.3.2.
      ['not accepting network messages', '421 4.3.2 System not accepting network messages'],
    ],
  },
  {
    reason: 'hostunknown',
    phrases: [
      // The domain does not resolve: Postfix's "Host or domain name not found", Sendmail's "Host unknown",
      // Exim's "Unrouteable mail domain", qmail's "Sorry, I couldn't find any host named", OpenSMTPD's "Domain not found".
      [/\bhost unknown\b|\bunknown host\b/, '550 Host unknown'],
      ['unknown host', 'Unknown host example.invalid'],
      ['host not found', 'Host or domain name not found. Name service error for name=example.invalid type=A: Host not found'],
      ['domain not found', '550 5.1.2 Domain not found'],
      ['name service error', 'Name service error for name=example.invalid type=MX: Host not found'],
      ['name or service not known', 'connect to example.invalid: Name or service not known'],
      ['no mx', 'No MX or A record for example.invalid'],
      ['unrouteable mail domain', '550 Unrouteable mail domain'],
      ['all relevant mx records point to non-existent hosts', 'all relevant MX records point to non-existent hosts'],
      ['domain does not exist', '550 Domain does not exist'],
      ['nxdomain', 'DNS lookup returned NXDOMAIN'],
      ['unknown domain', '550 Unknown domain'],
      ['invalid domain', '550 Invalid domain'],
      ['no such domain', '550 No such domain'],
      ['domain name not found', 'Domain name not found'],
      ["couldn't find any host named", "Sorry, I couldn't find any host named example.invalid. (#5.1.2)"],
      ['domain must exist', '550 Recipient domain must exist'],
      ['domain is not reachable', '554 The mail could not be delivered to the recipient because the domain is not reachable.'],
      ['mail domain mentioned in email address is unknown', '550 Mail domain mentioned in email address is unknown'],
      // Exim's "all host address lookups failed permanently", Courier's "DNS lookup failed." and "This domain's DNS
      // violates RFC 1035.", Gmail's "DNS server returned answer with no data".
      ['all host address lookups failed permanently', 'all host address lookups failed permanently'],
      ['dns lookup failed', 'DNS lookup failed.'],
      ["domain's dns violates rfc 1035", "This domain's DNS violates RFC 1035."],
      ['returned answer with no data', 'DNS Error: DNS server returned answer with no data'],
      // The general shape: a domain noun, then "not found / unknown / does not exist".
      [
        /(?<!sender |from )\b(?:domain|host ?name|mail domain)\b(?:[^.;:]|\.(?=\S)){0,30}?\b(?:not found|unknown|(?:does ?n[o']?t|not) exists?|could(?:n't| not) be (?:found|resolved)|not resolvable|(?:is )?not reachable)/,
        '550 5.1.2 Recipient domain example.invalid could not be resolved',
      ],
      [/\bdomain \S+ could(?:n't| not) be found/, "Your message wasn't delivered because the domain example.invalid couldn't be found."],
      // The recipient's domain has no mail exchanger to route to (qmail's chkuser "sorry, can't find a valid MX for
      // rcpt domain (#5.1.1 - chkuser)": its 5.1.1 names the domain, not a mailbox).
      [
        /\b(?:no|can'?t find an?|cannot find an?) valid mx (?:record )?for (?:the )?(?:rcpt|recipient) domain\b/,
        "511 sorry, can't find a valid MX for rcpt domain (#5.1.1 - chkuser)",
      ],
    ],
  },
  {
    reason: 'userunknown',
    phrases: [
      // RFC 3463 X.1.1 as MTAs write it: Sendmail's and Postfix's "User unknown", Exim's "Unrouteable address" and
      // "unknown user", qmail's "no mailbox here by that name", Courier's and Dovecot's "User doesn't exist",
      // Exchange's "RecipNotFound", Gmail's "does not exist", OpenSMTPD's "Invalid recipient".
      ['user unknown', '550 5.1.1 <a@example.jp>... User Unknown'],
      ['宛先不明', '宛先不明のため配信できませんでした'],
      ['存在しません', 'このメールアドレスは存在しません'],
      ['unknown user', '550 5.1.1 Unknown user a@example.jp'],
      ['no such user', '550 No such user here'],
      ['no such mailbox', '550 No such mailbox'],
      ['no such recipient', '550 5.1.1 No such recipient'],
      ['no such account', '550 No such account'],
      ['no such address', '550 No such address'],
      ['no such person', '550 No such person at this address'],
      ['unknown recipient', '550 5.1.1 Unknown recipient'],
      ['unknown address', '550 Unknown address'],
      ['unknown mailbox', '550 Unknown mailbox'],
      ['unknown e-mail address', '550 Unknown e-mail address'],
      ['unknown email address', '550 Unknown email address'],
      ['recipient unknown', '550 Recipient unknown'],
      ['user not found', '550 User not found'],
      ['mailbox not found', '550 Mailbox not found'],
      ['address not found', '550 5.1.1 Address not found'],
      ['recipient not found', '550 5.1.1 Recipient not found'],
      ['recipnotfound', '550 5.1.1 RESOLVER.ADR.RecipNotFound; not found'],
      ['does not exist', '550-5.1.1 The email account that you tried to reach does not exist.'],
      ["doesn't exist", "550 Mailbox doesn't exist"],
      ["doesn't have a", "554 delivery error: dd This user doesn't have a example.com account"],
      ['no mailbox here by that name', '550 sorry, no mailbox here by that name. (#5.1.1)'],
      ['mailbox unavailable or not local', '550 Mailbox unavailable or not local'],
      // RFC 5321's own text for 550, which Outlook.com, Hotmail and many others write for an unknown address.
      ['mailbox unavailable', '550 Requested action not taken: mailbox unavailable'],
      ['invalid recipient', '550 Invalid recipient'],
      ['invalid mailbox', '550 Invalid mailbox'],
      ['invalid address', '553 Invalid address'],
      ['invalid user', '550 Invalid user'],
      // More recipient refusals of small servers (vpopmail, Courier, Zimbra, MailEnable): an address or a mailbox
      // that is unknown, unavailable or not an active one.
      [/(?<!sender |from )\baddress unknown\b/, '550 Address unknown'],
      [/\bmailbox (?:is )?(?:invalid|not present|unavailable)\b/, '550 Mailbox is unavailable'],
      // RFC 5321's "mailbox unavailable" said of the account ("Account unavailable", "account is unavailable").
      [/\baccount (?:is )?unavailable\b/, '550 5.0.0 No thank you rejected: Account Unavailable: a@example.org'],
      [/\bmailbox \S+@\S+ (?:unavailable|does not exist)/, '550 Mailbox a@example.org unavailable'],
      ['is not an active address', '550 a@example.org is not an active address at this host'],
      ['destination addresses were unknown', '550 All destination addresses were unknown'],
      ['no valid recipients', '554 No valid recipients, bye'],
      ['recipient not ok', '550 Recipient not OK'],
      ['not in my validrcptto list', '553 sorry, this recipient is not in my validrcptto list (#5.7.1)'],
      ['in my badrecipientto list', '553 sorry, this recipient is in my badrecipientto list (#5.7.1)'],
      ['envelope recipient has been denied', '553 sorry, your envelope recipient has been denied (#5.7.1)'],
      ['user missing home directory', 'user missing home directory'],
      // Gmail / Workspace's "because the address couldn't be found", Domino's French NDR.
      [
        /\baddress (?:couldn't|could not) be found\b/,
        "Your message wasn't delivered to a@example.org because the address couldn't be found.",
      ],
      ["non répertorié dans l'annuaire", "a@example.org non répertorié dans l'annuaire Domino"],
      ['not a valid mailbox', '550 not a valid mailbox'],
      ['not a valid recipient', '550 Not a valid recipient'],
      ['not a valid user', '550 Not a valid user here'],
      ['unrouteable address', '550 Unrouteable address'],
      ['unroutable address', '550 Unroutable address'],
      ['no mailbox', '550 No mailbox for this address'],
      ['mailbox unknown', '550 Mailbox unknown'],
      ['not a known user', '550 a@example.org is not a known user'],
      ['user does not exist', '550 User does not exist'],
      ['no such local user', '550 No such local user'],
      ['unknown local part', '550 Unknown local part'],
      ['not our customer', '550 Not our customer'],
      ['bad destination mailbox', '550 5.1.1 Bad destination mailbox address'],
      ['account does not exist', '550 Account does not exist'],
      ['destination address rejected', '550 Destination address rejected'],
      ['no account by that name', '550 No account by that name here'],
      ['non-existent user', '550 Non-existent user'],
      ['nonexistent user', '550 Nonexistent user'],
      ['not a local address', '550 Not a local address'],
      ['is not local', '550 Recipient is not local'],
      ['there is no one at this address', '550 There is no one at this address'],
      ['no longer accepts mail', '550 This address no longer accepts mail'],
      ['no longer valid', '550 This email address is wrong or no longer valid'],
      ['bad recipient', '550 Bad recipient'],
      ['bad address', '550 #5.1.1 bad address a@example.org'],
      ['invalid or unknown virtual user', 'vdeliver: Invalid or unknown virtual user a@example.org'],
      ['badrcptto', '553 sorry, your envelope recipient is in my badrcptto list (#5.7.1)'],
      ['utilisateur inconnu', '550 Utilisateur inconnu'],
      ['destinataire invalide', '550 Adresse du destinataire invalide'],
      ['unbekannt', '550 Benutzer unbekannt'],
      ['no existe', '550 No existe ese usuario'],
      ['nessun utente', '550 Nessun utente simile in questo indirizzo'],
      // The general shapes of these wordings, for the servers no list names: a recipient noun, then
      // "unknown / not found / does not exist / invalid" (or the adjective first). A sender's address
      // never counts: those wordings are the sender-side lists' (checked before this one).
      [
        /(?<!sender |sender's |from |envelope )\b(?:user|mailbox|recipient|addressee|account|local[- ]part|e-?mail address)(?: name| account| address)?\b(?:[^.;:]|\.(?=\S)){0,30}?\b(?:unknown|not found|could(?:n't| not) be found|(?:does ?n[o']?t|not) exists?|is invalid|not valid|not recogni[sz]ed|not known)\b/,
        '550 5.1.1 Mailbox a@example.org is not found on this server',
      ],
      [
        /\b(?:unknown|invalid|non-?existent|nonexisting|no such)\s+(?:user|mailbox|recipient|addressee|account|local[- ]part|destination address)/,
        '550 Nonexisting mailbox',
      ],
      // The recipient's address itself, then "not found" ("<a@b> not found", "<a@b>: not found"), and the verb
      // first ("Not found recipient account"), as some gateways put it.
      [/<[^<>\s@]+@[^<>\s]+>(?:\.{3}|:)?\s*(?:is )?not found\b/, '550 <a@example.org> not found'],
      [/\bnot found (?:the )?(?:recipient|user|mailbox|account)\b/, '550 Not found recipient account'],
      // Exchange's RESOLVER.ADR.RecipientNotFound with the line folded inside the code.
      [/\bresolver\.adr\.recip(?:ient)?\s(?:not\s?found|notfound)\b/, '550 5.0.0 RESOLVER.ADR.Recipient NotFound; not found'],
    ],
  },
  {
    reason: 'filtered',
    phrases: [
      // A refusal of the message, not of the mailbox: AOL's (now Yahoo's) "521 5.2.1 : AOL will not accept delivery
      // of this message", written after DATA for the content or the sending server's standing; nothing in AOL's or
      // Yahoo's pages says the mailbox is closed. Its X.2.1 is the server's default, read as the reference reads
      // 5.2.1 (Sisimai's SMTP/Status.pm: filtered), never a hard `suspend` (docs/parser-generalisation.md).
      [/\bwill not accept delivery of (?:this|the) message\b/, '521 5.2.1 : AOL will not accept delivery of this message.'],
    ],
  },
  {
    reason: 'filtered',
    phrases: [
      // The recipient's own settings refused the mail (Gmail, Outlook.com, Yahoo, Japanese carriers, Exchange).
      ['recipient preferences', '550 Refused due to recipient preferences'],
      ['user rules', '550 Message rejected due to user rules'],
      ['blocked by the recipient', '550 You have been blocked by the recipient'],
      ['only accepting mail from specific', '550 5.7.1 Because the recipient is only accepting mail from specific email addresses'],
      ['notauthorized', '550 5.7.1 RESOLVER.RST.NotAuthorized; not authorized'],
      ['is not accepting any mail', '550 This mailbox is not accepting any mail'],
      ['refuse to receive mail', '550 The following address recipient id refuse to receive mail'],
      // Challenge-response services in front of a mailbox: "This account is protected by ...", and the sender
      // must first prove it is a person.
      ['account is protected by', '550 This account is protected by a challenge-response system'],
      [/\brequires that you verify\b/, '550 5.7.1 This recipient requires that you verify your address before mail is delivered'],
      // The addressee refused this mail (BounceMailHandler's "user_reject" class: "User refused to receive this mail";
      // the Japanese carriers' "The recipient has refused to receive mail from your address").
      [/\b(?:user|recipient|addressee)(?: has)? refused to receive\b/, '553 User refused to receive this mail.'],
      // A mailbox that takes mail only from some senders ("mailbox a@b is restricted", BounceMailHandler's list).
      [/\b(?:mailbox|account|recipient)\b(?:[^.;]|\.(?=\S)){0,40}?\bis restricted\b/, '553 mailbox a@example.org is restricted'],
      // AT&T's email-to-SMS gateway: the subscriber turned off mail to the phone.
      ['has restricted sms e-mail', '550 a@example.org has restricted SMS e-mail'],
      // The recipient (the user) refused the message, in its shortest form ("550 5.1.2 User reject").
      [/\buser reject\b/, '550 5.1.2 User reject'],
      // The recipient's own block list of senders, said of the person ("Recipient doesn't want your mail":
      // Interia's documented answer; "the user does not want to receive mail from you").
      [
        /\b(?:recipient|user|addressee) (?:doesn't|does not) want (?:your (?:e-?)?mail|to receive)\b/,
        "550 5.7.1 Recipient doesn't want your mail",
      ],
      // The general shape: refused by the recipient's own filter, rules or settings ("Message rejected by
      // recipient's filter", "blocked by the user's rules", "Rejected by receiver's setting"), with up to two
      // words naming them as the Japanese carriers' English does ("reception settings", "domain filter setting").
      [
        /\b(?:rejected|refused|blocked|filtered|discarded|denied) by (?:the )?(?:recipient|receiver|user|addressee)(?:'s|s')? (?:own )?(?:[a-z-]+ ){0,2}?(?:filters?|rules?|settings?|preferences)\b/,
        "550 5.7.1 Message rejected by recipient's filter",
      ],
    ],
  },
  {
    reason: 'toomanyconn',
    phrases: [
      // Before the expiry wordings: a named cause stays when the MTA adds that its retries ran out (Exim's
      // "too many connections ...: retry timeout exceeded").
      // Connection limits (Postfix anvil, Sendmail's "too many SMTP sessions for this host", Exchange, Free.fr).
      ['too many connections', '421 4.7.0 Too many connections from your host'],
      ['too many concurrent', '421 Too many concurrent SMTP connections'],
      [/\btoo many (?:open|simultaneous|parallel) (?:smtp )?connections\b/, '421 4.7.0 mx.example.org Too many open connections.'],
      ['too many sessions', '421 Too many sessions'],
      ['too many smtp sessions', '421 4.3.2 Too many SMTP sessions for this host'],
      ['maximum connection limit', '421 All available IPs are at maximum connection limit'],
      ['per-domain connection limit', '421 Exceeds per-domain connection limit for example.org'],
      // The same limit without "too many" (gateways' "Maximum concurrent connections exceeded", "Connection limit
      // exceeded for 192.0.2.1"): connections at once, not the sending host refused.
      [
        /\b(?:concurrent|simultaneous|parallel) (?:smtp )?connections? (?:limit )?(?:exceeded|reached)\b|\bconnection (?:count )?limit (?:exceeded|reached)\b/,
        '421 4.3.2 Maximum concurrent connections exceeded',
      ],
      ['too many errors from your ip', '421 Too many errors from your IP'],
      ['trop de connexions', '421 Trop de connexions, reessayez plus tard'],
      // Exchange's store driver and Mimecast: too many deliveries at once to one mailbox or from one host.
      ['thread limit', '452 4.3.2 STOREDRV.Deliver; recipient thread limit exceeded'],
      // The server's own count of connections in other words: Exchange's "The maximum number of concurrent server
      // connections has exceeded a limit", postscreen's "All server ports are busy" (every smtpd process taken).
      [/\bconcurrent (?:server |smtp )?connections\b|\ball server ports are busy\b/, '421 4.3.2 All server ports are busy'],
    ],
  },
  {
    reason: 'expired',
    phrases: [
      // The queue's lifetime ran out: Exim's "retry timeout exceeded", Sendmail's "Cannot send message for 5 days",
      // qmail's "in the queue too long", Postfix's "delivery temporarily suspended ... (expired)", Exchange's 4.4.7.
      ['have been failing for a long time', 'all hosts for example.org have been failing for a long time (and retry time not reached)'],
      ['retry time', 'retry timeout exceeded; retry time not reached for any host after a long failure period'],
      ['retry timeout exceeded', 'SMTP error from remote mail server after RCPT TO: 450 busy: retry timeout exceeded'],
      ['queue too long', "I'm not going to try again; this message has been in the queue too long."],
      ['could not be delivered for', 'Message could not be delivered for 5 days'],
      ['cannot send message for', 'Cannot send message for 5 days'],
      ['could not send message for', 'Could not send message for past 4 hours'],
      [/not delivered within \d+ days?/, 'Your message was not delivered within 0 days and 1 hours. Remote host is not responding.'],
      ['delivery time expired', '4.4.7 Delivery time expired'],
      ['message expired', 'Message expired'],
      ['delivery expired', 'Delivery expired (message too old)'],
      // A remote that never answered until the retries ran out, and MTAs that found no gateway (route) for the
      // recipient in the queue's lifetime.
      ['server did not respond', 'The server did not respond'],
      ['could not find a gateway for', 'Could not find a gateway for a@example.org'],
      ['expired after', 'Message expired after sitting in queue for 7 days'],
      [/delivery failed \d+ attempts/, 'Delivery failed 20 attempts: a@example.com'],
      ['requests to connect', 'The recipient server did not accept our requests to connect. [example.org 192.0.2.1: socket error]'],
      ['envelope expired', 'Envelope expired'],
      // One class: the MTA says its retries ran out.
      [/\bgiving up\b|after multiple retries|retry timeout exceeded|in the queue too long/, 'Giving up on 192.0.2.1'],
      ['multiple retries', 'Unable to deliver message after multiple retries'],
      ['within the allowed queue period', 'The host was not reachable within the allowed queue period'],
      ['queue lifetime', 'Queue lifetime exceeded'],
      // Exchange 2007+'s sentence when its retries ran out (4.4.7).
      ['without success, and has stopped trying', 'The server has tried to deliver this message, without success, and has stopped trying.'],
      // MessageLabs / Symantec.cloud: the message sat uncollected until its time ran out.
      ['has not been collected after', 'It has not been collected after 7 days'],
      // Greylisting defers every first attempt; when it is the stated cause of a final failure,
      // the queue ran out (Postfix writes Postgrey's "Recipient address rejected: Greylisted").
      [
        /gr[ae]y-?list/,
        '450 4.2.0 <a@example.org>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/example.org.html',
      ],
      ['greylisting in action', '451 4.7.1 Greylisting in action, please come back later'],
      // greylistd's Exim ACL (greylistd-setup-exim4): greylisting in other words.
      [
        'not yet authorized to deliver',
        '451 192.0.2.1 is not yet authorized to deliver mail from <a@example.org> to <b@example.org>. Please try later.',
      ],
    ],
  },
  {
    reason: 'contenterror',
    phrases: [
      // The message's form, not its meaning: MIME and header syntax (Exchange, Exim, Postfix's "improper use of 8-bit data").
      ['improper use of 8-bit data', '550 5.6.0 Improper use of 8-bit data in message header'],
      ['invalid mime', '554 5.6.0 This message contains invalid MIME headers'],
      ['mime complexity', '554 5.6.0 Message MIME complexity exceeds the policy maximum'],
      ['improperly-formatted binary content', '554 This message contains improperly-formatted binary content'],
      ['unnecessary base64 encoding', '554 This message contains text that uses unnecessary base64 encoding'],
      ['lines too long', '550 Message has lines too long for transport'],
      // Exim's "Too many \"Received\" headers - suspected mail loop" (receive.c) and amavisd's "- bad header:".
      [/too many "?received"? headers/, 'Too many "Received" headers - suspected mail loop'],
      [/^\S*\s*- bad header:/, '554 5.6.0 - bad header: Non-encoded 8-bit data'],
      // amavisd-new 2.7 and later name it "BAD HEADER SECTION" in the reply to DATA (SpamTitan and other gateways built on it).
      [/\breject, id=\S+ - bad header\b/, '554 5.6.0 Reject, id=12345-01 - BAD HEADER SECTION'],
      // Exchange Online's 5.5.6 and other servers' refusal of a malformed body.
      ['invalid message content', '550 5.5.6 Invalid message content'],
      ['too many received', '554 5.4.6 Routing loop detected -- too many Received: headers'],
      // Exchange's transport limit on the header block ("Message header size, or recipient list, exceeds policy limit").
      ['header size, or recipient list, exceeds', '552 5.0.0 Message header size, or recipient list, exceeds policy limit'],
      // Content filters' MIME checks (MessageWall's "MIME/REJECT: Invalid structure", amavisd's "MIME error:"),
      // "Invalid data in message" (RFC 3463 X.6.0 in words) and Hotmail's refusal of non-Latin character sets.
      [/\bmime(?:\/reject| error)\b/, '552 MessageWall: MIME/REJECT: Invalid structure'],
      ['invalid data in message', '554 Invalid data in message'],
      // A header the site requires, absent (IceWarp / Merak: "Messages without To: fields are not accepted here").
      [/\bmessages? without (?:an? )?[\w-]+:? (?:header|field)s?\b/, '550 Messages without To: fields are not accepted here'],
      [/\bnon-(?:western|latin)\b/, '550 The user does not accept email in non-Western (non-Latin) character sets.'],
    ],
  },
  {
    reason: 'systemerror',
    phrases: [
      // The receiving system's own failure (Sendmail's "local configuration error", Exchange's "internal error",
      // Exchange's internal errors, a full queue disk).
      ['local configuration error', '554 5.3.5 Local configuration error'],
      [/mx list for \S+ points back to /, '554 5.0.0 MX list for example.org. points back to mx.example.jp'],
      ['mail system configuration error', '451 Mail system configuration error'],
      ['server configuration error', '451 Server configuration error'],
      ['misconfigured', '451 Remote server is misconfigured'],
      // An MX that names an alias (RFC 2181, 10.3): the receiving site's DNS is set up wrong (Gmail's notice).
      [/\bmx (?:record )?(?:of \S+ )?points to a cname\b/, 'The MX record of example.org points to a CNAME record, which is not allowed.'],
      ['internal error reading data', '451 4.3.0 Internal error reading data'],
      ['queue file write error', '451 4.3.0 Error: queue file write error'],
      // Exim's own spool failing ("451 Error while writing spool file", "Error in writing spool file"): the same class.
      [/\berror (?:in |while )?writing (?:the )?(?:spool|queue) file\b/, '451 Error while writing spool file'],
      ['temporary local problem', '451 Temporary local problem - please try later'],
      ['local error in processing', '451 Requested action aborted: local error in processing'],
      // Exchange's front end proxying to a back end that failed ("451 4.7.0 Temporary server error. Please try
      // again later. PRX4"): its 4.7.0 is no security refusal.
      ['temporary server error', '451 4.7.0 Temporary server error. Please try again later. PRX4'],
      // Postfix's own table lookups failed (its documented "451 4.3.0 ... Temporary lookup failure").
      ['temporary lookup failure', '451 4.3.0 <a@example.org>: Temporary lookup failure'],
      // Dovecot's LMTP / LDA answer for its own failure, and qmail-smtpd's when qmail-queue failed ("qq ...").
      ['temporary internal error', '451 4.3.0 <a@example.org> Temporary internal error'],
      // The receiver too loaded to take mail now (Exim's "Too much load; please try again later", its load
      // average limits), and its content filters down (Courier's "Mail filters temporarily unavailable").
      [/\btoo much load\b|\bload average\b/, '421 mx.example.org: Too much load; please try again later'],
      // The same said of the system (PHP-Bounce-Handler's and BounceMailHandler's lists: "System load is too high",
      // Chinese ISPs' "System(u) busy"), and of its resources or disk (Yahoo's older "Resources temporarily
      // unavailable [#4.16.x]", vpopmail's "input/output error", "can not open new email file").
      [/\b(?:system )?load (?:is )?too high\b/, '421 System load is too high, try again later'],
      [/\bsystem(?:\(\w+\))? (?:is )?busy\b/, '451 System(u) busy, try again later.'],
      ['resources temporarily unavailable', '451 mta1.mail.example.net Resources temporarily unavailable. Please try again later.'],
      [/\bi\/o error\b|\binput\/output error\b/, '451 Unable to switch to /var/vpopmail/domains/example.org: input/output error. (#4.3.0)'],
      [/\bcan ?not open new (?:e-?)?mail file\b/, '451 can not open new email file errno=13'],
      // The same in other servers' words (Axigen, IceWarp, MDaemon: "Server busy, try again later").
      [/\bserver (?:is )?(?:too )?busy\b/, '421 Server busy, try again later'],
      [/\b(?:mail |content |spam )?filters? (?:is |are )?temporarily unavailable\b/, '432 Mail filters temporarily unavailable.'],
      [/\bqq (?:temporary problem|read error|crashed|internal bug|timeout|out of memory|trouble)/, '451 qq temporary problem (#4.3.0)'],
      // Exim's deliver.c: an alias or filter led to a file or pipe its configuration does not allow
      // (addr->message "delivery to file forbidden" / "delivery to pipe forbidden").
      [/delivery to (?:file|pipe) forbidden/, 'delivery to pipe forbidden'],
      ["can't create user output file", "Can't create user output file"],
      ['interrupted system call', '451 Interrupted system call'],
      // The receiving system's own faults in other words (Exchange's "could not load DRD", a mail exchanger loop,
      // a message that failed while the remote processed it).
      ['could not load drd', '451 4.4.0 Could not load DRD for domain example.org'],
      ['loop was found in the mail exchanger', '554 A loop was found in the Mail eXchanger'],
      ['system config error', '451 System config error'],
      ['error while being processed', '451 It encountered an error while being processed'],
      // Exchange's store and web front ends failing inside ("Recipient deferred because there is no Mdb",
      // "Internal server error: Operation now in progress").
      ['there is no mdb', '451 4.2.0 Recipient deferred because there is no Mdb'],
      ['internal server error', '451 4.0.0 Internal server error: Operation now in progress'],
      // A loop the receiving site's own configuration makes (not a hop count on the way): Postfix's "mail for
      // <domain> loops back to myself" (its MX names it, its mydestination does not), Sendmail's
      // "aliasing/forwarding loop broken" (an alias that expands to itself), "it would create a mail loop".
      ['loops back to myself', 'mail for example.org loops back to myself'],
      // Sendmail's own words for the same ("config error: mail loops back to me (MX problem?)").
      ['loops back to me', '553 5.3.5 mx.example.org config error: mail loops back to me (MX problem?)'],
      ['aliasing/forwarding loop', '554 5.0.0 Aliasing/forwarding loop broken'],
      ['would create a mail loop', '554 Too many hops; it would create a mail loop'],
    ],
  },
  {
    reason: 'networkerror',
    phrases: [
      // The path to the server failed: TCP and DNS errors as Postfix, Exim, Sendmail and qmail report them.
      ['connection timed out', 'connect to mx.example.org[192.0.2.1]:25: Connection timed out'],
      ['timed out', 'conversation with mx.example.org timed out while sending end of data'],
      ['timeout', 'SMTP timeout while connected to mx.example.org'],
      ['connection refused', 'connect to mx.example.org[192.0.2.1]:25: Connection refused'],
      ['network is unreachable', 'connect to mx.example.org: Network is unreachable'],
      ['no route to host', 'connect to mx.example.org: No route to host'],
      ['host is unreachable', 'connect to mx.example.org: Host is unreachable'],
      ['host unreachable', '451 Host unreachable'],
      ['host not reachable', '421 Host not reachable'],
      ['lost connection', 'lost connection with mx.example.org while receiving the initial server greeting'],
      ['too many hops', '554 5.4.6 Too many hops'],
      ['hop count exceeded', '554 5.4.6 Hop count exceeded - possible mail loop'],
      ['routing loop', '554 5.4.6 Routing loop detected'],
      ['message looping', '554 Message looping'],
      // Loops on the way are routing failures (RFC 3463 X.4.6): a hop count, Postfix's "mail forwarding loop".
      ['mail loop', '554 Possible mail loop detected'],
      ['forwarding loop', 'mail forwarding loop for a@example.org'],
      ['connection reset', 'Connection reset by peer'],
      ['network error', 'Network error on destination MXs'],
      ['host name lookup failure', 'Host name lookup failure'],
      ['unable to resolve', '451 Unable to resolve route for example.org'],
      // Exim's verify defer: the recipient's domain did not resolve for now.
      [/\b(?:cannot|can't|could not) resolve \S+ at this time\b/, '451 Cannot resolve <a@example.org> at this time'],
      ['could not be found', 'DNS records for the destination computer could not be found'],
      ["wasn't able to establish an smtp connection", "Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)"],
      ['could not connect', 'Could not connect and send the mail to mx.example.org'],
      // Gmail's older notices and the bounce handlers' lists (bounce_email, PHP-Bounce-Handler): the connection
      // never worked or broke ("Could not initiate SMTP conversation", "Connection was dropped by remote host",
      // "can't connect to", IceWarp's "connection with mx.example.org is broken").
      ['could not initiate smtp conversation', 'Could not initiate SMTP conversation with any hosts'],
      // CiviCRM's "Host" and "Loop" classes: CompuServe-era "error involving remote host", "server is down
      // or unreachable" (Exim's "have been failing for a long time" is its retry time-out, expired above), a name
      // lookup that failed for now, and loops in other words ("excessive recursion", "forwarded more than the
      // maximum allowed times").
      [/\berror involving remote host\b|\bdown or unreachable\b/, 'Error involving remote host mx.example.org'],
      [/\bname lookup failure\b/, '451 Name lookup failure for example.org'],
      [/\bexcessive recursion\b|\bforwarded more than the maximum\b/, '554 Message was forwarded more than the maximum allowed times'],
      ['dropped by remote host', 'Connection was dropped by remote host'],
      [/\b(?:can'?t|cannot|unable to) connect to\b/, "451 can't connect to mx.example.org"],
      [/\bconnection (?:with \S+ )?is broken\b/, 'SMTP module(domain example.org) reports: connection with mx.example.org is broken'],
      // OpenSMTPD's own relay failures (smtpd/mta.c) and Gmail's DNS wording, where the resolver or the route failed.
      ['failure in mx lookup', 'Temporary failure in MX lookup'],
      [/no valid route to (?:remote mx|destination)/, 'No valid route to remote MX'],
      ['all routes to destination blocked', 'All routes to destination blocked'],
      ['address family mismatch', 'Address family mismatch on destination MXs'],
      ['had no relevant answers', 'DNS Error: DNS type MX lookup of example.org had no relevant answers.'],
      // Exchange Online's 4.4.312 / 5.4.312 ("DNS query failed"), and the sentence its NDR writes for it,
      // which carries no code: "querying the Domain Name System (DNS) for the recipient's domain location
      // information failed" (Microsoft's Exchange Online NDR reference).
      [
        /\bquerying the domain name system\b[^.]{0,80}\bfailed|\bdns query failed/,
        "Despite repeated attempts to deliver your message, querying the Domain Name System (DNS) for the recipient's domain location information failed.",
      ],
    ],
  },
  {
    reason: 'systemfull',
    phrases: [
      // RFC 3463 X.3.1 and RFC 5321's 452 "insufficient system storage" (Postfix, Sendmail's "Insufficient disk space").
      ['insufficient system storage', '452 4.3.1 Insufficient system storage'],
      ['disk full', '452 Disk full'],
      ['mail system full', '452 4.3.1 Mail system full'],
      ['insufficient disk space', '452 4.4.5 Insufficient disk space; try again later'],
      ['no space left on device', '451 write error: No space left on device'],
      // Exim's check_spool_space refusal ("452 Space shortage, please try later"): its spool disk, not a mailbox.
      ['space shortage', '452 Space shortage, please try later'],
    ],
  },
  {
    reason: 'mailererror',
    phrases: [
      // A local delivery program failed (procmail, maildrop, a pipe alias), as Sendmail, Postfix and Exim report it.
      ['mailer error', 'mailer error: command failed'],
      // Exim's own sentence for a local transport (a pipe, LMTP, appendfile) that failed and said nothing more,
      // also in the Exim-based gateways' notices (MXLogic): the same reading as Exim's reader gives it.
      [/(?:^|: )local delivery failed\.?$/, 'local delivery failed'],
      ['command failed', 'Command failed: /usr/bin/procmail'],
      ['pipe to', 'pipe to |/usr/local/bin/filter generated an error'],
      ['exit code', 'procmail: exit code 75'],
      ['command died', 'Command died with status 1'],
      ['command output', 'Command output: permission denied'],
      ['procmail', 'procmail: Error while writing to "/var/mail/a"'],
      ['maildrop', 'maildrop: signal 0x09'],
      [/\bexit(?:ed)? (?:status )?\d+/, 'Child process of local delivery exited 75'],
      // Sendmail's sysexits text for EX_CANTCREAT from a program mailer ("|/usr/local/bin/filter ... (reason:
      // Can't create output)"), as the bounce handlers' lists record it.
      [/\bcan'?t create output\b/, "(reason: Can't create output)"],
    ],
  },
];

/**
 * Generic words that only decide when neither a specific phrase nor the
 * status code did ("rejected", "refused", "access denied").
 */
export const WEAK_PHRASES: readonly PhraseList[] = [
  // Other languages' words for a temporary failure (phrases-languages.ts).
  ...LANGUAGE_WEAK_PHRASES,
  {
    reason: 'userunknown',
    phrases: [
      ['recipient address rejected', '550 <a@example.jp>: Recipient address rejected.'],
      ['address rejected', '550 5.1.1 Address rejected a@example.co.jp'],
      // A bare refusal of the recipient, with no cause: answered to RCPT TO it refuses that address (and after DATA
      // it reads as a filter, classify.ts). Small servers' and relays' own words.
      [/\brecipients? (?:is |are )?not accepted\b/, '550 Recipient is not accepted'],
      // The same in the PHP bounce handlers' list ("Recipient not allowed").
      [/\brecipients? (?:is |are )?not allowed\b/, '550 Recipient not allowed'],
      [/\brecipient refuses to accept\b/, '550 Recipient refuses to accept your mail'],
      [/\b(?:can'?t|cannot) accept (?:this )?(?:user|recipient)\b/, "550 Can't accept user a@example.org"],
      ['rejected recipients', '550 The destination server rejected recipients'],
    ],
  },
  {
    reason: 'systemerror',
    phrases: [
      ['system error', '451 4.3.0 System error'],
      ['internal error', '451 Internal error'],
      ['server error', '451 Temporary server error'],
      ['local error', '451 Requested action aborted: local error in processing'],
      ['temporary failure', '451 4.3.0 Temporary failure'],
      ['try again later', '451 Please try again later'],
      ['service unavailable', '421 Service unavailable'],
      ['service currently unavailable', '421 Service currently unavailable'],
      ['transaction failed', '554 Transaction failed'],
    ],
  },
  {
    reason: 'filtered',
    phrases: [
      ['filter', '550 Rejected by header-based filter'],
      ['refused to accept', '550 Recipient refused to accept this message'],
    ],
  },
  {
    reason: 'rejected',
    phrases: [
      ['from address', '550 From address not allowed'],
      ['mail from', '550 Mail from rejected'],
      ['refused', '550 Message refused'],
      ['rejected', '550 Message rejected'],
      ['not accepted', '550 Message not accepted'],
    ],
  },
  {
    reason: 'expired',
    phrases: [
      // A gateway's closing line that names only the domain it failed to reach (no cause): its queue ran out.
      ['failed to deliver to domain', 'Failed to deliver to domain example.org within 72 hours'],
    ],
  },
  {
    reason: 'blocked',
    phrases: [
      ['access denied', '550 5.7.1 Access denied'],
      ['blocked by', '550 Message blocked by mail.example.org'],
      // A bare "Blocked" as the whole answer (Postfix quotes it as "host ... said: 550 Blocked"): the receiver
      // refused the connecting host without naming why; anything more precise decides first.
      [/(?:^|\bsaid: )blocked(?:$|[\s.(])/, '550 Blocked'],
    ],
  },
  // Older and regional wordings (phrases-legacy.ts): weakest, last.
  ...LEGACY_PHRASES,
];
