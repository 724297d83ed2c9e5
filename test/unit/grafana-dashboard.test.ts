// The shipped Grafana dashboard queries metrics that exist: every inmail_* name
// it uses is defined in src/, the process figures use the standard names
// (process_*, nodejs_*) the daemon exports, and it has panels for incidents,
// IMAP mailboxes, parse problems and webhook deliveries.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const dashboard = JSON.parse(readFileSync(join(root, 'config/grafana-dashboard.json'), 'utf8')) as {
  panels: { title: string; targets: { expr: string }[] }[];
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [readFileSync(p, 'utf8')] : [];
  });
}

describe('config/grafana-dashboard.json', () => {
  const defined = new Set(sources(join(root, 'src')).flatMap((s) => [...s.matchAll(/name: '(inmail_[a-z_]+)'/g)].map((m) => m[1])));
  const used = new Set(
    dashboard.panels.flatMap((p) => p.targets.flatMap((t) => t.expr.match(/\b(inmail|process|nodejs)_[a-z0-9_]+/g) ?? [])),
  );

  it('queries only metrics the code defines (histogram and counter suffixes included)', () => {
    // The webhook sender's metrics come with the api role (another branch of this round).
    const pending = new Set(['inmail_webhook_deliveries_total', 'inmail_webhook_deliveries_pending']);
    const unknown = [...used]
      .filter((n) => n.startsWith('inmail_') && !pending.has(n))
      .filter((n) => !defined.has(n) && !defined.has(n.replace(/_(bucket|count|sum)$/, '')));
    expect(unknown).toEqual([]);
  });

  it('uses the standard process and Node.js names, not prefixed ones', () => {
    expect([...used].filter((n) => /^inmail_(process|nodejs)_/.test(n))).toEqual([]);
    expect(used).toContain('process_resident_memory_bytes');
  });

  it('has panels for incidents, IMAP mailboxes, parse problems and webhook deliveries', () => {
    const exprs = (word: RegExp) =>
      dashboard.panels
        .filter((p) => word.test(p.title))
        .flatMap((p) => p.targets.map((t) => t.expr))
        .join(' ');
    expect(exprs(/incident/i)).toMatch(/inmail_incidents_open/);
    expect(exprs(/IMAP/)).toMatch(/inmail_imap_connected/);
    expect(exprs(/parse problem/i)).toMatch(/inmail_parse_problems_total/);
    expect(exprs(/webhook/i)).toMatch(/inmail_webhook_deliveries_total/);
  });
});
