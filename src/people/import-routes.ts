import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../core/auth/plugin.js';
import { hasAnyRole, subjectOf } from '../core/auth/policy.js';
import { ADMINS } from '../core/auth/roles.js';
import { problems, text } from '../core/errors.js';
import { ProblemSchema } from '../core/http/schemas.js';
import { contentDisposition, fileTooLarge, readMultipart } from '../core/http/uploads.js';
import { importPeople } from './import.js';
import { templateFile, XLSX_TYPE } from './import-read.js';
import { PeopleImportQuery, PeopleImportResult, TemplateQuery } from './import-schemas.js';
import { peoplePolicy } from './policy.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema };

/** The uploaded spreadsheet: a multipart "file" field, or the raw body (text/csv or XLSX). */
async function uploadedSheet(request: FastifyRequest, maxBytes: number): Promise<{ content: Buffer; fileName: string | undefined }> {
  if (request.isMultipart()) {
    const { files } = await readMultipart(request, { maxBytes });
    const upload = files.find((f) => f.field === 'file') ?? files[0];
    if (!upload)
      throw problems.invalid(text('Er is geen bestand meegestuurd.', 'No file was sent.'), [
        { name: 'file', code: 'required', reason: text('verplicht', 'required') },
      ]);
    return { content: upload.content, fileName: upload.fileName === 'bestand' ? undefined : upload.fileName };
  }
  if (Buffer.isBuffer(request.body)) return { content: request.body, fileName: undefined };
  throw problems.invalid(
    text('Stuur het bestand als text/csv, als XLSX of als multipart/form-data.', 'Send the file as text/csv, as XLSX or as multipart/form-data.'),
  );
}

/** POST /people/imports (dry run, apply) and GET /people/imports/template. */
export async function peopleImportRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const maxBytes = app.config.IMPORT_MAX_KILOBYTES * 1024;
  app.addContentTypeParser(
    ['text/csv', 'text/plain', XLSX_TYPE, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: maxBytes },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/people/imports',
    {
      preValidation: peoplePolicy.guard('importPeople'),
      errorHandler: (error) => {
        throw (error as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? fileTooLarge(maxBytes) : error;
      },
      schema: {
        tags: ['people'],
        summary: 'Import people, their offices and designations from a spreadsheet (CSV or XLSX): dry run by default, dryRun=false applies',
        description:
          'One row is a person with an office in a member and optionally a designation; the columns (Dutch or English headers) are in docs/people-import.md ' +
          'and in the template (GET /people/imports/template). People are matched by e-mail address (case-insensitive), offices by person, member, office kind and start date. ' +
          'A dry run reports each row as new, changed (with the fields), unchanged or refused (with the reasons). Applying writes all rows in one transaction and is refused ' +
          '(422, each refused line named) when any row is refused; a second apply of the same file changes nothing. ' +
          'The file is the body (text/csv or the XLSX media type) or a multipart/form-data field named "file"; above IMPORT_MAX_KILOBYTES it is refused with 413.',
        querystring: PeopleImportQuery,
        consumes: ['text/csv', XLSX_TYPE, 'multipart/form-data'],
        response: { 200: PeopleImportResult, ...errors },
      },
    },
    async (request) => {
      const upload = await uploadedSheet(request, maxBytes);
      return importPeople(app.db, actorOf(request), {
        content: upload.content,
        fileName: request.query.fileName ?? upload.fileName ?? 'upload',
        dryRun: request.query.dryRun,
        actorIsAdmin: hasAnyRole(subjectOf(request), ADMINS),
      });
    },
  );

  app.get(
    '/people/imports/template',
    {
      preValidation: peoplePolicy.guard('importPeople'),
      schema: {
        tags: ['people'],
        summary: 'The import template: the header row and two example rows, as CSV (default) or XLSX; Dutch headers unless lang=en',
        querystring: TemplateQuery,
        produces: ['text/csv', XLSX_TYPE],
        response: { 200: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }), ...errors },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'csv';
      const lang = request.query.lang ?? 'nl';
      const body = await templateFile(format, lang);
      const fileName = `${lang === 'nl' ? 'personen-import' : 'people-import'}.${format}`;
      return reply
        .header('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_TYPE)
        .header('content-disposition', contentDisposition(fileName))
        .send(body);
    },
  );
}
