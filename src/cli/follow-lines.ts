// The lines of a file or of standard input, as an async iterator; with follow,
// like `tail -F`: waits for more at the end, and starts over on a file that was
// rotated (another inode) or truncated, so an MTA's log can be read for ever.
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

export interface FollowOptions {
  follow: boolean;
  /** How often a followed file is looked at. */
  pollMs?: number;
  /** Ends a follow (SIGINT, SIGTERM): what was read is still yielded. */
  signal?: AbortSignal;
  /** Told when the iterator waits for more: the caller flushes what it holds. */
  onIdle?: () => Promise<void>;
}

export async function* lines(path: string, opts: FollowOptions): AsyncGenerator<string> {
  if (path === '-' || !opts.follow) {
    const input = path === '-' ? process.stdin : createReadStream(path);
    yield* createInterface({ input, crlfDelay: Infinity });
    return;
  }
  const pollMs = opts.pollMs ?? 250;
  let ino = -1;
  let pos = 0;
  let rest = '';
  const sleep = () =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, pollMs);
      opts.signal?.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
    });
  while (!opts.signal?.aborted) {
    const st = await stat(path).catch(() => null);
    if (st && (st.ino !== ino || st.size < pos)) {
      // A new file under the name (rotated) or the same one truncated: from its start.
      if (rest) yield rest;
      ino = st.ino;
      pos = 0;
      rest = '';
    }
    if (!st || st.size === pos) {
      await opts.onIdle?.();
      await sleep();
      continue;
    }
    const fh = await open(path, 'r');
    try {
      const buf = Buffer.alloc(Math.min(st.size - pos, 4 * 1024 * 1024));
      const { bytesRead } = await fh.read(buf, 0, buf.length, pos);
      pos += bytesRead;
      const text = rest + buf.subarray(0, bytesRead).toString('utf8');
      const parts = text.split('\n');
      rest = parts.pop() ?? '';
      for (const l of parts) yield l.endsWith('\r') ? l.slice(0, -1) : l;
    } finally {
      await fh.close();
    }
  }
  if (rest) yield rest;
}
