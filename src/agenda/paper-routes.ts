import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, personOf } from '../core/auth/plugin.js';
import { subjectOf } from '../core/auth/policy.js';
import { problems, text } from '../core/errors.js';
import { PAPER_CSP } from '../core/http/security-headers.js';
import { contentDisposition, MAX_UPLOAD_BYTES, readMultipart, servedMediaType } from '../core/http/uploads.js';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import type { LocalText } from '../core/i18n.js';
import { addPaperVersion, createPaper, getPaper, paperFile, updatePaper, type UploadedFile, type Uploader } from './papers.js';
import { agendaPolicy } from './policy.js';
import { Paper } from './schemas.js';

const manage = { preValidation: agendaPolicy.guard('managePapers') };
const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema };
const NO_CONTENT = { type: 'null' } as const;
const MAX_TITLE = 300;
/** The multipart limit registered in http/app.ts, named here for the message. */
const MAX_MEGABYTES = MAX_UPLOAD_BYTES / (1024 * 1024);

const PaperUpdate = Type.Object(
  { title: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_TITLE, pattern: '\\S' })), public: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
const VersionParams = Type.Object({ id: Type.String({ format: 'uuid' }), version: Type.Integer({ minimum: 1 }) });

const UPLOAD_DESCRIPTION = `multipart/form-data with one field "file" (at most ${MAX_MEGABYTES} MB, not empty)`;

const fieldProblem = (name: string, code: string, reason: LocalText) => problems.invalid(reason, [{ name, code, reason }]);

/** The form fields and the one file of a paper upload, read by the shared multipart reader. */
async function readUpload(request: FastifyRequest): Promise<{ fields: Map<string, string>; file: UploadedFile | undefined }> {
  const { fields, files } = await readMultipart(request);
  const [file] = files;
  if (file && file.field !== 'file')
    throw fieldProblem(file.field, 'unknown', text('Het bestand hoort in het veld "file".', 'The file belongs in the field "file".'));
  return { fields, file: file && { fileName: file.fileName, mediaType: file.mediaType, content: file.content } };
}

/** An empty file is refused by the store, so every caller gets the same rule. */
function requireFile(file: UploadedFile | undefined): UploadedFile {
  if (!file) throw fieldProblem('file', 'required', text('Er is geen bestand meegestuurd.', 'No file was sent.'));
  return file;
}

function titleField(fields: Map<string, string>): string {
  const title = fields.get('title')?.trim();
  if (!title) throw fieldProblem('title', 'required', text('Geef het stuk een titel.', 'Give the paper a title.'));
  if (title.length > MAX_TITLE)
    throw fieldProblem('title', 'maxLength', text(`De titel is langer dan ${MAX_TITLE} tekens.`, `The title is longer than ${MAX_TITLE} characters.`));
  return title;
}

/** Form fields are text: "true" or "false", public unless said otherwise. */
function publicField(fields: Map<string, string>): boolean {
  const value = fields.get('public')?.trim().toLowerCase();
  if (value === undefined || value === '' || value === 'true') return true;
  if (value === 'false') return false;
  throw fieldProblem('public', 'type', text('Gebruik "true" of "false".', 'Use "true" or "false".'));
}

const uploaderOf = (request: FastifyRequest): Uploader => ({ actor: actorOf(request), name: personOf(request).name });

export { contentDisposition };

const matchesEtag = (header: string | undefined, etag: string) =>
  !!header && header.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === etag);

export async function paperRoutes(fastify: FastifyInstance) {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>();

  app.post(
    '/agenda-items/:id/papers',
    {
      ...manage,
      schema: {
        tags: ['agenda'],
        summary: 'Add a paper (vergaderstuk) to an agenda item',
        description: `${UPLOAD_DESCRIPTION}, plus the fields "title" and "public" ("true" or "false", default true).`,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Paper, ...errors },
      },
    },
    async (request, reply) => {
      const { fields, file } = await readUpload(request);
      const input = { title: titleField(fields), public: publicField(fields), file: requireFile(file) };
      const id = await createPaper(app.db, uploaderOf(request), request.params.id, input);
      return reply.status(201).send(await getPaper(app.db, id, true));
    },
  );

  app.post(
    '/papers/:id/versions',
    {
      ...manage,
      schema: {
        tags: ['agenda'],
        summary: 'Add a new version of a paper; earlier versions stay available',
        description: UPLOAD_DESCRIPTION,
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: Paper, ...errors },
      },
    },
    async (request, reply) => {
      const { file } = await readUpload(request);
      await addPaperVersion(app.db, uploaderOf(request), request.params.id, requireFile(file));
      return reply.status(201).send(await getPaper(app.db, request.params.id, true));
    },
  );

  app.patch(
    '/papers/:id',
    {
      ...manage,
      schema: {
        tags: ['agenda'],
        summary: "Change a paper's title or whether it is public",
        params: IdParams,
        body: PaperUpdate,
        response: { 204: NO_CONTENT, ...errors },
      },
    },
    async (request, reply) => {
      await updatePaper(app.db, actorOf(request), request.params.id, request.body);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/papers/:id',
    {
      schema: {
        tags: ['agenda'],
        summary: 'A paper with its versions',
        description:
          'Public when the paper and its agenda item are public; otherwise for signed-in users (401 without a session). "public" is the paper\'s own setting.',
        params: IdParams,
        response: { 200: Paper, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    (request) => getPaper(app.db, request.params.id, agendaPolicy.can(subjectOf(request), 'readNonPublic')),
  );

  app.get(
    '/papers/:id/versions/:version/file',
    {
      schema: {
        tags: ['agenda'],
        summary: 'Download one version of a paper',
        description: 'The stored bytes with their media type; the ETag is the SHA-256 of the content. Same visibility as the paper.',
        params: VersionParams,
        produces: ['application/octet-stream'],
        response: { 200: Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary' }), 304: NO_CONTENT, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const file = await paperFile(app.db, request.params.id, request.params.version, agendaPolicy.can(subjectOf(request), 'readNonPublic'));
      const etag = `"${file.sha256}"`;
      // Shared caches may keep public papers but must ask again (the paper can be made non-public later).
      reply
        .header('etag', etag)
        .header('cache-control', file.visibleToPublic ? 'public, no-cache' : 'private')
        .header('x-content-type-options', 'nosniff');
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.status(304).send(null);
      // Only an allow-listed type is served as such, always as an attachment, in a sandbox.
      return reply
        .type(servedMediaType(file.mediaType))
        .header('content-disposition', contentDisposition(file.fileName))
        .header('content-security-policy', PAPER_CSP)
        .send(file.content);
    },
  );
}
