// Mails that reach a bounce address without being a failure, and the `kind` they must get: the
// worst mistake is to read one as a bounce or a complaint and quarantine (or denylist) a good address.
// Each case is one class of mail, written from what the systems that send it write.
import { describe, expect, it } from 'vitest';
import { parseMail } from '../../src/parse/index.js';

function mail(headers: string[], body: string): Buffer {
  return Buffer.from(
    [
      ...headers,
      'To: bounces+k1@bounces.example.com',
      'Date: Tue, 01 Dec 2026 10:00:00 +0000',
      'Message-ID: <case@gen.test>',
      '',
      body,
    ].join('\n'),
    'utf8',
  );
}

describe('auto-replies', () => {
  it('reads a Japanese or Chinese auto-reply subject (no \\b before a CJK word)', async () => {
    for (const subject of ['=?utf-8?B?6Ieq5YuV5b+c562UOiBXZWVrbHkgbmV3cw==?=', '=?utf-8?B?5LiN5Zyo6YCa55+lOiBXZWVrbHkgbmV3cw==?=']) {
      // "自動応答: Weekly news" (Outlook in Japanese), "不在通知: Weekly news"
      const got = await parseMail(mail(['From: Yamada <yamada@kaisha.example>', `Subject: ${subject}`], '休暇中です。'));
      expect([got.kind, got.recipients.map((r) => r.address)]).toEqual(['auto-reply', ['yamada@kaisha.example']]);
    }
  });
});
