import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../core/auth/plugin.js';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import { calendarOf, sendConvocation } from './convocation.js';
import { meetingPolicy } from './policy.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

const ConvocationResult = Type.Object({
  recipients: Type.Integer({ minimum: 0, description: 'Mails sent: one per designated representative per member' }),
  failed: Type.Integer({ minimum: 0, description: 'Mails the mail server refused; they are logged, the convocation stands' }),
});

export async function convocationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/meetings/:id/convocation',
    {
      preValidation: meetingPolicy.guard('convene'),
      schema: {
        tags: ['meetings'],
        summary: 'Convene the meeting: mail the invitation with the agenda to every designated representative',
        description:
          'One mail per representative per member existing on the meeting date, with an iCalendar attachment. The first convocation sets the meeting ' +
          'to "convened"; sending again (after an agenda change) re-sends to everyone. Refused once the meeting has opened.',
        params: IdParams,
        response: { 202: ConvocationResult, ...errors },
      },
    },
    async (request, reply) => {
      const result = await sendConvocation(app.db, app.mailer, app.config, actorOf(request), request.params.id);
      if (result.failed > 0) request.log.warn({ meetingId: request.params.id, ...result }, 'convocation: some mails were not sent');
      return reply.status(202).send(result);
    },
  );

  app.get(
    '/meetings/:id/calendar.ics',
    {
      schema: {
        tags: ['meetings'],
        summary: 'The meeting as an iCalendar file (public)',
        params: IdParams,
        produces: ['text/calendar'],
        response: { 200: Type.Unsafe<string>({ type: 'string', description: 'text/calendar (RFC 5545) with one VEVENT' }), 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { fileName, content } = await calendarOf(app.db, app.config, request.params.id);
      return reply.type('text/calendar; charset=utf-8').header('content-disposition', `inline; filename="${fileName}"`).send(content);
    },
  );
}
