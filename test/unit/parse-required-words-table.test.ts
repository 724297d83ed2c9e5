// The answers of `requiredWords` that the build puts into the parse bundle (scripts/parse-bundle.mjs):
// each computed answer is recorded under the key a lookup uses, the same answer the pattern gives.
import { describe, expect, it } from 'vitest';
import { requiredWords, requiredWordsMade } from '../../src/parse/required-words.js';

describe('required words table', () => {
  it('records each computed answer under its options and source', () => {
    const re = /^unknown user [a-z]+ at (?:this|that) host$/m;
    const lower = requiredWords(re, true, 5);
    const asWritten = requiredWords(re, false);
    const made = new Map(requiredWordsMade());
    expect(lower).toEqual(['unknown user ']);
    expect(made.get(`L5 ${re.source}`)).toEqual(lower);
    expect(made.get(`A3 ${re.source}`)).toEqual(asWritten);
  });

  it('records nothing for flags it does not read', () => {
    const re = /never recorded by this test/g;
    expect(requiredWords(re, true)).toBeNull();
    expect(requiredWordsMade().some(([k]) => k.endsWith(re.source))).toBe(false);
  });
});
