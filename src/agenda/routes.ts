import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../core/auth/plugin.js';
import { subjectOf } from '../core/auth/policy.js';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import { agendaPolicy } from './policy.js';
import { Agenda, AgendaItemUpdate, AgendaOrder, AgendaItem, NewAgendaItem } from './schemas.js';
import { addAgendaItem, agendaOf, deleteAgendaItem, reorderAgenda, updateAgendaItem } from './store.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const NO_CONTENT = { type: 'null' } as const;
const manage = { preValidation: agendaPolicy.guard('manageAgenda') };

export async function agendaRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/meetings/:id/agenda-items',
    {
      schema: {
        tags: ['agenda'],
        summary: 'The agenda in order, with numbers, papers and decisions',
        description: 'The public sees public items and public papers; signed-in users see everything.',
        params: IdParams,
        response: { 200: Agenda, 404: ProblemSchema },
      },
    },
    async (request) => {
      const items = await agendaOf(app.db, request.params.id, agendaPolicy.can(subjectOf(request), 'readNonPublic'));
      return { meetingId: request.params.id, items, total: items.length };
    },
  );

  app.post(
    '/meetings/:id/agenda-items',
    {
      ...manage,
      schema: { tags: ['agenda'], summary: 'Add an agenda item or sub-item', params: IdParams, body: NewAgendaItem, response: { 201: AgendaItem, ...errors } },
    },
    async (request, reply) => {
      const id = await addAgendaItem(app.db, actorOf(request), request.params.id, request.body);
      const item = (await agendaOf(app.db, request.params.id, true)).find((i) => i.id === id);
      if (!item) throw new Error(`agenda item ${id} vanished after it was added`);
      return reply.status(201).send(item);
    },
  );

  app.patch(
    '/agenda-items/:id',
    {
      ...manage,
      schema: { tags: ['agenda'], summary: 'Change an agenda item', params: IdParams, body: AgendaItemUpdate, response: { 204: NO_CONTENT, ...errors } },
    },
    async (request, reply) => {
      await updateAgendaItem(app.db, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/agenda-items/:id',
    {
      ...manage,
      schema: { tags: ['agenda'], summary: 'Remove an agenda item (until the meeting opens)', params: IdParams, response: { 204: NO_CONTENT, ...errors } },
    },
    async (request, reply) => {
      await deleteAgendaItem(app.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/meetings/:id/agenda-order',
    {
      ...manage,
      schema: {
        tags: ['agenda'],
        summary: 'Reorder the agenda (until the meeting opens)',
        params: IdParams,
        body: AgendaOrder,
        response: { 200: Agenda, ...errors },
      },
    },
    async (request) => {
      await reorderAgenda(app.db, actorOf(request), request.params.id, request.body);
      const items = await agendaOf(app.db, request.params.id, true);
      return { meetingId: request.params.id, items, total: items.length };
    },
  );
}
