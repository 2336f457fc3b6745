import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import type { Paper } from './schemas.js';

type Db = Kysely<Database>;

export const PAPER = text('Stuk', 'Paper');
export const PAPER_VERSION = text('Versie van stuk', 'Paper version');
const AGENDA_ITEM = text('Agendapunt', 'Agenda item');

/** A file as received, before it is stored. */
export interface UploadedFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

/** Who uploads: the audit keeps the full actor, the paper shows a name. */
export interface Uploader {
  actor: Actor;
  name: string;
}

export interface NewPaper {
  title: string;
  public: boolean;
  file: UploadedFile;
}

export interface PaperUpdate {
  title?: string;
  public?: boolean;
}

/** One stored version with its bytes, and whether anyone may read it. */
export interface PaperFile {
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  content: Buffer;
  visibleToPublic: boolean;
}

const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** PGlite returns bytea as Uint8Array, pg as Buffer: callers always get a Buffer (without copying). */
export const asBuffer = (bytes: Uint8Array): Buffer => (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));

const emptyFile = () =>
  problems.invalid(text('Het bestand is leeg.', 'The file is empty.'), [
    { name: 'file', code: 'empty', reason: text('Het bestand bevat geen gegevens.', 'The file holds no data.') },
  ]);

/**
 * Papers are visible to everyone only when both the paper and its agenda item are public;
 * anything else is for signed-in users.
 */
function visiblePapers(db: Db) {
  return db
    .selectFrom('papers as p')
    .innerJoin('agenda_items as i', 'i.id', 'p.agenda_item_id')
    .select(['p.id', 'p.agenda_item_id', 'p.title', 'p.public', 'p.created_at', 'i.public as item_public']);
}

/** The papers of agenda items, visible ones only, each with its versions newest first. */
export async function papersOf(db: Db, agendaItemIds: string[], signedIn: boolean): Promise<Map<string, Paper[]>> {
  const result = new Map<string, Paper[]>();
  if (agendaItemIds.length === 0) return result;
  let query = visiblePapers(db).where('p.agenda_item_id', 'in', agendaItemIds);
  if (!signedIn) query = query.where('p.public', '=', true).where('i.public', '=', true);
  const rows = await query.orderBy('p.created_at').orderBy('p.id').execute();
  const versions = await versionsOf(
    db,
    rows.map((r) => r.id),
  );
  for (const r of rows) {
    const paper: Paper = { id: r.id, agendaItemId: r.agenda_item_id, title: r.title, public: r.public, versions: versions.get(r.id) ?? [] };
    result.set(r.agenda_item_id, [...(result.get(r.agenda_item_id) ?? []), paper]);
  }
  return result;
}

/** Version metadata without the bytes, newest first. */
async function versionsOf(db: Db, paperIds: string[]): Promise<Map<string, Paper['versions']>> {
  const result = new Map<string, Paper['versions']>();
  if (paperIds.length === 0) return result;
  const rows = await db
    .selectFrom('paper_versions')
    .select(['paper_id', 'version', 'file_name', 'media_type', 'size', 'sha256', 'uploaded_at', 'uploaded_by'])
    .where('paper_id', 'in', paperIds)
    .orderBy('version', 'desc')
    .execute();
  for (const v of rows) {
    const version = {
      version: v.version,
      fileName: v.file_name,
      mediaType: v.media_type,
      size: v.size,
      sha256: v.sha256,
      uploadedAt: v.uploaded_at.toISOString(),
      uploadedBy: v.uploaded_by,
    };
    result.set(v.paper_id, [...(result.get(v.paper_id) ?? []), version]);
  }
  return result;
}

