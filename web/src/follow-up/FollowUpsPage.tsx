import { useParams, useSearchParams } from 'react-router';
import { Link, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { isStaff, MeetingPageTop, useMeeting } from '../meetings/common';
import { useSession } from '../session/SessionContext';
import { CommitmentForm } from './CommitmentForm';
import { $api, apiState } from '../shell/client';
import { AppLink, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { FollowUpTable } from './FollowUpTable';

/** Every follow-up, newest meeting first; "?verstreken=ja" shows the overdue ones only. Public. */
export function FollowUpsPage() {
  const { t } = useI18n();
  const [search] = useSearchParams();
  const overdue = search.get('verstreken') === 'ja';
  usePageTitle(t('followUp.title'));
  const list = apiState($api.useQuery('get', '/api/v1/follow-ups', { params: { query: { limit: 1000, ...(overdue ? { overdue: true } : {}) } } }));
  return (
    <>
      <PageTitle>{t('followUp.title')}</PageTitle>
      <Paragraph appearance="lead">{t('followUp.intro')}</Paragraph>
      <Paragraph>
        <AppLink to={overdue ? '/opvolging' : '/opvolging?verstreken=ja'}>{overdue ? t('followUp.all') : t('followUp.onlyOverdue')}</AppLink>
        {' · '}
        <Link href="/api/v1/follow-ups/report.pdf">{t('followUp.report')}</Link>
      </Paragraph>
      <ProblemAlert error={list.error} />
      {list.loading && <Loading />}
      {list.data && <FollowUpTable items={list.data.items} withMeeting />}
    </>
  );
}

/** The follow-up of one meeting, like Decidim's accountability module: status, owner, due date, latest progress. Public. */
export function MeetingFollowUpsPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const meeting = useMeeting(id);
  const list = apiState($api.useQuery('get', '/api/v1/follow-ups', { params: { query: { meetingId: id, limit: 1000 } } }));
  const m = meeting.data;
  return (
    <>
      <MeetingPageTop title={m ? t('followUp.meetingTitle', { title: m.title }) : ''} meeting={m} error={meeting.error} />
      <ProblemAlert error={meeting.error ?? list.error} />
      {(meeting.loading || list.loading) && <Loading />}
      {m && list.data && (
        <>
          <Paragraph appearance="lead">{t('followUp.intro')}</Paragraph>
          <FollowUpTable items={list.data.items} />
          {isStaff(user) && <CommitmentForm meetingId={id} onDone={list.reload} />}
        </>
      )}
    </>
  );
}
