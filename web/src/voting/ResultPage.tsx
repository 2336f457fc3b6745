import { useParams } from 'react-router';
import { DataList, DataListItem, DataListKey, DataListValue, Heading, Paragraph } from '@utrecht/component-library-react';
import { $api, apiState } from '../shell/client';
import { BackLink } from '../shell/nav';
import { useI18n } from '../i18n';
import { meetingPath } from '../meetings/common';
import { useSession } from '../session/SessionContext';
import { AppLink, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import type { Poll } from '../types';
import { VoteLink, ProgressBar, resultPath, ResultChart, ruleKey, secrecyKey, statusKey, useLivePoll, usePollWords, useProgressText } from './common';
import { Chain, ReceiptForm } from './ResultChecks';
import { Segments, Totals, Votes } from './ResultTables';

/**
 * A poll's public page: what was asked, the result with its totals and segments, the votes per member
 * where they are public, the chain head to verify the log with, and a check of a voter's receipt.
 */
export function ResultPage() {
  const { pollId = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const live = useLivePoll(pollId);
  const poll = live.poll;
  const meeting = apiState($api.useQuery('get', '/api/v1/meetings/{id}', { params: { path: { id: poll?.meetingId ?? '' } } }, { enabled: poll !== undefined }));
  const progressText = useProgressText();
  const heading = poll ? t('poll.resultPageTitle', { question: poll.question }) : live.error ? live.error.title : t('common.loading');
  usePageTitle(heading);

  return (
    <>
      {poll && <BackLink to={meetingPath(poll.meetingId)}>{t('poll.backToMeeting', { title: meeting.data?.title ?? '' })}</BackLink>}
      <PageTitle>{heading}</PageTitle>
      <ProblemAlert error={live.error} />
      {!poll && !live.error && <Loading />}
      {poll && (
        <>
          <PollFacts poll={poll} meetingTitle={meeting.data?.title} />
          {poll.status === 'open' && (
            <section className="vd-section" aria-labelledby="poll-progress">
              <Heading level={2} id="poll-progress">
                {t('poll.progressTitle')}
              </Heading>
              <Paragraph role="status">{progressText(poll.progress)}</Paragraph>
              <ProgressBar progress={poll.progress} />
              <Paragraph>{t(poll.secrecy === 'secret' ? 'poll.secretNoRunning' : 'poll.resultFollows')}</Paragraph>
              {user && (
                <Paragraph>
                  <VoteLink pollId={poll.id}>{t('poll.voteLink')}</VoteLink>
                </Paragraph>
              )}
            </section>
          )}
          {poll.status === 'cancelled' && <Paragraph>{t('poll.wasCancelled')}</Paragraph>}
          {poll.result && (
            <section className="vd-section" aria-label={t('poll.resultTitle')}>
              <ResultChart poll={poll} result={poll.result} headingLevel={2} />
              <Totals poll={poll} result={poll.result} />
              <Segments poll={poll} result={poll.result} />
            </section>
          )}
          {poll.status === 'closed' && poll.kind === 'for-against' && poll.subject.type !== 'trial' && (
            <Paragraph>
              <AppLink to={`/stemmingen/${poll.id}/wat-als`}>{t('poll.whatIfLink')}</AppLink>
            </Paragraph>
          )}
          {poll.status === 'closed' && <Votes poll={poll} />}
          {poll.status !== 'cancelled' && poll.result && <Chain poll={poll} result={poll.result} />}
          <ReceiptForm poll={poll} />
        </>
      )}
    </>
  );
}

function PollFacts({ poll, meetingTitle }: { poll: Poll; meetingTitle: string | undefined }) {
  const { t, dateTime } = useI18n();
  const words = usePollWords();
  return (
    <DataList className="vd-datalist">
      <DataListItem>
        <DataListKey>{t('poll.meeting')}</DataListKey>
        <DataListValue>
          <AppLink to={meetingPath(poll.meetingId)}>{meetingTitle ?? t('common.loading')}</AppLink>
        </DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.subject')}</DataListKey>
        <DataListValue>{words.subject(poll, true)}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.statusLabel')}</DataListKey>
        <DataListValue>{t(statusKey(poll.status))}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.rule')}</DataListKey>
        <DataListValue>{t(ruleKey(poll.rule))}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.secrecy')}</DataListKey>
        <DataListValue>{t(secrecyKey(poll.secrecy))}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.openedAt')}</DataListKey>
        <DataListValue>{dateTime(poll.openedAt)}</DataListValue>
      </DataListItem>
      <DataListItem>
        <DataListKey>{t('poll.closedAt')}</DataListKey>
        <DataListValue>
          {poll.closedAt ? dateTime(poll.closedAt) : poll.closesAt ? t('poll.closesAtValue', { at: dateTime(poll.closesAt) }) : '—'}
        </DataListValue>
      </DataListItem>
      {poll.replacesPollId && (
        <DataListItem>
          <DataListKey>{t('poll.replaces')}</DataListKey>
          <DataListValue>
            <AppLink to={resultPath(poll.replacesPollId)}>{t('poll.replacesLink')}</AppLink>
          </DataListValue>
        </DataListItem>
      )}
    </DataList>
  );
}
