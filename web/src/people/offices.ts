import type { I18n, TextKey } from '../i18n';
import type { GrantedRole, OfficeKind, ProfileDocument } from '../types';

/** The server's OFFICE_KINDS, in the order the forms offer them. */
export const OFFICE_KINDS: readonly OfficeKind[] = [
  'mayor',
  'alderman',
  'council-member',
  'council-clerk',
  'municipal-secretary',
  'kings-commissioner',
  'deputy',
  'states-member',
  'dike-reeve',
  'secretary-director',
  'chair',
  'executive-member',
  'board-member',
  'staff',
  'external',
];

/** The server's MUNICIPAL_OFFICE_KINDS: a member class whose profile names no office kinds is represented by these. */
const MUNICIPAL: readonly OfficeKind[] = ['mayor', 'alderman', 'council-member', 'council-clerk', 'municipal-secretary', 'staff', 'external'];

/** The office kinds that may represent a member of the class, as the profile says (every kind while unknown). */
export function officeKindsOf(document: Pick<ProfileDocument, 'memberClasses'> | undefined, memberClass: string | undefined): readonly OfficeKind[] {
  const found = document?.memberClasses.find((c) => c.code === memberClass);
  if (!found) return OFFICE_KINDS;
  return found.officeKinds ?? MUNICIPAL;
}

/** The server's GRANTED_ROLES: "representative" follows from a designation and is never granted. */
export const GRANTED_ROLES: readonly GrantedRole[] = ['admin', 'staff', 'chair', 'counting-committee'];

export const officeKey = (kind: string) => `office.${kind}` as TextKey;

/** "burgemeester van Utrecht" */
export const officeOf = (t: I18n['t'], kind: string, memberName: string) => t('office.of', { office: t(officeKey(kind)), member: memberName });

/** "GroenLinks", "Stadsbelang Utrecht (lokale partij)" or "—". */
export function partyText(t: I18n['t'], party: string | null, partyIsLocal: boolean): string {
  if (!party) return partyIsLocal ? t('office.localParty') : '—';
  return partyIsLocal ? `${party} (${t('office.localParty')})` : party;
}

/** "1 juni 2022 – heden" (the end date is the last day, inclusive). */
export const periodText = (i18n: Pick<I18n, 't' | 'date'>, startDate: string, endDate: string | null) =>
  `${i18n.date(startDate)} – ${endDate ? i18n.date(endDate) : i18n.t('common.now')}`;
