import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf, personOf, requireRole } from '../core/auth/plugin.js';
import { PEOPLE_MANAGERS } from '../core/auth/roles.js';
import { Problem, problems, text } from '../core/errors.js';
import { IdParams, ProblemSchema } from '../core/http/schemas.js';
import type { LocalText } from '../core/i18n.js';
import { addPaperVersion, createPaper, getPaper, paperFile, updatePaper, type UploadedFile, type Uploader } from './papers.js';
import { Paper } from './schemas.js';

const manage = { preValidation: requireRole(...PEOPLE_MANAGERS) };
const errors = { 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema, 409: ProblemSchema, 413: ProblemSchema, 415: ProblemSchema, 422: ProblemSchema };
const NO_CONTENT = { type: 'null' } as const;
const MAX_TITLE = 300;
/** The multipart limit registered in http/app.ts, named here for the message. */
const MAX_MEGABYTES = 10;

const PaperUpdate = Type.Object(
  { title: Type.Optional(Type.String({ minLength: 1, maxLength: MAX_TITLE, pattern: '\\S' })), public: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);
const VersionParams = Type.Object({ id: Type.String({ format: 'uuid' }), version: Type.Integer({ minimum: 1 }) });

const UPLOAD_DESCRIPTION = `multipart/form-data with one field "file" (at most ${MAX_MEGABYTES} MB, not empty)`;

const fieldProblem = (name: string, code: string, reason: LocalText) => problems.invalid(reason, [{ name, code, reason }]);

const tooLarge = () =>
  new Problem(
    413,
    'file-too-large',
    text('Bestand te groot', 'File too large'),
    text(`Een stuk mag ten hoogste ${MAX_MEGABYTES} MB groot zijn.`, `A paper may be at most ${MAX_MEGABYTES} MB.`),
  );

const notMultipart = () =>
  new Problem(415, 'unsupported-media-type', text('Verkeerd formaat', 'Unsupported media type'), text('Stuur het stuk als multipart/form-data.', 'Send the paper as multipart/form-data.'));

/** Browsers may send a full path; keep the last segment, without control characters. */
function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 200);
  return clean || 'bestand';
}

/** The client's media type when it is well-formed; it is only echoed back on download. */
function cleanMediaType(type: string | undefined): string {
  const value = (type ?? '').trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(value) ? value : 'application/octet-stream';
}

/** The form fields and the one file of a multipart request; multipart's own errors become clear problems. */
async function readUpload(request: FastifyRequest): Promise<{ fields: Map<string, string>; file: UploadedFile | undefined }> {
  if (!request.isMultipart()) throw notMultipart();
  const fields = new Map<string, string>();
  let file: (UploadedFile & { field: string }) | undefined;
  try {
    for await (const part of request.parts()) {
      // A file part must be read before the next part arrives, even one we will refuse.
      if (part.type === 'file') file = { field: part.fieldname, fileName: cleanFileName(part.filename), mediaType: cleanMediaType(part.mimetype), content: await part.toBuffer() };
      else fields.set(part.fieldname, String(part.value));
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    if (code === 'FST_FILES_LIMIT') throw fieldProblem('file', 'count', text('Stuur precies één bestand.', 'Send exactly one file.'));
    // The multipart plugin's own limits carry a 4xx status; anything else is the parser choking on a broken form.
    if (((error as { statusCode?: number }).statusCode ?? 500) < 500) throw error;
    throw problems.malformedUpload();
  }
  if (file && file.field !== 'file') throw fieldProblem(file.field, 'unknown', text('Het bestand hoort in het veld "file".', 'The file belongs in the field "file".'));
  return { fields, file };
}

/** An empty file is refused by the store, so every caller gets the same rule. */
function requireFile(file: UploadedFile | undefined): UploadedFile {
  if (!file) throw fieldProblem('file', 'required', text('Er is geen bestand meegestuurd.', 'No file was sent.'));
  return file;
}

function titleField(fields: Map<string, string>): string {
  const title = fields.get('title')?.trim();
  if (!title) throw fieldProblem('title', 'required', text('Geef het stuk een titel.', 'Give the paper a title.'));
  if (title.length > MAX_TITLE) throw fieldProblem('title', 'maxLength', text(`De titel is langer dan ${MAX_TITLE} tekens.`, `The title is longer than ${MAX_TITLE} characters.`));
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

/** RFC 6266 with an RFC 5987 UTF-8 name, and a plain ASCII name for old clients. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

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
    { ...manage, schema: { tags: ['agenda'], summary: "Change a paper's title or whether it is public", params: IdParams, body: PaperUpdate, response: { 204: NO_CONTENT, ...errors } } },
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
        description: 'Public when the paper and its agenda item are public; otherwise for signed-in users (401 without a session). "public" is the paper\'s own setting.',
        params: IdParams,
        response: { 200: Paper, 401: ProblemSchema, 404: ProblemSchema },
      },
    },
    (request) => getPaper(app.db, request.params.id, !!request.session),
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
      const file = await paperFile(app.db, request.params.id, request.params.version, !!request.session);
      const etag = `"${file.sha256}"`;
      // Shared caches may keep public papers but must ask again (the paper can be made non-public later).
      reply.header('etag', etag).header('cache-control', file.visibleToPublic ? 'public, no-cache' : 'private').header('x-content-type-options', 'nosniff');
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.status(304).send(null);
      return reply.type(file.mediaType).header('content-disposition', contentDisposition(file.fileName)).send(file.content);
    },
  );
}
