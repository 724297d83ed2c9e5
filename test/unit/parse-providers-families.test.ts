// Providers' own NDR layouts (src/parse/families/), table-driven: the cases
// are synthetic notices in test/helpers/provider-ndr-cases.ts.
import { describe, expect, it } from 'vitest';
import { parseMailSync } from '../../src/parse/index.js';
import { ndr } from '../helpers/provider-ndr.js';
import {
  CASES,
  GMAIL_CASES,
  MORE_CASES,
  SENDGRID_CONNECT,
  UI_CASES,
  O365_NEW,
  AU_CASES,
  GSUITE_CASES,
  SES_MAIL,
  YAHOO_OLD,
  HOTMAIL_TEXT,
  GMAIL_DNS,
  OUTLOOK_DSN,
  YAHOO_TO_QQ,
  WORKSPACE_GROUP,
  O365_DSN_ONLY,
  GROUP_NO_CAUSE,
  GROUP_OTHER_LANGUAGE,
} from '../helpers/provider-ndr-cases.js';

describe('provider NDR layouts', () => {
  for (const c of [
    ...CASES,
    ...GMAIL_CASES,
    ...MORE_CASES,
    SENDGRID_CONNECT,
    ...UI_CASES,
    O365_NEW,
    ...AU_CASES,
    ...GSUITE_CASES,
    SES_MAIL,
    YAHOO_OLD,
    HOTMAIL_TEXT,
    ...GMAIL_DNS,
    OUTLOOK_DSN,
    YAHOO_TO_QQ,
    WORKSPACE_GROUP,
    O365_DSN_ONLY,
    GROUP_NO_CAUSE,
    GROUP_OTHER_LANGUAGE,
  ]) {
    it(c.name, () => {
      const got = parseMailSync(ndr(c.mail));
      expect(got.kind).toBe('bounce');
      expect(got.recipients.map((r) => r.address)).toEqual(c.want.map((w) => w.address));
      c.want.forEach((w, i) => expect(got.recipients[i]).toMatchObject(w));
    });
  }
});

// Amazon SES notifications delivered as JSON (SNS): the bounce types of the SES developer guide.
function sesMail(notification: unknown): Buffer {
  return Buffer.from(
    `From: no-reply@sns.amazonaws.com\nTo: hook@example.com\nSubject: AWS Notification Message\nContent-Type: text/plain; charset=UTF-8\n\n${JSON.stringify(notification)}\n`,
  );
}
const bounce = (bounceType: string, bounceSubType: string, address: string) => ({
  notificationType: 'Bounce',
  bounce: { bounceType, bounceSubType, bouncedRecipients: [{ emailAddress: address }] },
  mail: { messageId: 'm-1' },
});

const SES: ReadonlyArray<readonly [string, unknown, string, string, string]> = [
  // A Transient bounce comes once SES has stopped retrying this message: a failure, whose reason is soft.
  ['Transient/MailboxFull', bounce('Transient', 'MailboxFull', 'full@example.com'), 'full@example.com', 'failed', 'mailboxfull'],
  ['Transient/MessageTooLarge', bounce('Transient', 'MessageTooLarge', 'big@example.com'), 'big@example.com', 'failed', 'mesgtoobig'],
  [
    'Permanent/NoEmail inside an SNS envelope',
    { Type: 'Notification', Message: JSON.stringify(bounce('Permanent', 'NoEmail', 'none@example.com')) },
    'none@example.com',
    'failed',
    'userunknown',
  ],
];

describe('Amazon SES bounce types', () => {
  for (const [name, n, address, action, reason] of SES) {
    it(name, () => {
      const got = parseMailSync(sesMail(n));
      expect(got.kind).toBe('bounce');
      expect(got.recipients).toHaveLength(1);
      expect(got.recipients[0]).toMatchObject({ address, action, reason });
    });
  }
});
