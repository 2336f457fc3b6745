import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { PAPER_CSP } from '../core/http/security-headers.js';
import { contentDisposition, readMultipart, servedMediaType } from '../core/http/uploads.js';
import { actorOf, personOf } from '../core/auth/plugin.js';
import { subjectOf } from '../core/auth/policy.js';
import { recordAudit } from '../core/audit.js';
import { problems, text } from '../core/errors.js';
import { IdParams, MailCountsSchema, ProblemSchema } from '../core/http/schemas.js';
import { mailCounts } from '../core/mail-queue.js';
import type { LocalText } from '../core/i18n.js';
import { resultsCsv, resultsPdf, segmentNamesOf } from './export.js';
import { profileAsOf } from '../profile/store.js';
import { today } from '../core/dates.js';
import { sendInvitations, sendOutcome, sendReminders, startScheduler, type Notifier } from './notifications.js';
import {
  Consultation,
  ConsultationList,
  ConsultationListQuery,
  ConsultationPaper,
  ConsultationResponse,
  ConsultationResults,
  ConsultationUpdate,
  Created,
  NewConsultation,
  Outcome,
  OutcomeInput,
  PaperParams,
  QuestionList,
  QuestionsUpdate,
  RemindersSent,
  ResponseInput,
  ResponseParams,
} from './schemas.js';
import { addPaper, deletePaper, paperFile, type UploadedFile } from './papers.js';
import { consultationPolicy } from './policy.js';
import { getConsultation, listConsultations, readableConsultation, resultsFor } from './reading.js';
import { getResponse, saveResponse } from './responses.js';
import {
  createConsultation,
  deleteConsultation,
  launchConsultation,
  outcomeOf,
  publishConsultation,
  recordOutcome,
  replaceQuestions,
  requireConsultation,
  updateConsultation,
  type Viewer,
} from './store.js';

/** Staff (and administrators) run consultations; representatives answer; the public reads what is published. */
const manage = { preValidation: consultationPolicy.guard('manage') };
const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };
const NO_CONTENT = { type: 'null' } as const;
const TAGS = ['consultations'];
const MAX_TITLE = 300;

const viewerOf = (request: FastifyRequest): Viewer => subjectOf(request);

const fieldProblem = (name: string, code: string, reason: LocalText) => problems.invalid(reason, [{ name, code, reason }]);

/** The title field and the one file of a multipart upload, read by the shared multipart reader. */
async function readUpload(request: FastifyRequest): Promise<{ title: string; file: UploadedFile }> {
  const { fields, files } = await readMultipart(request);
  const part = files.find((f) => f.field === 'file');
  if (!part) throw fieldProblem('file', 'required', text('Er is geen bestand meegestuurd in het veld "file".', 'No file was sent in the field "file".'));
  const file: UploadedFile = { fileName: part.fileName, mediaType: part.mediaType, content: part.content };
  const title = fields.get('title')?.trim() || file.fileName;
  if (title.length > MAX_TITLE)
    throw fieldProblem('title', 'maxLength', text(`De titel is langer dan ${MAX_TITLE} tekens.`, `The title is longer than ${MAX_TITLE} characters.`));
  return { title, file };
}

