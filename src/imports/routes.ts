import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../core/auth/plugin.js';
import { importPolicy } from './policy.js';
import { problems, text } from '../core/errors.js';
import { IdParams, ListOf, ProblemSchema } from '../core/http/schemas.js';
import { fileTooLarge, readMultipart } from '../core/http/uploads.js';
import { ImportQuery, ImportRecord, ImportResult } from './schemas.js';
import { findImport, importPopulation, listImports } from './store.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema };

/** The uploaded file: a multipart "file" field (through the shared reader), or the raw text/csv body. */
async function uploadedFile(request: FastifyRequest, fallbackName: string, maxBytes: number): Promise<{ content: string; fileName: string }> {
  if (request.isMultipart()) {
    const { files } = await readMultipart(request, { maxBytes });
    const upload = files.find((f) => f.field === 'file') ?? files[0];
    if (!upload)
      throw problems.invalid(text('Er is geen bestand meegestuurd.', 'No file was sent.'), [
        { name: 'file', code: 'required', reason: text('verplicht', 'required') },
      ]);
    return { content: upload.content.toString('utf8'), fileName: upload.fileName === 'bestand' ? fallbackName : upload.fileName };
  }
  if (typeof request.body === 'string') return { content: request.body, fileName: fallbackName };
  throw problems.invalid(text('Stuur het bestand als text/csv of multipart/form-data.', 'Send the file as text/csv or multipart/form-data.'));
}

export async function importRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  // A bounded file: the CBS file of every municipality is about 20 KB; a huge one is refused before it is read.
  const maxBytes = app.config.IMPORT_MAX_KILOBYTES * 1024;
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: maxBytes }, (_request, body, done) => done(null, body));

  app.post(
    '/imports/population',
    {
      preValidation: importPolicy.guard('importPopulation'),
      // A text/csv body over the limit is refused by the body parser; say so in the words of a file.
      errorHandler: (error, _request, _reply) => {
        throw (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? fileTooLarge(maxBytes) : error;
      },
      schema: {
        tags: ['imports'],
        summary: 'Import a population file in the CBS layout (code,name,province,population,population_date): dry run by default, dryRun=false applies',
        description:
          'The file is the body (Content-Type: text/csv) or a multipart/form-data field named "file". A dry run reports added, removed and renamed members, ' +
          'population changes and the resulting weight changes. Applying is all-or-nothing and idempotent. A malformed file is refused with its errors and their line numbers (the first 100; the detail says how many more). ' +
          'A file above IMPORT_MAX_KILOBYTES is refused with 413.',
        querystring: ImportQuery,
        consumes: ['text/csv', 'multipart/form-data'],
        response: { 200: ImportResult, ...errors },
      },
    },
    async (request) => {
      const { dryRun, memberClass, effectiveDate, fileName } = request.query;
      const file = await uploadedFile(request, fileName ?? 'upload.csv', maxBytes);
      return importPopulation(app.db, actorOf(request), { ...file, fileName: fileName ?? file.fileName, dryRun, memberClass, effectiveDate });
    },
  );

  app.get(
    '/imports',
    {
      preValidation: importPolicy.guard('readImports'),
      schema: { tags: ['imports'], summary: 'Applied imports, newest first', response: { 200: ListOf(ImportRecord), ...errors } },
    },
    async () => {
      const items = await listImports(app.db);
      return { items, total: items.length };
    },
  );

  app.get(
    '/imports/:id',
    {
      preValidation: importPolicy.guard('readImports'),
      schema: {
        tags: ['imports'],
        summary: 'One applied import with its report',
        params: IdParams,
        response: { 200: ImportRecord, 404: ProblemSchema, ...errors },
      },
    },
    async (request) => findImport(app.db, request.params.id),
  );
}
