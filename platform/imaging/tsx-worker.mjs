// Only when running from TypeScript sources (tsx): Node 20 does not pass tsx's loader on to
// worker threads, so a pool's thread starts here and loads its .ts worker through tsx's API.
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

const worker = await tsImport(workerData.tsWorker, import.meta.url);
export default worker.default;
