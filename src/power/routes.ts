import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actorOf, personOf } from '../core/auth/plugin.js';
import { subjectOf } from '../core/auth/policy.js';
import { type IsoDate, today } from '../core/dates.js';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import { createPaper } from '../agenda/papers.js';
import { profileAsOf } from '../profile/store.js';
import { type Labels, labelsOf, powerCsv, whatIfPdf } from './export.js';
import { pollWhatIf } from './hall-view.js';
import { powerPolicy } from './policy.js';
import { HallWhatIf, PowerQuery, RegisterPower, WhatIf, WhatIfInput, WhatIfPaperInput, type DraftRules } from './schemas.js';
import { registerPower, whatIf } from './store.js';

const TAGS = ['power'];
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 422: ProblemSchema };

/** Each request may be a computation of up to seconds on the one worker thread (cached results cost nothing, but count). */
const computeLimit = (max: number) => ({
  rateLimit: { max, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => request.session?.person.id ?? request.ip },
});

const describeDraft = (draft: DraftRules, labels: Labels) =>
  draft.memberClasses
    .map(
      ({ code, voteWeight: r }) =>
        `${labels.memberClass(code)}: 1 stem per ${r.divisor.toLocaleString('nl-NL')} inwoners, minimaal ${r.minimum}, ${r.cap === null ? 'geen maximum' : `maximaal ${r.cap}`}`,
    )
    .join('; ');

export async function powerRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.get(
    '/power',
    {
      preValidation: powerPolicy.guard('read'),
      config: computeLimit(60),
      schema: {
        tags: TAGS,
        summary: 'Voting power of the register on a date: Banzhaf and Shapley–Shubik per member and segment',
        description:
          'Every member voting, under the profile in force on `asOf` (default today). `majority`: simple (default), twoThirds, or double (weight and more than half the members). `Accept: text/csv` returns the CSV export.',
        querystring: PowerQuery,
        response: { 200: RegisterPower, ...errors },
      },
    },
    async (request, reply) => {
      const power = await registerPower(app.db, request.query.asOf as IsoDate | undefined, request.query.majority);
      if (request.headers.accept?.includes('text/csv')) {
        const labels = labelsOf(await profileAsOf(app.db, power.asOf as IsoDate));
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="stemmacht-${power.asOf}-${power.majority}.csv"`)
          .serializer((x: unknown) => x as string)
          .send(powerCsv(power, labels) as never);
      }
      return power;
    },
  );

  app.get(
    '/power/export.csv',
    {
      preValidation: powerPolicy.guard('read'),
      config: computeLimit(60),
      schema: { tags: TAGS, summary: 'Export the voting power of the register as CSV (a download)', querystring: PowerQuery, produces: ['text/csv'] },
    },
    async (request, reply) => {
      const power = await registerPower(app.db, request.query.asOf as IsoDate | undefined, request.query.majority);
      const labels = labelsOf(await profileAsOf(app.db, power.asOf as IsoDate));
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="stemmacht-${power.asOf}-${power.majority}.csv"`)
        .send(powerCsv(power, labels));
    },
  );

  app.post(
    '/power/what-if',
    {
      preValidation: powerPolicy.guard('tryDraft'),
      config: computeLimit(20),
      schema: {
        tags: TAGS,
        summary: 'Voting power under a draft vote-weight rule, side by side with the profile in force',
        description: 'Nothing is stored. The draft names a rule per member class (divisor, cap, minimum, rounding); other classes keep theirs.',
        body: WhatIfInput,
        response: { 200: WhatIf, ...errors },
      },
    },
    async (request) => whatIf(app.db, { ...request.body, asOf: request.body.asOf as IsoDate | undefined }),
  );

  app.post(
    '/power/what-if/paper',
    {
      preValidation: powerPolicy.guard('attachPaper'),
      schema: {
        tags: TAGS,
        summary: 'Attach the what-if of a draft vote-weight rule to an agenda item as a PDF paper',
        body: WhatIfPaperInput,
        response: { 201: { type: 'object', properties: { paperId: { type: 'string', format: 'uuid' } }, required: ['paperId'] }, ...errors },
      },
    },
    async (request, reply) => {
      const { agendaItemId, title, ...input } = request.body;
      const asOf = (input.asOf as IsoDate | undefined) ?? today();
      const analysis = await whatIf(app.db, { ...input, asOf });
      const labels = labelsOf(await profileAsOf(app.db, asOf));
      const pdf = await whatIfPdf(analysis, title, describeDraft(input.draft, labels), labels);
      const paperId = await createPaper(app.db, { actor: actorOf(request), name: personOf(request).name }, agendaItemId, {
        title,
        public: false,
        file: { fileName: `stemmacht-${asOf}.pdf`, mediaType: 'application/pdf', content: pdf },
      });
      return reply.status(201).send({ paperId });
    },
  );

  app.get(
    '/polls/:id/what-if',
    {
      preValidation: powerPolicy.guard('readHall'),
      schema: {
        tags: TAGS,
        summary: 'What-if of a closed for/against vote: the fewest members who would have had to vote otherwise, critical members, segments, power in the hall',
        description:
          'Readable as the poll’s per-member votes are: a named poll as its votes; a secret poll by the vote-counting committee only, and each such read is in the audit trail.',
        params: IdParams,
        response: { 200: HallWhatIf, ...errors },
      },
    },
    async (request) => pollWhatIf(app.db, request.params.id, { actor: actorOf(request), subject: subjectOf(request) }),
  );
}
