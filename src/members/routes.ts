import { inTransaction } from '../core/db/transaction.js';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../core/auth/plugin.js';
import { registerPolicy } from './policy.js';
import { today } from '../core/dates.js';
import { problems, text } from '../core/errors.js';
import { DateString, IdParams, ListOf, ProblemSchema } from '../core/http/schemas.js';
import { filterMembers, sortMembers, totals } from './register.js';
import { membersToCsv } from './export.js';
import { profileAsOf } from '../profile/store.js';
import { reorganisationsOf } from './history.js';
import { recordReorganisation } from './reorganisations.js';
import {
  ContactUpdate,
  MemberDetail,
  MemberList,
  MemberListQuery,
  NetworkAssignment,
  NetworkSchema,
  NewMemberIdentity,
  NewReorganisation,
  PopulationInput,
  Reorganisation,
} from './schemas.js';
import { createNetwork, listNetworks, memberDetail, recordPopulation, registerAsOf, setMemberNetworks, updateContact } from './store.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

export async function memberRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  async function list(query: MemberListQuery) {
    const asOf = query.asOf ?? today();
    const all = await registerAsOf(app.db, asOf);
    const matching = sortMembers(filterMembers(all, query), query.sort);
    const sum = totals(matching);
    return { asOf, matching, sum };
  }

  app.get(
    '/members',
    {
      schema: {
        tags: ['members'],
        summary: 'The member register on a date, with population-derived vote weights',
        description: 'Filters combine. `Accept: text/csv` returns the CSV export of the matching members.',
        querystring: MemberListQuery,
        response: { 200: MemberList, 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const { asOf, matching, sum } = await list(request.query);
      if (request.headers.accept?.includes('text/csv')) {
        return reply
          .type('text/csv; charset=utf-8')
          .serializer((x: unknown) => x as string)
          .send(membersToCsv(matching, await profileAsOf(app.db, asOf)) as never);
      }
      const offset = request.query.offset ?? 0;
      const limit = request.query.limit ?? 1000;
      return { asOf, items: matching.slice(offset, offset + limit), total: sum.count, totalVoteWeight: sum.voteWeight, totalPopulation: sum.population };
    },
  );

  app.get(
    '/members/export.csv',
    { schema: { tags: ['members'], summary: 'Export the register and its weights as CSV', querystring: MemberListQuery, produces: ['text/csv'] } },
    async (request, reply) => {
      const { asOf, matching } = await list(request.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="leden-${asOf}.csv"`)
        .send(membersToCsv(matching, await profileAsOf(app.db, asOf)));
    },
  );

  app.get(
    '/members/export.json',
    { schema: { tags: ['members'], summary: 'Export the register and its weights as JSON', querystring: MemberListQuery, response: { 200: MemberList } } },
    async (request, reply) => {
      const { asOf, matching, sum } = await list(request.query);
      reply.header('content-disposition', `attachment; filename="leden-${asOf}.json"`);
      return { asOf, items: matching, total: sum.count, totalVoteWeight: sum.voteWeight, totalPopulation: sum.population };
    },
  );

  app.get(
    '/members/:id',
    {
      schema: {
        tags: ['members'],
        summary: 'One member with its name, population, weight and network history and its reorganisations',
        params: IdParams,
        querystring: Type.Object({ asOf: Type.Optional(DateString) }),
        response: { 200: MemberDetail, ...errors },
      },
    },
    async (request) => {
      const detail = await memberDetail(app.db, request.params.id, request.query.asOf ?? today());
      // Contact details are for signed-in users only.
      if (!request.session) detail.contact = { email: null, phone: null, website: null, address: null };
      return detail;
    },
  );

  app.post(
    '/members',
    {
      preValidation: registerPolicy.guard('createMember'),
      schema: {
        tags: ['members'],
        summary: 'Register a new member (recorded as a "join" reorganisation)',
        body: Type.Object(
          {
            member: NewMemberIdentity,
            effectiveDate: DateString,
            population: Type.Optional(PopulationInput),
            note: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Reorganisation, ...errors },
      },
    },
    async (request, reply) => {
      const reorganisation = await recordReorganisation(app.db, actorOf(request), { kind: 'join', ...request.body });
      return reply.status(201).send(reorganisation);
    },
  );

  app.patch(
    '/members/:id',
    {
      preValidation: registerPolicy.guard('changeMember'),
      schema: {
        tags: ['members'],
        summary: "Update a member's contact details",
        params: IdParams,
        body: ContactUpdate,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await updateContact(app.db, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/members/:id/populations',
    {
      preValidation: registerPolicy.guard('recordPopulation'),
      schema: {
        tags: ['members'],
        summary: 'Record a population figure (a figure for an existing date corrects it; the audit trail keeps the old one)',
        params: IdParams,
        body: PopulationInput,
        response: { 200: Type.Object({ result: Type.Union([Type.Literal('added'), Type.Literal('corrected'), Type.Literal('unchanged')]) }), ...errors },
      },
    },
    async (request) => {
      const result = await inTransaction(app.db, (trx) => recordPopulation(trx, actorOf(request), request.params.id, request.body));
      return { result };
    },
  );

  app.put(
    '/members/:id/networks',
    {
      preValidation: registerPolicy.guard('setNetworks'),
      schema: {
        tags: ['members'],
        summary: 'Set the networks a member belongs to from a date',
        params: IdParams,
        body: NetworkAssignment,
        response: { 204: Type.Null(), ...errors },
      },
    },
    async (request, reply) => {
      await setMemberNetworks(app.db, actorOf(request), request.params.id, request.body.networks, request.body.effectiveDate);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/networks',
    {
      schema: {
        tags: ['members'],
        summary: 'Networks (G4, G40, P10, ...) with their member count on a date',
        querystring: Type.Object({ asOf: Type.Optional(DateString) }),
        response: { 200: ListOf(NetworkSchema) },
      },
    },
    async (request) => {
      const items = (await listNetworks(app.db, request.query.asOf ?? today())).map((n) => ({ ...n, memberCount: Number(n.memberCount ?? 0) }));
      return { items, total: items.length };
    },
  );

  app.post(
    '/networks',
    {
      preValidation: registerPolicy.guard('createNetwork'),
      schema: {
        tags: ['members'],
        summary: 'Create a network',
        body: Type.Object(
          {
            code: Type.String({ pattern: '^[A-Za-z0-9-]{1,40}$' }),
            name: Type.String({ minLength: 1, maxLength: 200 }),
            description: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ code: Type.String() }), ...errors },
      },
    },
    async (request, reply) => {
      await createNetwork(app.db, actorOf(request), request.body);
      return reply.status(201).send({ code: request.body.code });
    },
  );

  app.get(
    '/reorganisations',
    {
      schema: {
        tags: ['reorganisations'],
        summary: 'Reorganisations (herindelingen), optionally in a date range',
        querystring: Type.Object({ from: Type.Optional(DateString), to: Type.Optional(DateString), memberId: Type.Optional(Type.String({ format: 'uuid' })) }),
        response: { 200: ListOf(Reorganisation) },
      },
    },
    async (request) => {
      const items = await reorganisationsOf(app.db, request.query);
      return { items, total: items.length };
    },
  );

  app.post(
    '/reorganisations',
    {
      preValidation: registerPolicy.guard('recordReorganisation'),
      schema: {
        tags: ['reorganisations'],
        summary: 'Record a reorganisation: merge, rename, split, join or leave, from its effective date',
        body: NewReorganisation,
        response: { 201: Reorganisation, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(await recordReorganisation(app.db, actorOf(request), request.body)),
  );

  app.get(
    '/reorganisations/:id',
    { schema: { tags: ['reorganisations'], summary: 'One reorganisation', params: IdParams, response: { 200: Reorganisation, 404: ProblemSchema } } },
    async (request) => {
      const [found] = await reorganisationsOf(app.db, { id: request.params.id });
      if (!found) throw problems.notFound(text('Herindeling', 'Reorganisation'), request.params.id);
      return found;
    },
  );
}
