import { useEffect, useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Paragraph, Textbox } from '@utrecht/component-library-react';
import { useI18n, type TextKey } from '../i18n';
import { Field } from './components';
import { today } from './dates';
import { DateField } from './fields';

type Changes = Record<string, string | undefined>;

/**
 * The filters, sort and page of a list live in the address, so a list can be linked and reloaded.
 * update() sets or clears parameters; any change other than the page starts again on the first page.
 */
export function useListQuery() {
  const [params, setParams] = useSearchParams();
  const offset = Math.max(0, Number.parseInt(params.get('offset') ?? '0', 10) || 0);
  function update(changes: Changes) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (!('offset' in changes)) next.delete('offset');
        for (const [key, value] of Object.entries(changes)) {
          if (value === undefined || value === '' || (key === 'offset' && value === '0')) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );
  }
  /** Clears every filter, keeping only the given parameters. */
  function reset(keep: Record<string, string> = {}) {
    setParams(keep, { replace: true });
  }
  return { params, offset, update, reset };
}

/** The text in a search box, applied as the user types after a short pause (and at once on submit). */
export function useTypedSearch(q: string, apply: (q: string) => void) {
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  useEffect(() => {
    if (text === q) return;
    const timer = window.setTimeout(() => apply(text), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  return [text, setText] as const;
}

/** The search box of a list's filters. */
export function SearchBox({ label, value, onChange }: { label: string; value: string; onChange(value: string): void }) {
  return (
    <Field label={label}>
      {({ id }) => <Textbox id={id} type="search" name="q" value={value} autoComplete="off" onChange={(e) => onChange(e.currentTarget.value)} />}
    </Field>
  );
}

/** The buttons under a list's filters: search (when the filters have a search box) and reset. */
export function FilterActions({ search, reset, resetDisabled, onReset }: { search?: string; reset: string; resetDisabled: boolean; onReset(): void }) {
  return (
    <div className="vd-filters__actions">
      {search && (
        <Button type="submit" appearance="primary-action-button">
          {search}
        </Button>
      )}
      <Button type="button" appearance="secondary-action-button" disabled={resetDisabled} onClick={onReset}>
        {reset}
      </Button>
    </div>
  );
}

/** What a list shows now, as a status that screen readers announce when the filters change it. */
export function ListSummary({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <p role="status" aria-live="polite" aria-atomic="true" className="vd-summary" data-testid={testId}>
      {children}
    </p>
  );
}

/** "12 people · 1–100": the count of a paged list, with the range shown when it spans more than one page. */
export function usePagedCount(texts: { none: TextKey; one: TextKey; other: TextKey }, pageSize: number) {
  const { t, number } = useI18n();
  return (total: number, offset: number) => {
    if (total === 0) return t(texts.none);
    const count = t(total === 1 ? texts.one : texts.other, { n: number(total) });
    if (total <= pageSize) return count;
    return `${count} · ${t('people.range', { from: number(offset + 1), to: number(Math.min(offset + pageSize, total)) })}`;
  };
}

/**
 * Previous and next for a long list; hidden while everything fits on one page.
 * At either end the button is aria-disabled rather than disabled, so it keeps the keyboard focus.
 */
export function Pagination({
  label,
  total,
  limit,
  offset,
  onChange,
}: {
  label: string;
  total: number;
  limit: number;
  offset: number;
  onChange(offset: number): void;
}) {
  const { t, number } = useI18n();
  if (total <= limit) return null;
  const pages = Math.ceil(total / limit);
  const page = Math.floor(offset / limit) + 1;
  const step = (text: string, enabled: boolean, next: number) => (
    <Button
      appearance="secondary-action-button"
      aria-disabled={!enabled || undefined}
      className={enabled ? undefined : 'utrecht-button--disabled'}
      onClick={() => {
        if (enabled) onChange(next);
      }}
    >
      {text}
    </Button>
  );
  return (
    <nav aria-label={label} className="vd-pagination">
      {step(t('people.previous'), page > 1, Math.max(0, offset - limit))}
      <Paragraph className="vd-pagination__page" aria-live="polite">
        {t('people.page', { page: number(page), pages: number(pages) })}
      </Paragraph>
      {step(t('people.next'), page < pages, offset + limit)}
    </nav>
  );
}

/** The day a page shows (?asOf=); today leaves the address without it. */
export function AsOfForm({ label, value }: { label: string; value: string }) {
  const [, setParams] = useSearchParams();
  return (
    <form className="vd-filters vd-filters--single" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      <DateField onlyValid label={label} name="asOf" value={value} onChange={(day) => setParams(day === today() ? {} : { asOf: day }, { replace: true })} />
    </form>
  );
}
