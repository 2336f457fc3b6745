import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, personOf } from '../core/auth/plugin.js';
import { subjectOf } from '../core/auth/policy.js';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import { minutesPdf } from './pdf.js';
import { minutesPolicy } from './policy.js';
import { addMinutesVersion, decisionList, draftMinutes, markFaithful, minutesOf } from './minutes.js';
import { DecisionList, Minutes, NewMinutesVersion } from '../meetings/schemas.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const NO_CONTENT = { type: 'null' } as const;
const STATUS_NL = { draft: 'concept', faithful: 'getrouw beeld volgens de notulencommissie', approved: 'vastgesteld' } as const;

export async function minutesRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const staff = { preValidation: minutesPolicy.guard('writeMinutes') };

  app.get(
    '/meetings/:id/decisions',
    {
      schema: {
        tags: ['minutes'],
        summary: 'The decision list (besluitenlijst), public',
        params: IdParams,
        response: { 200: DecisionList, 404: ProblemSchema },
      },
    },
    (request) => decisionList(app.db, request.params.id, subjectOf(request)),
  );

  app.get(
    '/meetings/:id/minutes',
    {
      schema: {
        tags: ['minutes'],
        summary: 'The minutes (current version, as markdown and HTML) and their versions',
        description: 'Public once approved; drafts for signed-in users.',
        params: IdParams,
        response: { 200: Minutes, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    (request) => minutesOf(app.db, request.params.id, subjectOf(request)),
  );

  app.get(
    '/meetings/:id/minutes.pdf',
    // The 200 body is binary; only the problems are described.
    {
      schema: {
        tags: ['minutes'],
        summary: 'The current minutes as PDF',
        params: IdParams,
        produces: ['application/pdf'],
        response: { 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const minutes = await minutesOf(app.db, request.params.id, subjectOf(request));
      const pdf = await minutesPdf(minutes.current.body, `Versie ${minutes.current.version}, ${STATUS_NL[minutes.status]}`);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="notulen-${request.params.id}-v${minutes.current.version}.pdf"`)
        .header('cache-control', minutes.status === 'approved' ? 'public, max-age=300' : 'private, no-store')
        .send(pdf as never);
    },
  );

  app.post(
    '/meetings/:id/minutes/generate',
    {
      ...staff,
      schema: {
        tags: ['minutes'],
        summary: 'Draft a new version of the minutes from the recorded course',
        params: IdParams,
        response: { 201: Type.Object({ version: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => {
      const body = await draftMinutes(app.db, request.params.id);
      return reply
        .status(201)
        .send({ version: await addMinutesVersion(app.db, actorOf(request), request.params.id, body, 'Concept uit het verloop van de vergadering') });
    },
  );

  app.post(
    '/meetings/:id/minutes/versions',
    {
      ...staff,
      schema: {
        tags: ['minutes'],
        summary: 'Save an edited version of the minutes',
        params: IdParams,
        body: NewMinutesVersion,
        response: { 201: Type.Object({ version: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ version: await addMinutesVersion(app.db, actorOf(request), request.params.id, request.body.body, request.body.note ?? null) }),
  );

  app.post(
    '/meetings/:id/minutes/faithful',
    {
      preValidation: minutesPolicy.guard('markFaithful'),
      schema: {
        tags: ['minutes'],
        summary: 'The minutes committee finds the minutes "een getrouw beeld"',
        description: 'By a person appointed to the minutes committee, or staff.',
        params: IdParams,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await markFaithful(app.db, actorOf(request), personOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
