import type { FastifyRequest } from 'fastify';
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
