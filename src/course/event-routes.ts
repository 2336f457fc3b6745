import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import type { EventStream } from '../core/http/streams.js';
import { meetingRow } from '../meetings/store.js';

/** A burst of changes (a whole hall checking in) becomes one message per this many milliseconds and kind. */
const COALESCE_MS = 200;

/**
 * What changed in a meeting, live: the chair's console and the projector re-read what they show when
 * told. Only kinds and ids travel (session, current-item, speakers, screen, attendance, poll), no data,
 * so the stream is as public as the meeting itself; each screen reads the data with its own rights.
 */
export async function meetingEventRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/meetings/:id/events',
    {
      schema: {
        tags: ['course'],
        summary: 'Live meeting (Server-Sent Events)',
        description:
          'text/event-stream. Sends `event: change` with `{"what": "session" | "current-item" | "speakers" | "screen" | "attendance" | "poll"}` ' +
          'after every committed change of that kind (at most one per kind per 200 ms), and a comment line every 15 s. ' +
          'At most LIVE_STREAMS_PER_SESSION streams per session and LIVE_STREAMS_PER_ADDRESS per address are open at once; beyond that 429.',
        params: IdParams,
        produces: ['text/event-stream'],
        response: {
          200: { description: 'An endless stream of `change` events', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          404: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const id = request.params.id;
      await meetingRow(app.db, id);
      const release = app.liveStreams.reserve(request);
      const pending = new Map<string, NodeJS.Timeout>();
      let stream: EventStream | undefined;
      const unsubscribe = app.events.subscribe(`meeting:${id}`, (event) => {
        const what = event.resync ? 'resync' : typeof event.what === 'string' ? event.what : 'poll';
        if (pending.has(what)) return;
        pending.set(
          what,
          setTimeout(() => {
            pending.delete(what);
            stream?.write(`event: change\ndata: ${JSON.stringify({ what })}\n\n`);
          }, COALESCE_MS),
        );
      });
      stream = app.liveStreams.open(reply, () => {
        unsubscribe();
        release();
        for (const timer of pending.values()) clearTimeout(timer);
      });
      // A (re)connected client re-reads everything.
      stream?.write('event: change\ndata: {"what":"resync"}\n\n');
    },
  );
}
