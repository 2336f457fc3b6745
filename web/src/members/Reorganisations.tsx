import { Fragment } from 'react';
import type { Reorganisation } from '../types';
import { useI18n } from '../i18n';
import { addDays } from '../shell/dates';
import { AppLink, VisuallyHidden } from '../shell/components';

/** "Schijndel, Sint-Oedenrode, Veghel → Meierijstad", each party linked to the member as it was then. */
export function ReorganisationParties({ reorganisation, currentMemberId }: { reorganisation: Reorganisation; currentMemberId?: string }) {
  const { t } = useI18n();
  const before = reorganisation.parts.filter((p) => p.role === 'predecessor');
  const after = reorganisation.parts.filter((p) => p.role === 'successor');
  // A predecessor is shown on the day before, a successor on the effective date.
  const dayBefore = addDays(reorganisation.effectiveDate, -1);
  const party = (part: Reorganisation['parts'][number], asOf: string) =>
    part.memberId === currentMemberId ? <strong>{part.name}</strong> : <AppLink to={`/leden/${part.memberId}?asOf=${asOf}`}>{part.name}</AppLink>;
  const list = (parts: Reorganisation['parts'], asOf: string) =>
    parts.map((part, index) => (
      <Fragment key={`${part.memberId}-${part.role}`}>
        {index > 0 && ', '}
        {party(part, asOf)}
      </Fragment>
    ));
  return (
    <span className="vd-parties">
      {before.length > 0 && <span className="vd-parties__group">{list(before, dayBefore)}</span>}
      {before.length > 0 && after.length > 0 && (
        <>
          {' '}
          <span aria-hidden="true">→</span>
          <VisuallyHidden>{t('common.into')}</VisuallyHidden>{' '}
        </>
      )}
      {after.length > 0 && <span className="vd-parties__group">{list(after, reorganisation.effectiveDate)}</span>}
    </span>
  );
}

export const kindKey = (kind: Reorganisation['kind']) => `kind.${kind}` as const;
