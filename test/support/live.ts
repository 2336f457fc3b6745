import http, { type IncomingHttpHeaders } from 'node:http';
import type { App } from '../../src/app.js';
import type { AuthHeaders, TestApp } from './app.js';

export interface SseEvent {
  event: string;
  data: string;
}

export interface SseStream {
  status: number;
  headers: IncomingHttpHeaders;
  /** Every event received so far, in order. */
  events: SseEvent[];
  /** Every comment line received so far (heartbeats). */
  comments: string[];
  /** The next event after the ones already taken that matches, waiting for it if needed. */
  next(matches?: (event: SseEvent) => boolean, timeoutMs?: number): Promise<SseEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
}

/** A plain HTTP client for Server-Sent Events, as a browser's EventSource would read them. */
export function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const events: SseEvent[] = [];
      const comments: string[] = [];
      const waiters = new Set<() => void>();
      let taken = 0;
      let buffer = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith(':')) comments.push(line.slice(1).trim());
            else if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
          }
          if (data.length) events.push({ event, data: data.join('\n') });
        }
        for (const wake of [...waiters]) wake();
      });
      const ended = new Promise<void>((done) => response.on('close', done));

      const next = (matches: (event: SseEvent) => boolean = () => true, timeoutMs = 5000) =>
        new Promise<SseEvent>((found, fail) => {
          const look = () => {
            while (taken < events.length) {
              const event = events[taken++]!;
              if (matches(event)) {
                waiters.delete(look);
                clearTimeout(timer);
                found(event);
                return;
              }
            }
          };
          const timer = setTimeout(() => {
            waiters.delete(look);
            fail(new Error(`no matching event within ${timeoutMs} ms; received ${JSON.stringify(events)}`));
          }, timeoutMs);
          waiters.add(look);
          look();
        });

      resolve({ status: response.statusCode ?? 0, headers: response.headers, events, comments, next, ended, close: () => request.destroy() });
    });
    request.on('error', reject);
  });
}

/** The base URL of an app listening on a free port of the loopback interface. */
export async function listenOnFreePort(app: App): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return `http://127.0.0.1:${address.port}`;
}

/** An open meeting with one member checked in, and a trial poll open in it. */
export async function openTrialPoll(t: TestApp, chair: AuthHeaders, staff: AuthHeaders, representative: AuthHeaders, memberId: string): Promise<string> {
  const call = async (url: string, headers: AuthHeaders, payload: object = {}) => {
    const response = await t.app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload });
    if (response.statusCode >= 300) throw new Error(`POST ${url}: ${response.statusCode} ${response.body}`);
    return response.body ? response.json() : null;
  };
  const meeting = await call('/meetings', staff, { kind: 'alv', title: 'Algemene Ledenvergadering', date: '2024-06-12', location: 'Den Haag' });
  await call(`/meetings/${meeting.id}/open`, chair);
  await call(`/meetings/${meeting.id}/check-ins`, representative, { memberId });
  const poll = await call('/polls', chair, { meetingId: meeting.id, subject: { type: 'trial' } });
  return poll.id;
}
