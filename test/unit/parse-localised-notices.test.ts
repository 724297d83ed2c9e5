// Notices whose own template is localised: Exchange / Exchange Online / Outlook.com NDRs and delay notices,
// Gmail's and Google Groups' notices, Domino's router, and Postfix / Exim / Yandex sites that translated their
// templates (docs/parser-generalisation.md, "Localised notice templates"). Each row is a whole synthetic notice;
// what is read is the notice's kind, the recipient's action and reason.
import { describe, expect, it } from 'vitest';
import { ndr, read } from '../helpers/ndr.js';

/** An RFC 2047 encoded word: localised subjects travel encoded. */
const ew = (s: string): string => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

const OUTLOOK = 'Microsoft Outlook <postmaster@kunde.example>';
const GMAIL = 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>';
const RETURNED = 'From: sender@example.org\nTo: someone@kunde.example\nSubject: Angebot\n\nHallo.';

interface Row {
  name: string;
  from?: string;
  subject: string;
  body: string;
  headers?: string[];
  want: readonly [string, string, string?];
}

function check(rows: readonly Row[]): void {
  for (const r of rows) {
    it(r.name, () => {
      const got = read(ndr({ from: r.from ?? OUTLOOK, subject: ew(r.subject), body: r.body, headers: r.headers, returned: RETURNED }));
      expect(got.kind).toBe('bounce');
      const [address, action, reason] = r.want;
      const one = got.recipients.map((x) => [x.address, x.action, ...(reason ? [x.reason] : [])]);
      expect(one).toEqual([[address, action, ...(reason ? [reason] : [])]]);
    });
  }
}

/** Exchange 2010-2016's notice without its part for administrators (a gateway cut it): the sentence under the recipient. */
const exchange = (head: string, a: string, sentence: string): string => [head, '', a, sentence, ''].join('\n');

describe("Exchange's part for administrators in more languages", () => {
  // Polish, Russian, Chinese (both scripts), Korean, Danish, Norwegian, Finnish, Czech, Turkish and Hungarian
  // templates: the reader finds the recipient and
  // Exchange's component code.
  const admin: ReadonlyArray<readonly [string, string, string]> = [
    ['Niedostarczalne: Oferta', 'Informacje diagnostyczne dla administratorów:', 'Serwer generujący:'],
    ['Недоставляемое сообщение: Предложение', 'Диагностические сведения для администраторов:', 'Создающий сервер:'],
    ['无法送达: 报价', '管理员的诊断信息:', '生成服务器:'],
    ['無法傳遞: 報價', '系統管理員的診斷資訊:', '產生伺服器:'],
    ['배달되지 않음: 견적', '관리자용 진단 정보:', '생성 서버:'],
    ['Kan ikke leveres: Tilbud', 'Diagnosticeringsoplysninger til administratorer:', 'Genererende server:'],
    ['Kan ikke leveres: Tilbud', 'Diagnostikkinformasjon for administratorer:', 'Genererende server:'],
    ['Ei voida toimittaa: Tarjous', 'Järjestelmänvalvojien diagnostiikkatiedot:', 'Luova palvelin:'],
    ['Nedoručitelné: Nabídka', 'Diagnostické informace pro správce:', 'Generující server:'],
    ['Teslim Edilemedi: Teklif', 'Yöneticiler için tanılama bilgileri:', 'Oluşturan sunucu:'],
    ['Kézbesíthetetlen: Ajánlat', 'Diagnosztikai adatok rendszergazdák számára:', 'Létrehozó kiszolgáló:'],
  ];
  for (const [subject, part, server] of admin) {
    it(`${part} (${subject})`, () => {
      const a = 'hans@kunde.example';
      const body = [
        a,
        '',
        '',
        '',
        part,
        '',
        `${server} EX01.kunde.example`,
        '',
        a,
        '#550 5.1.1 RESOLVER.ADR.RecipNotFound; not found ##',
      ].join('\n');
      const got = read(ndr({ from: OUTLOOK, subject: ew(subject), body }));
      expect(got.via).toBe('exchange2007');
      expect(got.recipients.map((r) => [r.address, r.action, r.reason])).toEqual([[a, 'failed', 'userunknown']]);
    });
  }

  it('reads "550 4.4.7 QUEUE.Expired" as a failure (Exchange gave up), a 4xx reply as a delay', () => {
    const a = 'q@kunde.example';
    const body = (answer: string): string =>
      [a, '', 'Diagnostic information for administrators:', '', 'Generating server: EX01.kunde.example', '', a, answer].join('\n');
    const gaveUp = read(
      ndr({
        from: OUTLOOK,
        subject: 'Undeliverable: Offer',
        body: body("Remote Server returned '550 4.4.7 QUEUE.Expired; message expired'"),
      }),
    );
    expect(gaveUp.recipients.map((r) => [r.action, r.reason])).toEqual([['failed', 'expired']]);
    const still = read(
      ndr({ from: OUTLOOK, subject: 'Delivery Delayed: Offer', body: body("Remote Server returned '400 4.4.7 Message delayed'") }),
    );
    expect(still.recipients.map((r) => r.action)).toEqual(['delayed']);
  });
});

