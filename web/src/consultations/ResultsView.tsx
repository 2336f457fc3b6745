import { useMemo } from 'react';
import { Heading, Paragraph, Select, SelectOption, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n, type TextKey } from '../i18n';
import { DataTable, Field } from '../shell/components';
import { $api, apiState } from '../shell/client';
import { useProfile } from '../shell/ProfileContext';
import type { ConsultationResults, Divergence, QuestionResult, SegmentDimension, SegmentResult } from '../types';
import { useConsultationWords } from './common';
import { BarChart, barsOf, ResultTable } from './ResultChart';

export const DIMENSIONS: readonly SegmentDimension[] = ['province', 'sizeClass', 'network', 'memberClass', 'party'];
export const dimensionKey = (d: SegmentDimension): TextKey => `consultation.dimension.${d}`;

/** Segment values in words: size classes, member classes and networks by their names, local parties marked. */
export function useSegmentLabel() {
  const { t, local } = useI18n();
  const { profile } = useProfile();
  const networks = apiState($api.useQuery('get', '/api/v1/networks'));
  return useMemo(() => {
    const doc = profile?.document;
    return (dimension: SegmentDimension, segment: Pick<SegmentResult, 'segment' | 'local'>): string => {
      const value = segment.segment;
      if (dimension === 'sizeClass') {
        const found = doc?.sizeClasses.items.find((s) => s.code === value);
        return found ? local(found.label) : value;
      }
      if (dimension === 'memberClass') {
        const found = doc?.memberClasses.find((c) => c.code === value);
        return found ? local(found.name) : value;
      }
      if (dimension === 'network') return networks.data?.items.find((n) => n.code === value)?.name ?? value;
      if (dimension === 'party' && segment.local) return t('consultation.localPartyName', { name: value });
      return value;
    };
  }, [profile, networks.data, t, local]);
}

/** Segments in the profile's order where it has one (size classes small to large), else as the server sorts them. */
export function useSegmentOrder() {
  const { profile } = useProfile();
  return useMemo(() => {
    const doc = profile?.document;
    const orders: Partial<Record<SegmentDimension, string[]>> = {
      sizeClass: [...(doc?.sizeClasses.items ?? [])].sort((a, b) => a.from - b.from).map((c) => c.code),
      memberClass: doc?.memberClasses.map((c) => c.code) ?? [],
    };
    return <T extends { segment: string }>(dimension: SegmentDimension, segments: readonly T[]): T[] => {
      const order = orders[dimension];
      if (!order || order.length === 0) return [...segments];
      const rank = (s: T) => (order.includes(s.segment) ? order.indexOf(s.segment) : order.length);
      return [...segments].sort((a, b) => rank(a) - rank(b));
    };
  }, [profile]);
}

/** "Verdeeldheid: 62,00 procentpunt — meerderheden verschillen (Zeeland en Utrecht)" */
export function DivergenceText({ divergence, dimension }: { divergence: Divergence | null; dimension: SegmentDimension }) {
  const { t, lang } = useI18n();
  const label = useSegmentLabel();
  if (!divergence || divergence.segments.length < 2) return <Paragraph className="vd-divergence">{t('consultation.divergenceNone')}</Paragraph>;
  const points = lang === 'nl' ? divergence.points.replace('.', ',') : divergence.points;
  const [a, b] = divergence.segments.map((s) => label(dimension, { segment: s }));
  return (
    <Paragraph className={`vd-divergence ${divergence.majoritiesDiffer ? 'vd-divergence--differ' : ''}`}>
      <strong>{t('consultation.divergence', { points })}</strong>
      {' — '}
      {t(divergence.majoritiesDiffer ? 'consultation.majoritiesDiffer' : 'consultation.majoritiesAgree')} (
      {t('consultation.between', { a: a ?? '', b: b ?? '' })})
    </Paragraph>
  );
}

