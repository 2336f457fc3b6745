import type { IsoDate } from '../core/dates.js';

export { MUNICIPAL_OFFICE_KINDS, OFFICE_KINDS, OFFICE_LABELS, type OfficeKind } from '../profile/office-kinds.js';

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
