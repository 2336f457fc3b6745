import { PROVINCES } from './provinces.js';
import type { MemberClass, ProfileDocument } from './schemas.js';
import { vngProfile } from './vng.js';

/**
 * Profile templates a new association starts from (issue 16): the VNG's own profile, the provinces
 * as in the IPO, the water boards as in the Unie van Waterschappen, and an empty one to fill in.
 * Where the association's statutes are not at hand the defaults are those of Dutch association law
 * (Burgerlijk Wetboek Boek 2, title 2: one vote per member, two thirds for a statute change), each
 * rule naming where it comes from; the association checks them against its statutes on the profile
 * page before the first meeting and records a new version where they differ.
 */
export const TEMPLATE_CODES = ['vng', 'ipo', 'uvw', 'empty'] as const;
export type TemplateCode = (typeof TEMPLATE_CODES)[number];

const BW = 'Burgerlijk Wetboek Boek 2';

/** One vote per member, whatever its population: the law's default (art. 2:38 lid 1 BW). */
const oneVotePerMember = (statutes: string): MemberClass['voteWeight'] => ({
  divisor: 1,
  cap: 1,
  minimum: 1,
  rounding: 'down',
  source: `${statutes}, stemrecht: ieder lid heeft één stem (${BW}, artikel 38 lid 1)`,
});

/** The meeting rules of a Dutch association where its statutes add nothing (BW Boek 2, title 2). */
function associationRules(
  statutes: string,
  rulesOfProcedure: string,
): Omit<ProfileDocument, 'name' | 'shortName' | 'memberClasses' | 'regions' | 'sizeClasses'> {
  return {
    generalMeetingName: 'ALV',
    majority: {
      default: 'simple',
      statuteChange: 'twoThirds',
      rulesOfProcedureChange: 'simple',
      source: `${statutes}, besluitvorming: besluiten bij gewone meerderheid van de uitgebrachte stemmen`,
      statuteChangeSource: `${statutes}, statutenwijziging: ten minste twee derde van de uitgebrachte stemmen (${BW}, artikel 42)`,
      rulesOfProcedureChangeSource: `${statutes}, huishoudelijk reglement: vastgesteld en gewijzigd bij gewone meerderheid van de algemene vergadering`,
    },
    quorum: { presentWeightPercent: null, source: `${statutes}: geen quorum voorgeschreven` },
    tie: { outcome: 'rejected', source: `${statutes}: bij staking van stemmen over een voorstel is het voorstel verworpen` },
    voting: {
      allowRecast: true,
      showRunningResult: false,
      perMemberVotesVisibleTo: 'members',
      percentDecimals: 2,
      source: `${rulesOfProcedure}: uitslag als percentages Voor/Tegen in twee decimalen; onthoudingen geregistreerd, niet meegeteld`,
    },
    proxies: {
      allowed: true,
      maxPerRepresentative: 1,
      source: `${statutes}, stemmen bij schriftelijke volmacht aan een ander lid, één volmacht per vertegenwoordiger (${BW}, artikel 38)`,
    },
    committees: {
      minutesCommitteeMinimum: 3,
      voteCountingCommitteeMinimum: 3,
      countingCommitteeBeforeVote: false,
      source: `${rulesOfProcedure}: notulencommissie en commissie van stemopneming van ten minste drie personen, benoemd door de vergadering`,
    },
    nominations: {
      advisoryCommitteeDeadline: 'electionYear',
      source: `${rulesOfProcedure}: de adviescommissie voor voordrachten wordt ingesteld in het verkiezingsjaar`,
    },
    motions: {
      holdWithdrawBy: 'first-submitter',
      source: `${rulesOfProcedure}: de eerste indiener houdt een motie of amendement aan of trekt het in`,
    },
  };
}

const IPO = 'Statuten IPO';

/** The twelve provinces as members of the Interprovinciaal Overleg, each represented by its executive. */
export const ipoProfile: ProfileDocument = {
  name: 'Interprovinciaal Overleg',
  shortName: 'IPO',
  memberClasses: [
    {
      code: 'province',
      name: { nl: 'Provincie', en: 'Province' },
      voteWeight: oneVotePerMember(IPO),
      // The King's commissioner represents the province (Provinciewet, artikel 176); deputies form its executive.
      officeKinds: ['kings-commissioner', 'deputy', 'states-member', 'staff', 'external'],
    },
  ],
  regions: { label: { nl: 'Provincie', en: 'Province' }, source: 'Provinciewet, artikel 1: de twaalf provincies', items: PROVINCES },
  sizeClasses: {
    source: 'Grootteklassen naar inwonertal (CBS, bevolking per provincie), gebruikt voor uitsplitsing van uitslagen',
    items: [
      { code: 'lt1m', label: { nl: 'tot 1 miljoen', en: 'under 1 million' }, from: 0 },
      { code: '1m-2m', label: { nl: '1 tot 2 miljoen', en: '1 to 2 million' }, from: 1_000_000 },
      { code: 'gte2m', label: { nl: '2 miljoen en meer', en: '2 million and more' }, from: 2_000_000 },
    ],
  },
  ...associationRules(IPO, 'Reglement van orde IPO'),
};

