// The bench's API load in a worker thread of its own (api-load.ts, loadAddressesInThread).
import { parentPort, workerData } from 'node:worker_threads';
import { loadAddresses, type LoadOptions } from './api-load.js';

parentPort?.postMessage(await loadAddresses(workerData as LoadOptions));
