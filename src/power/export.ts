import { stringify } from 'csv-stringify/sync';
import { renderPdf } from '../core/pdf.js';
import type { ProfileDocument } from '../profile/schemas.js';
import type { RegisterPower, WhatIf } from './schemas.js';

/** Size classes and member classes by their Dutch names from the profile, never by code, in exports meant for people. */
export interface Labels {
  sizeClass: (code: string | null) => string;
  memberClass: (code: string) => string;
}

export function labelsOf(profile: ProfileDocument): Labels {
  return {
    sizeClass: (code) => (code === null ? '' : (profile.sizeClasses.items.find((c) => c.code === code)?.label.nl ?? code)),
    memberClass: (code) => profile.memberClasses.find((c) => c.code === code)?.name.nl ?? code,
  };
}

export const DIMENSIONS: Record<string, string> = { province: 'Provincie', sizeClass: 'Grootteklasse', network: 'Netwerk', memberClass: 'Ledenklasse' };
const MAJORITIES: Record<string, string> = {
  simple: 'gewone meerderheid',
  twoThirds: 'tweederdemeerderheid',
  double: 'dubbele meerderheid (gewicht en leden)',
};

const fixed = (x: number | null, digits = 6) => (x === null ? '' : x.toFixed(digits));
const percent = (x: number) => `${(x * 100).toFixed(2).replace('.', ',')}%`;

/** One row per member, then one per segment, with shares as fractions (0–1) to six decimals. */
export function powerCsv(power: RegisterPower, labels: Labels): string {
  const rows = [
    ...power.members.map((m) => [
      'lid',
      m.code,
      m.name,
      labels.memberClass(m.memberClass),
      m.province,
      labels.sizeClass(m.sizeClass),
      m.networks.join(' '),
      m.population,
      m.voteWeight,
      fixed(m.populationShare),
      fixed(m.weightShare),
      fixed(m.banzhaf),
      fixed(m.shapleyShubik),
      fixed(m.banzhafPerPopulation, 4),
    ]),
    ...power.segments.map((s) => [
      DIMENSIONS[s.dimension] ?? s.dimension,
      '',
      s.dimension === 'sizeClass' ? labels.sizeClass(s.segment) : s.dimension === 'memberClass' ? labels.memberClass(s.segment) : s.segment,
      '',
      '',
      '',
      '',
      '',
      s.members,
      fixed(s.populationShare),
      fixed(s.weightShare),
      fixed(s.banzhaf),
      fixed(s.shapleyShubik),
      fixed(s.banzhafPerPopulation, 4),
    ]),
  ];
  return stringify(rows, {
    header: true,
    columns: [
      'soort',
      'code',
      'naam',
      'ledenklasse',
      'provincie',
      'grootteklasse',
      'netwerken',
      'inwoners',
      'stemgewicht_of_leden',
      'aandeel_inwoners',
      'aandeel_stemgewicht',
      'banzhaf',
      'shapley_shubik',
      'banzhaf_per_inwonersaandeel',
    ],
    escape_formulas: true,
  });
}

/** The paper for the general meeting: what a draft vote-weight rule does to weight and power, member and segment. */
export function whatIfPdf(whatIf: WhatIf, title: string, draftText: string, labels: Labels): Promise<Buffer> {
  const { current, draft } = whatIf;
  const cell = (text: string | number, extra: object = {}) => ({ text: String(text), fontSize: 8, ...extra });
  const segmentName = (dimension: string, segment: string) =>
    dimension === 'sizeClass' ? labels.sizeClass(segment) : dimension === 'memberClass' ? labels.memberClass(segment) : segment;
  const moved = whatIf.changes.filter((c) => c.weightBefore !== c.weightAfter || Math.abs(c.banzhafAfter - c.banzhafBefore) > 1e-9);
  return renderPdf({
    info: { title, creator: 'Verenigd' },
    content: [
      { text: title, fontSize: 18, bold: true },
      { text: 'Stemmacht onder de huidige en de voorgestelde stemgewichtregel', fontSize: 11, margin: [0, 0, 0, 8] },
      {
        text:
          `Register per ${current.asOf}, ${current.members.length} leden, ${MAJORITIES[current.majority]}. ` +
          `Huidig: totaal stemgewicht ${current.totalWeight}, benodigd ${current.quota}. ` +
          `Voorstel (${draftText}): totaal ${draft.totalWeight}, benodigd ${draft.quota}.`,
        fontSize: 10,
      },
      {
        text: 'De Banzhaf-index is het aandeel van een lid in alle beslissende coalities: hoe vaak zijn stem de doorslag geeft, niet hoeveel stemmen het heeft. Exact berekend.',
        fontSize: 8,
        color: '#555',
        margin: [0, 4, 0, 8],
      },
      { text: 'Per segment', bold: true, fontSize: 12, margin: [0, 8, 0, 4] },
      {
        table: {
          headerRows: 1,
          widths: ['auto', '*', 'auto', 'auto', 'auto', 'auto', 'auto'],
          body: [
            ['Indeling', 'Segment', 'Inwoners', 'Gewicht nu', 'Gewicht voorstel', 'Macht nu', 'Macht voorstel'].map((t) => cell(t, { bold: true })),
            ...whatIf.segments.map((s) =>
              [
                DIMENSIONS[s.dimension] ?? s.dimension,
                segmentName(s.dimension, s.segment),
                percent(s.populationShare),
                percent(s.weightShareBefore),
                percent(s.weightShareAfter),
                percent(s.banzhafBefore),
                percent(s.banzhafAfter),
              ].map((t) => cell(t)),
            ),
          ],
        },
        layout: 'lightHorizontalLines',
      },
      { text: `Leden die stemgewicht of macht winnen of verliezen (${moved.length})`, bold: true, fontSize: 12, margin: [0, 12, 0, 4] },
      {
        table: {
          headerRows: 1,
          widths: ['*', 'auto', 'auto', 'auto', 'auto'],
          body: [
            ['Lid', 'Gewicht nu', 'Gewicht voorstel', 'Macht nu', 'Macht voorstel'].map((t) => cell(t, { bold: true })),
            ...moved.map((c) => [c.name, c.weightBefore, c.weightAfter, percent(c.banzhafBefore), percent(c.banzhafAfter)].map((t) => cell(t))),
          ],
        },
        layout: 'lightHorizontalLines',
      },
    ],
    footer: (page: number, pages: number) => ({ text: `${title} · ${page}/${pages}`, alignment: 'center', fontSize: 8, margin: [0, 10, 0, 0] }),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
  });
}
