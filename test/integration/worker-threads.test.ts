// The supervision of worker threads: start, restart of a thread that dies,
// metrics gathered from the threads, drain on stop, a start-up failure
// reported. A thread dying is a fault that cannot be caused for real from
// outside, so these threads run a stand-in script (written below) instead of
// worker-thread.js; the threads themselves are real. The real worker thread is
// exercised by the daemon tests (metrics, SIGTERM drain, crash recovery).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { Config } from '../../src/config.js';
import { addMetricsSource, metrics, metricsText } from '../../src/metrics.js';
import { WorkerThreads } from '../../src/jobs/worker-threads.js';
import { waitFor } from '../helpers/wait.js';

const dir = mkdtempSync(join(tmpdir(), 'inmail-threads-'));
const logger = pino({ level: 'silent' });

// Ready at once; the first thread ever started dies 100 ms later (an uncaught error).
const crashing = join(dir, 'crashing.mjs');
writeFileSync(
  crashing,
  `import { parentPort, workerData } from 'node:worker_threads';
import { existsSync, writeFileSync } from 'node:fs';
const first = !existsSync(workerData.config.marker);
if (first) writeFileSync(workerData.config.marker, 'x');
parentPort.on('message', (m) => {
  if (m.type === 'metrics') parentPort.postMessage({ type: 'metrics', id: m.id, data: [
    { name: 'inmail_stand_in_total', help: 'stand-in thread counter', type: 'counter', aggregator: 'sum', values: [{ value: 3, labels: {} }] },
  ] });
  if (m.type === 'stop') { parentPort.postMessage({ type: 'stopped' }); parentPort.close(); }
});
parentPort.postMessage({ type: 'ready' });
if (first) setTimeout(() => { throw new Error('stand-in thread dies'); }, 100);
`,
);
const failing = join(dir, 'failing.mjs');
writeFileSync(
  failing,
  `import { parentPort } from 'node:worker_threads';
parentPort.postMessage({ type: 'start-failed', error: 'Postgres unreachable (stand-in)' });
parentPort.close();
`,
);

const config = (marker: string) => ({ marker }) as unknown as Config;
const restarts = async () => (await metrics.workerThreadRestarts.get()).values[0]?.value ?? 0;

describe('worker threads', () => {
  it('restart a thread that dies, gather their metrics, and stop', async () => {
    const before = await restarts();
    const threads = new WorkerThreads({
      config: config(join(dir, 'marker')),
      count: 1,
      logger,
      entry: pathToFileURL(crashing),
      restartMs: 50,
    });
    await threads.start();
    expect(threads.running()).toBe(1);
    await waitFor('the dead thread to be restarted', async () => (await restarts()) === before + 1 && threads.running() === 1);

    const remove = addMetricsSource(() => threads.metrics());
    try {
      expect(await metricsText()).toMatch(/^inmail_stand_in_total 3$/m);
    } finally {
      remove();
    }
    expect(await metricsText()).not.toMatch(/inmail_stand_in_total/);

    await threads.stop();
    expect(threads.running()).toBe(0);
  });

  it('report a thread that cannot start', async () => {
    const threads = new WorkerThreads({ config: config(join(dir, 'unused')), count: 1, logger, entry: pathToFileURL(failing) });
    await expect(threads.start()).rejects.toThrow(/worker thread 0: Postgres unreachable \(stand-in\)/);
    await threads.stop();
  });
});
