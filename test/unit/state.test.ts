import { describe, expect, it } from 'vitest';
import { applyEvent, NEW_ADDRESS, releaseIfIdle, type AddressEvent, type AddressState, type Policy } from '../../src/quarantine/state.js';
import { DEFAULT_POLICY } from '../helpers/policy.js';

const policy: Policy = DEFAULT_POLICY;
const T0 = new Date('2026-11-01T10:00:00Z');
const later = (days: number, hours = 0) => new Date(T0.getTime() + days * 86_400_000 + hours * 3_600_000);
const soft = (at: Date, reason: 'mailboxfull' | 'systemerror' = 'systemerror'): AddressEvent => ({
  kind: 'failure',
  type: 'soft',
  reason,
  failureReason: reason === 'mailboxfull' ? 5 : 3,
  at,
  text: '452 4.2.2 over quota',
});
const hard = (at: Date): AddressEvent => ({
  kind: 'failure',
  type: 'hard',
  reason: 'userunknown',
  failureReason: 1,
  at,
  text: '550 5.1.1 unknown',
});
const run = (events: AddressEvent[], start: AddressState = NEW_ADDRESS, p = policy) =>
  events.reduce((s, e) => applyEvent(s, e, p).next, start);

describe('address state machine', () => {
  it('quarantines an address at its first hard failure', () => {
    const s = run([hard(T0)]);
    expect(s).toMatchObject({ status: 'quarantined', errorCount: 1, reason: 'userunknown', type: 'hard' });
  });

  it('makes an address erroneous at a soft failure and quarantines it at the fifth significant one', () => {
    const four = run([0, 2, 4, 6].map((d) => soft(later(d))));
    expect(four).toMatchObject({ status: 'erroneous', errorCount: 4 });
    expect(run([soft(later(8))], four)).toMatchObject({ status: 'quarantined', errorCount: 5, type: 'soft' });
  });

  it('counts soft errors closer together than the significant period once', () => {
    const s = run([soft(T0), soft(later(0, 1)), soft(later(0, 5)), soft(later(0, 23))]);
    expect(s).toMatchObject({ status: 'erroneous', errorCount: 1 });
    expect(applyEvent(run([soft(T0)]), soft(later(0, 2)), policy).outcome).toBe('counted-once');
  });

  it('counts every soft error when the significant period is 0', () => {
    const s = run(
      [0, 1, 2, 3, 4].map((h) => soft(later(0, h))),
      NEW_ADDRESS,
      { ...policy, significantErrorPeriodSeconds: 0 },
    );
    expect(s).toMatchObject({ status: 'quarantined', errorCount: 5 });
  });

  it('restarts the count at 1 when the last significant error is over 10 days old', () => {
    const four = run([0, 1, 2, 3].map((d) => soft(later(d))));
    const fifth = run([soft(later(3 + 11))], four);
    expect(fifth).toMatchObject({ status: 'erroneous', errorCount: 1 });
  });

  it('uses per-reason thresholds', () => {
    const p = { ...policy, perReason: { mailboxfull: { softThreshold: 2 } } };
    expect(run([soft(T0, 'mailboxfull'), soft(later(2), 'mailboxfull')], NEW_ADDRESS, p).status).toBe('quarantined');
  });

  it('denylists on a complaint, and a denylisted address stays so on later failures', () => {
    const s = run([{ kind: 'complaint', reason: 'feedback', failureReason: 20, at: T0, text: 'abuse' }, hard(later(1))]);
    expect(s.status).toBe('denylisted');
  });

  it('never changes an allowlisted address and records code 25', () => {
    const allow: AddressState = { ...NEW_ADDRESS, status: 'allowlisted' };
    const t = applyEvent(allow, hard(T0), policy);
    expect(t.next).toBe(allow);
    expect(t).toMatchObject({ outcome: 'allowlisted', failureReason: 25 });
  });

  it('makes an erroneous address valid again on a success notice', () => {
    const s = run([soft(T0), { kind: 'success', at: later(1) }]);
    expect(s).toMatchObject({ status: 'valid', errorCount: 0 });
    expect(applyEvent(run([hard(T0)]), { kind: 'success', at: later(1) }, policy).next.status).toBe('quarantined');
  });

  it('ignores an ignored failure', () => {
    const t = applyEvent(
      NEW_ADDRESS,
      { kind: 'failure', type: 'ignored', reason: 'blocked', failureReason: 20, at: T0, text: 'x' },
      policy,
    );
    expect(t.outcome).toBe('ignored');
    expect(t.next).toBe(NEW_ADDRESS);
  });

  it('keeps the earliest first error and latest last error when events arrive out of order', () => {
    const s = run([hard(later(3)), hard(later(1))]);
    expect(s.firstErrorAt).toEqual(later(1));
    expect(s.lastErrorAt).toEqual(later(3));
  });
});

