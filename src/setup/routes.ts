import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../core/auth/plugin.js';
import { today } from '../core/dates.js';
import { ListOf, ProblemSchema } from '../core/http/schemas.js';
import { ProfileVersion } from '../profile/schemas.js';
import { setupPolicy } from './policy.js';
import { AdoptTemplate, ProfileTemplate, SetupState } from './schemas.js';
import { adoptTemplate, profileTemplates, setupState } from './store.js';

/** The first-run path of a fresh installation: what is done, what is next, and a profile from a template. */
export async function setupRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/setup',
    {
      preValidation: setupPolicy.guard('readState'),
      schema: {
        tags: ['setup'],
        summary: 'Where set-up stands: an administrator, a profile, members; and the next step',
        response: { 200: SetupState },
      },
    },
    async () => setupState(app.db),
  );

  app.get(
    '/setup/templates',
    {
      preValidation: setupPolicy.guard('readState'),
      schema: {
        tags: ['setup'],
        summary: 'The profile templates to start from (VNG, IPO, UvW, empty), each a whole profile document to review',
        response: { 200: ListOf(ProfileTemplate) },
      },
    },
    async () => {
      const items = profileTemplates();
      return { items, total: items.length };
    },
  );

  app.post(
    '/setup/profile',
    {
      preValidation: setupPolicy.guard('adoptTemplate'),
      schema: {
        tags: ['setup'],
        summary: "Adopt a template as the association's first profile version (audited); refused with 409 once a profile exists",
        description:
          "Optionally with the association's own name and short name and an effective date (default today). Later changes are new profile versions (POST /api/v1/profile/versions).",
        body: AdoptTemplate,
        response: { 201: ProfileVersion, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema },
      },
    },
    async (request, reply) => reply.status(201).send(await adoptTemplate(app.db, actorOf(request), request.body, today())),
  );
}
