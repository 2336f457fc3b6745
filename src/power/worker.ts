import { parentPort } from 'node:worker_threads';
import { type IndicesJob, indicesFor, TooLargeError } from './indices.js';

/** The worker thread that computes indices, so a long count never holds up the ballots on the main thread. */
parentPort?.on('message', ({ id, job }: { id: number; job: IndicesJob }) => {
  try {
    parentPort?.postMessage({ id, result: indicesFor(job) });
  } catch (error) {
    parentPort?.postMessage({ id, error: { tooLarge: error instanceof TooLargeError, message: (error as Error).message } });
  }
});
