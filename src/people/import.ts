import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { recordAudit, recordAudits, type Actor, type AuditEntry } from '../core/audit.js';
import { addAccountsInBulk, updateAccount } from '../core/auth/accounts.js';
import type { Database, NewRow } from '../core/db/schema.js';
import { lockRegister } from '../core/db/locks.js';
import { inTransaction } from '../core/db/transaction.js';
import { type Problem, problems, text } from '../core/errors.js';
import { peopleControlledBy } from './designations.js';
import { planRow, type MemberVersion, type RecordedOffice, type RecordedPerson, type RowPlan } from './import-plan.js';
import { readSheet, type Sheet } from './import-read.js';
import { duplicateReasons, mapHeaders, readRow, HEADER_NAMES, type ImportField, type ImportRow, type RowReason } from './import-rules.js';
import type { ImportRowReport, PeopleImportResult } from './import-schemas.js';
import { mandatesEnded } from './mandate-ended.js';
import { needsConfirmation } from './mandates.js';
import { addOfficesInBulk } from './offices.js';

/* The bulk import of people, offices and designations (docs/people-import.md): a dry run reports each row; applying writes all rows in one transaction. */

type Db = Kysely<Database>;

export interface PeopleImportInput {
  content: Buffer;
  fileName: string;
  dryRun: boolean;
  /** Only an administrator renames a person who holds a granted role. */
  actorIsAdmin: boolean;
}

interface Planned {
  row: ImportRow;
  plan: RowPlan;
  report: ImportRowReport;
}

const fileProblem = (nl: string, en: string, errors: { name: string; code: string; reason: { nl: string; en: string } }[]) =>
  problems.invalid(text(nl, en), errors);

/** The sheet's rows, each read on its own and then against the others (duplicates). */
function readRows(sheet: Sheet): { read: { line: number; cells: string[]; row?: ImportRow; reasons: RowReason[] }[]; columns: Map<ImportField, number> } {
  const { columns, missing, doubled } = mapHeaders(sheet.headers);
  if (missing.length || doubled.length)
    throw fileProblem('De kopregel mist verplichte kolommen of noemt een kolom twee keer.', 'The header lacks required columns or names a column twice.', [
      ...missing.map((f) => ({
        name: `line 1: ${HEADER_NAMES[f][0]}`,
        code: 'missing-column',
        reason: text(
          `Kolom "${HEADER_NAMES[f][1] ?? HEADER_NAMES[f][0]}" (of "${HEADER_NAMES[f][0]}") ontbreekt.`,
          `Column "${HEADER_NAMES[f][0]}" is missing.`,
        ),
      })),
      ...doubled.map((f) => ({
        name: `line 1: ${HEADER_NAMES[f][0]}`,
        code: 'doubled-column',
        reason: text('Kolom staat er twee keer.', 'Column appears twice.'),
      })),
    ]);
  if (sheet.rows.length === 0) throw fileProblem('Het bestand bevat geen rijen.', 'The file has no rows.', []);
  const cell = (cells: string[]) => (field: ImportField) => {
    const index = columns.get(field);
    return index === undefined ? undefined : (cells[index] ?? '');
  };
  const read = sheet.rows.map(({ line, cells }) => {
    const result = readRow(line, cell(cells));
    const reasons: RowReason[] = 'row' in result ? [] : result.reasons;
    return { line, cells, row: 'row' in result ? (result.row as ImportRow | undefined) : undefined, reasons };
  });
  const duplicates = duplicateReasons(read.flatMap((r) => (r.row ? [r.row] : [])));
  for (const r of read) {
    const duplicate = duplicates.get(r.line);
    if (duplicate) {
      r.reasons.push(duplicate);
      delete r.row;
    }
  }
  return { read, columns };
}

