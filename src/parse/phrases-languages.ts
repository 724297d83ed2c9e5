// SMTP replies and MTA notices in languages other than English: receiving servers of ISPs, universities and
// companies that answer in their own language (localized Postfix/Exim/Sendmail texts, hosting panels, webmail
// platforms, regional providers), and localized MTAs that quote them. One compact entry per language and
// reason, each with its example, in the format of phrases.ts; docs/parser-generalisation.md, "Other
// languages", says how they were chosen.
//
// Written for the lower-cased text (classify.ts): no `\b` next to a letter outside ASCII (in a JavaScript
// pattern without the `u` flag, "é", "ß", Cyrillic, CJK and Hangul are not word characters), and Turkish
// "İ" lower-cases to "i" with a combining dot (U+0307). Short words that occur inside others are bound
// by `\b` on their ASCII side or written with the noun they qualify.
import type { PhraseList } from './phrase-list.js';

/**
 * The recipient's own reception settings in the Japanese carriers' and ISPs' words (受信拒否設定, 指定受信,
 * 迷惑メール設定, "the recipient's settings"): also read by the carriers' readers (providers/docomo.ts), whose
 * "Unknown user" is said for both a dead address and a refusal by these settings.
 */
export const RECEPTION_SETTINGS =
  /受信拒否(?:設定|リスト)|拒否設定により|指定受信|迷惑メール(?:フィルター?|ブロック|対策)?設定|受信者様?の[^。]{0,10}設定により|受信設定により/;

