import { PROVINCES } from './provinces.js';
import type { ProfileDocument } from './schemas.js';

const STATUTES = 'Statuten VNG';

/** The VNG profile: the default association. Sources name where each rule comes from. */
export const vngProfile: ProfileDocument = {
  name: 'Vereniging van Nederlandse Gemeenten',
  shortName: 'VNG',
  generalMeetingName: 'ALV',
  memberClasses: [
    {
      code: 'municipality',
      name: { nl: 'Gemeente', en: 'Municipality' },
      voteWeight: {
        divisor: 1000,
        cap: 75,
        minimum: 1,
        rounding: 'down',
        // One source (minutes) reads "per 100 inhabitants"; the divisor is a setting (domain reference, section 7).
        source: `${STATUTES}, stemverhouding gemeenten: één stem per 1.000 inwoners, ten hoogste 75 stemmen`,
      },
      officeKinds: ['mayor', 'alderman', 'council-member', 'council-clerk', 'municipal-secretary', 'staff', 'external'],
    },
    {
      code: 'gewest',
      name: { nl: 'Gewest', en: 'Regional body' },
      voteWeight: {
        divisor: 10000,
        cap: 75,
        minimum: 1,
        rounding: 'down',
        source: `${STATUTES}, stemverhouding gewesten: één stem per 10.000 inwoners, ten hoogste 75 stemmen; lidmaatschap gewesten beëindigd bij statutenwijziging ALV 5 juni 2019`,
      },
      // A gewest is represented by its chair or a member of its executive (dagelijks bestuur), not by a mayor.
      officeKinds: ['chair', 'executive-member', 'staff', 'external'],
    },
  ],
  regions: {
    label: { nl: 'Provincie', en: 'Province' },
    source: 'CBS gemeentelijke indeling: provincie per gemeente',
    items: PROVINCES,
  },
  sizeClasses: {
    source: 'Grootteklassen naar inwonertal (CBS-indeling, samengevoegd), gebruikt voor uitsplitsing van uitslagen',
    items: [
      { code: 'lt10k', label: { nl: 'tot 10.000', en: 'under 10,000' }, from: 0 },
      { code: '10k-20k', label: { nl: '10.000 tot 20.000', en: '10,000 to 20,000' }, from: 10_000 },
      { code: '20k-50k', label: { nl: '20.000 tot 50.000', en: '20,000 to 50,000' }, from: 20_000 },
      { code: '50k-100k', label: { nl: '50.000 tot 100.000', en: '50,000 to 100,000' }, from: 50_000 },
      { code: '100k-250k', label: { nl: '100.000 tot 250.000', en: '100,000 to 250,000' }, from: 100_000 },
      { code: 'gte250k', label: { nl: '250.000 en meer', en: '250,000 and more' }, from: 250_000 },
    ],
  },
  majority: {
    default: 'simple',
    statuteChange: 'twoThirds',
    rulesOfProcedureChange: 'twoThirds',
    source: `${STATUTES}: besluiten bij gewone meerderheid van de uitgebrachte gewogen stemmen; statutenwijziging en wijziging huishoudelijk reglement met twee derde meerderheid`,
    // The sources name the rule but not the article number; fill it in from the statutes in force.
    statuteChangeSource: `${STATUTES}, bepaling over statutenwijziging: twee derde van de uitgebrachte gewogen stemmen`,
    rulesOfProcedureChangeSource: `${STATUTES}, bepaling over het huishoudelijk reglement: twee derde van de uitgebrachte gewogen stemmen`,
  },
  quorum: { presentWeightPercent: null, source: `${STATUTES}: geen quorum voorgeschreven` },
  tie: { outcome: 'rejected', source: `${STATUTES}: bij staking van stemmen is het voorstel verworpen` },
  voting: {
    allowRecast: true,
    showRunningResult: false,
    perMemberVotesVisibleTo: 'members',
    percentDecimals: 2,
    source: 'Uitslagen openbaar als gewogen percentages Voor/Tegen in twee decimalen; onthoudingen geregistreerd, niet meegeteld',
  },
  proxies: {
    allowed: true,
    maxPerRepresentative: 1,
    source: 'Huishoudelijk reglement VNG: volmacht aan de vertegenwoordiger van een ander lid, één volmacht per vertegenwoordiger',
  },
  committees: {
    minutesCommitteeMinimum: 3,
    voteCountingCommitteeMinimum: 3,
    countingCommitteeBeforeVote: true,
    source:
      'ALV: notulencommissie van ten minste drie personen, bij acclamatie benoemd bij de opening; de commissie van stemopneming is benoemd voordat er wordt gestemd',
  },
  nominations: {
    advisoryCommitteeDeadline: 'electionYear',
    // Another text says December of the year before; the deadline is a setting (domain reference, section 7).
    source: 'Huishoudelijk reglement VNG: de adviescommissie wordt ingesteld uiterlijk in december van het verkiezingsjaar',
  },
  motions: {
    holdWithdrawBy: 'first-submitter',
    source: 'Reglement van orde ALV: de eerste indiener houdt een motie of amendement aan of trekt het in; mede-indieners kunnen hun naam terugtrekken',
  },
};
