import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../core/auth/plugin.js';
import { subjectOf } from '../core/auth/policy.js';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import { agendaPolicy } from '../agenda/policy.js';
import { itemRow } from '../agenda/store.js';
import { closeMeeting, openMeeting, setCurrentItem } from './course.js';
import { addSpeaker, askToSpeak, moveSpeaker, speakersOf } from './speakers.js';
import { chooseScreen, screenOf } from './screen.js';
import { approveItemMinutes, recordDecisions } from './decisions.js';
import { coursePolicy } from './policy.js';
import { Decision, NewDecision, NewScreen, NewSpeaker, Screen, Speaker, SpeakerMove, SpeakRequest } from '../meetings/schemas.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const NO_CONTENT = { type: 'null' } as const;
const chair = { preValidation: coursePolicy.guard('runMeeting') };

export async function courseRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/meetings/:id/open',
    {
      ...chair,
      schema: {
        tags: ['course'],
        summary: 'Open the meeting (fixes the order of the agenda)',
        description: 'Before the meeting’s date this answers 409 unless confirmEarly=true; the audit entry records an early opening.',
        params: IdParams,
        querystring: Type.Object(
          { confirmEarly: Type.Optional(Type.Boolean({ description: 'Open a meeting whose date is still to come' })) },
          { additionalProperties: false },
        ),
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await openMeeting(app.db, actorOf(request), request.params.id, { confirmEarly: request.query.confirmEarly === true });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/meetings/:id/close',
    { ...chair, schema: { tags: ['course'], summary: 'Close the meeting', params: IdParams, response: { 204: NO_CONTENT, ...errors } } },
    async (request, reply) => {
      await closeMeeting(app.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/meetings/:id/current-item',
    {
      ...chair,
      schema: {
        tags: ['course'],
        summary: 'Open an agenda item (or none)',
        params: IdParams,
        body: Type.Object({ itemId: Type.Union([Type.String({ format: 'uuid' }), Type.Null()]) }, { additionalProperties: false }),
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await setCurrentItem(app.db, actorOf(request), request.params.id, request.body.itemId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/agenda-items/:id/speakers',
    {
      schema: {
        tags: ['course'],
        summary: 'Speakers on an item, first and second round (the public: public items only)',
        params: IdParams,
        response: { 200: Type.Object({ items: Type.Array(Speaker), total: Type.Integer() }), 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request) => {
      const item = await itemRow(app.db, request.params.id);
      if (!item.public) agendaPolicy.authorize(subjectOf(request), 'readNonPublic');
      const items = await speakersOf(app.db, request.params.id, subjectOf(request)?.id ?? null);
      return { items, total: items.length };
    },
  );

  app.post(
    '/agenda-items/:id/speakers',
    {
      ...chair,
      schema: {
        tags: ['course'],
        summary: 'Put a speaker on the list (first or second round): waiting for the floor, or recorded as done',
        params: IdParams,
        body: NewSpeaker,
        response: { 201: Type.Object({ id: Type.String() }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await addSpeaker(app.db, actorOf(request), request.params.id, request.body) }),
  );

  app.post(
    '/agenda-items/:id/speaker-requests',
    {
      preValidation: coursePolicy.guard('askToSpeak'),
      schema: {
        tags: ['course'],
        summary: 'Ask to speak on the item in hand, for yourself (first or second round)',
        description:
          'For a person checked in at the meeting, on the current item, once per round; 409 with the reason otherwise. The list names the member of the check-in.',
        params: IdParams,
        body: SpeakRequest,
        response: { 201: Type.Object({ id: Type.String() }), ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ id: await askToSpeak(app.db, actorOf(request), subjectOf(request)!, request.params.id, request.body.round) }),
  );

  app.patch(
    '/speakers/:id',
    {
      preValidation: coursePolicy.guard('moveSpeaker'),
      schema: {
        tags: ['course'],
        summary: 'Give the floor, end the turn, or take a request off the list',
        description: 'Giving the floor ends the turn of whoever had it. The person who asked may withdraw their own request while it waits.',
        params: IdParams,
        body: SpeakerMove,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await moveSpeaker(app.db, actorOf(request), subjectOf(request)!, request.params.id, request.body.status);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/meetings/:id/screen',
    {
      schema: {
        tags: ['course'],
        summary: 'What the projector in the hall shows (public, as the meeting is)',
        params: IdParams,
        response: { 200: Screen, 404: ProblemSchema },
      },
    },
    (request) => screenOf(app.db, request.params.id),
  );

  app.put(
    '/meetings/:id/screen',
    {
      ...chair,
      schema: {
        tags: ['course'],
        summary: 'Choose what the projector shows',
        description: 'A secret vote shows no running result on the projector either: it reads the poll as the public does.',
        params: IdParams,
        body: NewScreen,
        response: { 200: Screen, ...errors },
      },
    },
    (request) => chooseScreen(app.db, actorOf(request), request.params.id, request.body),
  );

  app.post(
    '/meetings/:id/decisions',
    {
      ...chair,
      schema: {
        tags: ['course'],
        summary: 'Record the outcome of an item, motion or amendment (or several handled together)',
        description: "Each outcome yields the minutes' fixed phrase. Motions and amendments on an item are decided before its proposal.",
        params: IdParams,
        body: NewDecision,
        response: { 201: Type.Object({ items: Type.Array(Decision) }), ...errors },
      },
    },
    async (request, reply) => reply.status(201).send({ items: await recordDecisions(app.db, actorOf(request), request.params.id, request.body) }),
  );

  app.post(
    '/decisions/:id/minutes-approval',
    { ...chair, schema: { tags: ['course'], summary: "Approve one item's minutes at once", params: IdParams, response: { 200: Decision, ...errors } } },
    (request) => approveItemMinutes(app.db, actorOf(request), request.params.id),
  );
}
