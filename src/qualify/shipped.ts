// The shipped rule set: config/rules/*.yaml, read in file-name order, each file
// `rules: [...]`. Shipped rules never live in the database, so replacing these
// files (an upgrade) leaves every user rule as it was.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { RuleError, compileRule, ruleFromInput, type CompiledRule, type Rule } from './rules.js';

// Works from src/qualify (tests) and dist/qualify (built): config/ sits at the package root.
export const SHIPPED_RULES_DIR = fileURLToPath(new URL('../../config/rules/', import.meta.url));

/** Reads and checks every shipped rule; throws RuleError naming the file and rule. */
export function loadShippedRules(dir: string = SHIPPED_RULES_DIR): Rule[] {
  const files = readdirSync(dir)
    .filter((f) => /\.ya?ml$/.test(f))
    .sort();
  const rules: Rule[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(join(dir, file), 'utf8'));
    } catch (err) {
      throw new RuleError(`${file}: ${(err as Error).message.split('\n')[0]}`);
    }
    const list = (doc as { rules?: unknown } | null)?.rules;
    if (!Array.isArray(list)) throw new RuleError(`${file}: expected a top-level "rules:" list`);
    list.forEach((item: unknown, i) => {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id !== 'string') throw new RuleError(`${file}: rule #${i + 1} has no id`);
      if (/^u\d+$/.test(id)) throw new RuleError(`${file}: rule id ${id} is reserved for user rules`);
      if (seen.has(id)) throw new RuleError(`${file}: rule id ${id} appears twice in the shipped set`);
      seen.add(id);
      try {
        rules.push(ruleFromInput(item, 'shipped', { id, order: rules.length + 1 }));
      } catch (err) {
        throw new RuleError(`${file}: ${(err as Error).message}`);
      }
    });
  }
  // Shipped order is file order then position; an `order:` in a file is not honoured across files.
  return rules.map((r, i) => ({ ...r, order: i + 1 }));
}

/** Compiles a set, naming the rule that fails. */
export function compileAll(rules: readonly Rule[], normalize: (text: string) => string): CompiledRule[] {
  return rules.map((r) => compileRule(r, normalize));
}