/** Loads what the rows refer to in a few queries, whatever the number of rows. */
async function loadRecord(db: Db, rows: readonly ImportRow[]) {
  const codes = [...new Set(rows.map((r) => r.memberCode.toUpperCase()))];
  const emails = [...new Set(rows.map((r) => r.email.toLowerCase()))];
  const versions = codes.length
    ? await db
        .selectFrom('member_versions as v')
        .innerJoin(
          db
            .selectFrom('member_versions')
            .select(['member_id', (eb) => eb.fn.max('valid_from').as('latest')])
            .groupBy('member_id')
            .as('l'),
          'l.member_id',
          'v.member_id',
        )
        .select(['v.member_id', 'v.code', 'v.valid_from', 'v.valid_to', 'v.name', 'l.latest'])
        .where((eb) => eb(eb.fn('upper', ['v.code']), 'in', codes))
        .execute()
    : [];
  const people = emails.length
    ? await db
        .selectFrom('people as p')
        .select([
          'p.id',
          'p.name',
          'p.email',
          (eb) => eb.exists(eb.selectFrom('person_roles as r').select('r.role').whereRef('r.person_id', '=', 'p.id')).as('has_role'),
        ])
        .where((eb) => eb(eb.fn('lower', ['p.email']), 'in', emails))
        .execute()
    : [];
  const personIds = people.map((p) => p.id);
  const offices = personIds.length ? await db.selectFrom('offices').selectAll().where('person_id', 'in', personIds).execute() : [];
  const designations = offices.length
    ? await db
        .selectFrom('designations')
        .select(['id', 'office_id', 'start_date', 'end_date'])
        .where(
          'office_id',
          'in',
          offices.map((o) => o.id),
        )
        .where('status', '!=', 'revoked')
        .execute()
    : [];

  const versionsByCode = new Map<string, (MemberVersion & { name: string; latest: boolean })[]>();
  for (const v of versions) {
    const list = versionsByCode.get(v.code.toUpperCase()) ?? [];
    list.push({ memberId: v.member_id, validFrom: v.valid_from, validTo: v.valid_to, name: v.name, latest: v.valid_from === String(v.latest) });
    versionsByCode.set(v.code.toUpperCase(), list);
  }
  const personByEmail = new Map<string, RecordedPerson>(people.map((p) => [p.email.toLowerCase(), { id: p.id, name: p.name, holdsGrantedRole: !!p.has_role }]));
  const officeByKey = new Map<string, RecordedOffice>();
  for (const o of offices)
    officeByKey.set(`${o.person_id}|${o.member_id}|${o.kind}|${o.start_date}`, {
      id: o.id,
      party: o.party,
      partyIsLocal: o.party_is_local,
      portfolio: o.portfolio,
      endDate: o.end_date,
      designations: designations.filter((d) => d.office_id === o.id).map((d) => ({ id: d.id, startDate: d.start_date, endDate: d.end_date })),
    });
  return { versionsByCode, personByEmail, officeByKey };
}

async function plan(db: Db, actor: Actor, sheet: Sheet, actorIsAdmin: boolean): Promise<Planned[]> {
  const { read, columns } = readRows(sheet);
  const valid = read.flatMap((r) => (r.row ? [r.row] : []));
  const record = await loadRecord(db, valid);
  const known = [...record.personByEmail.values()].map((p) => p.id);
  const controlled = actor.id ? await peopleControlledBy(db, actor.id, known) : new Set<string>();
  return read.map((r) => {
    const row = r.row;
    const raw = (i: number) => (r.cells[i] ?? '').trim();
    if (!row) {
      const p: RowPlan = {
        outcome: 'refused',
        memberId: null,
        person: { action: 'create' },
        office: { action: 'create' },
        designation: { action: 'none' },
        designationPeriod: null,
        changes: [],
        reasons: r.reasons,
      };
      const at = (f: ImportField) => (columns.has(f) ? raw(columns.get(f)!) : '');
      return {
        row: undefined as never,
        plan: p,
        report: {
          line: r.line,
          outcome: 'refused',
          name: at('name'),
          email: at('email'),
          memberCode: at('memberCode'),
          memberName: null,
          kind: at('kind'),
          startDate: at('startDate'),
          creates: [],
          changes: [],
          designationPending: false,
          reasons: r.reasons,
        },
      };
    }
    const versions = record.versionsByCode.get(row.memberCode.toUpperCase()) ?? [];
    const person = record.personByEmail.get(row.email.toLowerCase());
    const p = planRow(row, {
      memberVersions: versions,
      person,
      officeIn: (memberId) => (person ? record.officeByKey.get(`${person.id}|${memberId}|${row.kind}|${row.startDate}`) : undefined),
      actorIsAdmin,
    });
    const creates = (['person', 'office', 'designation'] as const).filter((k) => p[k].action === 'create');
    const designationPending =
      p.designation.action === 'create' &&
      needsConfirmation({
        actorId: actor.id,
        designatedPersonId: person?.id ?? '',
        actorControlsPerson: !person || controlled.has(person.id),
      });
    return {
      row,
      plan: p,
      report: {
        line: row.line,
        outcome: p.outcome,
        name: row.name,
        email: row.email,
        memberCode: row.memberCode,
        memberName: versions.find((v) => v.memberId === p.memberId && v.latest)?.name ?? null,
        kind: row.kind,
        startDate: row.startDate,
        creates: p.outcome === 'refused' ? [] : [...creates],
        changes: p.changes,
        designationPending: p.outcome !== 'refused' && designationPending,
        reasons: p.reasons,
      },
    };
  });
}

