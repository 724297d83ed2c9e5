import { existsSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { decide, EMPTY_SNAPSHOT, type RuleSnapshot } from '../../src/qualify/engine.js';
import { normalizeText, textKey } from '../../src/qualify/normalize.js';
import type { QualificationRow } from '../../src/store/qualification-log.js';
import { compileRule, ruleFromInput, RuleError, type MatchInput } from '../../src/qualify/rules.js';
import { compileSafe } from '../../src/qualify/safe-regex.js';
import { compileAll, loadShippedRules } from '../../src/qualify/shipped.js';

const rule = (input: unknown, id = 'u1', origin: 'user' | 'shipped' = 'user') =>
  compileRule(ruleFromInput(input, origin, { id, order: 1 }), normalizeText);

const input = (diagnostic: string, extra: Partial<MatchInput> = {}): MatchInput => ({
  channel: 'email',
  diagnostic,
  normalized: normalizeText(diagnostic),
  status: '',
  replyCode: '',
  remoteMta: '',
  domain: '',
  ...extra,
});

const unsure = { reason: 'rejected', type: 'soft', failureReason: 20, sure: false } as const;

describe('safe regular expressions', () => {
  it('refuses an invalid pattern, saying why', () => {
    expect(() => compileSafe('user (unknown')).toThrow(/invalid regular expression/);
  });
  it('refuses nested quantifiers (static check)', () => {
    expect(() => compileSafe('(a+)+$')).toThrow(/backtrack catastrophically/);
    expect(() => compileSafe('^(\\w+\\s?)+$')).toThrow(/backtrack catastrophically/);
  });
  it('refuses overlapping alternatives that the static check misses (time budget)', () => {
    expect(() => compileSafe('^(a|aa)+$')).toThrow(RuleError);
  });
  it.skipIf(!existsSync('/proc/thread-self/schedstat'))(
    "accepts a pattern slow by the clock only (its thread waited for a core), by the thread's CPU time",
    () => {
      let now = 0;
      const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 30));
      try {
        expect(compileSafe('mailbox (?:is )?full|over ?quota').test('552 Mailbox is FULL')).toBe(true);
      } finally {
        clock.mockRestore();
      }
    },
  );
  it('refuses back-references', () => {
    expect(() => compileSafe('(a)\\1')).toThrow(/back-reference/);
  });
  it('accepts ordinary patterns', () => {
    expect(compileSafe('mailbox (?:is )?full|over ?quota').test('552 Mailbox is FULL')).toBe(true);
  });
});

describe('a rule', () => {
  it('must match its own example', () => {
    expect(() => rule({ match: { text: 'mailbox full' }, result: { reason: 'mailboxfull' }, example: 'user unknown' })).toThrow(
      /example does not match/,
    );
  });
  it('needs a condition and a known reason', () => {
    expect(() => rule({ match: {}, result: { reason: 'mailboxfull' }, example: 'x' })).toThrow(/no condition/);
    expect(() => rule({ match: { text: 'x' }, result: { reason: 'nosuchreason' }, example: 'x' })).toThrow(/unknown reason/);
  });
  it('takes type and code from the reason when not given', () => {
    const r = rule({ match: { text: 'gone' }, result: { reason: 'userunknown' }, example: 'user gone' });
    expect(r.result).toEqual({ reason: 'userunknown', type: 'hard', failureReason: 1 });
  });
  it('matches every condition given: text, status prefix, reply code, domain', () => {
    const r = rule({
      match: { text: 'rejected', status: '5.7', replyCode: '55', domain: 'example.com' },
      result: { reason: 'policyviolation' },
      example: '550 5.7.1 rejected',
    });
    expect(r.explain(input('550 5.7.1 Rejected', { status: '5.7.1', replyCode: '550', domain: 'mx.example.com' }))).toMatch(/status 5.7.1/);
    expect(r.explain(input('550 5.7.1 Rejected', { status: '5.1.1', replyCode: '550', domain: 'example.com' }))).toBeNull();
    expect(r.explain(input('550 5.7.1 Rejected', { status: '5.7.1', replyCode: '550', domain: 'example.org' }))).toBeNull();
  });
});

describe('the order of decision', () => {
  const shipped = compileAll(loadShippedRules(), normalizeText);
  const userOverride = rule({
    match: { text: 'does not exist' },
    result: { reason: 'filtered', type: 'soft' },
    example: 'account does not exist',
  });
  const gmail = '550-5.1.1 The email account that you tried to reach does not exist. d9443c01a7336-2e5a8e1b2c3si12345pln.123 - gsmtp';
  const snap = (over: Partial<RuleSnapshot>): RuleSnapshot => ({ ...EMPTY_SNAPSHOT, shipped, ...over });

  it('lets a shipped rule decide, recording its id', () => {
    const d = decide(snap({}), input(gmail), unsure);
    expect(d).toMatchObject({ step: 'shipped', ruleId: 'en-userunknown', sure: true, result: { reason: 'userunknown', type: 'hard' } });
  });
  it('puts a user rule before the shipped set', () => {
    const d = decide(snap({ user: [userOverride] }), input(gmail), unsure);
    expect(d).toMatchObject({ step: 'user', ruleId: 'u1', result: { reason: 'filtered', type: 'soft' } });
  });
  it('skips a disabled rule', () => {
    const d = decide(snap({ user: [{ ...userOverride, enabled: false }] }), input(gmail), unsure);
    expect(d.ruleId).toBe('en-userunknown');
  });
  it('falls back to the parser heuristics, then to undefined', () => {
    expect(decide(snap({}), input('weird text'), { ...unsure, sure: true })).toMatchObject({ step: 'heuristics', sure: true });
    expect(decide(snap({}), input('weird text'), unsure)).toMatchObject({ step: 'heuristics', sure: false });
    expect(decide(snap({}), input('weird text'), { reason: 'undefined', type: 'ignored', failureReason: 0, sure: false })).toMatchObject({
      step: 'undefined',
      ruleId: null,
      sure: false,
    });
  });
  it('applies an operator-qualified text before the shipped set; ignore never quarantines', () => {
    const text = 'weird 550 text for <a@b.example> id 12345';
    const normalized = normalizeText(text);
    const q = {
      id: 7,
      channel: 'email',
      textKey: textKey(normalized),
      status: 'ignore',
      reason: 'userunknown',
      type: 'hard',
      failureReason: 1,
      qualifiedBy: 'operator:x',
    } as QualificationRow;
    const d = decide(
      snap({ qualified: new Map([[`email\u0000${q.textKey}`, q]]) }),
      input('weird 550 text for <c@d.example> id 999'),
      unsure,
    );
    expect(d).toMatchObject({ step: 'qualified', ruleId: 'q7', result: { type: 'ignored' } });
  });
});
