// The SMTP listener's rules without a socket: each check's reply, count label and log.
import { describe, expect, it } from 'vitest';
import { SmtpRules, domainOf } from '../../src/intake/smtp-rules.js';

const limits = {
  bounceDomains: ['Bounces.Example'],
  maxConnectionsPerClient: 2,
  maxMessagesPerMinutePerClient: 3,
  maxRecipients: 2,
  maxMessageBytes: 1000,
  maxHeaderBytes: 200,
  maxMimeDepth: 3,
  maxMimeParts: 10,
};

describe('SmtpRules', () => {
  it('holds each client to its connections, and frees a slot on disconnect', () => {
    const r = new SmtpRules(limits);
    expect(r.connect('192.0.2.1')).toBeNull();
    expect(r.connect('192.0.2.1')).toBeNull();
    expect(r.connect('192.0.2.1')).toMatchObject({ code: 421, result: 'deferred', reason: 'connections-per-client' });
    expect(r.connect('192.0.2.2')).toBeNull();
    r.disconnected('192.0.2.1');
    expect(r.connect('192.0.2.1')).toBeNull();
  });

  it('defers MAIL FROM while the backlog is above its bound, then past the per-minute rate', () => {
    const r = new SmtpRules(limits);
    expect(r.mailFrom('192.0.2.1', true)).toMatchObject({ code: 451, message: '4.3.2 System busy, try again later', reason: 'backlog' });
    const t = Date.UTC(2026, 11, 6, 12, 0, 0);
    for (let i = 0; i < 3; i++) expect(r.mailFrom('192.0.2.1', false, t)).toBeNull();
    expect(r.mailFrom('192.0.2.1', false, t + 1000)).toMatchObject({ code: 451, reason: 'rate-per-client' });
    expect(r.mailFrom('192.0.2.9', false, t + 1000)).toBeNull();
    // A new minute, a new count.
    expect(r.mailFrom('192.0.2.1', false, t + 60_000)).toBeNull();
  });

  it('refuses to relay, whatever the case of the domain, and defers past maxRecipients', () => {
    const r = new SmtpRules(limits);
    expect(r.rcptTo('b+x@bounces.example', 0)).toBeNull();
    expect(r.rcptTo('b+x@BOUNCES.example.', 0)).toBeNull();
    const relay = r.rcptTo('victim@elsewhere.example', 0);
    expect(relay).toMatchObject({ code: 550, result: 'refused', reason: 'relay', level: 'info' });
    expect(relay?.message).toContain('relay not permitted');
    expect(r.rcptTo('b+y@bounces.example', 2)).toMatchObject({ code: 452, message: '4.5.3 Too many recipients (at most 2 per message)' });
  });

  it('refuses a message too big, or whose header or MIME structure is past its limits', () => {
    const r = new SmtpRules(limits);
    expect(r.message(Buffer.alloc(0), 5000, true)).toMatchObject({ code: 552, reason: 'size', detail: { size: 5000, limit: 1000 } });
    expect(r.message(Buffer.from('Subject: hi\r\n\r\nbody\r\n'), 21, false)).toBeNull();
    const longHeader = Buffer.from(`X-Long: ${'a'.repeat(300)}\r\n\r\nbody\r\n`);
    expect(r.message(longHeader, longHeader.length, false)).toMatchObject({ code: 552, reason: 'header-size', result: 'refused' });
  });

  it('reads the domain of an address as compared', () => {
    expect(domainOf('A@Example.ORG.')).toBe('example.org');
    expect(domainOf('no-at-sign')).toBe('');
  });
});