describe('opt-out and opt-in (SMS STOP / START)', () => {
  const stop = (at: Date): AddressEvent => ({ kind: 'optout', reason: 'feedback', failureReason: 20, at, text: 'STOP' });
  const start = (at: Date): AddressEvent => ({ kind: 'optin', at });

  it("an opt-out denylists as the recipient's own, without counting an error; its opt-in makes the address valid", () => {
    const out = run([soft(T0), stop(later(1))]);
    expect(out).toMatchObject({ status: 'denylisted', optedOut: true, errorCount: 1, reason: 'feedback', lastErrorText: 'STOP' });
    const t = applyEvent(out, start(later(2)), policy);
    expect(t.outcome).toBe('applied');
    expect(t.next).toMatchObject({ status: 'valid', optedOut: false, errorCount: 0 });
  });

  it('an opt-in never lifts a denylist someone else set (an operator, a complaint), nor changes a valid address', () => {
    const byOperator: AddressState = { ...NEW_ADDRESS, status: 'denylisted', type: 'hard' };
    expect(applyEvent(byOperator, start(T0), policy)).toMatchObject({ outcome: 'ignored', next: byOperator });
    const complained = run([{ kind: 'complaint', reason: 'feedback', failureReason: 20, at: T0, text: 'abuse' }]);
    expect(applyEvent(complained, start(later(1)), policy).next.status).toBe('denylisted');
    expect(applyEvent(NEW_ADDRESS, start(T0), policy)).toMatchObject({ outcome: 'ignored', next: NEW_ADDRESS });
  });

  it('an opt-out on a denylisted address leaves it whose it was, so a later opt-in does not lift it', () => {
    const byOperator: AddressState = { ...NEW_ADDRESS, status: 'denylisted', type: 'hard' };
    const t = applyEvent(byOperator, stop(T0), policy);
    expect(t).toMatchObject({ outcome: 'ignored', next: byOperator });
    expect(run([stop(T0), start(later(1))], byOperator).status).toBe('denylisted');
  });

  it("a complaint after an opt-out makes the denylist the complaint's; failures after it keep it the opt-out's", () => {
    const complaint: AddressEvent = { kind: 'complaint', reason: 'feedback', failureReason: 20, at: later(1), text: 'abuse' };
    expect(run([stop(T0), complaint, start(later(2))])).toMatchObject({ status: 'denylisted', optedOut: false });
    expect(run([stop(T0), hard(later(1)), start(later(2))]).status).toBe('valid');
  });

  it('an opt-out is honoured on an allowlisted address (an allowlist vouches against failures, not against a STOP)', () => {
    const allow: AddressState = { ...NEW_ADDRESS, status: 'allowlisted' };
    expect(run([stop(T0)], allow)).toMatchObject({ status: 'denylisted', optedOut: true });
  });
});

describe('automatic release', () => {
  it('releases an erroneous address idle over 10 days, not before', () => {
    const s = run([soft(T0)]);
    expect(releaseIfIdle(s, later(9), policy)).toBeNull();
    expect(releaseIfIdle(s, later(11), policy)).toMatchObject({ status: 'valid', errorCount: 0 });
  });

  it('releases a mailboxfull quarantine after 30 days and keeps a hard quarantine', () => {
    const full = run([0, 2, 4, 6, 8].map((d) => soft(later(d), 'mailboxfull')));
    expect(full.status).toBe('quarantined');
    expect(releaseIfIdle(full, later(8 + 29), policy)).toBeNull();
    expect(releaseIfIdle(full, later(8 + 31), policy)?.status).toBe('valid');
    expect(releaseIfIdle(run([hard(T0)]), later(400), policy)).toBeNull();
  });
});
