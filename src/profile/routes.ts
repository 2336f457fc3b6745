import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../core/auth/plugin.js';
import { profilePolicy } from './policy.js';
import { today } from '../core/dates.js';
import { DateString, ListOf, ProblemSchema } from '../core/http/schemas.js';
import { NewProfileVersion, ProfileVersion } from './schemas.js';
import { addProfileVersion, listProfileVersions, profileVersionAsOf } from './store.js';

export async function profileRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/profile',
    {
      schema: {
        tags: ['profile'],
        summary: 'The association profile in force on a date (default today), each rule with its source',
        querystring: Type.Object({ asOf: Type.Optional(DateString) }),
        response: { 200: ProfileVersion, 409: ProblemSchema },
      },
    },
    async (request) => profileVersionAsOf(app.db, request.query.asOf ?? today()),
  );

  app.get(
    '/profile/versions',
    { schema: { tags: ['profile'], summary: 'Every profile version with its effective date', response: { 200: ListOf(ProfileVersion) } } },
    async () => {
      const items = await listProfileVersions(app.db);
      return { items, total: items.length };
    },
  );

  app.post(
    '/profile/versions',
    {
      preValidation: profilePolicy.guard('recordVersion'),
      schema: {
        tags: ['profile'],
        summary: 'Change the profile from an effective date (today or later); past dates keep their rules',
        body: NewProfileVersion,
        response: { 201: ProfileVersion, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await addProfileVersion(app.db, actorOf(request), request.body, today())),
  );
}
