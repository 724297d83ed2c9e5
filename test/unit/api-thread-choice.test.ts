// api.thread (docs/api.md, "The API's thread"): the API runs in a thread of its own only
// when asked and only beside other roles; by default, and for the api role alone, in the
// main thread. That a thread really serves it is test/integration/api-thread.test.ts.
import { describe, expect, it } from 'vitest';
import { apiInThread } from '../../src/api/api-thread.js';
import { loadConfig } from '../../src/config.js';

const withThread = (yaml: string) => loadConfig({ env: { INMAIL_CONFIG: 'x.yaml' }, readFile: () => yaml });

describe('api.thread', () => {
  it('is off unless set, and needs another role beside the api', () => {
    const unset = loadConfig({ env: {}, fileExists: () => false });
    expect(apiInThread(unset, true)).toBe(false);
    expect(apiInThread(withThread('api:\n  thread: true\n'), true)).toBe(true);
    expect(apiInThread(withThread('api:\n  thread: true\n'), false)).toBe(false);
    expect(apiInThread(withThread('api:\n  thread: false\n'), true)).toBe(false);
  });
});
