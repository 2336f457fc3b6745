import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, personOf } from '../core/auth/plugin.js';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import { today } from '../core/dates.js';
import { pickLanguage } from '../core/i18n.js';
import { meetingPolicy } from './policy.js';
import { meetingDateWarnings } from './rules.js';
import { attendanceOf, checkIn, checkOut, grantProxy, revokeProxy, type Acting } from './attendance.js';
import {
  Attendance,
  Meeting,
  MeetingChildParams,
  MeetingList,
  MeetingUpdate,
  MeetingWithWarnings,
  NewAppointment,
  NewCheckIn,
  NewMeeting,
  NewProxy,
} from './schemas.js';
import { addAppointment, createMeeting, getMeeting, listMeetings, removeAppointment, updateMeeting } from './store.js';

const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const Created = Type.Object({ id: Type.String({ format: 'uuid' }) });
const NO_CONTENT = { type: 'null' } as const;

const actingFrom = (request: FastifyRequest): Acting => ({
  actor: actorOf(request),
  subject: personOf(request),
  name: personOf(request).name,
});

/** Warnings about a date just set: the change is made, the user is told. */
function withWarnings(request: FastifyRequest, meeting: Meeting, date: string | undefined) {
  const lang = pickLanguage(request.headers['accept-language']);
  return { ...meeting, warnings: date === undefined ? [] : meetingDateWarnings(date, today()).map((w) => ({ code: w.code, message: w.message[lang] })) };
}

export async function meetingRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get('/meetings', { schema: { tags: ['meetings'], summary: 'General meetings (public)', response: { 200: MeetingList } } }, async () => {
    const items = await listMeetings(app.db);
    return { items, total: items.length };
  });

  app.post(
    '/meetings',
    {
      preValidation: meetingPolicy.guard('schedule'),
      schema: {
        tags: ['meetings'],
        summary: 'Schedule a general meeting',
        description: 'A date in the past is allowed and answered with a date-in-past warning.',
        body: NewMeeting,
        response: { 201: MeetingWithWarnings, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send(withWarnings(request, await createMeeting(app.db, actorOf(request), request.body), request.body.date)),
  );

  app.get(
    '/meetings/:id',
    { schema: { tags: ['meetings'], summary: 'A general meeting (public)', params: IdParams, response: { 200: Meeting, 404: ProblemSchema } } },
    (request) => getMeeting(app.db, request.params.id),
  );

  app.patch(
    '/meetings/:id',
    {
      preValidation: meetingPolicy.guard('change'),
      schema: {
        tags: ['meetings'],
        summary: 'Change date, place, mode or the motion deadline',
        description: 'A new date in the past is allowed and answered with a date-in-past warning.',
        params: IdParams,
        body: MeetingUpdate,
        response: { 200: MeetingWithWarnings, ...errors },
      },
    },
    async (request) => withWarnings(request, await updateMeeting(app.db, actorOf(request), request.params.id, request.body), request.body.date),
  );

  app.post(
    '/meetings/:id/appointments',
    {
      preValidation: meetingPolicy.guard('proposeAppointment'),
      schema: {
        tags: ['meetings'],
        summary: 'Propose the chair, technical chair or a member of the vote-counting or minutes committee',
        description: 'The meeting appoints them by its decision on the appointments item.',
        params: IdParams,
        body: NewAppointment,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await addAppointment(app.db, actorOf(request), request.params.id, request.body) }),
  );

  app.delete(
    '/meetings/:id/appointments/:childId',
    {
      preValidation: meetingPolicy.guard('withdrawAppointment'),
      schema: { tags: ['meetings'], summary: 'Withdraw a proposed appointment', params: MeetingChildParams, response: { 204: NO_CONTENT, ...errors } },
    },
    async (request, reply) => {
      await removeAppointment(app.db, actorOf(request), request.params.id, request.params.childId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/meetings/:id/attendance',
    {
      preValidation: meetingPolicy.guard('readAttendance'),
      schema: {
        tags: ['meetings'],
        summary: "Check-ins, proxies and who holds each member's vote (signed-in users)",
        params: IdParams,
        response: { 200: Attendance, ...errors },
      },
    },
    (request) => attendanceOf(app.db, request.params.id),
  );

  app.post(
    '/meetings/:id/check-ins',
    {
      preValidation: meetingPolicy.guard('checkIn'),
      schema: {
        tags: ['meetings'],
        summary: 'Check in for a member and hold its vote (a substitute takes over with takeOver)',
        description:
          'A representative checks in themself for a member they are designated for; staff at the door may check in any designated person. A proxy the member gave lapses.',
        params: IdParams,
        body: NewCheckIn,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await checkIn(app.db, actingFrom(request), request.params.id, request.body) }),
  );

  app.post(
    '/meetings/:id/check-ins/:childId/check-out',
    {
      preValidation: meetingPolicy.guard('checkOut'),
      schema: {
        tags: ['meetings'],
        summary: 'Check out (the person themself, or staff)',
        params: MeetingChildParams,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await checkOut(app.db, actingFrom(request), request.params.id, request.params.childId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/meetings/:id/proxies',
    {
      preValidation: meetingPolicy.guard('actFor'),
      schema: {
        tags: ['meetings'],
        summary: "Give a member's vote to another member's representative (volmacht)",
        description:
          "By a representative of the granting member, or staff. Follows the profile's proxy rules: whether allowed and the maximum per representative.",
        params: IdParams,
        body: NewProxy,
        response: { 201: Created, ...errors },
      },
    },
    async (request, reply) => reply.status(201).send({ id: await grantProxy(app.db, actingFrom(request), request.params.id, request.body) }),
  );

  app.post(
    '/meetings/:id/proxies/:childId/revoke',
    {
      preValidation: meetingPolicy.guard('actFor'),
      schema: { tags: ['meetings'], summary: 'Revoke a proxy (until the vote opens)', params: MeetingChildParams, response: { 204: NO_CONTENT, ...errors } },
    },
    async (request, reply) => {
      await revokeProxy(app.db, actingFrom(request), request.params.id, request.params.childId);
      return reply.status(204).send(null);
    },
  );
}
