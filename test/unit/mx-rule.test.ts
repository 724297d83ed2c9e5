// MX rules as data: a written rule is checked (durations, shares as 0.9 or
// "90%", one action), the condition holds from its volume and share up and not
// below, a target covers its subdomains, and the shipped set loads.
import { describe, expect, it } from 'vitest';
import { durationSeconds, mxRuleFromInput, ruleCovers, ruleHolds, type MxRule, type OutcomeCounts } from '../../src/domain/mx-rule.js';
import { loadShippedMxRules } from '../../src/qualify/mx-advice.js';

const rule = (over: Record<string, unknown> = {}): MxRule => {
  const r = mxRuleFromInput(
    { scope: 'domain', when: { window: '1h', minMessages: 300, errorShare: '90%' }, action: { block: '3h' }, ...over },
    'm1',
    'user',
  );
  if (typeof r === 'string') throw new Error(r);
  return r;
};
const counts = (sent: number, failedHard: number, more: Partial<OutcomeCounts> = {}): OutcomeCounts => ({
  sent,
  failedHard,
  failedSoft: 0,
  deferred: 0,
  senderSide: 0,
  ...more,
});

describe('MX rules', () => {
  it('reads a block rule written with units and a percentage', () => {
    expect(rule()).toMatchObject({
      windowSeconds: 3600,
      minMessages: 300,
      errorShare: 0.9,
      action: 'block',
      forSeconds: 10800,
      perHour: null,
    });
    expect(rule().errors).toEqual(['hard', 'soft', 'deferred', 'sender-side']);
  });

  it('holds at 90 % of 300, not at 89.7 % nor with 299 messages', () => {
    expect(ruleHolds(rule(), counts(30, 270))).toBe(true);
    expect(ruleHolds(rule(), counts(31, 269))).toBe(false);
    expect(ruleHolds(rule(), counts(0, 299))).toBe(false);
  });

  it('counts only the errors it names; every outcome counts in the volume', () => {
    const r = rule({ when: { window: '15m', minMessages: 100, errorShare: 0.3, errors: ['sender-side', 'deferred'] } });
    expect(ruleHolds(r, counts(70, 0, { senderSide: 20, deferred: 10 }))).toBe(true);
    expect(ruleHolds(r, counts(40, 50, { senderSide: 10 }))).toBe(false);
    // 0.07 × 100 is 7.000000000000001 in floating point: 7 of 100 still reach 7 %.
    expect(ruleHolds(rule({ when: { window: '1h', minMessages: 100, errorShare: 0.07 } }), counts(93, 7))).toBe(true);
  });

  it('a throttle holds for its window unless told otherwise', () => {
    expect(rule({ action: { throttle: 200 } })).toMatchObject({ action: 'throttle', perHour: 200, forSeconds: 3600 });
    expect(rule({ action: { throttle: 200, for: '2h' } })).toMatchObject({ forSeconds: 7200 });
  });

  it('refuses what it cannot read', () => {
    const bad = (input: Record<string, unknown>) => mxRuleFromInput(input, 'm1', 'user');
    expect(bad({ when: { window: '1 hour', minMessages: 1, errorShare: 0.5 }, action: { block: '1h' } })).toMatch(/window/);
    expect(bad({ when: { window: '1h', minMessages: 0, errorShare: 0.5 }, action: { block: '1h' } })).toMatch(/minMessages/);
    expect(bad({ when: { window: '1h', minMessages: 1, errorShare: 1.5 }, action: { block: '1h' } })).toMatch(/errorShare/);
    expect(bad({ when: { window: '1h', minMessages: 1, errorShare: 0.5 }, action: { block: '1h', throttle: 5 } })).toMatch(/either/);
    expect(bad({ when: { window: '1h', minMessages: 1, errorShare: 0.5, errors: ['bounced'] }, action: { block: '1h' } })).toMatch(
      /errors/,
    );
    expect(bad({ scope: 'ip', when: { window: '1h', minMessages: 1, errorShare: 0.5 }, action: { block: '1h' } })).toMatch(/scope/);
    expect(durationSeconds('90s')).toBe(90);
    expect(durationSeconds('2d')).toBe(172800);
  });

  it('a domain target covers its subdomains; an MX target only itself', () => {
    const d = rule({ target: 'Example.com' });
    expect(ruleCovers(d, 'example.com')).toBe(true);
    expect(ruleCovers(d, 'mail.example.com')).toBe(true);
    expect(ruleCovers(d, 'notexample.com')).toBe(false);
    const mx = rule({ scope: 'mx', target: 'mx1.example.com' });
    expect(ruleCovers(mx, 'mx1.example.com')).toBe(true);
    expect(ruleCovers(mx, 'a.mx1.example.com')).toBe(false);
  });

  it('the shipped set loads: block 3 h at 90 % of 300 in 1 h, and a throttle', () => {
    const shipped = loadShippedMxRules();
    expect(shipped.map((r) => [r.id, r.action])).toEqual([
      ['mx-block-mass-failure', 'block'],
      ['mx-throttle-refusing-sender', 'throttle'],
    ]);
    expect(shipped[0]).toMatchObject({ windowSeconds: 3600, minMessages: 300, errorShare: 0.9, forSeconds: 10800 });
  });
});