/** A paper; one the public may not see asks the reader to sign in (401), it does not hide (404). */
export async function getPaper(db: Db, id: string, signedIn: boolean): Promise<Paper> {
  const row = await visiblePapers(db).where('p.id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound(PAPER, id);
  if (!signedIn && !(row.public && row.item_public)) throw problems.unauthenticated();
  const versions = await versionsOf(db, [id]);
  return { id: row.id, agendaItemId: row.agenda_item_id, title: row.title, public: row.public, versions: versions.get(id) ?? [] };
}

/** The bytes of one version, under the same visibility rule as the paper. */
export async function paperFile(db: Db, paperId: string, version: number, signedIn: boolean): Promise<PaperFile> {
  const row = await db
    .selectFrom('paper_versions as v')
    .innerJoin('papers as p', 'p.id', 'v.paper_id')
    .innerJoin('agenda_items as i', 'i.id', 'p.agenda_item_id')
    .select(['v.file_name', 'v.media_type', 'v.size', 'v.sha256', 'v.content', 'p.public', 'i.public as item_public'])
    .where('v.paper_id', '=', paperId)
    .where('v.version', '=', version)
    .executeTakeFirst();
  if (!row) throw problems.notFound(PAPER_VERSION, `${paperId}/${version}`);
  const visibleToPublic = row.public && row.item_public;
  if (!signedIn && !visibleToPublic) throw problems.unauthenticated();
  return { fileName: row.file_name, mediaType: row.media_type, size: row.size, sha256: row.sha256, content: asBuffer(row.content), visibleToPublic };
}

async function insertVersion(trx: Db, paperId: string, version: number, file: UploadedFile, uploader: Uploader) {
  if (file.content.length === 0) throw emptyFile();
  const digest = sha256(file.content);
  await trx
    .insertInto('paper_versions')
    .values({
      id: randomUUID(),
      paper_id: paperId,
      version,
      file_name: file.fileName,
      media_type: file.mediaType,
      size: file.content.length,
      sha256: digest,
      content: file.content,
      uploaded_by: uploader.name,
    })
    .execute();
  return { version, fileName: file.fileName, mediaType: file.mediaType, size: file.content.length, sha256: digest };
}

export async function createPaper(db: Db, uploader: Uploader, agendaItemId: string, input: NewPaper): Promise<string> {
  return inTransaction(db, async (trx) => {
    const item = await trx.selectFrom('agenda_items').select('id').where('id', '=', agendaItemId).executeTakeFirst();
    if (!item) throw problems.notFound(AGENDA_ITEM, agendaItemId);
    const id = randomUUID();
    await trx.insertInto('papers').values({ id, agenda_item_id: agendaItemId, title: input.title, public: input.public }).execute();
    const version = await insertVersion(trx, id, 1, input.file, uploader);
    await recordAudit(trx, uploader.actor, {
      action: 'paper.created',
      entityType: 'paper',
      entityId: id,
      data: { agendaItemId, title: input.title, public: input.public, ...version },
    });
    return id;
  });
}

export async function addPaperVersion(db: Db, uploader: Uploader, paperId: string, file: UploadedFile): Promise<void> {
  await inTransaction(db, async (trx) => {
    // The lock makes concurrent uploads take consecutive numbers instead of colliding.
    const paper = await trx.selectFrom('papers').select('id').where('id', '=', paperId).forUpdate().executeTakeFirst();
    if (!paper) throw problems.notFound(PAPER, paperId);
    const last = await trx
      .selectFrom('paper_versions')
      .select((eb) => eb.fn.max('version').as('max'))
      .where('paper_id', '=', paperId)
      .executeTakeFirst();
    const version = await insertVersion(trx, paperId, Number(last?.max ?? 0) + 1, file, uploader);
    await recordAudit(trx, uploader.actor, { action: 'paper.version-added', entityType: 'paper', entityId: paperId, data: version });
  });
}

export async function updatePaper(db: Db, actor: Actor, paperId: string, update: PaperUpdate): Promise<void> {
  await inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('papers').select(['title', 'public']).where('id', '=', paperId).forUpdate().executeTakeFirst();
    if (!before) throw problems.notFound(PAPER, paperId);
    const after = { title: update.title?.trim() ?? before.title, public: update.public ?? before.public };
    await trx.updateTable('papers').set(after).where('id', '=', paperId).execute();
    await recordAudit(trx, actor, { action: 'paper.updated', entityType: 'paper', entityId: paperId, data: { before, after } });
  });
}
