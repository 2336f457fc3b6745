import { stringify } from 'csv-stringify/sync';
import { renderPdf } from '../core/pdf.js';
import { percent } from './results.js';
import type { ProfileDocument } from '../profile/schemas.js';
import type { ConsultationResults, OptionResult, QuestionResult, Shares, Tally } from './schemas.js';

/** The results as a CSV table and as a PDF report with bar charts, for staff. */

const KIND_LABELS: Record<QuestionResult['kind'], string> = {
  position: 'standpunt',
  single: 'enkelvoudige keuze',
  multiple: 'meervoudige keuze',
  ranking: 'rangorde',
  scale: 'schaal',
  open: 'open vraag',
};
const OPTION_LABELS: Record<string, string> = { agree: 'eens', disagree: 'oneens', abstain: 'onthouding' };
const DIMENSION_LABELS: Record<string, string> = {
  province: 'provincie',
  sizeClass: 'grootteklasse',
  network: 'netwerk',
  memberClass: 'soort lid',
  party: 'partij',
};
export const NO_RESPONSE_LABEL = 'geen reactie';

const optionLabel = (option: string) => OPTION_LABELS[option] ?? option;

/** A segment as people name it: size classes and member classes by the profile's Dutch label, not their code. */
export type SegmentNames = (dimension: string, segment: string) => string;
export function segmentNamesOf(profile: Pick<ProfileDocument, 'sizeClasses' | 'memberClasses'>): SegmentNames {
  const sizes = new Map(profile.sizeClasses.items.map((c) => [c.code, c.label.nl]));
  const classes = new Map(profile.memberClasses.map((c) => [c.code, c.name.nl]));
  return (dimension, segment) => (dimension === 'sizeClass' ? sizes.get(segment) : dimension === 'memberClass' ? classes.get(segment) : undefined) ?? segment;
}
const asIs: SegmentNames = (_dimension, segment) => segment;

const CSV_COLUMNS = [
  'question',
  'questionText',
  'kind',
  'dimension',
  'segment',
  'option',
  'members',
  'voteWeight',
  'population',
  'percentMembers',
  'percentVoteWeight',
  'percentPopulation',
  'points',
  'weightedPoints',
];

const optionRow = (q: QuestionResult, dimension: string, segment: string, o: OptionResult) => [
  q.position,
  q.text,
  q.kind,
  dimension,
  segment,
  optionLabel(o.option),
  o.members,
  o.voteWeight,
  o.population,
  o.ofAnswered.members,
  o.ofAnswered.voteWeight,
  o.ofAnswered.population,
  o.points?.members ?? '',
  o.points?.voteWeight ?? '',
];
const tallyRow = (q: QuestionResult, label: string, tally: Tally, shares: Shares) => [
  q.position,
  q.text,
  q.kind,
  'alle leden',
  '',
  label,
  tally.members,
  tally.voteWeight,
  tally.population,
  shares.members,
  shares.voteWeight,
  shares.population,
  '',
  '',
];

const share = (part: Tally, whole: Tally): Shares => ({
  members: percent(part.members, whole.members),
  voteWeight: percent(part.voteWeight, whole.voteWeight),
  population: percent(part.population, whole.population),
});

/**
 * One row per question, segment and option with unweighted and weighted figures; percentages are of
 * the members that answered the question. Non-response is its own row (percent of the audience),
 * never part of an option. Cells starting with = + - @ are escaped against spreadsheet formulas.
 */
export function resultsCsv(results: ConsultationResults, names: SegmentNames = asIs): string {
  const rows: (string | number)[][] = [];
  for (const q of results.questions) {
    for (const o of q.options) rows.push(optionRow(q, 'alle leden', '', o));
    rows.push(tallyRow(q, 'beantwoord', q.answered, share(q.answered, q.audience)));
    rows.push(tallyRow(q, 'overgeslagen', q.skipped, share(q.skipped, q.audience)));
    rows.push(tallyRow(q, NO_RESPONSE_LABEL, q.noResponse, share(q.noResponse, q.audience)));
    for (const b of q.breakdowns)
      for (const s of b.segments)
        for (const o of s.options) rows.push(optionRow(q, DIMENSION_LABELS[b.dimension] ?? b.dimension, names(b.dimension, s.segment), o));
    for (const a of q.openAnswers ?? []) rows.push([q.position, q.text, q.kind, 'lid', a.memberName, a.text, '', '', '', '', '', '', '', '']);
  }
  return stringify(rows, { header: true, columns: CSV_COLUMNS, escape_formulas: true });
}

const dutch = (percent: string) => `${percent.replace('.', ',')}%`;
const BAR_WIDTH = 200;
const BAR_HEIGHT = 8;

