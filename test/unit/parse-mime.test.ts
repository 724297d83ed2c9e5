import { describe, expect, it } from 'vitest';
import { parseMessage, splitMultipart } from '../../src/parse/mime.js';

describe('MIME multipart splitting', () => {
  it('takes a "--b" line as a delimiter only when nothing but padding follows', () => {
    const body = 'preamble\r\n--b \r\nfirst\r\n--ba\r\ninner\r\n--b\r\nsecond\r\n--b--\r\nepilogue';
    expect(splitMultipart(body, 'b')).toEqual(['first\r\n--ba\r\ninner', 'second']);
  });

  it('reads a multipart nested under a boundary that extends the outer one, with no problem to report', () => {
    const mail = [
      'Content-Type: multipart/report; report-type=delivery-status; boundary="x1"',
      '',
      '--x1',
      'Content-Type: multipart/alternative; boundary="x1a"',
      '',
      '--x1a',
      'Content-Type: text/plain',
      '',
      'plain text',
      '--x1a',
      'Content-Type: text/html',
      '',
      '<p>html</p>',
      '--x1a--',
      '--x1',
      'Content-Type: message/delivery-status',
      '',
      'Final-Recipient: rfc822; a@example.org',
      'Action: failed',
      '',
      '--x1--',
      '',
    ].join('\r\n');
    const msg = parseMessage(mail);
    expect(msg.problem).toBeNull();
    expect(msg.all.map((p) => p.contentType.type)).toEqual([
      'multipart/report',
      'multipart/alternative',
      'text/plain',
      'text/html',
      'message/delivery-status',
    ]);
  });
});
