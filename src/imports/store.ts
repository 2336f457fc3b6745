import { inTransaction } from '../core/db/transaction.js';
import { lockRegister } from '../core/db/locks.js';
import { createHash, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, type Actor } from '../core/audit.js';
import { isIsoDate, today, type IsoDate } from '../core/dates.js';
import type { Database, Row } from '../core/db/schema.js';
import { problems, text } from '../core/errors.js';
import { memberClassOf } from '../profile/rules.js';
import { profileAsOf } from '../profile/store.js';
import { memberStatesAsOf, recordPopulation } from '../members/store.js';
import { changeIdentity, createMember, endMember, writeReorganisation } from '../members/reorganisations.js';
import { diffPopulationFile, figureKey } from './diff.js';
import { parsePopulationFile, type RowError } from './parse.js';
import type { ImportResult, PopulationImportReport } from './schemas.js';

type Db = Kysely<Database>;

export interface PopulationImportRequest {
  content: string;
  fileName: string;
  dryRun: boolean;
  memberClass?: string | undefined;
  effectiveDate?: IsoDate | undefined;
}

/** A file that cannot be imported: its row errors (at most MAX_ROW_ERRORS), each with its line number, and how many more there are. */
export function fileProblem(errors: RowError[], errorCount = errors.length) {
  const more = errorCount - errors.length;
  const detail =
    more > 0
      ? text(
          'Het bestand is niet ingelezen: {n} fout(en); de eerste {k} staan hieronder, en nog {m} meer. Er is niets gewijzigd.',
          'The file was not imported: {n} error(s); the first {k} are listed, and {m} more. Nothing was changed.',
          { n: errorCount, k: errors.length, m: more },
        )
      : text('Het bestand is niet ingelezen: {n} fout(en). Er is niets gewijzigd.', 'The file was not imported: {n} error(s). Nothing was changed.', {
          n: errorCount,
        });
  return problems.invalid(detail, [
    ...errors.map((e) => ({ name: e.column ? `line ${e.line}: ${e.column}` : `line ${e.line}`, code: e.code, reason: e.message })),
    // The note a screen shows under the list.
    ...(more > 0 ? [{ name: 'file', code: 'more-errors', reason: text('En nog {m} fout(en).', 'And {m} more error(s).', { m: more }) }] : []),
  ]);
}

async function compare(
  db: Db,
  request: PopulationImportRequest,
): Promise<{ report: PopulationImportReport; rowsByCode: Map<string, { population: number; populationDate: string; name: string; province: string }> }> {
  const probeDate = request.effectiveDate ?? firstDate(request.content);
  const profile = await profileAsOf(db, probeDate);
  const memberClass = request.memberClass ?? profile.memberClasses[0]!.code;
  if (!memberClassOf(profile, memberClass)) {
    throw problems.invalid(text('Onbekende ledencategorie "{c}".', 'Unknown member class "{c}".', { c: memberClass }), [
      { name: 'memberClass', code: 'unknown-class', reason: text('onbekende categorie', 'unknown class') },
    ]);
  }
  const { rows, errors, errorCount } = parsePopulationFile(request.content, profile);
  if (errors.length) throw fileProblem(errors, errorCount);
  const dates = [...new Set(rows.map((r) => r.populationDate))].sort();
  if (!request.effectiveDate && dates.length > 1) {
    throw problems.invalid(
      text('Het bestand heeft meerdere peildata ({d}); geef een ingangsdatum op.', 'The file has several population dates ({d}); give an effective date.', {
        d: dates.join(', '),
      }),
      [{ name: 'effectiveDate', code: 'required', reason: text('verplicht bij meerdere peildata', 'required with several population dates') }],
    );
  }
  const effectiveDate = request.effectiveDate ?? dates[0]!;
  const current = (await memberStatesAsOf(db, effectiveDate)).filter((m) => m.memberClass === memberClass);
  const ids = current.map((m) => m.id);
  const stored = ids.length
    ? await db
        .selectFrom('member_populations')
        .select(['member_id', 'reference_date', 'population'])
        .where('member_id', 'in', ids)
        .where('reference_date', 'in', dates)
        .execute()
    : [];
  const later = ids.length
    ? await db
        .selectFrom('member_versions')
        .select('member_id')
        .distinct()
        .where('member_id', 'in', ids) // A version that starts on the date or changes after it belongs to a recorded reorganisation: the import leaves it alone.
        .where((eb) => eb.or([eb('valid_from', '>=', effectiveDate), eb('valid_to', '>', effectiveDate)]))
        .execute()
    : [];
  const report = diffPopulationFile({
    fileName: request.fileName,
    effectiveDate,
    memberClass,
    rows,
    current,
    storedFigures: new Map(stored.map((s) => [figureKey(s.member_id, s.reference_date), s.population])),
    changedLater: new Set(later.map((l) => l.member_id)),
    profile,
  });
  return { report, rowsByCode: new Map(rows.map((r) => [r.code, r])) };
}

