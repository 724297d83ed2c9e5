// The pure parts of the IMAP intake: envelope headers, batch splitting, backoff, config words.
import { describe, expect, it } from 'vitest';
import { envelopeRecipients } from '../../src/intake/imap-envelope.js';
import { groupBySize } from '../../src/intake/imap-drain.js';
import { backoffMs, refusalOf, serverAnswer } from '../../src/intake/imap-errors.js';
import { folderPath, parseAfter } from '../../src/intake/imap-types.js';
import { mailboxName } from '../../src/intake/imap.js';
import { imapMailboxSchema } from '../../src/config.js';

const mail = (head: string): Buffer => Buffer.from(`${head.replace(/\n/g, '\r\n')}\r\n\r\nDelivered-To: body@not.a.header\r\n`);

describe('envelopeRecipients', () => {
  it('puts X-Original-To (the VERP address as sent) before Delivered-To, unique and in order', () => {
    const body = mail('Delivered-To: bounce@b.example\nX-Original-To: bounce+Tok3n@b.example\nDelivered-To: Bounce@B.example\nSubject: x');
    expect(envelopeRecipients(body)).toEqual(['bounce+Tok3n@b.example', 'bounce@b.example']);
  });

  it('reads folded and angle-bracketed values, and nothing from the body', () => {
    expect(envelopeRecipients(mail('X-Original-To:\n <fbl@isp.example>'))).toEqual(['fbl@isp.example']);
  });

  it('gives nothing when the headers name no envelope recipient', () => {
    expect(envelopeRecipients(mail('Subject: hello\nTo: someone@example.com'))).toEqual([]);
  });
});

describe('groupBySize', () => {
  it('keeps each group of bodies within the byte budget, and gives a larger mail a group of its own', () => {
    const mails = [
      { uid: 1, size: 400 },
      { uid: 2, size: 500 },
      { uid: 3, size: 200 },
      { uid: 4, size: 5000 },
      { uid: 5, size: 100 },
    ];
    expect(groupBySize(mails, 1000)).toEqual([[1, 2], [3], [4], [5]]);
  });

  it('gives no group for no mail', () => {
    expect(groupBySize([], 1000)).toEqual([]);
  });
});

describe('backoffMs', () => {
  it('doubles from about a second up to the maximum, with jitter', () => {
    for (let i = 0; i < 50; i++) {
      expect(backoffMs(1, 60_000)).toBeGreaterThanOrEqual(800);
      expect(backoffMs(1, 60_000)).toBeLessThanOrEqual(1200);
      expect(backoffMs(4, 60_000)).toBeGreaterThanOrEqual(6400);
      expect(backoffMs(20, 60_000)).toBeLessThanOrEqual(72_000);
    }
  });
});

describe('mailbox config words', () => {
  it('reads after as move to a folder, seen or delete', () => {
    expect(parseAfter('move:Done/Bounces')).toEqual({ kind: 'move', folder: 'Done/Bounces' });
    expect(parseAfter('seen')).toEqual({ kind: 'seen' });
    expect(parseAfter('delete')).toEqual({ kind: 'delete' });
  });

  it('splits a folder on / so that the server delimiter joins its parts', () => {
    expect(folderPath('INBOX')).toBe('INBOX');
    expect(folderPath('Done/Bounces')).toEqual(['Done', 'Bounces']);
  });

  it('names a mailbox user@host/folder unless it has a name', () => {
    const box = imapMailboxSchema.parse({ host: 'imap.example.com', user: 'bounce', password: 'x' });
    expect(mailboxName(box)).toBe('bounce@imap.example.com/INBOX');
    expect(mailboxName({ ...box, name: 'fbl-isp' })).toBe('fbl-isp');
  });
});

describe('reading IMAP failures', () => {
  it("quotes the server answer with its response code, not imapflow's generic message", () => {
    const err = Object.assign(new Error('Command failed'), {
      responseText: 'Authentication failed.',
      serverResponseCode: 'AUTHENTICATIONFAILED',
    });
    expect(serverAnswer(err)).toBe('[AUTHENTICATIONFAILED] Authentication failed.');
    expect(serverAnswer(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toBe('connect ECONNREFUSED 127.0.0.1:1');
  });

  it('treats a refused login and a missing folder as refusals, a network error as transient', () => {
    expect(refusalOf(Object.assign(new Error('x'), { authenticationFailed: true }))?.what).toBe('login');
    expect(refusalOf(Object.assign(new Error('x'), { mailboxMissing: true }))?.what).toBe('folder');
    expect(refusalOf(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBeNull();
  });
});
