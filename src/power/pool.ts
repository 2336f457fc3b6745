import { Worker } from 'node:worker_threads';
import { type Indices, type IndicesJob, TooLargeError } from './indices.js';

/**
 * Indices are computed on one worker thread (decision 0016): a Shapley–Shubik count of the register takes
 * a few hundred milliseconds, which on the main thread would hold up every ballot of a live vote. Results
 * are kept for the last few registers, as the same figures are asked for again and again.
 */
const CACHED = 24;
/** Computations waiting at most; more are refused (busy) rather than queued behind minutes of work. */
const WAITING = 8;

export class BusyError extends Error {}
const cache = new Map<string, Indices>();
const pending = new Map<number, { resolve: (indices: Indices) => void; reject: (error: Error) => void }>();
let worker: Worker | undefined;
let nextId = 1;

function startWorker(): Worker {
  // Under tsx (development and tests) the worker loads the TypeScript source through tsx's API.
  const started = import.meta.url.endsWith('.ts')
    ? new Worker(`import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(new URL('./worker.ts', import.meta.url).href)}, import.meta.url));`, {
        eval: true,
      })
    : new Worker(new URL('./worker.js', import.meta.url));
  started.unref();
  started.on('message', ({ id, result, error }: { id: number; result?: Indices; error?: { tooLarge: boolean; message: string } }) => {
    const waiting = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) started.unref();
    if (!waiting) return;
    if (result) waiting.resolve(result);
    else waiting.reject(error?.tooLarge ? new TooLargeError(error.message) : new Error(error?.message));
  });
  started.on('error', (error) => {
    for (const waiting of pending.values()) waiting.reject(error);
    pending.clear();
    worker = undefined;
  });
  started.on('exit', () => {
    worker = undefined;
  });
  return started;
}

export async function computeIndices(job: IndicesJob): Promise<Indices> {
  const key = `${job.majority}:${job.weights.join(',')}`;
  const known = cache.get(key);
  if (known) return known;
  if (pending.size >= WAITING) throw new BusyError('the voting-power worker is busy');
  worker ??= startWorker();
  const running = worker;
  running.ref();
  const id = nextId++;
  const result = await new Promise<Indices>((resolve, reject) => {
    pending.set(id, { resolve, reject });
    running.postMessage({ id, job });
  });
  cache.set(key, result);
  if (cache.size > CACHED) cache.delete(cache.keys().next().value as string);
  return result;
}

/** Stops the worker (at shutdown and after tests). */
export async function stopPowerWorker(): Promise<void> {
  const running = worker;
  worker = undefined;
  await running?.terminate();
}