const countsOf = (rows: readonly ImportRowReport[]) => ({
  total: rows.length,
  new: rows.filter((r) => r.outcome === 'new').length,
  changed: rows.filter((r) => r.outcome === 'changed').length,
  unchanged: rows.filter((r) => r.outcome === 'unchanged').length,
  refused: rows.filter((r) => r.outcome === 'refused').length,
});

/** Refused rows, as a problem naming each line (the first 100). */
function refusal(planned: readonly Planned[]): Problem {
  const refused = planned.filter((p) => p.report.outcome === 'refused');
  const errors = refused
    .slice(0, 100)
    .flatMap((p) =>
      p.report.reasons.map((r) => ({ name: `line ${p.report.line}${r.field ? `: ${HEADER_NAMES[r.field][0]}` : ''}`, code: r.code, reason: r.message })),
    );
  return problems.invalid(
    text(
      '{n} rij(en) zijn geweigerd; er is niets ingelezen. Verbeter het bestand en controleer het opnieuw.',
      '{n} row(s) were refused; nothing was imported. Correct the file and check it again.',
      { n: refused.length },
    ),
    errors,
  );
}

/** A dry run (reads only) or an apply: all rows in one transaction, refused as a whole when a row is refused. */
export async function importPeople(db: Db, actor: Actor, input: PeopleImportInput): Promise<PeopleImportResult> {
  const sheet = await readSheet(input.content);
  const result = (planned: Planned[], applied: boolean, importId: string | null): PeopleImportResult => {
    const rows = planned.map((p) => p.report);
    return { dryRun: input.dryRun, applied, importId, fileName: input.fileName, counts: countsOf(rows), rows };
  };
  if (input.dryRun) return result(await plan(db, actor, sheet, input.actorIsAdmin), false, null);
  return inTransaction(db, async (trx) => {
    // One import (or register change) at a time: what was planned is what is written.
    await lockRegister(trx);
    const planned = await plan(trx, actor, sheet, input.actorIsAdmin);
    if (planned.some((p) => p.report.outcome === 'refused')) throw refusal(planned);
    if (planned.every((p) => p.report.outcome === 'unchanged')) return result(planned, false, null);
    const importId = randomUUID();
    await write(trx, actor, planned, importId);
    await recordAudit(trx, actor, {
      action: 'people-import.applied',
      entityType: 'people-import',
      entityId: importId,
      data: { fileName: input.fileName, ...countsOf(planned.map((p) => p.report)) },
    });
    return result(planned, true, importId);
  });
}

