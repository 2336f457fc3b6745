import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, apiState } from '../shell/client';
import type { Reorganisation } from '../types';
import { kindKey, ReorganisationParties } from './Reorganisations';

export function ReorganisationsPage() {
  const { t, count, date } = useI18n();
  const { data, error, loading } = apiState($api.useQuery('get', '/api/v1/reorganisations'));
  usePageTitle(t('reorgs.title'));

  const byYear = new Map<string, Reorganisation[]>();
  for (const item of [...(data?.items ?? [])].sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate))) {
    const year = item.effectiveDate.slice(0, 4);
    byYear.set(year, [...(byYear.get(year) ?? []), item]);
  }

  return (
    <>
      <PageTitle>{t('reorgs.title')}</PageTitle>
      <Paragraph appearance="lead">{t('reorgs.intro')}</Paragraph>
      <ProblemAlert error={error} />
      {!data && loading && <Loading />}
      {data && data.items.length === 0 && <Paragraph>{t('reorgs.none')}</Paragraph>}
      {data && data.items.length > 0 && <Paragraph>{count('reorgs.count', data.total)}</Paragraph>}
      {[...byYear.entries()].map(([year, items]) => (
        <section key={year} className="vd-section">
          <Heading level={2} id={`year-${year}`}>
            {year} <span className="vd-heading-note">({count('reorgs.count', items.length)})</span>
          </Heading>
          <ul className="vd-reorg-list">
            {items.map((item) => (
              <li key={item.id} className="vd-reorg">
                <Heading level={3} appearance="utrecht-heading-5" className="vd-reorg__title">
                  {capitalise(t('reorgs.item', { kind: t(kindKey(item.kind)), date: date(item.effectiveDate) }))}
                </Heading>
                <p className="utrecht-paragraph vd-reorg__parties">
                  <ReorganisationParties reorganisation={item} />
                </p>
                {item.note && <Paragraph className="vd-reorg__note">{item.note}</Paragraph>}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