export async function consultationRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const notifier: Notifier = { db: app.db, config: app.config };
  // Invitations and reminders go out on their own; the claim ledger makes several instances safe.
  const stopScheduler = startScheduler(notifier, app.log);
  app.addHook('onClose', async () => stopScheduler());

  app.get(
    '/consultations',
    {
      schema: {
        tags: TAGS,
        summary: 'Consultations: all for staff; for a representative the ones they may answer and the published ones; for the public the published ones',
        querystring: ConsultationListQuery,
        response: { 200: ConsultationList, ...errors },
      },
    },
    (request) => listConsultations(app.db, viewerOf(request), request.query, new Date()),
  );

  app.post(
    '/consultations',
    { ...manage, schema: { tags: TAGS, summary: 'Create a consultation as a draft', body: NewConsultation, response: { 201: Created, ...errors } } },
    async (request, reply) => reply.status(201).send({ id: await createConsultation(app.db, actorOf(request), request.body) }),
  );

  app.get(
    '/consultations/:id',
    {
      schema: {
        tags: TAGS,
        summary: 'A consultation with its questions and papers',
        description:
          'Drafts for staff only; launched ones also for representatives of audience members; published ones for everyone. The outcome shows for others once published.',
        params: IdParams,
        response: { 200: Consultation, ...errors },
      },
    },
    (request) => getConsultation(app.db, viewerOf(request), request.params.id, new Date()),
  );

  app.patch(
    '/consultations/:id',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'Change the details of a draft, or extend the closing time of a launched consultation',
        params: IdParams,
        body: ConsultationUpdate,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await updateConsultation(app.db, actorOf(request), request.params.id, request.body, new Date());
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/consultations/:id',
    { ...manage, schema: { tags: TAGS, summary: 'Delete a draft', params: IdParams, response: { 204: NO_CONTENT, ...errors } } },
    async (request, reply) => {
      await deleteConsultation(app.db, actorOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.put(
    '/consultations/:id/questions',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'Replace the ordered question list of a draft',
        params: IdParams,
        body: QuestionsUpdate,
        response: { 200: QuestionList, ...errors },
      },
    },
    async (request) => {
      const items = await replaceQuestions(app.db, actorOf(request), request.params.id, request.body.items);
      return { items, total: items.length };
    },
  );

  app.post(
    '/consultations/:id/launch',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'Launch (uitzetten): freeze the audience as of the opening date; invitations go out when it opens',
        params: IdParams,
        response: { 200: Consultation, ...errors },
      },
    },
    async (request) => {
      const now = new Date();
      await launchConsultation(app.db, actorOf(request), request.params.id, now);
      // Open already: invite now rather than at the next scheduler round.
      await sendInvitations(notifier, await requireConsultation(app.db, request.params.id), now);
      return getConsultation(app.db, viewerOf(request), request.params.id, now);
    },
  );

  app.post(
    '/consultations/:id/papers',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'Add a paper',
        description: 'multipart/form-data with one field "file" (at most 10 MB, not empty) and a field "title" (default: the file name).',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: ConsultationPaper, 413: ProblemSchema, 415: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { title, file } = await readUpload(request);
      return reply.status(201).send(await addPaper(app.db, actorOf(request), request.params.id, title, file));
    },
  );

  app.get(
    '/consultations/:id/papers/:paperId',
    {
      schema: {
        tags: TAGS,
        summary: 'Download a paper (same read rights as the consultation)',
        params: PaperParams,
        produces: ['application/octet-stream'],
        response: { 200: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      await readableConsultation(app.db, viewerOf(request), request.params.id, new Date());
      const file = await paperFile(app.db, request.params.id, request.params.paperId);
      // Only an allow-listed type is served as such, always as an attachment, in a sandbox.
      return reply
        .type(servedMediaType(file.mediaType))
        .header('content-security-policy', PAPER_CSP)
        .header('etag', `"${file.sha256}"`)
        .header('cache-control', 'private')
        .header('x-content-type-options', 'nosniff')
        .header('content-disposition', contentDisposition(file.fileName))
        .send(file.content);
    },
  );

  app.delete(
    '/consultations/:id/papers/:paperId',
    { ...manage, schema: { tags: TAGS, summary: 'Remove a paper from a draft', params: PaperParams, response: { 204: NO_CONTENT, ...errors } } },
    async (request, reply) => {
      await deletePaper(app.db, actorOf(request), request.params.id, request.params.paperId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/consultations/:id/responses/:memberId',
    {
      preValidation: consultationPolicy.guard('readResponse'),
      schema: {
        tags: TAGS,
        summary: "A member's response (draft or submitted), for those who may answer for it and staff; 404: none yet",
        params: ResponseParams,
        response: { 200: ConsultationResponse, ...errors },
      },
    },
    (request) => getResponse(app.db, viewerOf(request), request.params.id, request.params.memberId, new Date()),
  );

  app.put(
    '/consultations/:id/responses/:memberId',
    {
      preValidation: consultationPolicy.guard('answer'),
      config: { rateLimit: { max: 60, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => request.session?.person.id ?? request.ip } },
      schema: {
        tags: TAGS,
        summary: "Save a member's draft or submit its response (one per member, editable until the deadline)",
        description:
          'Send the version last read; 409 when another representative saved in the meantime, when the consultation is not open, or after the deadline. 403 when the member is outside the audience.',
        params: ResponseParams,
        body: ResponseInput,
        response: { 200: ConsultationResponse, 429: ProblemSchema, ...errors },
      },
    },
    (request) => saveResponse(app.db, actorOf(request), personOf(request).id, request.params.id, request.params.memberId, request.body, new Date()),
  );

  app.get(
    '/consultations/:id/results',
    {
      schema: {
        tags: TAGS,
        summary: 'Results: unweighted and weighted, per segment, with divergence; non-response apart',
        description: 'Staff from launch on (live), with open answers, reasons and the non-responders; everyone once published.',
        params: IdParams,
        response: { 200: ConsultationResults, ...errors },
      },
    },
    (request) => resultsFor(app.db, viewerOf(request), request.params.id, new Date()),
  );

  app.get(
    '/consultations/:id/results.csv',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'The results as CSV',
        params: IdParams,
        produces: ['text/csv'],
        response: { 200: Type.Unsafe<string>({ type: 'string' }), ...errors },
      },
    },
    async (request, reply) => {
      const results = await resultsFor(app.db, viewerOf(request), request.params.id, new Date());
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="raadpleging-${request.params.id}.csv"`)
        .send(resultsCsv(results, segmentNamesOf(await profileAsOf(app.db, today()))));
    },
  );

  app.get(
    '/consultations/:id/results.pdf',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'The results as a PDF report with bar charts',
        params: IdParams,
        produces: ['application/pdf'],
        response: { 200: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const results = await resultsFor(app.db, viewerOf(request), request.params.id, new Date());
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="raadpleging-${request.params.id}.pdf"`)
        .send(await resultsPdf(results, segmentNamesOf(await profileAsOf(app.db, today()))));
    },
  );

  app.post(
    '/consultations/:id/reminders',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'Remind now the members that have not submitted (their answering persons) by e-mail',
        params: IdParams,
        response: { 200: RemindersSent, ...errors },
      },
    },
    async (request) => {
      const now = new Date();
      const row = await requireConsultation(app.db, request.params.id);
      if (!row.launched_at || now < row.opens_at || now >= row.closes_at)
        throw problems.conflict(text('Herinneren kan alleen terwijl de raadpleging open is.', 'Reminders can only be sent while the consultation is open.'));
      // Each press is its own reminder; the claim per minute keeps a double click from mailing twice.
      const sent = await sendReminders(notifier, row, `reminder-manual-${now.toISOString().slice(0, 16)}`, now);
      await recordAudit(app.db, actorOf(request), { action: 'consultation.reminded', entityType: 'consultation', entityId: row.id, data: { sent } });
      return { sent };
    },
  );

  app.get(
    '/consultations/:id/mails',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: "The consultation's mails (invitation, reminders, outcome) per delivery status; the mail queue sends them in the background",
        params: IdParams,
        response: { 200: MailCountsSchema, ...errors },
      },
    },
    async (request) => {
      const row = await requireConsultation(app.db, request.params.id);
      return mailCounts(app.db, { type: 'consultation', id: row.id });
    },
  );

  app.put(
    '/consultations/:id/outcome',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'Record what the association did with the result; every member that submitted is told by e-mail',
        params: IdParams,
        body: OutcomeInput,
        response: { 200: Outcome, ...errors },
      },
    },
    async (request) => {
      const row = await recordOutcome(app.db, actorOf(request), request.params.id, request.body, new Date());
      await sendOutcome(notifier, row);
      return outcomeOf(row)!;
    },
  );

  app.post(
    '/consultations/:id/publish',
    {
      ...manage,
      schema: {
        tags: TAGS,
        summary: 'Publish questions, response and outcome (after closing, with an outcome)',
        params: IdParams,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await publishConsultation(app.db, actorOf(request), request.params.id, new Date());
      return reply.status(204).send(null);
    },
  );
}
