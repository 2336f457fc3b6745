import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import { StreamSlots } from '../core/http/streams.js';
import { meetingRow } from '../meetings/store.js';

/** Comment lines keep proxies and load balancers from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;
/** A burst of changes (a whole hall checking in) becomes one message per this many milliseconds and kind. */
const COALESCE_MS = 200;

/**
 * What changed in a meeting, live: the chair's console and the projector re-read what they show when
 * told. Only kinds and ids travel (session, current-item, speakers, screen, attendance, poll), no data,
 * so the stream is as public as the meeting itself; each screen reads the data with its own rights.
 */
export async function meetingEventRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const slots = new StreamSlots(app.config);
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...open]) end();
  });

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
      const release = slots.take(request);
      const raw = reply.raw;
      const pending = new Map<string, NodeJS.Timeout>();
      let closed = false;
      const unsubscribe = app.events.subscribe(`meeting:${id}`, (event) => {
        const what = event.resync ? 'resync' : typeof event.what === 'string' ? event.what : 'poll';
        if (closed || pending.has(what)) return;
        pending.set(
          what,
          setTimeout(() => {
            pending.delete(what);
            if (!closed) raw.write(`event: change\ndata: ${JSON.stringify({ what })}\n\n`);
          }, COALESCE_MS),
        );
      });

      reply.hijack();
      raw.socket?.setTimeout(0);
      raw.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-cache',
        'X-Accel-Buffering': 'no',
        Connection: 'keep-alive',
      });
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), HEARTBEAT_MS);
      const end = () => {
        if (closed) return;
        closed = true;
        open.delete(end);
        unsubscribe();
        release();
        clearInterval(heartbeat);
        for (const timer of pending.values()) clearTimeout(timer);
        raw.end();
      };
      open.add(end);
      raw.on('close', end);
      raw.on('error', end);
      if (raw.socket?.destroyed) return end();
      // How soon a browser reconnects; a (re)connected client re-reads everything.
      raw.write('retry: 3000\n\nevent: change\ndata: {"what":"resync"}\n\n');
    },
  );
}
