import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, hasRole, personOf, requireRole, requireSignIn } from '../core/auth/plugin.js';
import { PEOPLE_MANAGERS } from '../core/auth/roles.js';
import { IdParams, ListOf, ProblemSchema } from '../core/http/schemas.js';
import { notifyBoardAdvice } from '../meetings/convocation.js';
import { RUNS_MEETINGS } from '../meetings/course-routes.js';
import { Decision } from '../meetings/schemas.js';
import { AdviceInput, Amendment, CoSubmitterInput, GroupInput, Motion, NewAmendment, NewMotion, SubmissionQuery } from './schemas.js';
import { file, getSubmission, holdOrWithdraw, joinAsCoSubmitter, listSubmissions, recordAdvice, setGroup, type Filer } from './store.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const NO_CONTENT = { type: 'null' } as const;
const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });

const filerFrom = (request: FastifyRequest): Filer => ({
  actor: actorOf(request),
  personId: personOf(request).id,
  name: personOf(request).name,
  isChair: hasRole(request, 'chair'),
  isStaff: hasRole(request, ...PEOPLE_MANAGERS),
});

export async function motionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  for (const kind of ['motion', 'amendment'] as const) {
    const path = kind === 'motion' ? '/motions' : '/amendments';
    const Item = kind === 'motion' ? Motion : Amendment;
    const what = kind === 'motion' ? 'motion' : 'amendment';

    app.get(
      path,
      { preValidation: requireSignIn, schema: { tags: ['motions'], summary: `${what}s of a meeting or item, in the order they are handled`, querystring: SubmissionQuery, response: { 200: ListOf(Item), ...errors } } },
      async (request) => {
        const items = await listSubmissions(app.db, kind as 'motion', request.query);
        return { items, total: items.length };
      },
    );

    app.get(path + '/:id', { preValidation: requireSignIn, schema: { tags: ['motions'], summary: `One ${what}`, params: IdParams, response: { 200: Item, ...errors } } }, (request) =>
      getSubmission(app.db, kind, request.params.id),
    );

    app.post(
      path,
      {
        preValidation: requireSignIn,
        schema: {
          tags: ['motions'],
          summary: kind === 'motion' ? 'File a motion (motie)' : 'File an amendment (amendement) to a proposal',
          description:
            'By a representative for the members they act for, before the meeting’s deadline; after it only the chair can admit one (recorded as late).' +
            (kind === 'amendment' ? ' Only on items for decision or approval that have a proposal.' : ''),
          body: kind === 'motion' ? NewMotion : NewAmendment,
          response: { 201: Created, ...errors },
        },
      },
      async (request, reply) => reply.status(201).send({ id: await file(app.db, filerFrom(request), { ...(request.body as NewMotion & NewAmendment), kind }) }),
    );

    app.post(
      path + '/:id/co-submitters',
      { preValidation: requireSignIn, schema: { tags: ['motions'], summary: 'Join as co-submitter for a member you act for', params: IdParams, body: CoSubmitterInput, response: { 204: NO_CONTENT, ...errors } } },
      async (request, reply) => {
        await joinAsCoSubmitter(app.db, filerFrom(request), kind, request.params.id, request.body.memberId);
        return reply.status(204).send(null);
      },
    );

    app.put(
      path + '/:id/advice',
      {
        preValidation: requireRole(...PEOPLE_MANAGERS),
        schema: { tags: ['motions'], summary: "Record the board's advice; the submitters are told by e-mail", params: IdParams, body: AdviceInput, response: { 204: NO_CONTENT, ...errors } },
      },
      async (request, reply) => {
        await recordAdvice(app.db, actorOf(request), kind, request.params.id, request.body.advice, request.body.reasoning);
        // After the commit: a slow mail server must not hold the meeting's lock; a failure is logged.
        notifyBoardAdvice(app.db, app.mailer, app.config, request.params.id).catch((error: unknown) => request.log.error({ err: error }, 'advice mail failed'));
        return reply.status(204).send(null);
      },
    );

    for (const outcome of ['held', 'withdrawn'] as const) {
      app.post(
        path + (outcome === 'held' ? '/:id/hold' : '/:id/withdraw'),
        {
          preValidation: requireSignIn,
          schema: {
            tags: ['motions'],
            summary: outcome === 'held' ? 'Hold (aanhouden): no vote; the meeting takes note' : 'Withdraw',
            description: 'By a representative of a submitting member, or the chair.',
            params: IdParams,
            response: { 200: Decision, ...errors },
          },
        },
        (request) => holdOrWithdraw(app.db, filerFrom(request), kind, request.params.id, outcome),
      );
    }
  }

  app.put(
    '/motions/:id/group',
    {
      preValidation: requireRole(...RUNS_MEETINGS),
      schema: { tags: ['motions'], summary: 'Group related motions for joint handling, with a speaking order', params: IdParams, body: GroupInput, response: { 204: NO_CONTENT, ...errors } },
    },
    async (request, reply) => {
      await setGroup(app.db, actorOf(request), request.params.id, request.body.label, request.body.position);
      return reply.status(204).send(null);
    },
  );
}