/** Two bars per option (members and vote weight), drawn with pdfmake's canvas: no chart library needed. */
function barChart(options: readonly OptionResult[], noResponse: Shares | null) {
  const rows = [
    ...options.map((o) => ({
      label: optionLabel(o.option),
      members: Number(o.ofAnswered.members),
      weight: Number(o.ofAnswered.voteWeight),
      text: `${dutch(o.ofAnswered.members)} leden · ${dutch(o.ofAnswered.voteWeight)} stemgewicht`,
    })),
    ...(noResponse
      ? [
          {
            label: NO_RESPONSE_LABEL,
            members: Number(noResponse.members),
            weight: Number(noResponse.voteWeight),
            text: `${dutch(noResponse.members)} van de doelgroep`,
          },
        ]
      : []),
  ];
  return {
    table: {
      widths: [90, BAR_WIDTH + 4, '*'],
      body: rows.map((r) => [
        { text: r.label, fontSize: 9 },
        {
          canvas: [
            { type: 'rect', x: 0, y: 0, w: (BAR_WIDTH * r.members) / 100, h: BAR_HEIGHT, color: '#1f5f8b' },
            { type: 'rect', x: 0, y: BAR_HEIGHT + 2, w: (BAR_WIDTH * r.weight) / 100, h: BAR_HEIGHT, color: '#e17000' },
          ],
        },
        { text: r.text, fontSize: 8 },
      ]),
    },
    layout: 'noBorders',
    margin: [0, 4, 0, 8],
  };
}

function questionSection(q: QuestionResult, names: SegmentNames) {
  const parts: object[] = [
    { text: `${q.position}. ${q.text}`, bold: true, fontSize: 12, margin: [0, 12, 0, 2] },
    {
      text: `${KIND_LABELS[q.kind]} · beantwoord door ${q.answered.members} leden (stemgewicht ${q.answered.voteWeight}); geen reactie: ${q.noResponse.members} leden`,
      fontSize: 8,
      color: '#555',
    },
  ];
  if (q.options.length) parts.push(barChart(q.options, q.kind === 'multiple' ? null : share(q.noResponse, q.audience)));
  if (q.mean) parts.push({ text: `Gemiddelde: ${q.mean.unweighted ?? '–'} (gewogen naar stemgewicht: ${q.mean.weighted ?? '–'})`, fontSize: 9 });
  if (q.divergence)
    parts.push({
      text: `Verdeeldheid (${DIMENSION_LABELS[q.divergence.dimension]}): ${q.divergence.points.replace('.', ',')} procentpunt tussen ${q.divergence.segments.map((segment) => names(q.divergence!.dimension, segment)).join(' en ')}${q.divergence.majoritiesDiffer ? ' — meerderheden verschillen' : ''}`,
      fontSize: 9,
      italics: true,
    });
  const provinces = q.breakdowns.find((b) => b.dimension === 'province');
  if (provinces && q.options.length) {
    parts.push({
      table: {
        headerRows: 1,
        widths: ['*', 'auto', 'auto', ...q.options.map(() => 'auto')],
        body: [
          ['Provincie', 'Doelgroep', 'Respons', ...q.options.map((o) => optionLabel(o.option))].map((t) => ({ text: t, bold: true, fontSize: 8 })),
          ...provinces.segments.map((s) =>
            [s.segment, String(s.audience), dutch(s.responseRate), ...s.options.map((o) => dutch(o.ofAnswered.members))].map((t) => ({ text: t, fontSize: 8 })),
          ),
        ],
      },
      layout: 'lightHorizontalLines',
      margin: [0, 4, 0, 4],
    });
  }
  for (const a of q.openAnswers ?? [])
    parts.push({ text: [{ text: `${a.memberName} (${a.province}): `, bold: true }, a.text], fontSize: 9, margin: [0, 2, 0, 0] });
  return parts;
}

export async function resultsPdf(results: ConsultationResults, names: SegmentNames = asIs): Promise<Buffer> {
  const doc = {
    info: { title: `Uitslag ledenraadpleging: ${results.title}`, creator: 'Verenigd' },
    content: [
      { text: results.title, fontSize: 18, bold: true },
      { text: 'Uitslag ledenraadpleging', fontSize: 11, margin: [0, 0, 0, 8] },
      {
        text: `Respons: ${results.responded.members} van ${results.audience.members} leden (${dutch(results.responseRate.members)}), ${dutch(results.responseRate.voteWeight)} van het stemgewicht. Leden die niet reageerden, tellen niet mee als instemming.`,
        fontSize: 10,
      },
      { text: 'Blauw: aandeel van de leden · oranje: aandeel van het stemgewicht (statutair).', fontSize: 8, color: '#555', margin: [0, 4, 0, 0] },
      ...(results.outcome ? [{ text: `Uitkomst: ${results.outcome.text}`, fontSize: 10, margin: [0, 6, 0, 0] }] : []),
      ...results.questions.flatMap((q) => questionSection(q, names)),
    ],
    footer: (page: number, pages: number) => ({ text: `${results.title} · ${page}/${pages}`, alignment: 'center', fontSize: 8, margin: [0, 10, 0, 0] }),
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.2 },
    pageMargins: [48, 48, 48, 48],
  };
  return renderPdf(doc);
}
