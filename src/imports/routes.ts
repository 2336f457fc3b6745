import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, requireRole } from '../core/auth/plugin.js';
import { REGISTER_MANAGERS } from '../core/auth/roles.js';
import { problems, text } from '../core/errors.js';
import { IdParams, ListOf, ProblemSchema } from '../core/http/schemas.js';
import { ImportQuery, ImportRecord, ImportResult } from './schemas.js';
import { findImport, importPopulation, listImports } from './store.js';

const manage = requireRole(...REGISTER_MANAGERS);
const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 409: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema };

/** The uploaded file: a multipart "file" field, or the raw text/csv body. */
async function uploadedFile(request: FastifyRequest, fallbackName: string): Promise<{ content: string; fileName: string }> {
  if (request.isMultipart()) {
    let upload: { content: Buffer; fileName: string } | undefined;
    try {
      const file = await request.file();
      if (file) upload = { content: await file.toBuffer(), fileName: file.filename || fallbackName };
    } catch (error) {
      // The multipart plugin's own limits carry a 4xx status; anything else is the parser choking on a broken form.
      if (((error as { statusCode?: number }).statusCode ?? 500) < 500) throw error;
      throw problems.malformedUpload();
    }
    if (!upload) throw problems.invalid(text('Er is geen bestand meegestuurd.', 'No file was sent.'), [{ name: 'file', code: 'required', reason: text('verplicht', 'required') }]);
    return { content: upload.content.toString('utf8'), fileName: upload.fileName };
  }
  if (typeof request.body === 'string') return { content: request.body, fileName: fallbackName };
  throw problems.invalid(text('Stuur het bestand als text/csv of multipart/form-data.', 'Send the file as text/csv or multipart/form-data.'));
}

export async function importRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: 10 * 1024 * 1024 }, (_request, body, done) => done(null, body));

  app.post(
    '/imports/population',
    {
      preValidation: manage,
      schema: {
        tags: ['imports'],
        summary: 'Import a population file in the CBS layout (code,name,province,population,population_date): dry run by default, dryRun=false applies',
        description:
          'The file is the body (Content-Type: text/csv) or a multipart/form-data field named "file". A dry run reports added, removed and renamed members, ' +
          'population changes and the resulting weight changes. Applying is all-or-nothing and idempotent. A malformed file is refused with every error and its line number.',
        querystring: ImportQuery,
        consumes: ['text/csv', 'multipart/form-data'],
        response: { 200: ImportResult, ...errors },
      },
    },
    async (request) => {
      const { dryRun, memberClass, effectiveDate, fileName } = request.query;
      const file = await uploadedFile(request, fileName ?? 'upload.csv');
      return importPopulation(app.db, actorOf(request), { ...file, fileName: fileName ?? file.fileName, dryRun, memberClass, effectiveDate });
    },
  );

  app.get('/imports', { preValidation: manage, schema: { tags: ['imports'], summary: 'Applied imports, newest first', response: { 200: ListOf(ImportRecord), ...errors } } }, async () => {
    const items = await listImports(app.db);
    return { items, total: items.length };
  });

  app.get(
    '/imports/:id',
    { preValidation: manage, schema: { tags: ['imports'], summary: 'One applied import with its report', params: IdParams, response: { 200: ImportRecord, 404: ProblemSchema, ...errors } } },
    async (request) => findImport(app.db, request.params.id),
  );
}