/** The response rate overall: members and vote weight, and how many did not respond. */
export function ResponseRateSummary({ results }: { results: ConsultationResults }) {
  const { t, number } = useI18n();
  const words = useConsultationWords();
  return (
    <div className="vd-rate">
      <p className="vd-rate__figure" data-testid="response-rate">
        {t('consultation.rateLine', {
          responded: number(results.responded.members),
          audience: number(results.audience.members),
          rate: words.percent(results.responseRate.members),
        })}
      </p>
      <Paragraph>
        {t('consultation.rateWeighted', {
          responded: number(results.responded.voteWeight),
          audience: number(results.audience.voteWeight),
          rate: words.percent(results.responseRate.voteWeight),
        })}
      </Paragraph>
      <Paragraph>
        {t('consultation.noResponseLine', { members: words.members(results.noResponse.members), weight: number(results.noResponse.voteWeight) })}
      </Paragraph>
    </div>
  );
}

/** The response rate per segment of the chosen dimension. */
export function SegmentRates({ results, dimension }: { results: ConsultationResults; dimension: SegmentDimension }) {
  const { t, number } = useI18n();
  const words = useConsultationWords();
  const label = useSegmentLabel();
  const order = useSegmentOrder();
  const rates = results.responseRates.find((r) => r.dimension === dimension);
  if (!rates) return <Paragraph>{t('consultation.noRatesForParty')}</Paragraph>;
  return (
    <DataTable caption={t('consultation.ratesCaption', { dimension: t(dimensionKey(dimension)) })}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t(dimensionKey(dimension))}</TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            {t('consultation.col.audience')}
          </TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            {t('consultation.col.responded')}
          </TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            {t('consultation.col.responseRate')}
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {order(dimension, rates.segments).map((s) => (
          <TableRow key={s.segment}>
            <TableHeaderCell scope="row" className="vd-row-header">
              {label(dimension, s)}
            </TableHeaderCell>
            <TableCell numericColumn>{number(s.audience)}</TableCell>
            <TableCell numericColumn>{number(s.responded)}</TableCell>
            <TableCell numericColumn>{words.percent(s.rate)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}

export function DimensionSelect({ value, onChange }: { value: SegmentDimension; onChange(d: SegmentDimension): void }) {
  const { t } = useI18n();
  return (
    <Field label={t('consultation.dimension')} description={t('consultation.dimensionHint')}>
      {({ id, describedBy }) => (
        <Select id={id} aria-describedby={describedBy} value={value} onChange={(e) => onChange(e.currentTarget.value as SegmentDimension)}>
          {DIMENSIONS.map((d) => (
            <SelectOption key={d} value={d}>
              {t(dimensionKey(d))}
            </SelectOption>
          ))}
        </Select>
      )}
    </Field>
  );
}

/** One question: divergence, the chart, its figures, and the segments side by side; open answers per segment. */
export function QuestionResultView({ question, dimension, headingLevel = 3 }: { question: QuestionResult; dimension: SegmentDimension; headingLevel?: 2 | 3 }) {
  const { t, number } = useI18n();
  const words = useConsultationWords();
  const option = (o: string) => words.option(question.kind, o);
  const title = t('consultation.questionTitle', { n: question.position, text: question.text });
  const breakdown = question.breakdowns.find((b) => b.dimension === dimension);
  return (
    <section className="vd-section vd-question-result" aria-labelledby={`qr-${question.questionId}`}>
      <Heading level={headingLevel} id={`qr-${question.questionId}`}>
        {title}
      </Heading>
      <Paragraph className="vd-muted">
        {t('consultation.answeredLine', {
          answered: words.members(question.answered.members),
          responded: number(question.responded.members),
          audience: number(question.audience.members),
        })}
      </Paragraph>
      {question.kind !== 'open' && <DivergenceText divergence={breakdown?.divergence ?? null} dimension={dimension} />}
      {question.kind === 'open' ? (
        <OpenAnswers question={question} dimension={dimension} />
      ) : (
        <>
          {question.mean && (
            <Paragraph>
              {t('consultation.mean', { unweighted: words.decimal(question.mean.unweighted), weighted: words.decimal(question.mean.weighted) })}
            </Paragraph>
          )}
          <div className="vd-result-pair">
            <BarChart bars={barsOf(question, option)} title={title} />
            <ResultTable question={question} caption={t('consultation.tableCaption', { n: question.position })} label={option} />
          </div>
          {breakdown && breakdown.segments.length > 0 && (
            <SegmentTable question={question} segments={breakdown.segments} dimension={dimension} label={option} />
          )}
        </>
      )}
    </section>
  );
}

/** Segments as columns, options as rows: the shares of each segment's answers side by side, so divergence shows. */
function SegmentTable({
  question,
  segments: unordered,
  dimension,
  label,
}: {
  question: QuestionResult;
  segments: SegmentResult[];
  dimension: SegmentDimension;
  label(option: string): string;
}) {
  const { t, number } = useI18n();
  const segments = useSegmentOrder()(dimension, unordered);
  const words = useConsultationWords();
  const segmentLabel = useSegmentLabel();
  const ranking = question.kind === 'ranking';
  return (
    <DataTable caption={t('consultation.segmentCaption', { n: question.position, dimension: t(dimensionKey(dimension)) })} className="vd-segment-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('consultation.col.option')}</TableHeaderCell>
          {segments.map((s) => (
            <TableHeaderCell key={s.segment} scope="col" numericColumn>
              {segmentLabel(dimension, s)}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {question.options.map((o) => (
          <TableRow key={o.option}>
            <TableHeaderCell scope="row" className="vd-row-header">
              {label(o.option)}
            </TableHeaderCell>
            {segments.map((s) => {
              const found = s.options.find((x) => x.option === o.option);
              const leading = s.leading.includes(o.option) && s.answered.members > 0;
              // A segment without answers has no shares: "—", never a 0 % that reads as rejection.
              if (s.answered.members === 0) {
                return (
                  <TableCell key={s.segment} numericColumn>
                    —
                  </TableCell>
                );
              }
              return (
                <TableCell key={s.segment} numericColumn className={leading ? 'vd-leading' : undefined}>
                  {ranking ? number(found?.points?.members ?? 0) : `${words.percent(found?.ofAnswered.members ?? '0.00')} (${number(found?.members ?? 0)})`}
                  {/* Leading is said in words, not only in bold. */}
                  {leading && (
                    <span className="vd-leading__mark">
                      {' '}
                      ★<span className="vd-visually-hidden"> {t('consultation.leading')}</span>
                    </span>
                  )}
                </TableCell>
              );
            })}
          </TableRow>
        ))}
        {question.mean && (
          <TableRow>
            <TableHeaderCell scope="row" className="vd-row-header">
              {t('consultation.meanShort')}
            </TableHeaderCell>
            {segments.map((s) => (
              <TableCell key={s.segment} numericColumn>
                {words.decimal(s.mean?.unweighted)}
              </TableCell>
            ))}
          </TableRow>
        )}
      </TableBody>
      <TableBody className="vd-result-table__others">
        <TableRow>
          <TableHeaderCell scope="row" className="vd-row-header">
            {t('consultation.col.respondedOfAudience')}
          </TableHeaderCell>
          {segments.map((s) => (
            <TableCell key={s.segment} numericColumn>
              {t('consultation.segmentRate', { responded: number(s.responded), audience: number(s.audience), rate: words.percent(s.responseRate) })}
            </TableCell>
          ))}
        </TableRow>
      </TableBody>
    </DataTable>
  );
}

/** Open answers grouped by the segment of the chosen dimension (a member in two networks appears under both). */
function OpenAnswers({ question, dimension }: { question: QuestionResult; dimension: SegmentDimension }) {
  const { t } = useI18n();
  const label = useSegmentLabel();
  const items = question.openAnswers;
  if (!items) return <Paragraph>{t('consultation.openHidden')}</Paragraph>;
  if (items.length === 0) return <Paragraph>{t('consultation.openNone')}</Paragraph>;
  const groups = new Map<string, typeof items>();
  for (const item of items) {
    const keys =
      dimension === 'province'
        ? [item.province]
        : dimension === 'sizeClass'
          ? [item.sizeClass ?? '—']
          : dimension === 'memberClass'
            ? [item.memberClass]
            : dimension === 'network'
              ? item.networks.length
                ? item.networks
                : ['—']
              : [item.party ?? t('consultation.noParty')];
    for (const key of keys) groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return (
    <div className="vd-open-answers">
      {[...groups].map(([segment, answers]) => (
        <section key={segment} aria-label={label(dimension, { segment })}>
          <Heading level={4}>{label(dimension, { segment })}</Heading>
          <ul className="vd-open-answers__list">
            {answers.map((a) => (
              <li key={`${segment}-${a.memberId}`}>
                <blockquote className="vd-open-answers__text">{a.text}</blockquote>
                <span className="vd-muted">— {a.memberName}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