/** The sender's side (SENDER_BROAD): a refused host, relay or rate is never the recipient's fault. */
export const LANGUAGE_SENDER_PHRASES: readonly PhraseList[] = [
  {
    // Too many messages from this sender or client over time (docs/reasons.md: a limit over time is speeding).
    // A count on the mailbox ("zu viele Nachrichten auf dem Server") is a full mailbox (phrases-legacy.ts).
    reason: 'speeding',
    phrases: [
      [
        /\bzu viele (?:nachrichten|e-?mails|mails)\b(?! (?:auf dem server|im postfach))/,
        '450 Zu viele Nachrichten in kurzer Zeit, bitte später erneut versuchen',
      ],
      [
        /\btrop de (?:messages|mails|courriels) (?:envoyés|en peu de temps|par)/,
        '450 Trop de messages envoyés, veuillez réessayer plus tard',
      ],
      [/\bdemasiados (?:mensajes|correos)\b/, '450 Demasiados mensajes, intente más tarde'],
      [/\b(?:muitas|demasiadas) mensagens\b/, '450 Muitas mensagens enviadas, tente novamente mais tarde'],
      [/\btroppi (?:messaggi|invii|email)\b/, '450 Troppi messaggi inviati, riprovare più tardi'],
      [/\bte veel (?:berichten|e-?mails)\b/, '450 Te veel berichten, probeer het later opnieuw'],
      [/zbyt (?:wiele|dużo) (?:wiadomości|maili|e-maili)/, '450 Zbyt wiele wiadomości, spróbuj ponownie później'],
      [/příliš mnoho (?:zpráv|e-?mailů)/, '450 Příliš mnoho zpráv, zkuste to později'],
      [/слишком много (?:писем|сообщений)/, '450 Слишком много писем, повторите попытку позже'],
      [/забагато (?:листів|повідомлень)/, '450 Забагато повідомлень, спробуйте пізніше'],
      [/çok fazla (?:i\u0307?leti|mesaj|e-?posta)/, '450 Çok fazla ileti gönderildi, lütfen daha sonra tekrar deneyin'],
      [
        /\bför många (?:meddelanden|e-?post)|\bfor mange (?:meldinger|beskeder|e-?mails)\b/,
        '450 För många meddelanden, försök igen senare',
      ],
      [/送信(?:数|量|頻度)が(?:制限|上限)を超え/, '450 送信数が制限を超えました。しばらくしてから再送してください'],
      // Japanese carriers' and ISPs' rate limits: "too many sent" and "a large number of mails in a short time".
      [
        /送信(?:数|量|件数|頻度)が(?:多すぎ|過大)|短時間に(?:大量|多数)の(?:メール|メッセージ|送信)/,
        '421 4.7.0 短時間に大量のメールを受信したため一時的に受信を制限しています',
      ],
      [/(?:发送|发信|寄信|寄件|發送|發信)(?:频率|頻率)(?:过快|過快|过高|過高|超出|超过|超過)/, '450 发送频率过快，请稍后再试'],
      [/발송(?:량)? 제한을 초과|전송량 제한을 초과/, '450 발송량 제한을 초과했습니다. 잠시 후 다시 시도하십시오'],
    ],
  },
  {
    // Relaying refused: the recipient's domain is not the server's (a sender misconfiguration).
    reason: 'norelaying',
    phrases: [
      [/\brelay(?:ing)? (?:nicht erlaubt|nicht gestattet|verboten|verweigert)|\bweiterleitung an fremde\b/, '554 Relaying nicht erlaubt'],
      [/\brela(?:is|yage) (?:interdit|refusé|non autorisé|non permis)/, '554 Relais interdit'],
      [/\brelay (?:no permitido|denegado|no autorizado)|\bretransmisión (?:denegada|no permitida)/, '554 Relay no permitido'],
      [/\brelay(?:ing)? (?:non consentito|non permesso|negato|non autorizzato)/, '554 Relay non consentito'],
      [/\brelay não (?:permitido|autorizado)|\bretransmissão (?:não (?:permitida|autorizada)|negada)/, '554 Relay não permitido'],
      [/\brelay(?:en|ing)? (?:is )?niet toegestaan\b/, '554 Relayen niet toegestaan'],
      [
        /przekazywanie (?:poczty )?(?:niedozwolone|zabronione)|\brelay(?:ing)? (?:niedozwolony|zabroniony)/,
        '554 Przekazywanie poczty niedozwolone',
      ],
      [/\brelay(?:ing)? (?:není povolen|zakázán)/, '554 Relay není povolen'],
      [/ретрансляция (?:запрещена|не разрешена)/, '554 Ретрансляция запрещена'],
      [/ретрансляці[юя] (?:заборонено|заборонена)/, '554 Ретрансляцію заборонено'],
      [/aktarıma izin verilmiyor|\brelay izni yok/, '554 Aktarıma izin verilmiyor'],
      [/\brelay(?:ing)? (?:ej|inte|ikke) (?:tillåten|tillåtet|tillatt|tilladt)/, '554 Relay ej tillåtet'],
      [/(?:中継|リレー)(?:は|を)?(?:許可されていません|拒否|禁止)/, '554 中継は許可されていません'],
      [/(?:不允许|禁止)(?:转发|中继)|(?:不允許|禁止)(?:轉寄|轉送|中繼)/, '554 不允许转发'],
      [/릴레이(?:가|를)? (?:허용되지|거부|금지)/, '554 릴레이가 허용되지 않습니다'],
    ],
  },
  {
    // The sending host refused: its IP address named with a refusal, or a black list named.
    reason: 'blocked',
    phrases: [
      [/\bip(?:-adresse)?\b[^.;]{0,40}(?:gesperrt|blockiert|abgelehnt|abgewiesen)/, '554 Verbindung von Ihrer IP-Adresse abgelehnt'],
      [/\badresse ip\b[^.;]{0,40}(?:bloquée|refusée|interdite)|\bliste noire\b/, '554 Votre adresse IP est sur liste noire'],
      [/\bdirección ip\b[^.;]{0,40}(?:bloqueada|rechazada)|\blista negra\b/, '554 Su dirección IP está en lista negra'],
      [/\bindirizzo ip\b[^.;]{0,40}(?:bloccato|rifiutato)|\blista nera\b/, '554 Indirizzo IP bloccato'],
      [/\b(?:endereço )?ip\b[^.;]{0,40}(?:bloqueado|rejeitado)/, '554 Endereço IP bloqueado'],
      [/\bip-adres\b[^.;]{0,40}(?:geblokkeerd|geweigerd)|\bzwarte lijst\b/, '554 Uw IP-adres staat op een zwarte lijst'],
      [/\badres ip\b[^.;]{0,40}(?:zablokowany|odrzucony)|czarnej liście/, '554 Twój adres IP znajduje się na czarnej liście'],
      [/\bip adres[^.;]{0,40}(?:zablokován|odmítnut)|černé listině/, '554 Vaše IP adresa je na černé listině'],
      [/\bip[- ]адрес[^.;]{0,40}(?:заблокирован|отклон)|ч[её]рн(?:ом|ый) спис/, '554 Ваш IP-адрес находится в черном списке'],
      [/\bip[- ]адрес[^.;]{0,40}(?:заблоковано|заблокована|відхилено)|чорн(?:ому|ий) спис/, '554 Ваша IP-адреса в чорному списку'],
      [/\bip adres[^.;]{0,40}(?:engellendi|engellenmiş|reddedildi)|kara liste/, '554 IP adresiniz kara listede'],
      [
        /\bip-adress(?:e|en)?\b[^.;]{0,40}(?:blockerad|blokeret|blokkert|spärrad|sperret)|svart(?:e)?list|sortlist/,
        '554 Din IP-adress är svartlistad',
      ],
      [/\bip ?アドレス[^。]{0,30}(?:ブラックリスト|拒否|ブロック)/, '554 送信元IPアドレスはブラックリストに登録されています'],
      [/\bip[^。，,]{0,10}(?:黑名单|黑名單|被拒绝|被拒絕|被屏蔽|被封)/, '554 您的IP已被列入黑名单'],
      [/\bip[^.]{0,20}(?:차단|블랙리스트)/, '554 귀하의 IP는 차단되었습니다'],
    ],
  },
];