async function write(trx: Db, actor: Actor, planned: readonly Planned[], importId: string): Promise<void> {
  const audits: AuditEntry[] = [];
  const personIds = new Map<string, string>();
  const newPeople: { id: string; email: string; name: string }[] = [];
  for (const { row, plan: p } of planned) {
    const email = row.email.toLowerCase();
    if (p.person.action !== 'create') personIds.set(email, p.person.id);
    else if (!personIds.has(email)) {
      const id = randomUUID();
      personIds.set(email, id);
      newPeople.push({ id, email: row.email, name: row.name });
      audits.push({ action: 'person.created', entityType: 'person', entityId: id, data: { email: row.email, roles: [], importId } });
    }
  }
  await addAccountsInBulk(trx, newPeople);
  const offices: NewRow<'offices'>[] = [];
  const designations: NewRow<'designations'>[] = [];
  const ended = { office: new Set<string>(), designation: new Set<string>() };
  for (const { row, plan: p, report } of planned) {
    const personId = personIds.get(row.email.toLowerCase())!;
    if (p.person.action === 'update') {
      const current = await trx.selectFrom('people').select(['email', 'disabled_at']).where('id', '=', personId).executeTakeFirstOrThrow();
      await updateAccount(trx, personId, { name: row.name, email: current.email, disabledAt: current.disabled_at });
      audits.push({ action: 'person.updated', entityType: 'person', entityId: personId, data: { name: row.name, importId } });
    }
    const officeId = p.office.action === 'create' ? randomUUID() : p.office.id;
    const officeFields = {
      ...(row.party !== undefined ? { party: row.party } : {}),
      ...(row.partyIsLocal !== undefined ? { partyIsLocal: row.partyIsLocal } : {}),
      ...(row.portfolio !== undefined ? { portfolio: row.portfolio } : {}),
      ...(row.endDate !== undefined ? { endDate: row.endDate } : {}),
    };
    if (p.office.action === 'create') {
      offices.push({
        id: officeId,
        person_id: personId,
        member_id: p.memberId!,
        kind: row.kind,
        party: row.party ?? null,
        party_is_local: row.partyIsLocal ?? false,
        portfolio: row.portfolio ?? null,
        start_date: row.startDate,
        end_date: row.endDate ?? null,
      });
      audits.push({
        action: 'office.created',
        entityType: 'office',
        entityId: officeId,
        data: { personId, memberId: p.memberId, kind: row.kind, startDate: row.startDate, ...officeFields, importId },
      });
    } else if (p.office.action === 'update') {
      await trx
        .updateTable('offices')
        .set({
          ...(row.party !== undefined ? { party: row.party } : {}),
          ...(row.partyIsLocal !== undefined ? { party_is_local: row.partyIsLocal } : {}),
          ...(row.portfolio !== undefined ? { portfolio: row.portfolio } : {}),
          ...(row.endDate !== undefined ? { end_date: row.endDate } : {}),
        })
        .where('id', '=', officeId)
        .execute();
      audits.push({ action: 'office.updated', entityType: 'office', entityId: officeId, data: { ...officeFields, importId } });
      if (report.changes.includes('endDate')) ended.office.add(personId);
    }
    if (!row.designation) continue;
    const period = p.designationPeriod!;
    if (p.designation.action === 'create') {
      const id = randomUUID();
      const pending = report.designationPending;
      designations.push({
        id,
        office_id: officeId,
        start_date: period.startDate,
        end_date: period.endDate,
        status: pending ? 'pending' : 'in-force',
        requested_by_id: pending ? actor.id : null,
        requested_by: pending ? actor.label : null,
      });
      audits.push({
        action: 'designation.created',
        entityType: 'designation',
        entityId: id,
        data: { memberId: p.memberId, personId, capacity: row.kind, ...period, status: pending ? 'pending' : 'in-force', importId },
      });
    } else if (p.designation.action === 'update') {
      await trx.updateTable('designations').set({ end_date: period.endDate }).where('id', '=', p.designation.id).execute();
      audits.push({
        action: 'designation.ended',
        entityType: 'designation',
        entityId: p.designation.id,
        data: { memberId: p.memberId, personId, endDate: period.endDate, importId },
      });
      ended.designation.add(personId);
    }
  }
  await addOfficesInBulk(trx, offices);
  if (designations.length) await trx.insertInto('designations').values(designations).execute();
  await recordAudits(trx, actor, audits);
  await mandatesEnded(trx, actor, [...ended.office], 'office-ended');
  await mandatesEnded(trx, actor, [...ended.designation], 'designation-ended');
}
