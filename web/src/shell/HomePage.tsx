import { Heading, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { $api, apiState } from './client';
import { useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { canManage } from '../types';
import { AppLink, Loading, PageTitle, ProblemAlert, usePageTitle } from './components';
import { useProfile } from './ProfileContext';
import { useMyMembers } from '../meetings/common';
import { RepresentativeHome } from '../home/RepresentativeHome';

export function HomePage() {
  const { t, count, number, date } = useI18n();
  const { profile } = useProfile();
  const { user } = useSession();
  const totals = apiState($api.useQuery('get', '/api/v1/members', { params: { query: { limit: 1 } } }));
  const name = profile?.document.name ?? t('app.name');
  const myMembers = useMyMembers(Boolean(user));
  usePageTitle('');

  return (
    <>
      <PageTitle>{name}</PageTitle>
      {/* A representative first sees what to do; the introduction to the association comes after. */}
      {myMembers.length > 0 && <RepresentativeHome members={myMembers} />}
      <Paragraph appearance="lead">{t('home.intro')}</Paragraph>

      <section className="vd-section">
        <Heading level={2} id="home-totals">
          {t('home.totalsTitle')}
        </Heading>
        <ProblemAlert error={totals.error} />
        {totals.data ? (
          <Paragraph className="vd-totals">
            {t('home.totals', {
              date: date(totals.data.asOf),
              count: count('members.count', totals.data.total),
              weight: number(totals.data.totalVoteWeight),
              population: number(totals.data.totalPopulation),
            })}
          </Paragraph>
        ) : (
          !totals.error && <Loading />
        )}
      </section>

      <section className="vd-section">
        <Heading level={2} id="home-sections">
          {t('home.sections')}
        </Heading>
        <UnorderedList className="vd-section-list">
          <UnorderedListItem>
            <AppLink to="/leden">{t('nav.members')}</AppLink> — {t('home.members')}
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to="/herindelingen">{t('nav.reorganisations')}</AppLink> — {t('home.reorganisations')}
          </UnorderedListItem>
          <UnorderedListItem>
            <AppLink to="/profiel">{t('nav.profile')}</AppLink> — {t('home.profile')}
          </UnorderedListItem>
          {(canManage(user) || !user) && (
            <UnorderedListItem>
              <AppLink to="/beheer/import">{t('nav.import')}</AppLink> — {t('home.import')}
            </UnorderedListItem>
          )}
        </UnorderedList>
      </section>
    </>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  usePageTitle(t('notFound.title'));
  return (
    <>
      <PageTitle>{t('notFound.title')}</PageTitle>
      <Paragraph>{t('notFound.text')}</Paragraph>
      <Paragraph>
        <AppLink to="/">{t('notFound.home')}</AppLink>
      </Paragraph>
    </>
  );
}
