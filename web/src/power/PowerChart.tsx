import { useId } from 'react';
import { useI18n } from '../i18n';
import { share } from './format';

export interface PowerBar {
  label: string;
  populationShare: number;
  weightShare: number;
  banzhaf: number;
}

const ROW = 40;
const LABEL_WIDTH = 170;
const BAR_WIDTH = 320;

/**
 * Three bars per segment (inhabitants, weight, power) as one SVG image with a spoken summary; the table
 * beside it carries the same figures. The bars differ by pattern as well as colour.
 */
export function PowerChart({ bars, title }: { bars: readonly PowerBar[]; title: string }) {
  const { t, locale } = useI18n();
  const patternId = useId().replace(/:/g, '');
  const max = Math.max(0.0001, ...bars.flatMap((b) => [b.populationShare, b.weightShare, b.banzhaf]));
  const width = (x: number) => (x / max) * BAR_WIDTH;
  const summary = `${title}. ${bars
    .map((b) =>
      t('power.chartBar', {
        segment: b.label,
        population: share(b.populationShare, locale),
        weight: share(b.weightShare, locale),
        power: share(b.banzhaf, locale),
      }),
    )
    .join('; ')}.`;
  return (
    <figure className="vd-chart">
      <svg role="img" aria-label={summary} viewBox={`0 0 ${LABEL_WIDTH + BAR_WIDTH + 70} ${bars.length * ROW + 8}`} className="vd-chart__svg">
        <defs>
          <pattern id={patternId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" fill="#ffffff" />
            <rect width="3" height="6" fill="#8a4b00" />
          </pattern>
        </defs>
        {bars.map((b, i) => {
          const y = i * ROW + 4;
          return (
            <g key={b.label}>
              <text x={LABEL_WIDTH - 8} y={y + 19} textAnchor="end" fontSize="13" fill="#1a1a1a">
                {b.label.length > 24 ? `${b.label.slice(0, 23)}…` : b.label}
              </text>
              <rect x={LABEL_WIDTH} y={y} width={width(b.populationShare)} height={10} fill="#9cc3e4" />
              <rect x={LABEL_WIDTH} y={y + 11} width={width(b.weightShare)} height={10} fill={`url(#${patternId})`} stroke="#8a4b00" strokeWidth="1" />
              <rect x={LABEL_WIDTH} y={y + 22} width={width(b.banzhaf)} height={10} fill="#1f4e79" />
              <text x={LABEL_WIDTH + width(b.banzhaf) + 4} y={y + 31} fontSize="11" fill="#1a1a1a">
                {share(b.banzhaf, locale)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="vd-chart__legend">{t('power.chartLegend')}</figcaption>
    </figure>
  );
}