/** The first valid date in the file, to pick the profile that reads it (the parser judges the rest). */
function firstDate(content: string): IsoDate {
  const valid = [...content.matchAll(/\b(\d{4}-\d{2}-\d{2})\b/g)].map((m) => m[1]!).find(isIsoDate);
  return valid ?? today();
}

/**
 * Dry run or apply. Applying repeats the comparison inside one transaction and writes
 * all of it or nothing; a file already applied finds nothing to change and writes nothing.
 */
export async function importPopulation(db: Db, actor: Actor, request: PopulationImportRequest): Promise<ImportResult> {
  if (request.dryRun) {
    const { report } = await compare(db, request);
    return { dryRun: true, applied: false, importId: null, report };
  }
  return inTransaction(db, async (trx) => {
    await lockRegister(trx);
    const { report, rowsByCode } = await compare(trx, request);
    if (report.blocking.length) {
      throw problems.conflict(
        text(
          'Niet toegepast: {n} lid/leden hebben al een latere wijziging in het register; leg dit vast als herindeling.',
          'Not applied: {n} member(s) already have a later change in the register; record this as a reorganisation.',
          { n: report.blocking.length },
        ),
      );
    }
    if (!report.hasChanges) return { dryRun: false, applied: false, importId: null, report };
    const importId = randomUUID();
    const date = report.effectiveDate;
    const source = `CBS-bestand ${request.fileName}`;
    // Filling an empty register is its initial registration, not a series of members joining.
    const initialRegistration = report.totals.countBefore === 0;
    for (const added of report.added) {
      const memberId = await createMember(
        trx,
        { new: { code: added.code, name: added.name, province: added.province, memberClass: report.memberClass } },
        date,
      );
      const row = rowsByCode.get(added.code)!;
      await recordPopulation(trx, actor, memberId, { population: row.population, referenceDate: row.populationDate, source }, importId);
      if (!initialRegistration) await recordJoinOrLeave(trx, actor, 'join', memberId, date, request.fileName);
    }
    for (const removed of report.removed) {
      await endMember(trx, removed.memberId, date);
      await recordJoinOrLeave(trx, actor, 'leave', removed.memberId, date, request.fileName);
    }
    const identityChanged = new Set([...report.renamed.map((r) => r.memberId), ...report.provinceChanged.map((r) => r.memberId)]);
    for (const memberId of identityChanged) {
      const code = [...report.renamed, ...report.provinceChanged].find((r) => r.memberId === memberId)!.code;
      const row = rowsByCode.get(code)!;
      await changeIdentity(trx, memberId, date, { code, name: row.name, province: row.province });
      await recordJoinOrLeave(trx, actor, 'rename', memberId, date, request.fileName);
    }
    for (const change of report.populationChanges) {
      const row = rowsByCode.get(change.code)!;
      await recordPopulation(trx, actor, change.memberId, { population: row.population, referenceDate: row.populationDate, source }, importId);
    }
    await trx
      .insertInto('imports')
      .values({
        id: importId,
        kind: 'population',
        file_name: request.fileName,
        file_hash: hashOf(request.content),
        effective_date: date,
        report: JSON.stringify(report),
        applied_by: actor.label,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: 'import.population-applied',
      entityType: 'import',
      entityId: importId,
      data: {
        fileName: request.fileName,
        effectiveDate: date,
        added: report.added.length,
        removed: report.removed.length,
        renamed: report.renamed.length,
        populationChanges: report.populationChanges.length,
      },
    });
    return { dryRun: false, applied: true, importId, report };
  });
}

const hashOf = (content: string) => createHash('sha256').update(content).digest('hex');

/** Membership changes found by an import are reorganisations too, so the history shows them. */
async function recordJoinOrLeave(db: Db, actor: Actor, kind: 'join' | 'leave' | 'rename', memberId: string, date: IsoDate, fileName: string) {
  const roles = kind === 'join' ? (['successor'] as const) : kind === 'leave' ? (['predecessor'] as const) : (['predecessor', 'successor'] as const);
  await writeReorganisation(db, actor, { kind, date, note: `Uit populatiebestand ${fileName}`, parts: roles.map((role) => ({ memberId, role })) });
}

export async function listImports(db: Db) {
  const rows = await db.selectFrom('imports').selectAll().orderBy('applied_at', 'desc').execute();
  return rows.map(toRecord);
}

export async function findImport(db: Db, id: string) {
  const row = await db.selectFrom('imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw problems.notFound(text('Import', 'Import'), id);
  return toRecord(row);
}

const toRecord = (row: Row<'imports'>) => ({
  id: row.id,
  kind: row.kind,
  fileName: row.file_name,
  fileHash: row.file_hash,
  effectiveDate: row.effective_date,
  appliedBy: row.applied_by,
  appliedAt: new Date(row.applied_at).toISOString(),
  report: row.report,
});
