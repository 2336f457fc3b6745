import { useState } from 'react';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { answerOf, fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import type { Submissions } from '../meetings/common';
import { ConfirmButton } from '../meetings/ConfirmButton';
import { ActionFeedback, useAction } from '../shell/fields';
import { AppLink, ProblemAlert } from '../shell/components';
import type { AgendaItem, Meeting, Poll } from '../types';
import {
  ProgressBar,
  resultPath,
  ResultChart,
  ruleKey,
  screenPath,
  secrecyKey,
  statusKey,
  useLivePoll,
  useMeetingPolls,
  usePollWords,
  useProgressText,
} from './common';
import { OpenPollForm } from './PollForm';

/**
 * The chair's voting controls for the item under discussion: open a poll on the proposal, a motion
 * or amendment, or a trial vote; follow the progress live; close or cancel it; after closing, the
 * result and a new vote if needed. The projector view is one link away.
 */
export function PollControl({
  meeting,
  item,
  submissions,
  onChanged,
}: {
  meeting: Meeting;
  item: AgendaItem | undefined;
  submissions: Submissions;
  onChanged?(): void;
}) {
  const { t } = useI18n();
  const polls = useMeetingPolls(meeting.id, 5_000);
  // A poll just opened here, until the list has it.
  const [pinned, setPinned] = useState<Poll>();
  const latest = pinned && !polls.items.some((p) => p.id === pinned.id) ? pinned : polls.newest;
  const live = useLivePoll(latest?.id);
  const poll = live.poll && live.poll.id === latest?.id ? live.poll : latest;
  const action = useAction();
  const fieldLabel = usePollFieldLabel();

  const opened = (created: Poll) => {
    setPinned(created);
    polls.reload();
  };
  // Closing records the decision on the subject: the console shows it.
  const ended = (answer: Poll) => {
    live.update(answer);
    polls.reload();
    onChanged?.();
  };

  return (
    <section className="vd-section vd-panel vd-poll-control" aria-labelledby="course-poll">
      <Heading level={2} id="course-poll">
        {t('poll.consoleTitle')}
      </Heading>
      <Paragraph>{t('poll.consoleIntro')}</Paragraph>
      <Paragraph>
        <AppLink to={screenPath(meeting.id)} target="_blank" rel="noopener">
          {t('poll.screenLink')}
        </AppLink>
      </Paragraph>
      <ProblemAlert error={polls.error} />
      <ActionFeedback action={action} fieldLabel={fieldLabel} />
      {poll?.status === 'open' ? (
        <OpenPoll
          poll={poll}
          busy={action.busy}
          onAct={(kind) =>
            action.run(
              async () => ended(await fetchClient.POST(`/api/v1/polls/{id}/${kind}`, { params: { path: { id: poll.id } } }).then(answerOf)),
              t(kind === 'close' ? 'poll.closedMessage' : 'poll.cancelledMessage'),
            )
          }
        />
      ) : (
        <>
          {poll && (
            <LastPoll
              poll={poll}
              mayReopen={mayReopen(poll, item, submissions)}
              busy={action.busy}
              onReopen={() =>
                action.run(async () => {
                  opened(await fetchClient.POST('/api/v1/polls/{id}/reopen', { params: { path: { id: poll.id } } }).then(answerOf));
                  onChanged?.();
                }, t('poll.reopenedMessage'))
              }
            />
          )}
          {meeting.status === 'in-session' ? (
            <OpenPollForm meeting={meeting} item={item} submissions={submissions} action={action} onOpened={opened} />
          ) : (
            <Paragraph>{t('poll.openMeetingFirst')}</Paragraph>
          )}
        </>
      )}
    </section>
  );
}

/** The form's labels for the fields the server names in a problem ("subject.id", "/rule"). */
function usePollFieldLabel() {
  const { t } = useI18n();
  const labels: Record<string, string> = {
    subject: t('poll.subject'),
    question: t('poll.questionOptional'),
    rule: t('poll.rule'),
    secrecy: t('poll.secrecy'),
    options: t('poll.optionsOptional'),
    closesAt: t('poll.closesAtOptional'),
  };
  return (name: string) => labels[name.replace(/^\//, '').split(/[./]/)[0] ?? ''];
}

/** The poll under way: live progress, close and cancel. */
function OpenPoll({ poll, busy, onAct }: { poll: Poll; busy: boolean; onAct(kind: 'close' | 'cancel'): void }) {
  const { t } = useI18n();
  const words = usePollWords();
  const progressText = useProgressText();
  return (
    <div className="vd-poll-control__open">
      <Heading level={3}>{t('poll.openTitle', { question: poll.question })}</Heading>
      <Paragraph className="vd-poll-meta">
        {words.subject(poll)} <span className={`vd-badge vd-poll-status vd-poll-status--${poll.status}`}>{t(statusKey(poll.status))}</span> ·{' '}
        {t(ruleKey(poll.rule))} · {t(secrecyKey(poll.secrecy))}
      </Paragraph>
      <Paragraph className="vd-poll-control__progress" data-testid="chair-poll-progress">
        {progressText(poll.progress)}
      </Paragraph>
      <ProgressBar progress={poll.progress} />
      {poll.result && <ResultChart poll={poll} result={poll.result} headingLevel={4} />}
      {poll.secrecy === 'secret' && <Paragraph>{t('poll.secretNoRunning')}</Paragraph>}
      <div className="vd-actions">
        <ConfirmButton
          label={t('poll.close')}
          question={t('poll.closeQuestion')}
          confirm={t('poll.closeConfirm')}
          tone="primary"
          busy={busy}
          onConfirm={() => onAct('close')}
        />
        <ConfirmButton
          label={t('poll.cancel')}
          question={t('poll.cancelQuestion')}
          confirm={t('poll.cancelConfirm')}
          tone="danger"
          busy={busy}
          onConfirm={() => onAct('cancel')}
        />
      </div>
    </div>
  );
}

/**
 * Whether the chair may vote again as a new poll: after a cancelled or trial vote, or a vote that
 * decided nothing (a tie). A vote that led to a decision stands; the server refuses to redo it.
 */
function mayReopen(poll: Poll, item: AgendaItem | undefined, submissions: Submissions): boolean {
  if (poll.status === 'cancelled' || poll.subject.type === 'trial') return true;
  if (poll.status !== 'closed') return false;
  if (poll.subject.type === 'agenda-item') return item?.id === poll.subject.id && item.decision === null;
  const submission = [...submissions.motions, ...submissions.amendments].find((s) => s.id === poll.subject.id);
  return submission?.status === 'filed';
}

/** The newest poll after it ended: its result, and a new vote on the same question. */
function LastPoll({ poll, mayReopen, busy, onReopen }: { poll: Poll; mayReopen: boolean; busy: boolean; onReopen(): void }) {
  const { t } = useI18n();
  const words = usePollWords();
  return (
    <div className="vd-poll-control__last">
      <Heading level={3}>{t('poll.lastTitle', { question: poll.question })}</Heading>
      <Paragraph className="vd-poll-meta">
        {words.subject(poll)} <span className={`vd-badge vd-poll-status vd-poll-status--${poll.status}`}>{t(statusKey(poll.status))}</span>
      </Paragraph>
      {poll.status === 'closed' && poll.result && <ResultChart poll={poll} result={poll.result} headingLevel={4} />}
      {poll.status === 'cancelled' && <Paragraph>{t('poll.wasCancelled')}</Paragraph>}
      <Paragraph>
        <AppLink to={resultPath(poll.id)}>{t('poll.resultPageLink')}</AppLink>
      </Paragraph>
      {mayReopen && (
        <div className="vd-actions">
          <ConfirmButton label={t('poll.reopen')} question={t('poll.reopenQuestion')} confirm={t('poll.reopenConfirm')} busy={busy} onConfirm={onReopen} />
        </div>
      )}
    </div>
  );
}