describe("the template's own sentence names the cause", () => {
  const a = 'hans@kunde.example';
  // Exchange's "The email address you entered couldn't be found" (no part for administrators: a gateway cut it).
  const notFound: ReadonlyArray<readonly [string, string, string]> = [
    [
      'pt',
      'Falha na entrega para estes destinatários ou grupos:',
      'Não foi possível encontrar o endereço de email inserido. Verifique o endereço.',
    ],
    ['pl', 'Dostarczenie do tych adresatów lub grup nie powiodło się:', 'Nie można znaleźć wprowadzonego adresu e-mail. Sprawdź adres.'],
    [
      'ru',
      'Не удалось выполнить доставку следующим получателям или группам:',
      'Введенный адрес электронной почты не найден. Проверьте адрес.',
    ],
    [
      'ja',
      '次の受信者またはグループへの配信に失敗しました:',
      '入力した電子メール アドレスが見つかりませんでした。受信者の電子メール アドレスを確認してください。',
    ],
    ['zh', '传递到这些收件人或组失败:', '找不到你输入的电子邮件地址。请检查收件人的电子邮件地址。'],
    ['zh-TW', '傳遞到下列收件者或群組失敗:', '找不到您輸入的電子郵件地址。請檢查收件者的電子郵件地址。'],
    ['ko', '다음 받는 사람 또는 그룹에게 배달하지 못했습니다.', '입력한 전자 메일 주소를 찾을 수 없습니다. 받는 사람의 주소를 확인하세요.'],
  ];
  check(
    notFound.map(([lang, head, sentence]) => ({
      name: `Exchange, address not found (${lang})`,
      subject: 'Undeliverable: Angebot',
      body: exchange(head, a, sentence),
      want: [a, 'failed', 'userunknown'] as const,
    })),
  );

  // Exchange Online's "<name> wasn't found at <domain>".
  const wasntFound: ReadonlyArray<readonly [string, string]> = [
    ['de', 'Ihre Nachricht an hans@kunde.example konnte nicht zugestellt werden.\n\nhans wurde bei kunde.example nicht gefunden.'],
    ['fr', "Votre message à hans@kunde.example n'a pas pu être remis.\n\nhans est introuvable sur kunde.example."],
    ['es', 'No se pudo entregar el mensaje a hans@kunde.example.\n\nNo se encontró a hans en kunde.example.'],
    ['it', 'Impossibile recapitare il messaggio a hans@kunde.example.\n\nhans non è stato trovato in kunde.example.'],
    ['ja', 'hans@kunde.example へのメッセージを配信できませんでした。\n\nkunde.example に hans が見つかりませんでした。'],
  ];
  check(
    wasntFound.map(([lang, body]) => ({
      name: `Exchange Online, recipient not found at the domain (${lang})`,
      subject: 'Unzustellbar: Angebot',
      body,
      want: [a, 'failed', 'userunknown'] as const,
    })),
  );

  // A group that takes mail only from its organisation or allowed senders: the sender is refused.
  const group = 'vertrieb@kunde.example';
  const restricted: ReadonlyArray<readonly [string, string]> = [
    ['de', 'Die Gruppe vertrieb akzeptiert nur Nachrichten von Personen in ihrer Organisation.'],
    ['fr', "Le groupe ventes n'accepte que les messages provenant de personnes de son organisation."],
    ['es', 'El grupo ventas solo acepta mensajes de personas de su organización.'],
    ['it', "Il gruppo vendite accetta solo messaggi da persone all'interno dell'organizzazione."],
    ['pt', 'O grupo vendas só aceita mensagens de pessoas de sua organização.'],
    ['nl', 'De groep verkoop accepteert alleen berichten van personen in de organisatie.'],
  ];
  check(
    restricted.map(([lang, sentence]) => ({
      name: `Exchange, a group's allowed senders (${lang})`,
      subject: 'Undeliverable: Angebot',
      body: exchange('Delivery has failed to these recipients or groups:', group, sentence),
      want: [group, 'failed', 'rejected'] as const,
    })),
  );

  // Gmail's own verdict when the domain does not exist: the domain's name stands after the noun.
  const typo = 'jan@kunde-tippfehler.example';
  const domain: ReadonlyArray<readonly [string, string]> = [
    ['de', `Ihre Nachricht wurde nicht an ${typo} zugestellt, weil die Domain kunde-tippfehler.example nicht gefunden wurde.`],
    ['fr', `Votre message n'a pas été distribué à ${typo}, car le domaine kunde-tippfehler.example est introuvable.`],
    ['es', `Tu mensaje no se ha entregado a ${typo} porque no se ha encontrado el dominio kunde-tippfehler.example.`],
    ['pt', `Sua mensagem não foi entregue a ${typo} porque o domínio kunde-tippfehler.example não foi encontrado.`],
    ['it', `Il tuo messaggio non è stato recapitato a ${typo} perché il dominio kunde-tippfehler.example non è stato trovato.`],
  ];
  check(
    domain.map(([lang, sentence]) => ({
      name: `Gmail, domain not found (${lang})`,
      from: GMAIL,
      subject: 'Delivery Status Notification (Failure)',
      headers: [`X-Failed-Recipients: ${typo}`],
      body: `** Adresse **\n\n${sentence}\n`,
      want: [typo, 'failed', 'hostunknown'] as const,
    })),
  );

  // Google Groups' short notice: "the group ... may not exist, or you may not have permission to post".
  const groups: ReadonlyArray<readonly [string, string]> = [
    [
      'de',
      'dass die Gruppe ({g}) möglicherweise nicht existiert oder Sie keine Berechtigung zum Posten von Nachrichten in der Gruppe haben.',
    ],
    ['fr', "que le groupe ({g}) n'existe peut-être pas ou que vous n'êtes peut-être pas autorisé à publier des messages dans ce groupe."],
    ['es', 'que es posible que el grupo ({g}) no exista o que no tengas permiso para publicar mensajes en él.'],
    ['it', "che il gruppo ({g}) potrebbe non esistere o potresti non avere l'autorizzazione a pubblicare messaggi nel gruppo."],
    ['pt', 'que o grupo ({g}) pode não existir ou você não tem permissão para postar mensagens no grupo.'],
    ['nl', 'dat de groep ({g}) mogelijk niet bestaat of dat je geen toestemming hebt om berichten in de groep te plaatsen.'],
    ['ja', '連絡しようとしたグループ（{g}）が存在しないか、グループへのメッセージの投稿権限がない可能性があります。'],
    ['zh', '您尝试联系的群组 ({g}) 可能不存在，或者您可能没有在该群组中发帖的权限。'],
  ];
  check(
    groups.map(([lang, sentence]) => ({
      name: `Google Groups, the group refuses the poster (${lang})`,
      from: GMAIL,
      subject: 'Address not found',
      headers: [`X-Failed-Recipients: ${group}`],
      body: `${sentence.replace('{g}', group)}\n\nhttps://groups.google.com/support/\n`,
      want: [group, 'failed', 'rejected'] as const,
    })),
  );

  // Domino's routers: not in the Domino Directory, whatever the command.
  const hiro = 'hiro@kunde.example';
  const domino: ReadonlyArray<readonly [string, string, string]> = [
    ['ZUSTELLUNGSFEHLER: Angebot', 'wurde nicht zugestellt an:', `Der Benutzer hiro (${hiro}) ist nicht im Domino-Verzeichnis aufgeführt`],
    ['ÉCHEC DE LA REMISE : Offre', "n'a pas été remis à :", `Utilisateur hiro (${hiro}) non répertorié dans l'annuaire Domino`],
    ['Informe de errores de entrega', 'no se ha entregado a:', `El usuario hiro (${hiro}) no se encuentra en el Directorio de Domino`],
  ];
  check(
    domino.map(([subject, to, why]) => ({
      name: `Domino, ${subject}`,
      from: 'Mail Router <postmaster@kunde.example>',
      subject,
      body: `Ihre Nachricht\n\n  Betreff: Angebot\n\n${to}\n\n  ${hiro}\n\n  ${why}\n`,
      want: [hiro, 'failed', 'userunknown'] as const,
    })),
  );
});