/**
 * The recipient's side, checked before the English wordings of RECIPIENT_PHRASES (none of them matches these
 * words, and some English ones would misread them: "存在しません" alone is an unknown user, "552" alone a
 * full mailbox). Order: connections, the message, the mailbox's state, then the domain before the address.
 */
export const LANGUAGE_RECIPIENT_PHRASES: readonly PhraseList[] = [
  {
    // Too many connections at once from one client (a soft limit of the receiver, docs/reasons.md).
    reason: 'toomanyconn',
    phrases: [
      [/\bzu viele (?:gleichzeitige )?verbindungen\b/, '421 Zu viele Verbindungen von Ihrer IP-Adresse'],
      [/\btrop de connexions\b/, '421 Trop de connexions simultanées depuis votre adresse IP'],
      [/\bdemasiadas (?:conexiones|ligações)|\bmuitas conexões/, '421 Demasiadas conexiones desde su dirección IP'],
      [/\btroppe connessioni\b/, '421 Troppe connessioni dal tuo indirizzo IP'],
      [/\bte veel (?:gelijktijdige )?verbindingen\b/, '421 Te veel verbindingen vanaf uw IP-adres'],
      [/zbyt (?:wiele|dużo) (?:połączeń|jednoczesnych połączeń)/, '421 Zbyt wiele połączeń z Twojego adresu IP'],
      [/příliš mnoho (?:spojení|připojení)/, '421 Příliš mnoho spojení z vaší IP adresy'],
      [/слишком много (?:соединений|подключений)/, '421 Слишком много соединений с вашего IP-адреса'],
      [/забагато (?:з['’ʼ]єднань|підключень)/, "421 Забагато з'єднань з вашої IP-адреси"],
      [/çok fazla (?:eşzamanlı )?bağlantı/, '421 IP adresinizden çok fazla bağlantı'],
      [
        /\bför många anslutningar\b|\bfor mange (?:samtidige )?(?:forbindelser|tilkoblinger)\b/,
        '421 För många anslutningar från din IP-adress',
      ],
      [/同時接続数|接続数が(?:上限|制限)を超え/, '421 同時接続数が上限を超えています'],
      [/(?:连接|連線|連接)(?:数|數)(?:过多|過多|超过|超過|超出)/, '421 连接数过多'],
      [/동시 접속 수|접속 수가 너무 많/, '421 동시 접속 수가 너무 많습니다'],
    ],
  },
  {
    reason: 'virusdetected',
    phrases: [
      // "Virus" itself is read by RECIPIENT_PHRASES; the words that are not.
      [/\bschadsoftware\b/, '554 Schadsoftware in der Nachricht erkannt'],
      [/\blogiciel malveillant\b/, '554 Logiciel malveillant détecté'],
      [/\bvírus\b|\bvirüs/, '554 Vírus detectado na mensagem'],
      [/\bwirus/, '554 Wykryto wirusa w wiadomości'],
      [/вирус|вірус/, '554 Обнаружен вирус'],
      [/ウイルス|ウィルス|病毒|바이러스/, '554 ウイルスが検出されました'],
    ],
  },
  {
    // The recipient's own reception settings refused the sender: the Japanese carriers' and ISPs' 受信拒否設定,
    // 指定受信 (domain or address allow lists) and 迷惑メール設定 (docomo, au, SoftBank, Y!mobile, Rakuten,
    // Yahoo! JAPAN). The recipient's choice, not a verdict on the message (docs/reasons.md: filtered).
    reason: 'filtered',
    phrases: [[RECEPTION_SETTINGS, '550 受信拒否設定により受信できません']],
  },
  {
    reason: 'spamdetected',
    phrases: [
      [/\bcourrier indésirable\b|\bpourriel/, '550 Message rejeté : courrier indésirable'],
      [/\bcorreo no deseado\b/, '550 Correo no deseado rechazado'],
      // Not "антиспам" (an anti-spam system named, as in "антиспам-система недоступна").
      [/(?<!анти-?)спам/, '550 Сообщение отклонено как спам'],
      // A verdict on the message, not the recipient's own 迷惑メール設定 (a filter, RECIPIENT_PHRASES).
      [/迷惑メール(?:と判定|として|の可能性)/, '550 迷惑メールと判定されたため受信を拒否しました'],
      [/垃圾(?:邮件|郵件)/, '550 邮件被判定为垃圾邮件'],
      [/스팸/, '550 스팸으로 분류되어 수신이 거부되었습니다'],
    ],
  },
  {
    // A refusal stated as the site's policy.
    reason: 'policyviolation',
    phrases: [
      [/richtlinie/, '550 Nachricht verstößt gegen unsere Richtlinien'],
      [/\bpolitique (?:de sécurité|du domaine|de messagerie)|\ben raison de la politique\b/, '550 Refusé par la politique du domaine'],
      [
        /\bpol[ií]ticas? (?:de seguridad|del dominio|de correo)|\brechazado por pol[ií]tica/,
        '550 Mensaje rechazado por políticas de seguridad',
      ],
      [/\bmotivi di policy\b|\bviolazione (?:delle|della) (?:policy|politica|politiche)/, '550 Messaggio rifiutato per motivi di policy'],
      // Italian providers' and Exchange's Italian policy refusals (BounceMailHandler's list): the message breaks
      // the domain's rules ("non rispetta le norme", "viola i criteri", "per regolamenti"), or the mailboxes
      // take mail only from some senders ("possono ricevere posta solo da ...").
      [
        /\bnon rispetta le norme\b|\bviola i criteri\b|\bper regolamenti\b|\bpossono ricevere posta solo\b/,
        '550 Il messaggio viola i criteri del dominio destinatario',
      ],
      [/\bpolítica de segurança|\bviolação (?:da|das) política/, '550 Mensagem rejeitada por política de segurança'],
      [/\bvanwege (?:het )?beleid\b|\bin strijd met (?:het|ons) beleid\b/, '550 Bericht geweigerd vanwege beleid'],
      [/polityk[aięy] bezpieczeństwa|ze względu na polityk/, '550 Wiadomość odrzucona ze względu na politykę bezpieczeństwa'],
      [/bezpečnostní politik|z důvodu politiky/, '550 Zpráva odmítnuta z důvodu bezpečnostní politiky'],
      [
        /политик(?:ой|и|а) безопасности|в соответствии с политикой|нарушение политики/,
        '550 Сообщение отклонено в соответствии с политикой безопасности',
      ],
      [/політик(?:ою|и|а) безпеки|згідно з політикою/, '550 Повідомлення відхилено згідно з політикою безпеки'],
      [/güvenlik politika|politika (?:ihlali|nedeniyle)/, '550 Mesaj güvenlik politikası nedeniyle reddedildi'],
      [/\bpå grund av (?:vår )?policy\b|\bpå grunn av (?:vår )?policy\b/, '550 Meddelandet avvisades på grund av policy'],
      [/ポリシー(?:により|に違反|違反)/, '550 ポリシーにより受信を拒否しました'],
      [/(?:违反|違反)(?:安全)?(?:策略|政策)/, '550 邮件违反安全策略被拒绝'],
      [/정책에 의해|정책 위반/, '550 정책에 의해 수신이 거부되었습니다'],
    ],
  },
  {
    // One message over the size the server takes (not a mailbox's space: those nouns are the next lists').
    // The message (with or without its verb: Exchange's "Ce message est trop volumineux pour le système de
    // destination", "El mensaje es demasiado grande") too big.
    reason: 'mesgtoobig',
    phrases: [
      [
        /\bnachricht (?:ist )?zu gro|\bnachricht überschreitet die [a-zäöü ]{0,30}größe|\bnachrichtengröße/,
        '552 Die Nachricht überschreitet die maximal zulässige Größe',
      ],
      [/\bmessage (?:est )?trop (?:volumineux|gros|grand)|\btaille du message (?:dépasse|excède)/, '552 Message trop volumineux'],
      [/\bmensaje (?:es )?demasiado grande|\btamaño del mensaje (?:excede|supera)/, '552 El tamaño del mensaje excede el límite permitido'],
      [/\bmessaggio (?:è )?troppo grande|\bdimensione del messaggio (?:supera|eccede)/, '552 Messaggio troppo grande'],
      [/\bmensagem (?:é )?(?:muito|demasiado) grande|\btamanho da mensagem (?:excede|ultrapassa)/, '552 Mensagem muito grande'],
      [/\bbericht (?:is )?te groot\b|\bbericht overschrijdt de maximale (?:grootte|omvang)/, '552 Bericht te groot'],
      [/wiadomość (?:jest )?(?:zbyt|za) duża|rozmiar wiadomości|rozmiar maila/, '552 Wiadomość jest zbyt duża'],
      [/zpráva je (?:příliš|moc) velká|velikost zprávy (?:překračuje|přesahuje)/, '552 Zpráva je příliš velká'],
      [/(?:сообщение|письмо) слишком большое|размер (?:письма|сообщения) превышает/, '552 Размер письма превышает допустимый'],
      [/(?:повідомлення|лист) (?:занадто|надто) велик|розмір (?:листа|повідомлення) перевищує/, '552 Повідомлення занадто велике'],
      [/(?:mesaj|i\u0307?leti) (?:çok|fazla) büyük|(?:mesaj|i\u0307?leti) boyutu/, '552 İleti boyutu sınırı aşıyor'],
      [/\b(?:meddelandet är för|meldingen er for|beskeden er for|meddelelsen er for) stor/, '552 Meddelandet är för stort'],
      [/(?:メール|メッセージ)の?サイズが(?:大きすぎ|制限を超え|上限を超え)/, '552 メールのサイズが大きすぎます'],
      // The size with its limit ("制限値", "上限値") or the receivable size (Japanese ISPs' and carriers' replies).
      [
        /サイズ(?:が|は)?(?:制限|上限)値?を超え|受信(?:可能|できる)な?(?:メール)?サイズを超え/,
        '552 メッセージサイズが制限値を超えています',
      ],
      // The message's "容量" (its volume) too big: not the mailbox's (メールボックスの容量, a full mailbox).
      [/(?:メール|メッセージ)の?容量が(?:大きすぎ|制限を超え|上限を超え)/, '552 メールの容量が大きすぎるため配信できませんでした'],
      [/(?:邮件|郵件)(?:大小)?(?:超过|超過|超出)(?:大小)?限制|(?:邮件|郵件)(?:过大|過大|太大)/, '552 邮件大小超过限制'],
      [/메일 크기가 (?:제한을 )?초과/, '552 메일 크기가 제한을 초과했습니다'],
    ],
  },
  {
    // The account exists and is disabled, blocked or closed: before the unknown-user lists.
    reason: 'suspend',
    phrases: [
      [
        /\b(?:konto|postfach|account|benutzerkonto)\b(?: ist| wurde)? (?:deaktiviert|gesperrt|stillgelegt)/,
        '550 Das Postfach ist gesperrt',
      ],
      [/\b(?:compte|boîte aux lettres|boite aux lettres)\b[^.;]{0,20}(?:désactivée?|suspendue?|bloquée?|fermée?)/, '550 Compte désactivé'],
      [/\b(?:cuenta|buzón|casilla)[^.;]{0,20}(?:deshabilitad|desactivad|suspendid|bloquead)/, '550 La cuenta ha sido suspendida'],
      [/\b(?:account|casella|utenza)\b[^.;]{0,20}(?:disabilitat|sospes|bloccat|disattivat)/, '550 Account disabilitato'],
      [
        /\b(?:conta|caixa postal|caixa de correio)\b[^.;]{0,20}(?:desativad|desactivad|bloquead|suspens|inativ|inactiv)/,
        '550 Conta desativada',
      ],
      [/\b(?:account|mailbox|postvak)\b[^.;]{0,20}(?:uitgeschakeld|geblokkeerd|gedeactiveerd|opgeschort)/, '550 Account is geblokkeerd'],
      [/\bkonto[^.;]{0,20}(?:zablokowane|nieaktywne|wyłączone|zawieszone|dezaktywowane)/, '550 Konto zostało wyłączone'],
      [/účet[^.;]{0,20}(?:zablokován|deaktivován|zrušen|pozastaven)/, '550 Účet je zablokován'],
      [
        /(?:учетная запись|учётная запись|аккаунт|ящик)[^.;]{0,20}(?:заблокирован|отключ[её]н|деактивирован|заморожен)/,
        '550 Учетная запись заблокирована',
      ],
      [
        /(?:обліковий запис|акаунт|скриньк[уаи])[^.;]{0,20}(?:заблоковано|заблокований|вимкнено|деактивовано)/,
        '550 Обліковий запис заблоковано',
      ],
      [/\bhesap[^.;]{0,20}(?:devre dışı|askıya alın|kapatıl|engellen)/, '550 Hesap askıya alındı'],
      [
        /\bkontot är (?:inaktiverat|spärrat|avstängt)|\bkontoen er (?:deaktiver[et]t?|sperret|spærret|stengt|lukket)/,
        '550 Kontot är inaktiverat',
      ],
      [/アカウント(?:は|が)?(?:停止|無効|凍結|利用停止)/, '550 このアカウントは停止されています'],
      // "Cannot be used now" / "suspended" said of the account or address (Japanese ISPs).
      [/(?:アカウント|メールアドレス)(?:は|が)?(?:現在)?(?:使用|利用)(?:できません|停止中)/, '550 このアカウントは現在使用できません'],
      [/(?:帐号|账号|帳號|帐户|账户|帳戶|用户|使用者)已?被?(?:冻结|凍結|禁用|停用|停權|锁定|鎖定)/, '550 该帐号已被冻结'],
      [/중지된 계정|휴면 계정|계정이 (?:정지|비활성|잠겨)/, '550 사용이 중지된 계정입니다'],
    ],
  },
  {
    // The mailbox is full or over its quota.
    reason: 'mailboxfull',
    phrases: [
      [/(?:postfach|mailbox|speicherplatz|quota|kontingent)[^.;]{0,30}(?:voll\b|überschritten|erschöpft)/, '552 Postfach voll'],
      [/\b(?:boîte|boite)\b[^.;]{0,30}(?:pleine|saturée)|\bquota (?:dépassé|atteint|excédé)/, '552 Boîte aux lettres pleine'],
      [
        /\b(?:buzón|casilla)(?: de correo)?(?: del destinatario)? (?:está )?llen[oa]\b|\bcuota\b[^.;]{0,30}(?:excedida|superada|agotada)/,
        '552 Buzón lleno',
      ],
      [/\b(?:casella|mailbox)\b[^.;]{0,30}(?:piena|satura)|\bquota (?:superata|esaurita)/, '552 Casella piena'],
      [
        /\bcaixa (?:postal|de correio)\b[^.;]{0,20}(?:cheia|lotada)|\b(?:cota|quota) (?:excedida|ultrapassada|esgotada)/,
        '552 Caixa postal cheia',
      ],
      [/\b(?:mailbox|postvak|postbus)\b[^.;]{0,20}\bvol\b|\bquot(?:um|a) (?:overschreden|bereikt)/, '552 Postvak vol'],
      [
        /skrzynk[aię][^.;]{0,30}(?:pełna|przepełniona|zapełniona)|\bprzekroczon[oay] limit[a-z]* (?:miejsca|pojemności)/,
        '552 Skrzynka odbiorcy jest przepełniona',
      ],
      [/schránka[^.;]{0,20}(?:plná|přeplněná)|překročen[aá] kvóta|kvóta[^.;]{0,20}překročena/, '552 Schránka je plná'],
      [/ящик[^.;]{0,20}переполнен|превышена квота|квота[^.;]{0,30}превышена/, '552 Почтовый ящик переполнен'],
      [/скриньк[аи][^.;]{0,20}переповнен|перевищено квоту/, '552 Поштова скринька переповнена'],
      [/\bposta kutusu (?:dolu|doldu)|\bkota aşıldı|\bkotası (?:doldu|aşıldı)/, '552 Posta kutusu dolu'],
      [
        /\b(?:brevlådan|postlådan|inkorgen) är full\b|\b(?:postkassen|innboksen|indbakken) er ful[ld]\b|\bkvot(?:en|e|a) (?:är )?(?:överskriden|overskredet)/,
        '552 Postkassen er fuld',
      ],
      [/メールボックス[^。]{0,10}(?:いっぱい|満杯|容量超過|容量オーバー|フル)/, '552 メールボックスの容量がいっぱいです'],
      // The mailbox's capacity written with its limit ("容量を超え", "容量制限を超え", "上限に達し") or in kanji
      // ("一杯"); the storage of a Japanese ISP's mailbox ("メール保存容量").
      [
        /メールボックス[^。]{0,10}(?:一杯|容量(?:制限)?を超え|上限に達し)|(?:メール)?保存容量[^。]{0,6}(?:上限に達し|を超え|不足|いっぱい|一杯)/,
        '552 受信者のメールボックスの容量を超えています',
      ],
      [/(?:邮箱|信箱|郵箱)(?:已满|已滿|(?:空间|空間)(?:已满|已滿|不足)|容量(?:超限|已满|已滿|不足))/, '552 收件人邮箱已满'],
      [/(?:메일함|사서함)(?:이)? (?:가득|꽉)|(?:메일함|사서함) 용량(?:이)? ?(?:초과|부족)/, '552 수신자의 메일함이 가득 찼습니다'],
    ],
  },
  {
    // The recipient's domain does not exist: before the unknown-user lists ("ドメインが存在しません"). The
    // domain's name may stand after the noun, as in Gmail's localised notices ("weil die Domain example.org nicht
    // gefunden wurde", "car le domaine example.org est introuvable", "no se ha encontrado el dominio example.org").
    reason: 'hostunknown',
    phrases: [
      [
        /\b(?:domain|domäne)\b(?: [a-z0-9-]+(?:\.[a-z0-9-]+)+)?[^.;]{0,20}(?:nicht gefunden|existiert nicht|unbekannt)/,
        '550 Die Domäne existiert nicht',
      ],
      [
        /\bdomaine\b(?: [a-z0-9-]+(?:\.[a-z0-9-]+)+)?[^.;]{0,20}(?:introuvable|inexistant|inconnu|n'existe pas)/,
        "550 Le domaine n'existe pas",
      ],
      [
        /\bdom[ií]nio\b(?: [a-z0-9-]+(?:\.[a-z0-9-]+)+)?[^.;]{0,20}(?:no encontrado|no existe|não (?:foi )?encontrado|não existe|inexistente|inesistente|non (?:è stato )?trovato|non esiste|desconocido|sconosciuto)|\bno se (?:ha encontrado|encontró|pudo encontrar) el dominio\b/,
        '550 Dominio no encontrado',
      ],
      [/\bdomein\b[^.;]{0,20}(?:niet gevonden|bestaat niet|onbekend)/, '550 Domein bestaat niet'],
      [/\bdomen[ay]? (?:nie istnieje|nie została znaleziona|nieznana)|nie znaleziono domeny/, '550 Domena nie istnieje'],
      [/doména (?:neexistuje|nenalezena|nebyla nalezena)/, '550 Doména neexistuje'],
      [/домен[^.;]{0,20}(?:не найден|не существует|не знайдено|не існує)/, '550 Домен не найден'],
      [/\balan ad[ıi][^.;]{0,20}(?:bulunamadı|mevcut değil)/, '550 Alan adı bulunamadı'],
      [/\b(?:domänen|domenet|domænet) (?:finns|finnes|findes) (?:inte|ikke)|\bdomänen hittades inte\b/, '550 Domänen finns inte'],
      [/ドメイン(?:が|は)?(?:存在しません|見つかりません)/, '550 ドメインが存在しません'],
      [/(?:域名|網域|网域)(?:不存在|无效|無效)|找不到(?:该|該)?(?:域名|網域)/, '550 域名不存在'],
      [/도메인을 찾을 수 없|존재하지 않는 도메인/, '550 존재하지 않는 도메인입니다'],
    ],
  },
  {
    // No such user or mailbox (a dead address only when RCPT TO was refused, classify.ts).
    reason: 'userunknown',
    phrases: [
      [
        /\b(?:benutzer|empfänger|nutzer|adressat)\b (?:ist )?unbekannt|\bunbekannte[rn]? (?:benutzer|empfänger)|(?<!absender-)\b(?:e-mail-adresse|empfängeradresse|adresse|postfach|mailbox|benutzer|empfänger)\b[^.;]{0,20}(?:existiert nicht|nicht gefunden|gibt es nicht)/,
        '550 Benutzer unbekannt',
      ],
      [
        /\b(?:utilisateur|destinataire|adresse(?: e-?mail| électronique| de destination| du destinataire)?|compte|boîte aux lettres|boite aux lettres)\b (?:est )?(?:inconnue?|inexistante?|introuvable|n'existe pas)|\bcette adresse n'existe pas\b/,
        '550 Utilisateur inconnu',
      ],
      [
        /\b(?:usuario|destinatario|cuenta|casilla)(?: de correo)? (?:desconocid[oa]|inexistente|no existe)|\b(?:el usuario|la cuenta|la dirección(?: de correo)?(?: electrónica)?|el buzón|la casilla|el destinatario) no existe/,
        '550 Usuario desconocido',
      ],
      [
        /\b(?:utente|destinatario|indirizzo|casella(?: di posta)?|account)\b (?:sconosciut[oa]|inesistente|non esiste)|\bl'indirizzo non esiste\b/,
        '550 Utente sconosciuto',
      ],
      [
        /\b(?:usuário|utilizador|destinatário|endereço(?: de e-?mail)?|conta(?: de e-?mail)?) (?:desconhecido|inexistente|não existe)|\b(?:o usuário|o utilizador|o endereço|a conta) não existe/,
        '550 Usuário desconhecido',
      ],
      [
        /\b(?:gebruiker|ontvanger|e-?mailadres|adres|mailbox|postvak)\b (?:is )?(?:onbekend|bestaat niet|niet gevonden)|\bonbekende (?:gebruiker|ontvanger)\b|\be-?mailadres bestaat niet\b/,
        '550 Gebruiker onbekend',
      ],
      [
        /(?:użytkownik|adresat|odbiorca|adres odbiorcy|skrzynka)[^.;]{0,15}nie istnieje|nieznany (?:użytkownik|adresat|odbiorca)|nie ma takiego (?:użytkownika|adresu|konta)/,
        '550 Użytkownik nie istnieje',
      ],
      [/(?:uživatel|adresát|příjemce|schránka|účet)[^.;]{0,15}neexistuje|neznámý (?:uživatel|adresát|příjemce)/, '550 Uživatel neexistuje'],
      [
        /(?:пользовател[ьяю]|адресат|получател[ья]|ящик)[^.;]{0,20}(?:не найден|не существует)|такого (?:пользователя|адреса|ящика)|неизвестный (?:пользователь|адресат|получатель)/,
        '550 Пользователь не найден',
      ],
      [
        /(?:користувач[аи]?|адресат|отримувач[аи]?|скриньк[аи])[^.;]{0,20}(?:не знайдено|не існує)|такого користувача|невідомий (?:користувач|адресат)/,
        '550 Користувача не знайдено',
      ],
      [
        /kullanıcı (?:bulunamadı|mevcut değil|yok)|bilinmeyen (?:kullanıcı|alıcı)|alıcı(?: adresi)? (?:bulunamadı|mevcut değil)/,
        '550 Kullanıcı bulunamadı',
      ],
      [
        /\b(?:okänd|ukjent|ukendt) (?:användare|mottagare|bruker|mottaker|bruger|modtager)|\b(?:användaren|mottagaren|brukeren|mottakeren|brugeren|modtageren) (?:finns|finnes|findes|eksisterer) (?:inte|ikke)/,
        '550 Okänd användare',
      ],
      [
        /ユーザー?(?:が|は)?(?:見つかりません|存在しません|いません)|該当(?:する)?ユーザー?|(?<!ip ?)(?:メール)?アドレス(?:が|は)見つかりません|(?:受信者|宛先)(?:の(?:メール)?アドレス)?(?:が|は)見つかりません|そのような(?:メール)?(?:アドレス|ユーザー?)(?:は|が)(?:ありません|いません)/,
        '550 該当するユーザーがいません',
      ],
      [
        /(?<!发件人|發件人|寄件人|寄件者)(?:用户|用戶|收件人|收件者|使用者|邮箱|郵箱|信箱|帐号|账号|帳號|邮件|郵件)(?:地址|名)?不存在|查[无無]此(?:人|用户|帐号|帳號|使用者)/,
        '550 用户不存在',
      ],
      [
        /존재하지 않는 (?:사용자|계정|주소|메일 ?주소|수신자)|(?:사용자|수신자|받는 사람)를? 찾을 수 없|(?<!(?:발신자|보낸 사람)의? (?:메일 )?)주소가 존재하지 않|(?:사용자|수신자|계정)(?:가|이) 존재하지 않/,
        '550 존재하지 않는 사용자입니다',
      ],
    ],
  },
  {
    // Greylisting in the server's language, and a localized MTA's own words for a queue that ran out.
    reason: 'expired',
    phrases: [
      [
        /\bgraue liste|\bliste grise\b|\blista gris\b|\bgrålist|\bgråliste|\bgri liste|грейлистинг|сер(?:ый|ом) список|сірий список|灰名单|灰名單|グレーリスト|グレーリスティング|그레이리스(?:트|팅)/,
        '450 Liste grise, veuillez réessayer plus tard',
      ],
      [
        /\bzustell(?:ungs)?(?:zeitraum|frist|zeit)\b[^.;]{0,20}(?:abgelaufen|überschritten)|\bzeitüberschreitung bei der zustellung/,
        'Die Nachricht konnte nicht zugestellt werden: Zustellungszeitraum abgelaufen',
      ],
      [
        /\bdélai de (?:remise|livraison|distribution)\b[^.;]{0,20}(?:expiré|dépassé)|\bdans le délai imparti/,
        "Délai de remise expiré, le message n'a pas pu être remis",
      ],
      [
        /\b(?:tiempo|prazo|tempo) (?:máximo )?de entrega (?:agotado|expirado|excedido|esgotado)|\bmensaje expiró/,
        'Tiempo de entrega agotado, no se pudo entregar el mensaje',
      ],
      [
        /\btempo (?:massimo )?di consegna (?:scaduto|superato)|\bentro il tempo previsto/,
        'Tempo di consegna scaduto, il messaggio non è stato recapitato',
      ],
      [
        /\bbezorgtijd (?:verlopen|overschreden)|\bniet binnen de gestelde tijd\b/,
        'Bezorgtijd verlopen, het bericht kon niet worden afgeleverd',
      ],
      [/upłynął czas (?:dostarczenia|doręczenia)|w wyznaczonym czasie/, 'Upłynął czas dostarczenia, wiadomość nie została dostarczona'],
      [/vypršela doba doručení|doba doručení vypršela/, 'Vypršela doba doručení, zprávu se nepodařilo doručit'],
      [/истекло время доставки|срок доставки ист[её]к|в течение установленного срока/, 'Истекло время доставки, сообщение не доставлено'],
      [/час доставки (?:минув|вичерпано)|термін доставки минув/, 'Час доставки минув, повідомлення не доставлено'],
      [/\bteslim süresi (?:doldu|aşıldı)/, 'Teslim süresi doldu, ileti teslim edilemedi'],
      [/\bleveranstiden har gått ut|\bleveringstiden er (?:utløpt|udløbet)/, 'Leveringstiden er udløbet, beskeden kunne ikke leveres'],
      [/配信期限切れ|一定時間内に配送できな|配送期限(?:切れ|を過ぎ)/, '配信期限切れのため配送できませんでした'],
      [/投递超时|投遞逾時|傳遞逾時|规定时间内未能投递|規定時間內未能投遞/, '投递超时，邮件未能送达'],
      [/(?:전송|배달) 시간이? 초과/, '전송 시간이 초과되어 메일을 전달하지 못했습니다'],
    ],
  },
];

/**
 * Weak evidence (WEAK_PHRASES), as the English "temporary failure": read only when no code and no other phrase
 * decided, so that a generic 4.3.0 stays onhold.
 */
export const LANGUAGE_WEAK_PHRASES: readonly PhraseList[] = [
  {
    // A temporary failure of the receiving system, no cause named.
    reason: 'systemerror',
    phrases: [
      [
        /\bvorübergehender fehler|\btemporärer fehler|\berreur temporaire|chec temporaire|\berror temporal|\bfallo temporal|\berrore temporaneo|\berro temporário|\bfalha temporária|\btijdelijke fout/,
        '451 Vorübergehender Fehler, bitte später erneut versuchen',
      ],
      [
        /błąd tymczasowy|tymczasowy błąd|dočasná chyba|временная ошибка|тимчасова помилка|geçici hata|\btillfälligt fel|\bmidlertidig (?:feil|fejl)/,
        '451 Временная ошибка, повторите попытку позже',
      ],
      [
        /一時的な(?:エラー|障害)|临时错误|系统繁忙|暫時性錯誤|系統繁忙|일시적인 오류/,
        '451 一時的なエラーです。しばらくしてから再送してください',
      ],
    ],
  },
];
