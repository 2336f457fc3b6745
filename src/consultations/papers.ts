import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import type { Database } from '../core/db/schema.js';
import { inTransaction } from '../core/db/transaction.js';
import { problems, text } from '../core/errors.js';
import type { ConsultationPaper } from './schemas.js';
import { CONSULTATION_PAPER, conflict, invalid, iso, notDraft, requireConsultation, statusOfRow } from './store.js';

type Db = Kysely<Database>;

// Papers.

export async function papersOf(db: Db, consultationId: string): Promise<ConsultationPaper[]> {
  const rows = await db
    .selectFrom('consultation_papers')
    .select(['id', 'title', 'file_name', 'media_type', 'size', 'sha256', 'uploaded_at'])
    .where('consultation_id', '=', consultationId)
    .orderBy('uploaded_at')
    .execute();
  return rows.map((p) => ({
    id: p.id,
    title: p.title,
    fileName: p.file_name,
    mediaType: p.media_type,
    size: p.size,
    sha256: p.sha256,
    uploadedAt: iso(p.uploaded_at),
  }));
}

export interface UploadedFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
}

export async function addPaper(db: Db, actor: Actor, consultationId: string, title: string, file: UploadedFile): Promise<ConsultationPaper> {
  if (file.content.length === 0) throw invalid([{ name: 'file', code: 'empty', reason: text('Het bestand is leeg.', 'The file is empty.') }]);
  return inTransaction(db, async (trx) => {
    const row = await requireConsultation(trx, consultationId, true);
    if (statusOfRow(row, new Date()) === 'closed')
      throw conflict('Bij een gesloten raadpleging worden geen stukken meer toegevoegd.', 'No papers are added to a closed consultation.');
    const id = randomUUID();
    const sha256 = createHash('sha256').update(file.content).digest('hex');
    await trx
      .insertInto('consultation_papers')
      .values({
        id,
        consultation_id: consultationId,
        title,
        file_name: file.fileName,
        media_type: file.mediaType,
        size: file.content.length,
        sha256,
        content: file.content,
        uploaded_by: actor.label,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'consultation.paper-added',
      entityType: 'consultation',
      entityId: consultationId,
      data: { paperId: id, title, fileName: file.fileName, sha256 },
    });
    return (await papersOf(trx, consultationId)).find((p) => p.id === id)!;
  });
}

export async function paperFile(db: Db, consultationId: string, paperId: string) {
  const paper = await db
    .selectFrom('consultation_papers')
    .selectAll()
    .where('id', '=', paperId)
    .where('consultation_id', '=', consultationId)
    .executeTakeFirst();
  if (!paper) throw problems.notFound(CONSULTATION_PAPER, paperId);
  const content = Buffer.isBuffer(paper.content) ? paper.content : Buffer.from(paper.content.buffer, paper.content.byteOffset, paper.content.byteLength);
  return { fileName: paper.file_name, mediaType: paper.media_type, sha256: paper.sha256, content };
}

export async function deletePaper(db: Db, actor: Actor, consultationId: string, paperId: string): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await requireConsultation(trx, consultationId, true);
    if (row.launched_at) throw notDraft();
    const deleted = await trx
      .deleteFrom('consultation_papers')
      .where('id', '=', paperId)
      .where('consultation_id', '=', consultationId)
      .returning('title')
      .executeTakeFirst();
    if (!deleted) throw problems.notFound(CONSULTATION_PAPER, paperId);
    await recordAudit(trx, actor, {
      action: 'consultation.paper-deleted',
      entityType: 'consultation',
      entityId: consultationId,
      data: { paperId, title: deleted.title },
    });
  });
}
