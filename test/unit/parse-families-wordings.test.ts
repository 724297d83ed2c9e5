// Every wording a family reader knows carries an example as its MTA writes it: the
// reader's table must give that example its entry's reason (so the order stays right),
// and Exchange's codes must each give their verdict in a whole NDR.
import { describe, expect, it } from 'vitest';
import { wordingOf, type Wording } from '../../src/parse/families/layout.js';
import { OWN_WORDS as QMAIL } from '../../src/parse/families/qmail.js';
import { OWN_WORDS as OPENSMTPD } from '../../src/parse/families/opensmtpd.js';
import { OWN_WORDS as DRAGONFLY } from '../../src/parse/families/dragonfly.js';
import { OWN_WORDS as COURIER } from '../../src/parse/families/courier.js';
import { OWN_WORDS as POSTFIX } from '../../src/parse/families/postfix.js';
import { OWN_WORDS as IMAIL } from '../../src/parse/families/imail.js';
import { OWN_WORDS as COMMUNIGATE } from '../../src/parse/families/communigate.js';
import { OWN_WORDS as GROUPWISE } from '../../src/parse/families/groupwise.js';
import { OWN_WORDS as MXLOGIC } from '../../src/parse/families/mxlogic.js';
import { OWN_WORDS as EINSUNDEINS } from '../../src/parse/families/einsundeins.js';
import { OWN_WORDS as POSTOFFICE } from '../../src/parse/families/postoffice.js';
import { OWN_WORDS as MESSAGINGSERVER } from '../../src/parse/families/messagingserver.js';
import { OWN_WORDS as JAMES } from '../../src/parse/families/james.js';
import { ROUTER_WORDS as LOTUS } from '../../src/parse/families/lotus.js';
import { AMAVIS_WORDS, MCAFEE_WORDS, MESSAGELABS_WORDS } from '../../src/parse/families/appliances.js';
import { COMPONENT_CODES, EXCHANGE_SENTENCES, MSEXCH_CODES } from '../../src/parse/families/exchange.js';
import { OWN_WORDS as EXIM } from '../../src/parse/families/exim.js';
import { BIGLOBE_WORDS } from '../../src/parse/families/biglobe.js';
import { AOL_WORDS } from '../../src/parse/families/aol.js';
import { TEMPLATE_WORDS as RECEIVINGSES } from '../../src/parse/families/receivingses.js';
import { ndr, read } from '../helpers/ndr.js';

const TABLES: Record<string, readonly Wording[]> = {
  qmail: QMAIL,
  opensmtpd: OPENSMTPD,
  dragonfly: DRAGONFLY,
  courier: COURIER,
  postfix: POSTFIX,
  imail: IMAIL,
  communigate: COMMUNIGATE,
  groupwise: GROUPWISE,
  mxlogic: MXLOGIC,
  einsundeins: EINSUNDEINS,
  postoffice: POSTOFFICE,
  messagingserver: MESSAGINGSERVER,
  james: JAMES,
  lotus: LOTUS,
  amavis: AMAVIS_WORDS,
  mcafee: MCAFEE_WORDS,
  messagelabs: MESSAGELABS_WORDS,
  exchange: EXCHANGE_SENTENCES,
  aol: AOL_WORDS,
  exim: EXIM,
  biglobe: BIGLOBE_WORDS,
  receivingses: RECEIVINGSES,
};

describe('family wordings', () => {
  for (const [family, table] of Object.entries(TABLES)) {
    for (const w of table) {
      it(`${family}: "${w.example}" reads as ${w.reason}`, () => {
        expect(w.re.test(w.example)).toBe(true);
        expect(wordingOf(w.example, table)).toBe(w.reason);
      });
    }
  }
});

describe("Exchange's codes in whole NDRs", () => {
  for (const [code, reason] of Object.entries(COMPONENT_CODES)) {
    it(`component code ${code} reads as ${reason}`, () => {
      const raw = ndr({
        from: 'postmaster@example.net',
        subject: 'Undeliverable: hello',
        body: [
          'Diagnostic information for administrators:',
          '',
          'Generating server: mail.example.net',
          '',
          'uma@example.com',
          `#550 5.0.0 ${code}; failed ##`,
          '',
          'Original message headers:',
          '',
        ].join('\n'),
      });
      expect(read(raw).recipients.map((r) => [r.address, r.reason])).toEqual([['uma@example.com', reason]]);
    });
  }
  for (const [code, reason] of Object.entries(MSEXCH_CODES)) {
    it(`MSEXCH code ${code} reads as ${reason}`, () => {
      const raw = ndr({
        from: 'System Administrator <postmaster@example.net>',
        subject: 'Undeliverable: hello',
        headers: ['X-MS-Embedded-Report: '],
        body: [
          'Your message',
          '',
          '  To:      vic@example.com',
          '',
          'did not reach the following recipient(s):',
          '',
          'vic@example.com on 4/29/99 9:19:59 AM',
          '    The message could not be delivered',
          `    MSEXCH:IMS:EXAMPLE:SITE:EXCHANGE 0 (${code}) failed`,
        ].join('\n'),
      });
      expect(read(raw).recipients.map((r) => [r.address, r.reason])).toEqual([['vic@example.com', reason]]);
    });
  }
});
