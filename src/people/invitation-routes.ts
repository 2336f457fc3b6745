import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../core/auth/plugin.js';
import { IdParams, ListOf, MailCountsSchema, Pagination, ProblemSchema } from '../core/http/schemas.js';
import { batchInvitations, batchSummary, listBatches, resendInvitations, sendInvitationBatch, type Selection } from './invitation-batches.js';
import { INVITATION_STATUSES } from './invitation-rules.js';
import { peoplePolicy } from './policy.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 422: ProblemSchema };

const InvitationStatus = Type.Enum(INVITATION_STATUSES, {
  description:
    'invited: the mail is queued or sent; opened: the link was opened; activated: the person set a password; bounced: the mail server refused the mail',
});

const SelectionSchema = Type.Union(
  [
    Type.Object({ scope: Type.Literal('without-account') }, { additionalProperties: false, description: 'Every designated representative without an account' }),
    Type.Object(
      { scope: Type.Literal('member'), memberId: Type.String({ format: 'uuid' }) },
      { additionalProperties: false, description: "The member's designated representatives without an account" },
    ),
    Type.Object(
      { scope: Type.Literal('people'), personIds: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 5000, uniqueItems: true }) },
      { additionalProperties: false, description: 'These designated representatives (with or without an account)' },
    ),
  ],
  { description: 'Whom to invite' },
);

const BatchSummary = Type.Object({
  id: Type.String({ format: 'uuid' }),
  createdAt: Type.String({ format: 'date-time' }),
  createdBy: Type.String(),
  selection: Type.Object({}, { additionalProperties: true }),
  total: Type.Integer({ minimum: 0, description: 'People in the batch' }),
  counts: Type.Object(Object.fromEntries(INVITATION_STATUSES.map((s) => [s, Type.Integer({ minimum: 0 })]))),
  mails: MailCountsSchema,
});

const PersonInvitation = Type.Object({
  personId: Type.String({ format: 'uuid' }),
  name: Type.String(),
  email: Type.String(),
  status: InvitationStatus,
  mailStatus: Type.Union([Type.Enum(['queued', 'sending', 'sent', 'failed', 'bounced']), Type.Null()]),
  invitedAt: Type.String({ format: 'date-time' }),
  openedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  activatedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()], { description: "The mail server's last answer when the mail was not (yet) delivered" }),
});

const Accepted = Type.Object({
  id: Type.String({ format: 'uuid' }),
  total: Type.Integer({ minimum: 0 }),
  status: Type.String({ description: 'The batch, to follow its progress' }),
});

/** Invitations in bulk, sent in the background, with a status per person (src/people/invitation-batches.ts). */
export async function invitationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const statusUrl = (id: string) => `/api/v1/invitation-batches/${id}`;

  app.post(
    '/invitation-batches',
    {
      preValidation: peoplePolicy.guard('invite'),
      schema: {
        tags: ['people'],
        summary: 'Invite many representatives at once; the mails go out in the background',
        description:
          'Issues a fresh link for each person and queues the mails in one transaction, then answers 202 at once with the batch to follow ' +
          '(Location). Earlier unused invitation links of these people stop working.',
        body: SelectionSchema,
        response: { 202: Accepted, ...errors },
      },
    },
    async (request, reply) => {
      const { id, total } = await sendInvitationBatch(app.db, actorOf(request), app.config, request.body as Selection);
      return reply
        .status(202)
        .header('location', statusUrl(id))
        .send({ id, total, status: statusUrl(id) });
    },
  );

  app.get(
    '/invitation-batches',
    {
      preValidation: peoplePolicy.guard('invite'),
      schema: {
        tags: ['people'],
        summary: 'Batches of invitations, newest first, with their progress',
        querystring: Type.Object(Pagination),
        response: { 200: ListOf(BatchSummary), ...errors },
      },
    },
    async (request) => listBatches(app.db, request.query.limit, request.query.offset),
  );

  app.get(
    '/invitation-batches/:id',
    {
      preValidation: peoplePolicy.guard('invite'),
      schema: {
        tags: ['people'],
        summary: "A batch's progress: people per status and mails per delivery status",
        params: IdParams,
        response: { 200: BatchSummary, ...errors },
      },
    },
    async (request) => batchSummary(app.db, request.params.id),
  );

  app.get(
    '/invitation-batches/:id/invitations',
    {
      preValidation: peoplePolicy.guard('invite'),
      schema: {
        tags: ['people'],
        summary: 'Each person in the batch with the status of their latest invitation',
        params: IdParams,
        querystring: Type.Object({ status: Type.Optional(InvitationStatus), ...Pagination }),
        response: { 200: ListOf(PersonInvitation), ...errors },
      },
    },
    async (request) => batchInvitations(app.db, request.params.id, request.query),
  );

  app.post(
    '/invitation-batches/:id/resend',
    {
      preValidation: peoplePolicy.guard('invite'),
      schema: {
        tags: ['people'],
        summary: 'Send the invitation again: to the people given, or to everyone in the batch not yet activated',
        description: 'A fresh link for each; the earlier link stops working.',
        params: IdParams,
        body: Type.Object(
          { personIds: Type.Optional(Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 5000, uniqueItems: true })) },
          { additionalProperties: false },
        ),
        response: { 202: Type.Object({ resent: Type.Integer({ minimum: 0 }) }), ...errors },
      },
    },
    async (request, reply) => reply.status(202).send(await resendInvitations(app.db, actorOf(request), app.config, request.params.id, request.body.personIds)),
  );
}
