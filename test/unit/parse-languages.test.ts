// Replies in languages other than English, read by class (src/parse/phrases-languages.ts; docs/parser-generalisation.md,
// "Other languages"). The phrase lists' own examples are read by parse-phrases.test.ts; these are other wordings of
// the same classes, and the traps the lists were written around: a 552 that names the message's size, a domain
// said with the same verb as a user, a sender's address, and words that hold a shorter one.
import { describe, expect, it } from 'vitest';
import { classify, type SmtpCommand } from '../../src/parse/classify.js';
import type { Reason } from '../../src/domain/reasons.js';

type Row = readonly [SmtpCommand, string, Reason];

const read = (command: SmtpCommand, diagnostic: string, status = ''): Reason =>
  classify({ action: 'failed', status, replyCode: diagnostic.slice(0, 3), diagnostic, command }).reason;

const ROWS: readonly Row[] = [
  ['RCPT', '550 Der Empfänger ist unbekannt', 'userunknown'],
  ['RCPT', "550 Le destinataire n'existe pas", 'userunknown'],
  ['RCPT', '550 No existe el usuario', 'userunknown'],
  ['RCPT', '550 Destinatário inexistente', 'userunknown'],
  ['RCPT', '550 Odbiorca nie istnieje', 'userunknown'],
  ['RCPT', '550 Нет такого пользователя', 'userunknown'],
  ['RCPT', '550 Отримувача не знайдено', 'userunknown'],
  ['RCPT', '550 Alıcı bulunamadı', 'userunknown'],
  ['RCPT', '550 宛先のメールアドレスが見つかりません', 'userunknown'],
  ['RCPT', '550 收件人地址不存在', 'userunknown'],
  ['RCPT', '550 수신자가 존재하지 않습니다', 'userunknown'],
  ['RCPT', '552 El buzón está lleno', 'mailboxfull'],
  ['RCPT', '552 Квота почтового ящика превышена', 'mailboxfull'],
  ['RCPT', '552 信箱已滿', 'mailboxfull'],
  ['RCPT', '550 Benutzerkonto gesperrt', 'suspend'],
  ['RCPT', '550 账号已停用', 'suspend'],
  // The domain before the user: "存在しません", "nie istnieje" and "no existe" are said of both.
  ['RCPT', '550 指定されたドメインは存在しません', 'hostunknown'],
  ['RCPT', '550 Domena nie istnieje', 'hostunknown'],
  ['RCPT', '550 El dominio no existe', 'hostunknown'],
  // A 552 that names the message's size is no full mailbox.
  ['DATA', '552 Die Nachricht ist zu groß', 'mesgtoobig'],
  ['DATA', '552 Письмо слишком большое', 'mesgtoobig'],
  ['DATA', '552 İleti boyutu sınırı aşıyor', 'mesgtoobig'],
  // The sender's side, whatever the command.
  ['RCPT', '554 Ваш IP-адрес заблокирован', 'blocked'],
  ['RCPT', '554 Relais refusé', 'norelaying'],
  ['RCPT', '450 Demasiados correos enviados', 'speeding'],
  ['CONN', '421 Zu viele Verbindungen von Ihrer IP-Adresse', 'toomanyconn'],
  ['DATA', '554 В сообщении обнаружен вирус', 'virusdetected'],
  ['DATA', '550 Message considéré comme pourriel', 'spamdetected'],
  ['RCPT', '450 Liste grise, veuillez réessayer plus tard', 'expired'],
];

describe('replies in other languages', () => {
  for (const [command, diagnostic, reason] of ROWS) {
    it(`reads "${diagnostic}" as ${reason}`, () => {
      expect(read(command, diagnostic)).toBe(reason);
    });
  }

  it('lets an enhanced code decide where the words agree, and the words where the code is vague', () => {
    expect(read('RCPT', '550 5.1.1 Benutzer unbekannt', '5.1.1')).toBe('userunknown');
    expect(read('RCPT', '550 5.1.2 ドメインが存在しません', '5.1.2')).toBe('hostunknown');
    expect(read('RCPT', '554 5.7.1 Relaying nicht erlaubt', '5.7.1')).toBe('norelaying');
    expect(read('RCPT', '450 4.7.1 Слишком много писем, повторите попытку позже', '4.7.1')).toBe('speeding');
  });

  it("never reads a sender's address or an anti-spam system as the recipient's", () => {
    expect(read('RCPT', '550 Absender-Adresse existiert nicht')).not.toBe('userunknown');
    expect(read('RCPT', '550 发件人邮件地址不存在')).not.toBe('userunknown');
    expect(read('RCPT', '451 Антиспам-система временно недоступна')).toBe('systemerror');
  });

  it('keeps a generic temporary code onhold, as the English "Temporary failure"', () => {
    expect(read('RCPT', '451 4.3.0 Vorübergehender Fehler, bitte später erneut versuchen', '4.3.0')).toBe('onhold');
    expect(read('RCPT', '451 临时错误，请稍后重试')).toBe('systemerror');
  });
});
