import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import type { EventStream } from '../core/http/streams.js';
import { Poll } from './schemas.js';
import { getPoll } from './views.js';

/** At most one snapshot per this many milliseconds: a burst of ballots becomes one update. */
const COALESCE_MS = 200;

/** The connections of this instance that watch one poll; they share one subscription and one read. */
interface Watch {
  clients: Set<(message: string) => void>;
  unsubscribe: () => void;
  lastRead: number;
  pending: NodeJS.Timeout | undefined;
  /** getPoll closes a poll past its closing time when read: look again then, so screens show it. */
  closing: NodeJS.Timeout | undefined;
  /** Reads run one after another, so an older snapshot never overtakes a newer one. */
  reading: Promise<void>;
  /**
   * The last snapshot sent. A screen that connects gets it instead of a read of its own: when a
   * whole hall connects at once, one read serves them all. A change committed after it was read
   * is followed by its event, which reaches the new screen too, since it joined first.
   */
  latest: string | undefined;
  /** The read that screens connecting right now wait for. */
  firstRead: Promise<string> | undefined;
}

/**
 * Live poll screens: Server-Sent Events with the same snapshot as GET /polls/:id, re-sent when
 * any instance commits a change to the poll (the store publishes `poll:<id>`; the event bus
 * carries it here over LISTEN/NOTIFY).
 */
export async function pollEventRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const watches = new Map<string, Watch>();
  // Compiled from the Poll schema on the first request (it needs a reply), so screens get
  // exactly what GET /polls/:id returns.
  let serialize: ((poll: Poll) => string) | undefined;
  const message = (poll: Poll) => `event: poll\ndata: ${serialize!(poll)}\n\n`;

  const read = (id: string, watch: Watch) => {
    watch.pending = undefined;
    watch.lastRead = Date.now();
    watch.reading = watch.reading
      .then(async () => {
        if (watch.clients.size === 0) return;
        const poll = await getPoll(app.db, id);
        const text = message(poll);
        watch.latest = text;
        for (const send of watch.clients) send(text);
        clearTimeout(watch.closing);
        watch.closing =
          poll.status === 'open' && poll.closesAt && watch.clients.size > 0
            ? setTimeout(() => schedule(id, watch), Math.max(0, Date.parse(poll.closesAt) - Date.now()) + 100)
            : undefined;
      })
      .catch((error: unknown) => app.log.warn({ err: error, pollId: id }, 'poll stream: snapshot failed'));
  };
  const schedule = (id: string, watch: Watch) => {
    if (watch.pending || watch.clients.size === 0) return;
    watch.pending = setTimeout(() => read(id, watch), Math.max(0, watch.lastRead + COALESCE_MS - Date.now()));
  };

  /** Adds a connection to the watch of a poll; returns the watch and the function that removes the connection. */
  const join = (id: string, send: (message: string) => void) => {
    let watch = watches.get(id);
    if (!watch) {
      const created: Watch = {
        clients: new Set(),
        unsubscribe: () => {},
        lastRead: 0,
        pending: undefined,
        closing: undefined,
        reading: Promise.resolve(),
        latest: undefined,
        firstRead: undefined,
      };
      created.unsubscribe = app.events.subscribe(`poll:${id}`, () => schedule(id, created));
      watches.set(id, (watch = created));
    }
    const joined = watch;
    joined.clients.add(send);
    const leave = () => {
      joined.clients.delete(send);
      if (joined.clients.size > 0) return;
      joined.unsubscribe();
      clearTimeout(joined.pending);
      clearTimeout(joined.closing);
      watches.delete(id);
    };
    return { watch: joined, leave };
  };

  app.get(
    '/polls/:id/events',
    {
      schema: {
        tags: ['polls'],
        summary: 'Live poll (Server-Sent Events)',
        description:
          'text/event-stream. Sends `event: poll` with the poll as GET /polls/{id} returns it on connecting and after every change ' +
          '(at most one per 200 ms), and a comment line every 15 s. A reconnecting client (Last-Event-ID) simply gets the current poll. ' +
          'At most LIVE_STREAMS_PER_SESSION streams per session and LIVE_STREAMS_PER_ADDRESS per address are open at once; beyond that 429.',
        params: IdParams,
        produces: ['text/event-stream'],
        response: {
          200: { description: 'An endless stream of `poll` events', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          404: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      serialize ??= reply.compileSerializationSchema(Poll as unknown as Record<string, unknown>) as (poll: Poll) => string;
      let started = false;
      let missed = false;
      let stream: EventStream | undefined;
      const send = (text: string) => {
        if (!started) missed = true;
        else stream?.write(text);
      };
      const release = app.liveStreams.reserve(request);
      // Join before the first read, so a change committed meanwhile is not missed.
      const { watch, leave } = join(id, send);
      let first = watch.pending ? undefined : watch.latest;
      if (first === undefined) {
        try {
          // Read before taking over the response, so an unknown poll is an ordinary 404 problem.
          // Screens that connect together share one read.
          watch.firstRead ??= getPoll(app.db, id)
            .then(message)
            .finally(() => (watch.firstRead = undefined));
          first = await watch.firstRead;
          watch.latest ??= first;
        } catch (error) {
          leave();
          release();
          throw error;
        }
      }

      stream = app.liveStreams.open(reply, () => {
        leave();
        release();
      });
      if (!stream) return;
      stream.write(first);
      started = true;
      if (missed) schedule(id, watch);
    },
  );
}
