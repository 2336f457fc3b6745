import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createPerson } from '../core/auth/accounts.js';
import { actorOf, personOf } from '../core/auth/plugin.js';
import { subjectOf } from '../core/auth/policy.js';
import { today } from '../core/dates.js';
import { problems } from '../core/errors.js';
import { DateString, IdParams, ProblemSchema } from '../core/http/schemas.js';
import { MEMBER } from '../members/store.js';
import { inviteRepresentative } from './invitations.js';
import { invitationRoutes } from './invitation-routes.js';
import { DESIGNATION_STATUSES } from './mandates.js';
import {
  DesignationEnd,
  Invitation,
  NewDesignation,
  NewInvitation,
  NewOffice,
  NewPerson,
  OfficeUpdate,
  PeopleList,
  PeopleQuery,
  PendingDesignationList,
  PersonDetail,
  PersonUpdate,
  RepresentativeList,
  RolesUpdate,
} from './schemas.js';
import { setRoles, updatePerson } from './accounts.js';
import { peoplePolicy } from './policy.js';
import { addDesignation, confirmDesignation, confirmDesignations, endDesignation, revokeDesignation } from './designations.js';
import { addOffice, updateOffice } from './offices.js';
import { listPendingDesignations, listPeople, personDetail, representativesOf } from './store.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });
const DesignationCreated = Type.Object({ id: Type.String({ format: 'uuid' }), status: Type.Enum(DESIGNATION_STATUSES) });
const NO_CONTENT = { type: 'null' } as const;

