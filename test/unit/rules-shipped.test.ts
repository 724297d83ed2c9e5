import { describe, expect, it } from 'vitest';
import { normalizeText } from '../../src/qualify/normalize.js';
import { exampleInput, firstMatch } from '../../src/qualify/rules.js';
import { compileAll, loadShippedRules } from '../../src/qualify/shipped.js';

const rules = compileAll(loadShippedRules(), normalizeText);

describe('the shipped rule set', () => {
  it('loads, with several languages and unique ids', () => {
    const languages = new Set(rules.map((r) => r.id.split('-')[0]));
    for (const lang of ['en', 'fr', 'de', 'es', 'ja']) expect(languages).toContain(lang);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it.each(rules.map((r, i) => [r.id, i] as const))('rule %s: its example is decided by it and by no earlier rule', (_id, i) => {
    const rule = rules[i]!;
    const decision = firstMatch(rules, exampleInput(rule, normalizeText));
    expect(decision?.rule.id).toBe(rule.id);
  });
});
