import { describe, expect, it } from 'vitest';
import { makeVerpToken, verifyVerpToken } from '../../src/quarantine/verp.js';

const SECRET = 'a-long-test-secret-of-the-sender';

describe('VERP tokens', () => {
  it('verifies a token for the recipient it was issued for, whatever the case of the address', () => {
    const token = makeVerpToken(SECRET, 'd20261123-42', 'Kijitora@Example.jp');
    expect(verifyVerpToken(SECRET, token, 'kijitora@example.JP')).toEqual({ ok: true, deliveryId: 'd20261123-42' });
  });

  it('refuses a token for another recipient, a changed delivery id, another secret, or none', () => {
    const token = makeVerpToken(SECRET, 'd1', 'a@example.com');
    expect(verifyVerpToken(SECRET, token, 'b@example.com')).toMatchObject({ ok: false, why: 'bad signature or other recipient' });
    expect(verifyVerpToken(SECRET, token.replace('d1', 'd2'), 'a@example.com')).toMatchObject({ ok: false });
    expect(verifyVerpToken('another-secret-of-16+', token, 'a@example.com')).toMatchObject({ ok: false });
    expect(verifyVerpToken(SECRET, null, 'a@example.com')).toEqual({ ok: false, why: 'no token' });
    expect(verifyVerpToken(SECRET, 'garbage', 'a@example.com')).toEqual({ ok: false, why: 'malformed token' });
  });

  it('refuses delivery ids that would not survive in a local part', () => {
    expect(() => makeVerpToken(SECRET, 'has space', 'a@example.com')).toThrow(/delivery id/);
  });
});
