import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';

const Status = Type.Object({ status: Type.String() });

export async function healthRoutes(app: FastifyInstance) {
  let closing = false;
  app.addHook('onClose', async () => {
    closing = true;
  });

  app.get('/health', { schema: { tags: ['health'], summary: 'Liveness: the process answers', response: { 200: Status } } }, async () => ({ status: 'ok' }));

  app.get(
    '/ready',
    { schema: { tags: ['health'], summary: 'Readiness: the database answers', response: { 200: Status, 503: Status } } },
    async (_request, reply) => {
      if (closing) return reply.status(503).send({ status: 'shutting-down' });
      try {
        await app.database.ping();
        return { status: 'ready' };
      } catch {
        return reply.status(503).send({ status: 'database-unavailable' });
      }
    },
  );
}
