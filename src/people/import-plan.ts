import type { IsoDate } from '../core/dates.js';
import { outsideOffice, reason, type ImportRow, type RowReason } from './import-rules.js';
import { designationFitsOffice } from './rules.js';

/* What a valid import row changes against the record (pure; docs/people-import.md). */

/** What is on record for a row: the person, the member's versions, the office and its designations. */
export interface RecordedPerson {
  id: string;
  name: string;
  /** Holds a granted role (staff, chair, …): only an administrator changes them. */
  holdsGrantedRole: boolean;
}
export interface MemberVersion {
  memberId: string;
  validFrom: IsoDate;
  /** Exclusive end. */
  validTo: IsoDate | null;
}
export interface RecordedDesignation {
  id: string;
  startDate: IsoDate;
  endDate: IsoDate | null;
}
export interface RecordedOffice {
  id: string;
  party: string | null;
  partyIsLocal: boolean;
  portfolio: string | null;
  endDate: IsoDate | null;
  /** Not revoked. */
  designations: readonly RecordedDesignation[];
}

export type RowOutcome = 'new' | 'changed' | 'unchanged' | 'refused';

export interface RowPlan {
  outcome: RowOutcome;
  memberId: string | null;
  person: { action: 'create' } | { action: 'update'; id: string } | { action: 'keep'; id: string };
  office: { action: 'create' } | { action: 'update' | 'keep'; id: string };
  designation: { action: 'none' | 'create' } | { action: 'update' | 'keep'; id: string };
  /** The designation's period as it will be on record (its end defaults to the office's). */
  designationPeriod: { startDate: IsoDate; endDate: IsoDate | null } | null;
  /** Changed fields: name; party, partyIsLocal, portfolio, endDate; designationEnd. */
  changes: string[];
  reasons: RowReason[];
}

const overlaps = (a: { startDate: IsoDate; endDate: IsoDate | null }, b: { startDate: IsoDate; endDate: IsoDate | null }) =>
  (a.endDate === null || a.endDate >= b.startDate) && (b.endDate === null || b.endDate >= a.startDate);

/**
 * What a valid row changes against the record: which of person, office and designation are new,
 * which fields change, or why the row is refused after all (the member did not exist, the person is
 * someone only an administrator changes, the designation would overlap another).
 */
export function planRow(
  row: ImportRow,
  recorded: {
    memberVersions: readonly MemberVersion[];
    person: RecordedPerson | undefined;
    /** The office on record for the row's person, kind and start date in a member. */
    officeIn: (memberId: string) => RecordedOffice | undefined;
    actorIsAdmin: boolean;
  },
): RowPlan {
  const reasons: RowReason[] = [];
  const changes: string[] = [];
  const version = recorded.memberVersions.find((v) => v.validFrom <= row.startDate && (v.validTo === null || v.validTo > row.startDate));
  if (recorded.memberVersions.length === 0)
    reasons.push(
      reason('unknown-member', 'memberCode', 'Lidcode "{v}" is onbekend in het register.', 'Member code "{v}" is unknown in the register.', {
        v: row.memberCode,
      }),
    );
  else if (!version)
    reasons.push(
      reason('member-not-then', 'startDate', 'Het lid met code {v} bestond niet op {d}.', 'The member with code {v} did not exist on {d}.', {
        v: row.memberCode,
        d: row.startDate,
      }),
    );

  const { person } = recorded;
  const office = person && version ? recorded.officeIn(version.memberId) : undefined;
  let personPlan: RowPlan['person'] = { action: 'create' };
  if (person) {
    const renamed = person.name !== row.name;
    if (renamed) changes.push('name');
    if (renamed && person.holdsGrantedRole && !recorded.actorIsAdmin)
      reasons.push(
        reason(
          'person-holds-role',
          'name',
          'Deze persoon heeft een rol in de vereniging; alleen een beheerder wijzigt de naam.',
          'This person holds a role in the association; only an administrator changes the name.',
        ),
      );
    personPlan = { action: renamed ? 'update' : 'keep', id: person.id };
  }

  let officePlan: RowPlan['office'] = { action: 'create' };
  const officeEnd = row.endDate === undefined ? (office?.endDate ?? null) : row.endDate;
  if (office) {
    const before = changes.length;
    if (row.party !== undefined && row.party !== office.party) changes.push('party');
    if (row.partyIsLocal !== undefined && row.partyIsLocal !== office.partyIsLocal) changes.push('partyIsLocal');
    if (row.portfolio !== undefined && row.portfolio !== office.portfolio) changes.push('portfolio');
    if (officeEnd !== office.endDate) changes.push('endDate');
    officePlan = { action: changes.length > before ? 'update' : 'keep', id: office.id };
  }

  let designationPlan: RowPlan['designation'] = { action: 'none' };
  if (row.designation) {
    const wanted = { startDate: row.designation.startDate, endDate: row.designation.endDate ?? officeEnd };
    if (!designationFitsOffice(wanted, { startDate: row.startDate, endDate: officeEnd })) reasons.push(outsideOffice());
    const existing = office?.designations.find((d) => d.startDate === wanted.startDate);
    const others = (office?.designations ?? []).filter((d) => d !== existing);
    if (others.some((d) => overlaps(d, wanted)))
      reasons.push(
        reason(
          'designation-overlap',
          'designationStart',
          'Voor dit ambt loopt in die periode al een andere aanwijzing.',
          'This office already has another designation in that period.',
        ),
      );
    if (existing) {
      if (existing.endDate !== wanted.endDate) changes.push('designationEnd');
      designationPlan = { action: existing.endDate !== wanted.endDate ? 'update' : 'keep', id: existing.id };
    } else designationPlan = { action: 'create' };
  }
  // Ending an office ends nothing else here: a designation that would outlast it is refused, not cut.
  if (office && row.endDate !== undefined && officeEnd !== null) {
    const outlasting = office.designations.some((d) => d.id !== (designationPlan as { id?: string }).id && (d.endDate === null || d.endDate > officeEnd));
    if (outlasting)
      reasons.push(
        reason(
          'office-end-cuts-designation',
          'endDate',
          'Het ambt zou eindigen terwijl een aanwijzing doorloopt; beëindig eerst de aanwijzing.',
          'The office would end while a designation runs on; end the designation first.',
        ),
      );
  }

  const created = personPlan.action === 'create' || officePlan.action === 'create' || designationPlan.action === 'create';
  const outcome: RowOutcome = reasons.length ? 'refused' : created ? 'new' : changes.length ? 'changed' : 'unchanged';
  return {
    outcome,
    memberId: version?.memberId ?? null,
    person: personPlan,
    office: officePlan,
    designation: designationPlan,
    designationPeriod: row.designation ? { startDate: row.designation.startDate, endDate: row.designation.endDate ?? officeEnd } : null,
    changes,
    reasons,
  };
}
