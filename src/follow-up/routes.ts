import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { createPaper } from '../agenda/papers.js';
import { actorOf, personOf } from '../core/auth/plugin.js';
import { subjectOf } from '../core/auth/policy.js';
import { today, type IsoDate } from '../core/dates.js';
import { problems, text } from '../core/errors.js';
import { IdParams, ListOf, ProblemSchema } from '../core/http/schemas.js';
import { followUpPolicy } from './policy.js';
import { reportPdf } from './report.js';
import { FollowUp, FollowUpChange, FollowUpDetail, FollowUpQuery, NewFollowUp, NewFollowUpUpdate, Report, ReportPaperInput, ReportQuery } from './schemas.js';
import { changeFollowUp, createFollowUp, followUpReport, getFollowUp, listFollowUps, postUpdate } from './store.js';

const TAGS = ['follow-up'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const REPORT_TITLE = 'Stand van zaken';

export async function followUpRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const read = { preValidation: followUpPolicy.guard('read') };
  const manage = { preValidation: followUpPolicy.guard('manage') };

  app.get(
    '/follow-ups',
    {
      ...read,
      schema: {
        tags: TAGS,
        summary: 'Follow-ups of adopted motions, decisions and commitments, with status, owner, due date and last update',
        description:
          'Public (those on public agenda items). `overdue` is derived: the due date has passed and the follow-up is neither done nor not carried out.',
        querystring: FollowUpQuery,
        response: { 200: ListOf(FollowUp), ...errors },
      },
    },
    (request) => listFollowUps(app.db, request.query, subjectOf(request)),
  );

  app.get(
    '/follow-ups/report',
    {
      ...read,
      schema: {
        tags: TAGS,
        summary: 'The "stand van zaken": the open follow-ups of the last two general meetings before a date',
        querystring: ReportQuery,
        response: { 200: Report, ...errors },
      },
    },
    (request) => followUpReport(app.db, (request.query.before as IsoDate | undefined) ?? today(), subjectOf(request)),
  );

  app.get(
    '/follow-ups/report.pdf',
    {
      ...read,
      schema: {
        tags: TAGS,
        summary: 'The "stand van zaken" as PDF',
        querystring: ReportQuery,
        produces: ['application/pdf'],
        response: { 400: ProblemSchema },
      },
    },
    async (request, reply) => {
      const report = await followUpReport(app.db, (request.query.before as IsoDate | undefined) ?? today(), subjectOf(request));
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="stand-van-zaken-${report.before}.pdf"`)
        .header('cache-control', 'private, no-store')
        .send((await reportPdf(report, REPORT_TITLE)) as never);
    },
  );

  app.post(
    '/follow-ups/report/paper',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'Attach the "stand van zaken" to an agenda item of the coming general meeting as a public PDF paper',
        description: 'The report covers the last two general meetings before the agenda item’s meeting, as the public sees them.',
        body: ReportPaperInput,
        response: { 201: Type.Object({ paperId: Type.String({ format: 'uuid' }) }), ...errors },
      },
    },
    async (request, reply) => {
      const item = await app.db
        .selectFrom('agenda_items as i')
        .innerJoin('meetings as m', 'm.id', 'i.meeting_id')
        .select('m.date')
        .where('i.id', '=', request.body.agendaItemId)
        .executeTakeFirst();
      if (!item) throw problems.notFound(text('Agendapunt', 'Agenda item'), request.body.agendaItemId);
      const title = request.body.title ?? REPORT_TITLE;
      const report = await followUpReport(app.db, item.date, null);
      const paperId = await createPaper(app.db, { actor: actorOf(request), name: personOf(request).name }, request.body.agendaItemId, {
        title,
        public: true,
        file: { fileName: `stand-van-zaken-${item.date}.pdf`, mediaType: 'application/pdf', content: await reportPdf(report, title) },
      });
      return reply.status(201).send({ paperId });
    },
  );

  app.get(
    '/follow-ups/:id',
    { ...read, schema: { tags: TAGS, summary: 'A follow-up with all its progress updates', params: IdParams, response: { 200: FollowUpDetail, ...errors } } },
    (request) => getFollowUp(app.db, request.params.id, subjectOf(request)),
  );

  app.post(
    '/follow-ups',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'Create a follow-up for a decision, or record a commitment (toezegging) made at an agenda item',
        description: 'Adopted motions become follow-ups by themselves when their decision is recorded.',
        body: NewFollowUp,
        response: { 201: FollowUpDetail, ...errors },
      },
    },
    async (request, reply) => {
      const id = await createFollowUp(app.db, actorOf(request), request.body);
      return reply.status(201).send(await getFollowUp(app.db, id, subjectOf(request)));
    },
  );

  app.patch(
    '/follow-ups/:id',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'Change the title, owner or due date',
        params: IdParams,
        body: FollowUpChange,
        response: { 200: FollowUpDetail, ...errors },
      },
    },
    async (request) => {
      await changeFollowUp(app.db, actorOf(request), request.params.id, request.body);
      return getFollowUp(app.db, request.params.id, subjectOf(request));
    },
  );

  app.post(
    '/follow-ups/:id/updates',
    {
      preValidation: followUpPolicy.guard('post'),
      schema: {
        tags: TAGS,
        summary: 'Post a progress update, optionally changing the status',
        description: 'By the owner or staff. Not carried out needs a reason. The submitters of a motion are told by mail when its status changes.',
        params: IdParams,
        body: NewFollowUpUpdate,
        response: { 201: FollowUpDetail, ...errors },
      },
    },
    async (request, reply) => {
      const subject = subjectOf(request);
      await postUpdate(app.db, actorOf(request), subject, request.params.id, request.body, app.config);
      return reply.status(201).send(await getFollowUp(app.db, request.params.id, subject));
    },
  );
}
