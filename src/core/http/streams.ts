import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Gauge } from 'prom-client';
import type { Config } from '../config.js';
import { Problem, text } from '../errors.js';

/**
 * Counts the live streams (Server-Sent Events) this instance holds open, per signed-in session
 * and per address, so one client cannot hold thousands of sockets and reads. The address cap
 * is high by default: a meeting hall reaches us through one address.
 */
export class StreamSlots {
  private readonly bySession = new Map<string, number>();
  private readonly byAddress = new Map<string, number>();

  constructor(
    private readonly limits: Pick<Config, 'LIVE_STREAMS_PER_SESSION' | 'LIVE_STREAMS_PER_ADDRESS'>,
    /** Follows the number of open streams (the live-streams metric). */
    private readonly open?: Pick<Gauge, 'inc' | 'dec'>,
  ) {}

  /** Takes a slot for the request's stream, or refuses with 429; returns the function that gives it back (idempotent). */
  take(request: FastifyRequest): () => void {
    const session = sessionKey(request);
    const address = request.ip;
    if (session && (this.bySession.get(session) ?? 0) >= this.limits.LIVE_STREAMS_PER_SESSION)
      throw tooManyStreams(this.limits.LIVE_STREAMS_PER_SESSION, 'session');
    if ((this.byAddress.get(address) ?? 0) >= this.limits.LIVE_STREAMS_PER_ADDRESS) throw tooManyStreams(this.limits.LIVE_STREAMS_PER_ADDRESS, 'address');
    if (session) increment(this.bySession, session, 1);
    increment(this.byAddress, address, 1);
    this.open?.inc();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.open?.dec();
      if (session) increment(this.bySession, session, -1);
      increment(this.byAddress, address, -1);
    };
  }
}

/** Comment lines keep proxies and load balancers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/** One open Server-Sent Events stream. */
export interface EventStream {
  write(text: string): void;
  readonly closed: boolean;
}

/**
 * Every live stream of this instance: one count of slots per session and address across all
 * routes (a poll screen and a meeting screen count alike), and one place that ends them all
 * before the server closes (an open stream would keep it from closing).
 */
export class LiveStreams {
  private readonly slots: StreamSlots;
  private readonly ends = new Set<() => void>();

  constructor(limits: ConstructorParameters<typeof StreamSlots>[0], open?: Pick<Gauge, 'inc' | 'dec'>) {
    this.slots = new StreamSlots(limits, open);
  }

  /** Takes a slot before any work (or refuses with 429); the returned function gives it back. */
  reserve(request: FastifyRequest): () => void {
    return this.slots.take(request);
  }

  /**
   * Takes over the reply as an event stream: headers, the reconnect delay, a heartbeat. `onEnd`
   * runs once, however the stream ends (client gone, error, shutdown); it should release the slot.
   * Returns undefined when the client already left (onEnd has then run).
   */
  open(reply: FastifyReply, onEnd: () => void): EventStream | undefined {
    reply.hijack();
    const raw = reply.raw;
    // The heartbeat keeps the stream alive; the idle-connection timeout is for requests, not streams.
    raw.socket?.setTimeout(0);
    raw.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      'X-Accel-Buffering': 'no',
      Connection: 'keep-alive',
    });
    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
    const stream = { closed: false, write: (text: string) => void (stream.closed || raw.write(text)) };
    const end = () => {
      if (stream.closed) return;
      stream.closed = true;
      this.ends.delete(end);
      clearInterval(heartbeat);
      onEnd();
      raw.end();
    };
    this.ends.add(end);
    raw.on('close', end);
    raw.on('error', end);
    // A client that left while the route prepared gets no 'close' any more: give its slot back now.
    if (raw.socket?.destroyed) {
      end();
      return undefined;
    }
    // How soon a browser reconnects.
    raw.write('retry: 3000\n\n');
    return stream;
  }

  /** Ends every open stream (before the server closes). */
  endAll() {
    for (const end of [...this.ends]) end();
  }
}

/** A cookie session is one browser; a token is one machine client, whoever holds it. */
function sessionKey(request: FastifyRequest): string | undefined {
  const session = request.session;
  if (!session) return undefined;
  return session.via === 'cookie' ? `cookie:${session.csrfToken}` : `token:${session.person.id}`;
}

function increment(counts: Map<string, number>, key: string, by: number) {
  const next = (counts.get(key) ?? 0) + by;
  if (next > 0) counts.set(key, next);
  else counts.delete(key);
}

function tooManyStreams(limit: number, per: 'session' | 'address') {
  return new Problem(
    429,
    'too-many-streams',
    text('Te veel live-verbindingen', 'Too many live streams'),
    per === 'session'
      ? text(
          'Deze sessie heeft al {n} live-verbindingen open; sluit een ander venster of tabblad.',
          'This session already has {n} live streams open; close another window or tab.',
          { n: limit },
        )
      : text(
          'Vanaf dit adres zijn al {n} live-verbindingen open; probeer het straks opnieuw.',
          'This address already has {n} live streams open; try again later.',
          { n: limit },
        ),
    [],
    { retryAfter: 10 },
  );
}
