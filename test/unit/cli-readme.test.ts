// The README's command list and the CLI's --help agree: every command and flag
// the README shows exists, and every command the CLI has is in the README.
// (Flags beyond those shown are in `--help` only, as the README says.)
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMANDS, COMMAND_SUMMARIES } from '../../src/cli/commands.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const exit = (code: number): never => {
  throw new Error(`exit ${code}`);
};

async function cliTree(): Promise<Map<string, Command>> {
  const tree = new Map<string, Command>();
  for (const [name, load] of Object.entries(COMMANDS)) {
    const cmd = await load({ env: {} }, exit);
    tree.set(name, cmd);
    for (const sub of cmd.commands) tree.set(`${name} ${sub.name()}`, sub);
  }
  return tree;
}

const flagsOf = (c: Command): Set<string> => new Set([...c.options.map((o) => o.long).filter((f): f is string => !!f), '--help']);

/** The lines of the README's "Command line" block: each command with the flags it shows. */
function readmeCommands(tree: Map<string, Command>): { path: string; flags: string[]; line: string }[][] {
  const block = /## Command line\s+```\n([\s\S]*?)```/.exec(README)?.[1];
  if (!block) throw new Error('README has no "## Command line" block');
  const lines: { path: string; flags: string[]; line: string }[][] = [];
  for (const raw of block.split('\n')) {
    if (!raw.trim()) continue;
    const [cmdPart = ''] = raw.trim().split(/\s{3,}/);
    if (!raw.startsWith('inmail ')) {
      // A continuation: its flags belong to one of the commands of the line before.
      const flags = cmdPart.match(/--[a-z][a-z-]*/g) ?? [];
      lines.at(-1)?.push({ path: '', flags, line: raw });
      continue;
    }
    const segments = cmdPart.slice('inmail '.length).split(/ \| (?![^[]*\])/);
    const group = segments[0]?.split(' ')[0] ?? '';
    lines.push(
      segments.map((seg, i) => {
        const words = seg.trim().split(/\s+/);
        const sub = i === 0 ? words[1] : words[0];
        const path = sub && tree.has(`${group} ${sub}`) ? `${group} ${sub}` : group;
        return { path, flags: seg.match(/--[a-z][a-z-]*/g) ?? [], line: raw };
      }),
    );
  }
  return lines;
}

describe('README and --help', () => {
  it('every command and flag the README shows exists', async () => {
    const tree = await cliTree();
    const wrong: string[] = [];
    for (const line of readmeCommands(tree)) {
      const commands = line.filter((c) => c.path);
      for (const c of line) {
        if (c.path && !tree.has(c.path)) wrong.push(`no command "inmail ${c.path}" (${c.line.trim()})`);
        const on = c.path ? [c] : commands;
        for (const f of c.flags) {
          if (!on.some((x) => tree.has(x.path) && flagsOf(tree.get(x.path) as Command).has(f))) {
            wrong.push(`${f} is not a flag of ${on.map((x) => `inmail ${x.path}`).join(' or ')}`);
          }
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('every command of the CLI is in the README', async () => {
    const tree = await cliTree();
    const shown = new Set(
      readmeCommands(tree)
        .flat()
        .map((c) => c.path),
    );
    const missing = [...tree.entries()]
      .filter(([path, c]) => c.commands.length === 0 && !shown.has(path))
      .map(([path]) => `inmail ${path}`);
    expect(missing).toEqual([]);
  });

  it('lists each group under the description it gives itself when `inmail --help` loads none', async () => {
    const tree = await cliTree();
    const own = Object.fromEntries(Object.keys(COMMANDS).map((name) => [name, tree.get(name)?.description()]));
    expect(COMMAND_SUMMARIES).toEqual(own);
  });
});