describe('localised delay notices read as delays', () => {
  const a = 'otto@kunde.example';
  // Exchange's delay notice without its part for administrators: its subject and sentences say delay.
  const exchangeDelays: ReadonlyArray<readonly [string, string, string]> = [
    [
      'Zustellung verzögert: Angebot',
      'Die Zustellung an folgende Empfänger oder Gruppen verzögert sich:',
      'Diese Nachricht wurde noch nicht zugestellt. Es wird weiterhin versucht, die Nachricht zuzustellen.',
    ],
    [
      'Remise différée : Offre',
      'La remise aux destinataires ou groupes suivants est différée :',
      "Ce message n'a pas encore été remis. La remise sera retentée.",
    ],
    [
      'Entrega retrasada: Oferta',
      'La entrega a estos destinatarios o grupos está retrasada:',
      'Aún no se ha entregado el mensaje. Se seguirá intentando la entrega.',
    ],
    [
      'Recapito ritardato: Offerta',
      'Il recapito ai destinatari o ai gruppi seguenti è stato ritardato:',
      'Il messaggio non è stato ancora recapitato. Il tentativo di recapito continuerà.',
    ],
    ['Vertraagd: Aanbieding', 'De bezorging bij deze ontvangers of groepen is vertraagd:', 'Dit bericht is nog niet bezorgd.'],
    ['Entrega atrasada: Oferta', 'A entrega para estes destinatários ou grupos está atrasada:', 'Esta mensagem ainda não foi entregue.'],
    [
      'Задержка доставки: Предложение',
      'Доставка следующим получателям или группам задерживается:',
      'Это сообщение пока не удалось доставить.',
    ],
    ['配信の遅延: お見積り', '次の受信者またはグループへの配信が遅延しています:', 'このメッセージはまだ配信されていません。'],
    ['배달 지연: 견적', '다음 받는 사람 또는 그룹에게 배달이 지연되었습니다.', '이 메시지는 아직 배달되지 않았습니다.'],
  ];
  check(
    exchangeDelays.map(([subject, head, sentence]) => ({
      name: `Exchange, ${subject}`,
      subject,
      body: `${head}\n\n${a}\n\n${sentence}\n`,
      want: [a, 'delayed'] as const,
    })),
  );

  // Gmail's delay notice ("There was a temporary problem ... Gmail will retry for 46 more hours").
  const gmailDelays: ReadonlyArray<readonly [string, string]> = [
    [
      'de',
      `Beim Zustellen Ihrer Nachricht an ${a} ist ein vorübergehendes Problem aufgetreten. Gmail versucht es noch 46 Stunden lang. Sie werden benachrichtigt, wenn die Zustellung endgültig fehlschlägt.`,
    ],
    [
      'fr',
      `Un problème temporaire a empêché la distribution de votre message à ${a}. Gmail effectuera de nouvelles tentatives pendant 46 heures.`,
    ],
    [
      'es',
      `Se ha producido un problema temporal al entregar tu mensaje a ${a}. Gmail volverá a intentarlo durante 46 horas más. Recibirás una notificación si la entrega falla de forma permanente.`,
    ],
    ['it', `Si è verificato un problema temporaneo durante il recapito del messaggio a ${a}. Gmail riproverà per altre 46 ore.`],
    ['pt', `Houve um problema temporário ao entregar sua mensagem para ${a}. O Gmail tentará novamente por mais 46 horas.`],
    ['nl', `Er is een tijdelijk probleem opgetreden bij het bezorgen van je bericht aan ${a}. Gmail probeert het nog 46 uur opnieuw.`],
    ['ja', `${a} へのメッセージ配信中に一時的な問題が発生しました。Gmail はあと 46 時間再試行します。`],
  ];
  check(
    gmailDelays.map(([lang, sentence]) => ({
      name: `Gmail, delayed (${lang})`,
      from: GMAIL,
      subject: 'Delivery Status Notification (Delay)',
      body: `\n${sentence}\n`,
      want: [a, 'delayed'] as const,
    })),
  );

  check([
    {
      name: "Postfix's template translated to German (warning)",
      from: 'MAILER-DAEMON@mail.example.de (Mail Delivery System)',
      subject: 'Verzögerte Nachricht (nur eine Warnung)',
      body: `Dies ist das Mailsystem auf dem Rechner mail.example.de.\n\n# DIES IST NUR EINE WARNUNG. SIE MÜSSEN DIE NACHRICHT NICHT ERNEUT SENDEN. #\n\n<${a}>: connect to mx.kunde.example[192.0.2.10]:25: Connection timed out\n`,
      want: [a, 'delayed'],
    },
    {
      name: "Exim's warning template translated to Spanish",
      from: 'Mail Delivery System <Mailer-Daemon@mail.example.es>',
      subject: 'Aviso: mensaje 1tZ9Xk-0004Ab-2C con retraso de 24 horas',
      headers: ['Auto-Submitted: auto-replied'],
      body: `Aviso: el mensaje no se ha entregado todavía a los siguientes destinatarios:\n\n  ${a}\n    host mx.kunde.example [192.0.2.30]: Connection timed out\n\nNo es necesario reenviar el mensaje: se seguirá intentando la entrega.\n`,
      want: [a, 'delayed'],
    },
    {
      name: "Yandex's Russian warning",
      from: 'mailer-daemon@yandex.ru',
      subject: 'Задержка доставки сообщения',
      body: `Ваше письмо пока не удалось доставить следующим получателям. Доставка будет повторяться в течение 5 дней.\n\n<${a}>: connect to mx.kunde.example[192.0.2.42]:25: Connection timed out\n`,
      want: [a, 'delayed'],
    },
  ]);

  // A localised final notice stays a failure, even beside words of retrying.
  check([
    {
      name: "Exim's French template: a permanent error, no further attempts",
      from: 'Mail Delivery System <Mailer-Daemon@mail.example.fr>',
      subject: "Échec de la distribution : renvoi du message à l'expéditeur",
      headers: [`X-Failed-Recipients: ${a}`],
      body: `Il s'agit d'une erreur permanente. Il n'y aura pas de nouvelles tentatives.\n\n  ${a}\n    host mx.kunde.example [192.0.2.10]: Connection timed out\n`,
      want: [a, 'failed'],
    },
    {
      name: "Exchange's German NDR stays a failure",
      subject: 'Unzustellbar: Angebot',
      body: exchange(
        'Fehler bei der Zustellung an folgende Empfänger oder Gruppen:',
        a,
        'Die eingegebene E-Mail-Adresse wurde nicht gefunden.',
      ),
      want: [a, 'failed', 'userunknown'],
    },
  ]);
});

