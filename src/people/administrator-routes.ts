import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../core/auth/plugin.js';
import { hasAnyRole, subjectOf } from '../core/auth/policy.js';
import { STAFF } from '../core/auth/roles.js';
import { IdParams, ListOf, ProblemSchema } from '../core/http/schemas.js';
import {
  designateForMember,
  endDesignationForMember,
  grantMemberAdministrator,
  listMemberAdministrators,
  memberScope,
  officeHoldersOf,
  revokeMemberAdministrator,
} from './administrators.js';
import { revokeDesignation } from './designations.js';
import { DESIGNATION_STATUSES } from './mandates.js';
import { peoplePolicy } from './policy.js';
import { DesignationEnd, DesignationRefusal, MemberAdministrator, NewDesignation, OfficeHolder } from './schemas.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const NO_CONTENT = { type: 'null' } as const;
const MemberPersonParams = Type.Object({ id: Type.String({ format: 'uuid' }), personId: Type.String({ format: 'uuid' }) });
const MemberDesignationParams = Type.Object({ id: Type.String({ format: 'uuid' }), designationId: Type.String({ format: 'uuid' }) });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Member administrators (decision 0018): who administers a member (granted by an administrator),
 * and the member-scoped routes by which staff or the member's own administrator keep its designations.
 */
export async function memberAdministratorRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  /**
   * The guard of a member-scoped rule: signed in, then (before the body is validated, so a refusal is
   * 403 and not 422) staff or this member's own administrator. A malformed id is left to validation.
   */
  const memberGuard = (action: 'readMemberPeople' | 'designateForMember') =>
    Object.assign(
      async (request: FastifyRequest) => {
        await peoplePolicy.guard(action)(request);
        const { id } = request.params as { id?: string };
        if (id && UUID.test(id)) peoplePolicy.authorize(subjectOf(request), action, await memberScope(app.db, id));
      },
      { admits: peoplePolicy.guard(action).admits, when: peoplePolicy.guard(action).when },
    );

  app.get(
    '/members/:id/administrators',
    {
      preValidation: peoplePolicy.guard('readMemberAdministrators'),
      schema: {
        tags: ['people'],
        summary: "The member's own administrators (member administrators)",
        params: IdParams,
        response: { 200: ListOf(MemberAdministrator), ...errors },
      },
    },
    async (request) => {
      await memberScope(app.db, request.params.id);
      const items = await listMemberAdministrators(app.db, request.params.id);
      return { items, total: items.length };
    },
  );

  app.put(
    '/members/:id/administrators/:personId',
    {
      preValidation: peoplePolicy.guard('grantMemberAdministrator'),
      schema: {
        tags: ['people'],
        summary: "Make a person the member's administrator: they maintain this member's designations (administrator only)",
        params: MemberPersonParams,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await grantMemberAdministrator(app.db, actorOf(request), request.params.id, request.params.personId);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/members/:id/administrators/:personId',
    {
      preValidation: peoplePolicy.guard('grantMemberAdministrator'),
      schema: {
        tags: ['people'],
        summary: 'End a member administrator grant (administrator only)',
        params: MemberPersonParams,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await revokeMemberAdministrator(app.db, actorOf(request), request.params.id, request.params.personId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/members/:id/office-holders',
    {
      preValidation: memberGuard('readMemberPeople'),
      schema: {
        tags: ['people'],
        summary: "The member's people: who holds an office in it, with those offices and their designations",
        params: IdParams,
        response: { 200: ListOf(OfficeHolder), ...errors },
      },
    },
    async (request) => {
      const items = await officeHoldersOf(app.db, request.params.id);
      return { items, total: items.length };
    },
  );

  app.post(
    '/members/:id/designations',
    {
      preValidation: memberGuard('designateForMember'),
      schema: {
        tags: ['people'],
        summary: "Designate one of the member's office holders to act for it",
        description:
          "For staff and the member's own administrator. A member administrator's designation is pending until staff confirm it when the profile asks " +
          '(designations.memberAdministratorsNeedConfirmation); four-eyes applies as to every designation. An office of another member is 404.',
        params: IdParams,
        body: NewDesignation,
        response: { 201: Type.Object({ id: Type.String({ format: 'uuid' }), status: Type.Enum(DESIGNATION_STATUSES) }), ...errors },
      },
    },
    async (request, reply) => {
      const byMemberAdministrator = !hasAnyRole(subjectOf(request), STAFF);
      return reply.status(201).send(await designateForMember(app.db, actorOf(request), request.params.id, request.body, byMemberAdministrator));
    },
  );

  app.patch(
    '/members/:id/designations/:designationId',
    {
      preValidation: memberGuard('designateForMember'),
      schema: {
        tags: ['people'],
        summary: "End a designation of one of the member's offices (last day it applies)",
        params: MemberDesignationParams,
        body: DesignationEnd,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await endDesignationForMember(app.db, actorOf(request), request.params.id, request.params.designationId, request.body.endDate);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/designations/:id/refusal',
    {
      preValidation: peoplePolicy.guard('designate'),
      schema: {
        tags: ['people'],
        summary: 'Refuse a pending designation with a reason its requester reads; it never takes effect',
        params: IdParams,
        body: DesignationRefusal,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await revokeDesignation(app.db, actorOf(request), request.params.id, request.body.reason);
      return reply.status(204).send(null);
    },
  );
}
