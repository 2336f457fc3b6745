import { Button, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';

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
