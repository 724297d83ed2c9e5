// Confirmation of large bulk changes: above operator.confirmAbove addresses a
// person at a terminal is asked; a script must say --yes. The count comes
// from the same filter the change will use (read without locking).
import { createInterface } from 'node:readline/promises';
import { NotFoundError, UsageError } from '../errors.js';

export interface ConfirmInput {
  /** 'release', 'delete' */
  verb: string;
  count: number;
  confirmAbove: number;
  yes: boolean;
  /** Standard input and error are a terminal (injected for tests of the rule itself). */
  interactive?: boolean;
}

export async function confirmBulk(c: ConfirmInput): Promise<void> {
  if (c.yes || c.count <= c.confirmAbove) return;
  const interactive = c.interactive ?? (process.stdin.isTTY === true && process.stderr.isTTY === true);
  const what = `${c.verb} ${c.count} addresses (more than operator.confirmAbove = ${c.confirmAbove})`;
  if (!interactive) throw new UsageError(`--yes: this would ${what}; add --yes to do it, or --dry-run to see them first`);
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${what[0]?.toUpperCase()}${what.slice(1)}? [y/N] `);
    if (!/^y(es)?$/i.test(answer.trim())) throw new NotFoundError(`not confirmed: nothing changed`);
  } finally {
    rl.close();
  }
}
