import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, personOf } from '../core/auth/plugin.js';
import { inTransaction } from '../core/db/transaction.js';
import { IdParams, ListOf, ProblemSchema } from '../core/http/schemas.js';
import { notifyBoardAdvice } from '../meetings/convocation.js';
import { Decision } from '../meetings/schemas.js';
import {
  AdviceInput,
  Amendment,
  CoSubmitterInput,
  GroupInput,
  Motion,
  NewAmendment,
  NewMotion,
  PendingRequest,
  SubmissionQuery,
  SubmitterParams,
} from './schemas.js';
import { motionPolicy } from './policy.js';
import { getSubmission, listSubmissions } from './present.js';
import type { Filer } from './queries.js';
import { file, recordAdvice, setGroup } from './store.js';
import { addCoSubmitter, answerInvitation, cancelInvitation, declineRequest, holdOrWithdraw, inviteCoSubmitter, removeCoSubmitter } from './submitters.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const NO_CONTENT = { type: 'null' } as const;
const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });

const filerFrom = (request: FastifyRequest): Filer => ({ actor: actorOf(request), subject: personOf(request), name: personOf(request).name });

export async function motionRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  for (const kind of ['motion', 'amendment'] as const) {
    const path = kind === 'motion' ? '/motions' : '/amendments';
    const Item = kind === 'motion' ? Motion : Amendment;
    const what = kind === 'motion' ? 'motion' : 'amendment';

    app.get(
      path,
      {
        preValidation: motionPolicy.guard('read'),
        schema: {
          tags: ['motions'],
          summary: `${what}s of a meeting or item, in the order they are handled`,
          querystring: SubmissionQuery,
          response: { 200: ListOf(Item), ...errors },
        },
      },
      async (request) => {
        const items = await listSubmissions(app.db, kind as 'motion', request.query);
        return { items, total: items.length };
      },
    );

    app.get(
      `${path}/:id`,
      {
        preValidation: motionPolicy.guard('read'),
        schema: { tags: ['motions'], summary: `One ${what}`, params: IdParams, response: { 200: Item, ...errors } },
      },
      (request) => getSubmission(app.db, kind, request.params.id),
    );

    app.post(
      path,
      {
        preValidation: motionPolicy.guard('file'),
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
      `${path}/:id/co-submitters`,
      {
        preValidation: motionPolicy.guard('takePart'),
        schema: {
          tags: ['motions'],
          summary: 'Add a co-submitter directly (first submitter)',
          description:
            'By a representative of the first submitter, who has agreed it with the member outside the system; the chair or staff may too where the procedure needs it. Anyone else: 403. To ask a member, invite it instead.',
          params: IdParams,
          body: CoSubmitterInput,
          response: { 204: NO_CONTENT, ...errors },
        },
      },
      async (request, reply) => {
        await addCoSubmitter(app.db, filerFrom(request), kind, request.params.id, request.body.memberId);
        return reply.status(204).send(null);
      },
    );

    app.delete(
      `${path}/:id/co-submitters/:childId`,
      {
        preValidation: motionPolicy.guard('takePart'),
        schema: {
          tags: ['motions'],
          summary: 'Leave as co-submitter, or remove one (first submitter)',
          description:
            "A co-submitter's representative removes only their own member's name; the first submitter, the chair or staff can remove any co-submitter. The first submitter's name stays: 409.",
          params: SubmitterParams,
          response: { 204: NO_CONTENT, ...errors },
        },
      },
      async (request, reply) => {
        await removeCoSubmitter(app.db, filerFrom(request), kind, request.params.id, request.params.childId);
        return reply.status(204).send(null);
      },
    );

    app.post(
      `${path}/:id/invitations`,
      {
        preValidation: motionPolicy.guard('takePart'),
        schema: {
          tags: ['motions'],
          summary: 'Invite a member to co-submit (first submitter)',
          description: 'The member joins only when its representative accepts. By a representative of the first submitter (or the chair or staff).',
          params: IdParams,
          body: CoSubmitterInput,
          response: { 201: Created, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ id: await inviteCoSubmitter(app.db, filerFrom(request), kind, request.params.id, request.body.memberId) }),
    );

    app.delete(
      `${path}/:id/invitations/:childId`,
      {
        preValidation: motionPolicy.guard('takePart'),
        schema: {
          tags: ['motions'],
          summary: 'Cancel an unanswered invitation (first submitter)',
          params: SubmitterParams,
          response: { 204: NO_CONTENT, ...errors },
        },
      },
      async (request, reply) => {
        await cancelInvitation(app.db, filerFrom(request), kind, request.params.id, request.params.childId);
        return reply.status(204).send(null);
      },
    );

    for (const answer of ['accepted', 'declined'] as const) {
      app.post(
        `${path}/:id/invitations/:childId/${answer === 'accepted' ? 'accept' : 'decline'}`,
        {
          preValidation: motionPolicy.guard('takePart'),
          schema: {
            tags: ['motions'],
            summary: answer === 'accepted' ? 'Accept an invitation: the member joins as co-submitter' : 'Decline an invitation',
            description: 'Only by a representative of the invited member; the chair and staff cannot answer for a member.',
            params: SubmitterParams,
            response: { 204: NO_CONTENT, ...errors },
          },
        },
        async (request, reply) => {
          await answerInvitation(app.db, filerFrom(request), kind, request.params.id, request.params.childId, answer);
          return reply.status(204).send(null);
        },
      );
    }

    app.put(
      `${path}/:id/advice`,
      {
        preValidation: motionPolicy.guard('recordAdvice'),
        schema: {
          tags: ['motions'],
          summary: "Record the board's advice; the submitters are told by e-mail",
          params: IdParams,
          body: AdviceInput,
          response: { 204: NO_CONTENT, ...errors },
        },
      },
      async (request, reply) => {
        // The advice and its mails commit together; the mail queue delivers them afterwards.
        await inTransaction(app.db, async (trx) => {
          await recordAdvice(trx, actorOf(request), kind, request.params.id, request.body.advice, request.body.reasoning);
          await notifyBoardAdvice(trx, app.config, request.params.id);
        });
        return reply.status(204).send(null);
      },
    );

    for (const outcome of ['held', 'withdrawn'] as const) {
      app.post(
        path + (outcome === 'held' ? '/:id/hold' : '/:id/withdraw'),
        {
          preValidation: motionPolicy.guard('takePart'),
          schema: {
            tags: ['motions'],
            summary: outcome === 'held' ? 'Hold (aanhouden): no vote, the meeting takes note' : 'Withdraw',
            description:
              "By the first submitter's representative, or (profile motions.holdWithdrawBy = 'all-submitters') by all submitters together: then each submitter's representative agrees, " +
              'and until all have, the answer is 202 with the pending request. The chair or staff record it directly (200). Refused (409) once a vote on it has opened.',
            params: IdParams,
            response: { 200: Decision, 202: PendingRequest, ...errors },
          },
        },
        async (request, reply) => {
          const result = await holdOrWithdraw(app.db, filerFrom(request), kind, request.params.id, outcome);
          return 'decision' in result ? reply.status(200).send(result.decision) : reply.status(202).send(result.pending);
        },
      );
    }

    app.delete(
      `${path}/:id/pending-request`,
      {
        preValidation: motionPolicy.guard('takePart'),
        schema: {
          tags: ['motions'],
          summary: 'Decline a pending request to hold or withdraw',
          description: 'By a representative of any submitter (or the chair or staff); the request lapses and the motion stays filed.',
          params: IdParams,
          response: { 204: NO_CONTENT, ...errors },
        },
      },
      async (request, reply) => {
        await declineRequest(app.db, filerFrom(request), kind, request.params.id);
        return reply.status(204).send(null);
      },
    );
  }

  app.put(
    '/motions/:id/group',
    {
      preValidation: motionPolicy.guard('group'),
      schema: {
        tags: ['motions'],
        summary: 'Group related motions for joint handling, with a speaking order',
        params: IdParams,
        body: GroupInput,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await setGroup(app.db, actorOf(request), request.params.id, request.body.label, request.body.position);
      return reply.status(204).send(null);
    },
  );
}
