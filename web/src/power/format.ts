import type { TextKey } from '../i18n';

/** A share 0–1 as a percentage with two decimals in the reader's language ("12,34%"). */
export const share = (x: number, locale: string) => `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x * 100)}%`;

/** A ratio such as power per population share, two decimals. */
export const ratio = (x: number | null, locale: string) =>
  x === null ? '—' : new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(x);

export const DIMENSIONS = ['province', 'sizeClass', 'network', 'memberClass'] as const;
export type PowerDimension = (typeof DIMENSIONS)[number];
export const MAJORITIES = ['simple', 'twoThirds', 'double'] as const;
export type PowerMajority = (typeof MAJORITIES)[number];

type ColumnKey = Extract<TextKey, `power.col.${string}`> extends `power.col.${infer K}` ? K : never;

/** Column headers of the power tables by their text keys (power.col.*). */
export const columns = (t: (key: TextKey) => string, keys: readonly ColumnKey[]) => keys.map((key) => t(`power.col.${key}` as TextKey));
