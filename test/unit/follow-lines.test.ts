// `inmail deliveries ingest --follow` reads a log like tail -F: the lines
// already there, then what is appended (a line is yielded once complete),
// the new file after a rotation, and the file again from its start after a
// truncation; an abort ends it. Real files in a temporary directory.
import { appendFileSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lines } from '../../src/cli/follow-lines.js';
import { waitFor } from '../helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'inmail-follow-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('lines --follow', () => {
  it('follows appends, a rotation and a truncation until aborted', async () => {
    const file = join(dir, 'mail.log');
    writeFileSync(file, 'one\ntwo\n');
    const stop = new AbortController();
    const seen: string[] = [];
    const done = (async () => {
      for await (const l of lines(file, { follow: true, pollMs: 20, signal: stop.signal })) seen.push(l);
    })();
    await waitFor('the first lines', () => Promise.resolve(seen.length === 2));
    appendFileSync(file, 'thr');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).toEqual(['one', 'two']); // an incomplete line waits for its end
    appendFileSync(file, 'ee\r\n');
    await waitFor('the appended line', () => Promise.resolve(seen.length === 3));
    renameSync(file, `${file}.1`);
    writeFileSync(file, 'four\n');
    await waitFor('the rotated file', () => Promise.resolve(seen.length === 4));
    writeFileSync(file, ''); // truncated in place (logrotate's copytruncate), the same inode
    await new Promise((r) => setTimeout(r, 100));
    appendFileSync(file, 'five\n');
    await waitFor('the truncated file', () => Promise.resolve(seen.length === 5));
    stop.abort();
    await done;
    expect(seen).toEqual(['one', 'two', 'three', 'four', 'five']);
  });

  it('without --follow, reads to the end and stops', async () => {
    const file = join(dir, 'once.log');
    writeFileSync(file, 'a\nb');
    const seen: string[] = [];
    for await (const l of lines(file, { follow: false })) seen.push(l);
    expect(seen).toEqual(['a', 'b']);
  });
});
