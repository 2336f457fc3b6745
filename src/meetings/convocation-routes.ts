import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../core/auth/plugin.js';
import { IdParams, MailCountsSchema, ProblemSchema } from '../core/http/schemas.js';
import { calendarOf, sendConvocation } from './convocation.js';
import { meetingPolicy } from './policy.js';
import { meetingRow } from './store.js';
import { mailCounts } from '../core/mail-queue.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema };

const ConvocationResult = Type.Object({
  recipients: Type.Integer({
    minimum: 0,
    description: 'Mails queued: one per designated representative per member; the mail queue sends them in the background',
  }),
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
          'One mail per representative per member existing on the meeting date, with an iCalendar attachment, queued with the convocation and sent in the background ' +
          '(GET /meetings/{id}/mails shows the progress). The first convocation sets the meeting ' +
          'to "convened"; sending again (after an agenda change) re-sends to everyone. Refused once the meeting has opened.',
        params: IdParams,
        response: { 202: ConvocationResult, ...errors },
      },
    },
    async (request, reply) => {
      return reply.status(202).send(await sendConvocation(app.db, app.config, actorOf(request), request.params.id));
    },
  );

  app.get(
    '/meetings/:id/mails',
    {
      preValidation: meetingPolicy.guard('convene'),
      schema: {
        tags: ['meetings'],
        summary: "The meeting's mails (convocations, board advice) per delivery status",
        params: IdParams,
        response: { 200: MailCountsSchema, ...errors },
      },
    },
    async (request) => {
      await meetingRow(app.db, request.params.id);
      return mailCounts(app.db, { type: 'meeting', id: request.params.id });
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
