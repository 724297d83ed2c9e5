// The key of a delivery-report attempt (docs/intake.md, "Delivery reports"):
// none without a stated time; one form of the time and of the MX host name;
// every other fact the sender gives tells two attempts apart.
import { describe, expect, it } from 'vitest';
import { attemptKey, type AttemptFacts } from '../../src/jobs/attempt-key.js';

const facts: AttemptFacts = {
  channel: 'email',
  addressKey: 'kijitora@example.jp',
  action: 'failed',
  at: new Date('2026-12-06T19:30:01Z'),
  status: '5.1.1',
  replyCode: '550',
  diagnostic: '550 5.1.1 <kijitora@example.jp>: Recipient address rejected: User unknown',
  mx: 'mx1.example.jp',
  deliveryId: 'q-4Q7Xk12',
};
const hex = (f: AttemptFacts) => attemptKey(f)?.toString('hex');

describe('attemptKey', () => {
  it('is a sha256 of what the attempt says, the same for the same attempt', () => {
    expect(attemptKey(facts)).toHaveLength(16);
    expect(hex({ ...facts })).toBe(hex(facts));
  });

  it('is none for an attempt whose report does not state its time', () => {
    expect(attemptKey({ ...facts, at: null })).toBeNull();
  });

  it('reads the time and the MX host name in one form', () => {
    expect(hex({ ...facts, at: new Date('2026-12-06T20:30:01.000+01:00') })).toBe(hex(facts));
    expect(hex({ ...facts, mx: 'MX1.Example.JP' })).toBe(hex(facts));
  });

  it('differs when any fact differs', () => {
    const others: Partial<AttemptFacts>[] = [
      { channel: 'sms' },
      { addressKey: 'shironeko@example.jp' },
      { action: 'delayed' },
      { at: new Date('2026-12-06T19:30:02Z') },
      { status: '5.1.2' },
      { replyCode: '551' },
      { diagnostic: '550 5.1.1 User unknown' },
      { mx: 'mx2.example.jp' },
      { deliveryId: 'q-4Q7Xk13' },
      { deliveryId: null },
    ];
    const keys = new Set([hex(facts), ...others.map((o) => hex({ ...facts, ...o }))]);
    expect(keys.size).toBe(others.length + 1);
  });

  it('does not let one field pass for its neighbour', () => {
    expect(hex({ ...facts, status: '5.1.1 550', replyCode: '' })).not.toBe(hex({ ...facts, status: '5.1.1', replyCode: '550' }));
  });
});
