import type { IsoDate } from '../core/dates.js';

/**
 * Offices a person can hold in a member. Dutch: burgemeester, wethouder, raadslid, griffier,
 * gemeentesecretaris; staff is the member's own civil service, external anyone else it authorises.
 */
export const OFFICE_KINDS = ['mayor', 'alderman', 'council-member', 'council-clerk', 'municipal-secretary', 'staff', 'external'] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export const OFFICE_LABELS: Record<OfficeKind, { nl: string; en: string }> = {
  mayor: { nl: 'burgemeester', en: 'mayor' },
  alderman: { nl: 'wethouder', en: 'alderman' },
  'council-member': { nl: 'raadslid', en: 'council member' },
  'council-clerk': { nl: 'griffier', en: 'council clerk' },
  'municipal-secretary': { nl: 'gemeentesecretaris', en: 'municipal secretary' },
  staff: { nl: 'medewerker', en: 'staff' },
  external: { nl: 'extern', en: 'external' },
};

/** A period with an inclusive last day; an open end means "until further notice". */
export interface Period {
  startDate: IsoDate;
  endDate: IsoDate | null;
}

export const covers = (period: Period, date: IsoDate) => period.startDate <= date && (period.endDate === null || period.endDate >= date);

export const periodIsValid = (period: Period) => period.endDate === null || period.endDate >= period.startDate;

/** A designation lies within the office it rests on; it cannot outlive or predate it. */
export function designationFitsOffice(designation: Period, office: Period): boolean {
  if (designation.startDate < office.startDate) return false;
  if (office.endDate === null) return true;
  return designation.endDate !== null && designation.endDate <= office.endDate;
}

/** Whether a person may act for a member on a date: a designation and its office both cover it. */
export const mayActOn = (designation: Period, office: Period, date: IsoDate) => covers(designation, date) && covers(office, date);
