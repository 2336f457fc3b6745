import { useId } from 'react';
import { TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { DataTable } from '../shell/components';
import type { OptionResult, QuestionResult } from '../types';
import { useConsultationWords } from './common';

interface Bar {
  label: string;
  /** Percentages 0–100 as the API sends them ("66.67"). */
  unweighted: string;
  weighted: string;
}

/** The bars of a question: share of the members that answered, unweighted and by vote weight. Ranking: share of the Borda points. */
export function barsOf(question: Pick<QuestionResult, 'kind' | 'options'>, label: (option: string) => string): Bar[] {
  if (question.kind === 'ranking') {
    const total = question.options.reduce((acc, o) => ({ members: acc.members + (o.points?.members ?? 0), weight: acc.weight + (o.points?.voteWeight ?? 0) }), {
      members: 0,
      weight: 0,
    });
    const share = (n: number, of: number) => (of > 0 ? ((n * 100) / of).toFixed(2) : '0.00');
    return question.options.map((o) => ({
      label: label(o.option),
      unweighted: share(o.points?.members ?? 0, total.members),
      weighted: share(o.points?.voteWeight ?? 0, total.weight),
    }));
  }
  return question.options.map((o) => ({ label: label(o.option), unweighted: o.ofAnswered.members, weighted: o.ofAnswered.voteWeight }));
}

const ROW = 42;
const LABEL_WIDTH = 190;
const BAR_WIDTH = 300;

/**
 * A horizontal bar chart as SVG: per option a bar for members (solid) and one for vote weight
 * (hatched, so the two differ by pattern as well as colour). The chart is one image with a
 * spoken summary (role="img" + aria-label); the table next to it carries the same figures.
 */
export function BarChart({ bars, title }: { bars: Bar[]; title: string }) {
  const { t } = useI18n();
  const words = useConsultationWords();
  const patternId = useId().replace(/:/g, '');
  const height = bars.length * ROW + 34;
  const summary = `${title}. ${bars.map((b) => t('consultation.chartBar', { option: b.label, members: words.percent(b.unweighted), weighted: words.percent(b.weighted) })).join('; ')}.`;
  const width = (value: string) => Math.max(0, Math.min(100, Number(value))) * (BAR_WIDTH / 100);
  return (
    <figure className="vd-chart">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + 80} ${height}`}
        className="vd-chart__svg"
        preserveAspectRatio="xMinYMin meet"
      >
        <defs>
          <pattern id={patternId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <rect width="3" height="6" fill="#1f4e79" />
          </pattern>
        </defs>
        {bars.map((bar, i) => {
          const y = i * ROW;
          return (
            <g key={bar.label}>
              <text x={LABEL_WIDTH - 8} y={y + 24} textAnchor="end" className="vd-chart__label">
                {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
              </text>
              <rect x={LABEL_WIDTH} y={y + 4} width={width(bar.unweighted)} height={15} fill="#3669a5" />
              <rect x={LABEL_WIDTH} y={y + 21} width={width(bar.weighted)} height={15} fill={`url(#${patternId})`} stroke="#1f4e79" strokeWidth="1" />
              <text x={LABEL_WIDTH + width(bar.unweighted) + 4} y={y + 17} className="vd-chart__value">
                {words.percent(bar.unweighted)}
              </text>
              <text x={LABEL_WIDTH + width(bar.weighted) + 4} y={y + 34} className="vd-chart__value">
                {words.percent(bar.weighted)}
              </text>
            </g>
          );
        })}
        <g transform={`translate(${LABEL_WIDTH}, ${bars.length * ROW + 10})`}>
          <rect width="14" height="14" fill="#3669a5" />
          <text x="20" y="12" className="vd-chart__legend">
            {t('consultation.chartMembers')}
          </text>
          <rect x="130" width="14" height="14" fill={`url(#${patternId})`} stroke="#1f4e79" />
          <text x="150" y="12" className="vd-chart__legend">
            {t('consultation.chartWeighted')}
          </text>
        </g>
      </svg>
    </figure>
  );
}

/**
 * The figures of a question: per option members and weight with their shares of those who
 * answered, then — apart, below a line — those who skipped the question and the members that did
 * not respond at all. Non-response is never added to any option.
 */
export function ResultTable({ question, caption, label }: { question: QuestionResult; caption: string; label: (option: string) => string }) {
  const { t, number } = useI18n();
  const words = useConsultationWords();
  const ranking = question.kind === 'ranking';
  const row = (o: OptionResult) => (
    <TableRow key={o.option}>
      <TableHeaderCell scope="row" className="vd-row-header">
        {label(o.option)}
      </TableHeaderCell>
      {ranking ? (
        <>
          <TableCell numericColumn>{number(o.points?.members ?? 0)}</TableCell>
          <TableCell numericColumn>{number(o.points?.voteWeight ?? 0)}</TableCell>
          <TableCell numericColumn>{number(o.members)}</TableCell>
        </>
      ) : (
        <>
          <TableCell numericColumn>{number(o.members)}</TableCell>
          <TableCell numericColumn>{words.percent(o.ofAnswered.members)}</TableCell>
          <TableCell numericColumn>{number(o.voteWeight)}</TableCell>
          <TableCell numericColumn>{words.percent(o.ofAnswered.voteWeight)}</TableCell>
          <TableCell numericColumn>{words.percent(o.ofAnswered.population)}</TableCell>
        </>
      )}
    </TableRow>
  );
  const apart = (key: string, title: string, tally: QuestionResult['noResponse']) => (
    <TableRow key={key} className="vd-result-table__apart">
      <TableHeaderCell scope="row" className="vd-row-header">
        {title}
      </TableHeaderCell>
      <TableCell numericColumn>{number(tally.members)}</TableCell>
      {!ranking && <TableCell numericColumn>—</TableCell>}
      <TableCell numericColumn>{number(tally.voteWeight)}</TableCell>
      {!ranking && (
        <>
          <TableCell numericColumn>—</TableCell>
          <TableCell numericColumn>—</TableCell>
        </>
      )}
      {ranking && <TableCell numericColumn>—</TableCell>}
    </TableRow>
  );
  return (
    <DataTable caption={caption} className="vd-result-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('consultation.col.option')}</TableHeaderCell>
          {ranking ? (
            <>
              <TableHeaderCell scope="col" numericColumn>
                {t('consultation.col.points')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('consultation.col.pointsWeighted')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('consultation.col.firstPlaces')}
              </TableHeaderCell>
            </>
          ) : (
            <>
              <TableHeaderCell scope="col" numericColumn>
                {t('consultation.col.members')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('consultation.col.membersShare')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('consultation.col.weight')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('consultation.col.weightShare')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('consultation.col.populationShare')}
              </TableHeaderCell>
            </>
          )}
        </TableRow>
      </TableHeader>
      <TableBody>{question.options.map(row)}</TableBody>
      {/* A separate body: these rows are no option and no share of any. */}
      <TableBody className="vd-result-table__others">
        {question.skipped.members > 0 && apart('skipped', t('consultation.skipped'), question.skipped)}
        {apart('no-response', t('consultation.noResponse'), question.noResponse)}
      </TableBody>
    </DataTable>
  );
}
