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
import type { PhraseList } from './phrases.js';

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