describe('look-alikes of localised delay notices', () => {
  // A parcel service's or a shop's "delivery delayed" from notify@ / mail@ names its own service address:
  // a helpdesk's label in the notice's language keeps that address from being read as a recipient.
  it('a parcel service\'s "Lieferung verzögert" naming its "Kontakt:" is no bounce', () => {
    const got = read(
      ndr({
        from: 'Paketdienst <notify@paket.example>',
        subject: ew('Ihre Lieferung ist verzögert'),
        body: 'Ihre Sendung 123456 konnte noch nicht zugestellt werden. Es wird weiterhin versucht.\nKontakt: service@paket.example\n',
      }),
    );
    expect([got.kind, got.recipients.length]).toEqual(['unknown', 0]);
  });

  it('a shop\'s "livraison retardée" naming its "Service client :" is no bounce', () => {
    const got = read(
      ndr({
        from: 'Boutique <mail@boutique.example>',
        subject: ew('Votre commande : livraison retardée'),
        headers: ['Return-Path: <>'],
        body: "Votre colis n'a pas encore été distribué. De nouvelles tentatives seront effectuées.\nService client : sav@boutique.example\n",
      }),
    );
    expect([got.kind, got.recipients.length]).toEqual(['unknown', 0]);
  });
});

describe("Exchange's other sentences in its templates", () => {
  const a = 'hans@kunde.example';
  const rows: ReadonlyArray<readonly [string, string]> = [
    ['Ihre Nachricht kann nicht zugestellt werden, da die Zustellung an diese Adresse eingeschränkt ist.', 'rejected'],
    ['Votre message ne peut pas être remis, car la remise à cette adresse est restreinte.', 'rejected'],
    ['No se puede entregar el mensaje porque la entrega a esta dirección está restringida.', 'rejected'],
    ['Sie verfügen nicht über die Berechtigung, Nachrichten an diesen Empfänger zu senden.', 'rejected'],
    ["Vous n'avez pas l'autorisation d'envoyer des messages à ce destinataire.", 'rejected'],
    ['No tiene permiso para enviar mensajes a este destinatario.', 'rejected'],
    ['Não tem permissão para enviar mensagens para este destinatário.', 'rejected'],
    ['Ce message est trop volumineux pour le système de destination.', 'mesgtoobig'],
    ['El mensaje es demasiado grande para el sistema de destino.', 'mesgtoobig'],
    ['Il messaggio è troppo grande per il sistema di destinazione.', 'mesgtoobig'],
  ];
  check(
    rows.map(([sentence, reason]) => ({
      name: `${sentence} → ${reason}`,
      subject: 'Undeliverable: Angebot',
      body: exchange('Delivery has failed to these recipients or groups:', a, sentence),
      want: [a, 'failed', reason] as const,
    })),
  );
});