export async function peopleRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  await app.register(invitationRoutes);

  app.get(
    '/people',
    {
      preValidation: peoplePolicy.guard('listPeople'),
      schema: {
        tags: ['people'],
        summary: 'People with accounts, their roles and current offices',
        querystring: PeopleQuery,
        response: { 200: PeopleList, ...errors },
      },
    },
    (request) => listPeople(app.db, request.query),
  );

  app.post(
    '/people',
    {
      preValidation: peoplePolicy.guard('addPerson'),
      schema: {
        tags: ['people'],
        summary: 'Add a person (without password: they sign in after an invitation, a reset link or OIDC)',
        body: NewPerson,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => {
      if (request.body.roles?.length) peoplePolicy.authorize(subjectOf(request), 'grantRoles');
      const person = await createPerson(app.db, actorOf(request), { email: request.body.email, name: request.body.name, roles: request.body.roles ?? [] });
      return reply.status(201).send({ id: person.id });
    },
  );

  app.get(
    '/people/me',
    {
      preValidation: peoplePolicy.guard('readOwnProfile'),
      schema: { tags: ['people'], summary: 'My profile: offices, designations and roles', response: { 200: PersonDetail, ...errors } },
    },
    (request) => personDetail(app.db, personOf(request).id),
  );

  app.get(
    '/people/:id',
    {
      preValidation: peoplePolicy.guard('readPerson'),
      schema: {
        tags: ['people'],
        summary: 'A person with offices and designations (staff, or the person themself)',
        params: IdParams,
        response: { 200: PersonDetail, ...errors },
      },
    },
    (request) => {
      peoplePolicy.authorize(subjectOf(request), 'readPerson', { id: request.params.id });
      return personDetail(app.db, request.params.id);
    },
  );

  app.patch(
    '/people/:id',
    {
      preValidation: peoplePolicy.guard('managePeople'),
      schema: {
        tags: ['people'],
        summary: 'Change name or e-mail, or disable the account',
        params: IdParams,
        body: PersonUpdate,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      const target = await personDetail(app.db, request.params.id);
      // Staff manage members' people; someone holding a granted role (staff, chair, the vote-counting
      // committee, admin) is changed by an administrator only, so staff cannot take over their accounts.
      peoplePolicy.authorize(subjectOf(request), 'changePerson', target);
      await updatePerson(app.db, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/people/:id/roles',
    {
      preValidation: peoplePolicy.guard('grantRoles'),
      schema: {
        tags: ['people'],
        summary: 'Set the granted roles (administrator only)',
        params: IdParams,
        body: RolesUpdate,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await setRoles(app.db, actorOf(request), request.params.id, request.body.roles);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/people/:id/offices',
    {
      preValidation: peoplePolicy.guard('recordOffice'),
      schema: {
        tags: ['people'],
        summary: 'Record an office the person holds in a member',
        params: IdParams,
        body: NewOffice,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await addOffice(app.db, actorOf(request), request.params.id, request.body) }),
  );

  app.patch(
    '/offices/:id',
    {
      preValidation: peoplePolicy.guard('recordOffice'),
      schema: {
        tags: ['people'],
        summary: 'Change the party or end an office',
        params: IdParams,
        body: OfficeUpdate,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await updateOffice(app.db, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/designations',
    {
      preValidation: peoplePolicy.guard('designate'),
      schema: {
        tags: ['people'],
        summary: "Designate an office holder to act for the office's member",
        description:
          'Pending (four-eyes) when the account designates itself or a person it created, invited or re-addressed: a different staff member or administrator confirms it.',
        body: NewDesignation,
        response: { 201: DesignationCreated, ...errors },
      },
    },
    async (request, reply) => {
      const id = await addDesignation(app.db, actorOf(request), request.body);
      const { status } = await app.db.selectFrom('designations').select('status').where('id', '=', id).executeTakeFirstOrThrow();
      return reply.status(201).send({ id, status });
    },
  );

  app.get(
    '/designations/pending',
    {
      preValidation: peoplePolicy.guard('designate'),
      schema: {
        tags: ['people'],
        summary: 'Designations waiting for a second staff member or administrator (four-eyes)',
        description:
          'A designation an account makes for itself, or for a person it created, invited or re-addressed, gives no right to act until a different staff member or administrator confirms it.',
        response: { 200: PendingDesignationList, ...errors },
      },
    },
    async () => {
      const items = await listPendingDesignations(app.db);
      return { items, total: items.length };
    },
  );

  app.post(
    '/designations/:id/confirm',
    {
      preValidation: peoplePolicy.guard('designate'),
      schema: {
        tags: ['people'],
        summary: 'Confirm a pending designation (not by the account that recorded it, nor by its holder)',
        params: IdParams,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await confirmDesignation(app.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/designations/confirmations',
    {
      preValidation: peoplePolicy.guard('designate'),
      schema: {
        tags: ['people'],
        summary: 'Confirm many pending designations at once, all or nothing (after an import)',
        description:
          'Each designation is judged as by POST /designations/{id}/confirm: not by the account that recorded it, nor by its holder. ' +
          'The first refusal undoes the whole confirmation (403 four-eyes, 409 when one is not pending, 404 when one does not exist).',
        body: Type.Object({ ids: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 5000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ confirmed: Type.Integer() }), ...errors },
      },
    },
    async (request) => ({ confirmed: await confirmDesignations(app.db, actorOf(request), request.body.ids) }),
  );

  app.post(
    '/designations/:id/revoke',
    {
      preValidation: peoplePolicy.guard('designate'),
      schema: {
        tags: ['people'],
        summary: 'Withdraw a pending designation; it never takes effect',
        params: IdParams,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await revokeDesignation(app.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.patch(
    '/designations/:id',
    {
      preValidation: peoplePolicy.guard('designate'),
      schema: {
        tags: ['people'],
        summary: 'End a designation (last day it applies)',
        params: IdParams,
        body: DesignationEnd,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await endDesignation(app.db, actorOf(request), request.params.id, request.body.endDate);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/members/:id/representatives',
    {
      preValidation: peoplePolicy.guard('readRepresentatives'),
      schema: {
        tags: ['people'],
        summary: 'Who may act for a member on a date (signed-in users; e-mail addresses for staff only)',
        params: IdParams,
        querystring: Type.Object({ asOf: Type.Optional(DateString) }, { additionalProperties: false }),
        response: { 200: RepresentativeList, ...errors },
      },
    },
    async (request) => {
      const member = await app.db.selectFrom('members').select('id').where('id', '=', request.params.id).executeTakeFirst();
      if (!member) throw problems.notFound(MEMBER, request.params.id);
      const asOf = request.query.asOf ?? today();
      const items = await representativesOf(app.db, request.params.id, asOf, peoplePolicy.can(subjectOf(request), 'seeRepresentativeEmails'));
      return { items, total: items.length, asOf };
    },
  );

  app.post(
    '/invitations',
    {
      preValidation: peoplePolicy.guard('invite'),
      schema: {
        tags: ['people'],
        summary: 'Invite a representative of a member by e-mail',
        description:
          'Records the person (or reuses the one with this address), the office and the designation, and queues a mail with a link with which they set their password (sent in the background by the mail queue).',
        body: NewInvitation,
        response: { 201: Invitation, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await inviteRepresentative(app.db, actorOf(request), app.config, request.body)),
  );
}