const UVW = 'Statuten Unie van Waterschappen';

/**
 * The 21 water boards as members of the Unie van Waterschappen (2024: from Wetterskip Fryslân to
 * Waterschap Limburg), each represented by its dike-reeve or its executive; the region is the province
 * of the water board's seat.
 */
export const uvwProfile: ProfileDocument = {
  name: 'Unie van Waterschappen',
  shortName: 'UvW',
  memberClasses: [
    {
      code: 'water-board',
      name: { nl: 'Waterschap', en: 'Water board' },
      voteWeight: oneVotePerMember(UVW),
      // The dike-reeve chairs the water board's executive and represents it (Waterschapswet).
      officeKinds: ['dike-reeve', 'executive-member', 'board-member', 'secretary-director', 'staff', 'external'],
    },
  ],
  regions: {
    label: { nl: 'Provincie (zetel)', en: 'Province (seat)' },
    source: 'Waterschapswet, artikel 2: provinciale staten stellen het waterschap bij reglement in; provincie van de zetel',
    items: PROVINCES,
  },
  sizeClasses: {
    source: 'Grootteklassen naar inwonertal van het beheergebied, gebruikt voor uitsplitsing van uitslagen',
    items: [
      { code: 'lt500k', label: { nl: 'tot 500.000', en: 'under 500,000' }, from: 0 },
      { code: '500k-1m', label: { nl: '500.000 tot 1 miljoen', en: '500,000 to 1 million' }, from: 500_000 },
      { code: 'gte1m', label: { nl: '1 miljoen en meer', en: '1 million and more' }, from: 1_000_000 },
    ],
  },
  ...associationRules(UVW, 'Reglement van orde Unie van Waterschappen'),
};

const STATUTES = 'Statuten van de vereniging';

/** A blank association: one class of members with one vote each, the law's defaults, to fill in. */
export const emptyProfile: ProfileDocument = {
  name: 'Nieuwe vereniging',
  shortName: 'Vereniging',
  memberClasses: [
    {
      code: 'member',
      name: { nl: 'Lid', en: 'Member' },
      voteWeight: oneVotePerMember(STATUTES),
      officeKinds: ['chair', 'executive-member', 'board-member', 'staff', 'external'],
    },
  ],
  regions: {
    label: { nl: 'Provincie', en: 'Province' },
    source: 'CBS gemeentelijke indeling: provincie van de vestiging van het lid',
    items: PROVINCES,
  },
  sizeClasses: {
    source: 'Eén grootteklasse: uitslagen worden niet naar omvang uitgesplitst',
    items: [{ code: 'all', label: { nl: 'alle leden', en: 'all members' }, from: 0 }],
  },
  ...associationRules(STATUTES, 'Huishoudelijk reglement'),
};

export const PROFILE_TEMPLATES: Record<TemplateCode, { document: ProfileDocument; description: { nl: string; en: string } }> = {
  vng: {
    document: vngProfile,
    description: {
      nl: 'Gemeenten en gewesten; stemgewicht naar inwonertal (één stem per 1.000 inwoners, ten hoogste 75).',
      en: 'Municipalities and regional bodies; vote weight by population (one vote per 1,000 inhabitants, at most 75).',
    },
  },
  ipo: {
    document: ipoProfile,
    description: {
      nl: 'De twaalf provincies; elke provincie één stem, vertegenwoordigd door de commissaris van de Koning of een gedeputeerde.',
      en: "The twelve provinces; one vote each, represented by the King's commissioner or a provincial executive member.",
    },
  },
  uvw: {
    document: uvwProfile,
    description: {
      nl: 'De 21 waterschappen; elk waterschap één stem, vertegenwoordigd door de dijkgraaf of een lid van het bestuur.',
      en: 'The 21 water boards; one vote each, represented by the dike-reeve or a board member.',
    },
  },
  empty: {
    document: emptyProfile,
    description: {
      nl: 'Een lege vereniging: één soort leden met elk één stem en de regels van het verenigingsrecht; vul naam en regels zelf in.',
      en: 'An empty association: one class of members with one vote each and the rules of association law; fill in the name and rules yourself.',
    },
  },
};

export const isTemplateCode = (value: string): value is TemplateCode => (TEMPLATE_CODES as readonly string[]).includes(value);
