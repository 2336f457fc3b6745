import { useEffect } from 'react';
import { useParams } from 'react-router';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { useAgenda, useMeeting } from '../meetings/common';
import { useMeetingEvents } from '../meetings/live';
import { ScreenAgenda, ScreenItem, ScreenSpeakers, ScreenSubmission } from '../meetings/ScreenViews';
import { $api, apiState } from '../shell/client';
import { kindKey } from '../meetings/labels';
import { Loading, ProblemAlert, usePageTitle } from '../shell/components';
import { useProfile } from '../shell/ProfileContext';
import type { Poll } from '../types';
import { ProgressBar, ResultChart, statusKey, useLivePoll, useMeetingPolls, usePollWords, useProgressText } from './common';

/**
 * The view on the screen in the hall, public and without navigation: the meeting, the item under
 * discussion and the newest poll: its question and live progress while open, the result after.
 */
export function ProjectorPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { profile } = useProfile();
  const meeting = useMeeting(id);
  const agenda = useAgenda(id);
  const polls = useMeetingPolls(id, 3_000);
  // What the chair chose for the screen; changes arrive by the meeting's stream.
  const screen = apiState($api.useQuery('get', '/api/v1/meetings/{id}/screen', { params: { path: { id } } }));
  useMeetingEvents(id);
  const content = screen.data?.content ?? 'auto';
  const chosenPollId = content === 'poll' ? screen.data?.subjectId : undefined;
  const shownPoll = chosenPollId ? polls.items.find((p) => p.id === chosenPollId) : polls.newest;
  const live = useLivePoll(chosenPollId ?? polls.newest?.id);
  const m = meeting.data;
  usePageTitle(m ? t('projector.pageTitle', { title: m.title }) : t('common.loading'));

  // The chair moves through the agenda: ask for the meeting (and the agenda when the item is new) now and then.
  const { reload: reloadMeeting } = meeting;
  const { reload: reloadAgenda } = agenda;
  useEffect(() => {
    const timer = setInterval(reloadMeeting, 5_000);
    return () => clearInterval(timer);
  }, [reloadMeeting]);
  const current = agenda.data?.items.find((item) => item.id === m?.currentItemId);
  const missing = Boolean(m?.currentItemId) && agenda.data !== undefined && !current;
  useEffect(() => {
    if (missing) reloadAgenda();
  }, [missing, m?.currentItemId, reloadAgenda]);

  // The list may lag the stream by a few seconds; the stream's snapshot is the newer one.
  const poll = live.poll && live.poll.id === (chosenPollId ?? polls.newest?.id) ? live.poll : shownPoll;
  const subjectId = screen.data?.subjectId;

  return (
    <div className="vd-screen">
      <main id="main" className="vd-screen__main">
        <Paragraph className="vd-screen__org">
          {[profile?.document.shortName ?? t('app.name'), m ? t(kindKey(m.kind)) : ''].filter(Boolean).join(' · ')}
        </Paragraph>
        <Heading level={1} className="vd-screen__title">
          {m?.title ?? (meeting.error ? meeting.error.title : t('common.loading'))}
        </Heading>
        <ProblemAlert error={meeting.error} />
        {m && (content === 'auto' || content === 'poll') && (
          <Paragraph className="vd-screen__current">
            {current
              ? t('course.currentTitle', { number: current.number, title: current.title })
              : m.status === 'in-session'
                ? t('projector.noCurrent')
                : t('projector.notInSession')}
          </Paragraph>
        )}
        <ProblemAlert error={polls.error} />
        {m && content === 'agenda' && <ScreenAgenda items={agenda.data?.items ?? []} currentId={m.currentItemId} />}
        {m && content === 'current-item' && <ScreenItem item={current} />}
        {m && content === 'speakers' && <ScreenSpeakers item={current} />}
        {m && content === 'submission' && subjectId && <ScreenSubmission meetingId={m.id} id={subjectId} />}
        {m && (content === 'auto' || content === 'poll') && !polls.data && polls.loading && <Loading />}
        {m &&
          (content === 'auto' || content === 'poll') &&
          (poll ? <ScreenPoll poll={poll} /> : !polls.loading && <Paragraph className="vd-screen__idle">{t('projector.noPoll')}</Paragraph>)}
      </main>
    </div>
  );
}

function ScreenPoll({ poll }: { poll: Poll }) {
  const { t } = useI18n();
  const words = usePollWords();
  const progressText = useProgressText();
  return (
    <section className={`vd-screen__poll vd-screen__poll--${poll.status}`} aria-labelledby="screen-question">
      <Paragraph className="vd-screen__subject">
        {words.subject(poll)} <span className={`vd-badge vd-poll-status vd-poll-status--${poll.status}`}>{t(statusKey(poll.status))}</span>
      </Paragraph>
      <Heading level={2} id="screen-question" className="vd-screen__question">
        {poll.question}
      </Heading>
      {poll.status === 'open' && <Paragraph className="vd-screen__call">{t('projector.voteNow')}</Paragraph>}
      <div className="vd-screen__progress">
        <Paragraph className="vd-screen__progress-text" data-testid="poll-progress" aria-live="polite">
          {progressText(poll.progress)}
        </Paragraph>
        <ProgressBar progress={poll.progress} />
      </div>
      {poll.status === 'open' && poll.secrecy === 'secret' && <Paragraph className="vd-screen__note">{t('poll.secretNoRunning')}</Paragraph>}
      {poll.status === 'cancelled' && <Paragraph className="vd-screen__note">{t('projector.cancelled')}</Paragraph>}
      {poll.status !== 'cancelled' && poll.result && <ResultChart poll={poll} result={poll.result} headingLevel={3} large />}
      {poll.status === 'closed' && !poll.result && <Paragraph className="vd-screen__note">{t('projector.resultPending')}</Paragraph>}
    </section>
  );
}
