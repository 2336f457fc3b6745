/**
 * Offices a person can hold in a member, for every kind of association the product serves. The
 * profile's member classes say which of them may represent a member of that class (a gewest by its
 * chair or a member of its executive, a province by its King's commissioner or a deputy).
 * Dutch: burgemeester, wethouder, raadslid, griffier, gemeentesecretaris; commissaris van de Koning,
 * gedeputeerde, Statenlid; dijkgraaf, secretaris-directeur; voorzitter, lid dagelijks bestuur, lid
 * algemeen bestuur; staff is the member's own civil service, external anyone else it authorises.
 */
export const OFFICE_KINDS = [
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
] as const;
export type OfficeKind = (typeof OFFICE_KINDS)[number];

export const OFFICE_LABELS: Record<OfficeKind, { nl: string; en: string }> = {
  mayor: { nl: 'burgemeester', en: 'mayor' },
  alderman: { nl: 'wethouder', en: 'alderman' },
  'council-member': { nl: 'raadslid', en: 'council member' },
  'council-clerk': { nl: 'griffier', en: 'council clerk' },
  'municipal-secretary': { nl: 'gemeentesecretaris', en: 'municipal secretary' },
  'kings-commissioner': { nl: 'commissaris van de Koning', en: "King's commissioner" },
  deputy: { nl: 'gedeputeerde', en: 'provincial executive member' },
  'states-member': { nl: 'Statenlid', en: 'member of the Provincial Council' },
  'dike-reeve': { nl: 'dijkgraaf', en: 'dike-reeve (chair of the water board)' },
  'secretary-director': { nl: 'secretaris-directeur', en: 'secretary-director' },
  chair: { nl: 'voorzitter', en: 'chair' },
  'executive-member': { nl: 'lid dagelijks bestuur', en: 'executive board member' },
  'board-member': { nl: 'lid algemeen bestuur', en: 'general board member' },
  staff: { nl: 'medewerker', en: 'staff' },
  external: { nl: 'extern', en: 'external' },
};

/**
 * The office kinds of a member class whose profile names none: the municipal offices the product
 * knew before member classes brought their own, so profiles recorded earlier keep their meaning.
 */
export const MUNICIPAL_OFFICE_KINDS: readonly OfficeKind[] = [
  'mayor',
  'alderman',
  'council-member',
  'council-clerk',
  'municipal-secretary',
  'staff',
  'external',
];
