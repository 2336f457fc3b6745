import http from 'node:http';

/**
 * Live screens: plain HTTP clients reading the poll's Server-Sent Events as a browser's
 * EventSource would, reconnecting when the stream breaks. Each screen notes when it saw the
 * poll closed; the projector also parses the result.
 */
export interface Screens {
  /** Resolves when every screen has received its first snapshot. */
  ready: Promise<void>;
  /** Resolves with the moment (performance.now()) the last screen saw the poll closed. */
  allClosed(timeoutMs: number): Promise<number>;
  /** Screens that saw the closed poll so far. */
  closedCount(): number;
  /** Stream failures (refused, reset) so far; screens reconnect after each. */
  errors(): number;
  /** The result as the projector received it. */
  projectorResult(): unknown;
  close(): void;
}

const CLOSED_MARK = '"status":"closed"';

export function connectScreens(base: string, pollId: string, count: number, options: { reconnectMs?: number } = {}): Screens {
  const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const url = new URL(`/api/v1/polls/${pollId}/events`, base);
  const closedAt: (number | undefined)[] = new Array(count).fill(undefined);
  const connected: boolean[] = new Array(count).fill(false);
  const requests = new Set<http.ClientRequest>();
  let errors = 0;
  let stopped = false;
  let closedSeen = 0;
  let projector: unknown;
  let wakeReady: () => void = () => {};
  let readyLeft = count;
  const ready = new Promise<void>((resolve, reject) => {
    wakeReady = resolve;
    // A server that died before every screen connected must fail the run, not hang it.
    setTimeout(() => reject(new Error(`only ${count - readyLeft} of ${count} screens connected within 120 s`)), 120_000).unref();
  });
  if (count === 0) wakeReady();
  const closedWaiters = new Set<() => void>();

  const open = (index: number) => {
    if (stopped) return;
    const request = http.get(url, { agent, headers: { accept: 'text/event-stream' } }, (response) => {
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.includes('data:')) continue;
          onSnapshot(index, block);
        }
      });
      response.on('close', () => retry(index, request));
    });
    requests.add(request);
    request.on('error', () => {
      errors += 1;
      retry(index, request);
    });
  };
  const retry = (index: number, request: http.ClientRequest) => {
    if (!requests.delete(request) || stopped) return;
    setTimeout(() => open(index), options.reconnectMs ?? 250);
  };

  const onSnapshot = (index: number, block: string) => {
    if (!connected[index]) {
      connected[index] = true;
      if (--readyLeft === 0) wakeReady();
    }
    // A cheap string test per screen; only the projector parses the whole poll.
    if (closedAt[index] === undefined && block.includes(CLOSED_MARK)) {
      closedAt[index] = performance.now();
      closedSeen += 1;
      if (index === 0) projector = JSON.parse(block.slice(block.indexOf('data:') + 5)).result;
      if (closedSeen === count) for (const wake of closedWaiters) wake();
    }
  };

  for (let index = 0; index < count; index++) open(index);

  return {
    ready,
    allClosed: (timeoutMs) =>
      new Promise((resolve, reject) => {
        const done = () => {
          clearTimeout(timer);
          resolve(Math.max(...(closedAt as number[])));
        };
        const timer = setTimeout(() => {
          closedWaiters.delete(done);
          reject(new Error(`only ${closedSeen} of ${count} screens saw the result within ${timeoutMs} ms`));
        }, timeoutMs);
        if (closedSeen === count) done();
        else closedWaiters.add(done);
      }),
    closedCount: () => closedSeen,
    errors: () => errors,
    projectorResult: () => projector,
    close: () => {
      stopped = true;
      for (const request of requests) request.destroy();
      requests.clear();
      agent.destroy();
    },
  };
}
