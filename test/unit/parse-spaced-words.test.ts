// spacedWords widens a sentence's spaces so that it matches however a relay wrapped it
// (docs/parser-generalisation.md, "Perturbation and transplant over the fixtures").
import { describe, expect, it } from 'vitest';
import { spacedWords } from '../../src/parse/families/layout.js';

describe('spacedWords', () => {
  it('matches a sentence wrapped onto an indented line', () => {
    const re = spacedWords(/recipient <a@b> does not exist here/i);
    expect(re.test('Recipient <a@b> does\n    not exist here.')).toBe(true);
    expect(re.flags).toBe('i');
  });
  it('leaves spaces inside a character class and escaped characters alone', () => {
    expect(spacedWords(new RegExp(String.raw`a[ x]b\ c`)).source).toBe(String.raw`a[ x]b\ c`);
  });
  it('keeps the quantifier of a quantified space: an optional space stays optional', () => {
    const re = spacedWords(/e ?mail address/);
    expect(re.test('email address')).toBe(true);
    expect(re.test('e mail\naddress')).toBe(true);
    expect(re.test('e  mail address')).toBe(false);
  });
});
