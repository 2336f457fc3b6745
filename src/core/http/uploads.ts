import type { FastifyRequest } from 'fastify';
import { Problem, problems, text } from '../errors.js';

/** The multipart limit registered in http/app.ts: the largest file any upload route accepts. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export interface UploadedPart {
  field: string;
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/** Browsers may send a full path; keep the last segment, without control characters. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this strips
    .replace(/[\u0000-\u001f\u007f]/g, '')
    .trim()
    .slice(0, 200);
  return clean || 'bestand';
}

/** The client's media type when it is well-formed; it is stored, and only served when {@link servedMediaType} allows it. */
export function cleanMediaType(type: string | undefined): string {
  const value = (type ?? '').trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(value) ? value : 'application/octet-stream';
}

/**
 * Media types a paper is served with as they were uploaded: documents and images a browser
 * shows without running anything. HTML, SVG, XML and the rest are served as bytes
 * (application/octet-stream), so the browser never renders them as a page of this site.
 */
const SAFE_MEDIA_TYPES = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'text/plain',
  'text/csv',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'application/vnd.oasis.opendocument.presentation',
  'application/zip',
]);

export function servedMediaType(stored: string): string {
  const type = stored.split(';')[0]!.trim().toLowerCase();
  return SAFE_MEDIA_TYPES.has(type) ? type : 'application/octet-stream';
}

/** RFC 6266 with an RFC 5987 UTF-8 name, and a plain ASCII name for old clients. */
export function contentDisposition(fileName: string): string {
  const fallback = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const sizeLabel = (bytes: number) => (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${Math.round(bytes / 1024)} KB`);

export const fileTooLarge = (maxBytes: number) =>
  new Problem(
    413,
    'file-too-large',
    text('Bestand te groot', 'File too large'),
    text('Het bestand mag ten hoogste {s} groot zijn.', 'The file may be at most {s}.', { s: sizeLabel(maxBytes) }),
  );

const notMultipart = () =>
  new Problem(
    415,
    'unsupported-media-type',
    text('Verkeerd formaat', 'Unsupported media type'),
    text('Stuur het bestand als multipart/form-data.', 'Send the file as multipart/form-data.'),
  );

/**
 * Reads a whole multipart/form-data request: its text fields and its files. Every upload route
 * reads through here, so each answers a truncated or malformed form with the same 400 problem,
 * an oversized file with 413 and a second file with 422, and never with a 500.
 */
export async function readMultipart(
  request: FastifyRequest,
  options: { maxBytes?: number } = {},
): Promise<{ fields: Map<string, string>; files: UploadedPart[] }> {
  if (!request.isMultipart()) throw notMultipart();
  const maxBytes = Math.min(options.maxBytes ?? MAX_UPLOAD_BYTES, MAX_UPLOAD_BYTES);
  const fields = new Map<string, string>();
  const files: UploadedPart[] = [];
  try {
    for await (const part of request.parts({ limits: { fileSize: maxBytes } })) {
      // A file part must be read before the next part arrives, even one the caller will refuse.
      if (part.type === 'file')
        files.push({ field: part.fieldname, fileName: cleanFileName(part.filename), mediaType: cleanMediaType(part.mimetype), content: await part.toBuffer() });
      else fields.set(part.fieldname, String(part.value));
    }
  } catch (error) {
    if (error instanceof Problem) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxBytes);
    if (code === 'FST_FILES_LIMIT') {
      const reason = text('Stuur precies één bestand.', 'Send exactly one file.');
      throw problems.invalid(reason, [{ name: 'file', code: 'count', reason }]);
    }
    // The multipart plugin's own limits carry a 4xx status; anything else is the parser choking on a broken form.
    const status = (error as { statusCode?: number }).statusCode ?? 500;
    if (status >= 400 && status < 500) throw error;
    throw problems.malformedUpload();
  }
  return { fields, files };
}
