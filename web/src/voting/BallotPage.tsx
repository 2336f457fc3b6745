import { useEffect, useId, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import type { ApiError } from '../api';
import { $api, answerOf, apiState, fetchClient } from '../shell/client';
import { BackLink } from '../shell/nav';
import { useI18n } from '../i18n';
import { meetingPath } from '../meetings/common';
import { asApiError } from '../shell/fields';
import { useSession } from '../session/SessionContext';
import { AppLink, Loading, PageTitle, ProblemAlert, usePageTitle, VisuallyHidden } from '../shell/components';
import type { MyBallots, NewBallot, Poll } from '../types';
import { ballotPath, isRetryable, newClientBallotId, resultPath, statusKey, STANDARD_OPTIONS, useLivePoll, useMeetingPolls, usePollWords } from './common';

type MyMember = MyBallots['members'][number];

/**
 * The ballot, phone first: for each member whose vote this person holds, one large button per
 * option. Casting answers with a receipt; a failed request can be sent again with the same
 * ballot id, so a retry never counts twice. The poll's status comes live from the server.
 */
export function BallotPage() {
  const { pollId = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const live = useLivePoll(pollId);
  const poll = live.poll;
  const mine = apiState($api.useQuery('get', '/api/v1/polls/{id}/my-ballots', { params: { path: { id: pollId } } }, { enabled: Boolean(user) }));
  const words = usePollWords();
  const heading = poll ? poll.question : live.error ? live.error.title : t('common.loading');
  usePageTitle(poll ? t('ballot.pageTitle', { question: poll.question }) : heading);

  return (
    <div className="vd-ballot">
      {poll && <BackLink to={meetingPath(poll.meetingId)}>{t('ballot.backToMeeting')}</BackLink>}
      <PageTitle>{heading}</PageTitle>
      <ProblemAlert error={live.error} />
      {!poll && !live.error && <Loading />}
      {poll && (
        <>
          <Paragraph className="vd-poll-meta">
            {words.subject(poll)} <span className={`vd-badge vd-poll-status vd-poll-status--${poll.status}`}>{t(statusKey(poll.status))}</span>
          </Paragraph>
          {poll.subject.type === 'trial' && (
            <Alert type="info" className="vd-alert">
              <Paragraph>{t('ballot.trialNote')}</Paragraph>
            </Alert>
          )}
          <PollStatus poll={poll} />
          {user === null && (
            <Alert type="info" className="vd-alert">
              <Paragraph>{t('ballot.needLogin')}</Paragraph>
              <Paragraph>
                <AppLink to={`/inloggen?terug=${encodeURIComponent(ballotPath(pollId))}`}>{t('session.login')}</AppLink>
              </Paragraph>
            </Alert>
          )}
          {user && <ProblemAlert error={mine.error} />}
          {user && !mine.data && mine.loading && <Loading />}
          {user && mine.data && mine.data.members.length === 0 && <Paragraph>{t('ballot.noMembers')}</Paragraph>}
          {user && mine.data && mine.data.members.length > 0 && (
            <>
              {poll.status === 'open' && (
                <Paragraph>{t(mine.data.members.length === 1 ? 'ballot.introOne' : 'ballot.introOther', { n: mine.data.members.length })}</Paragraph>
              )}
              {mine.data.members.map((member) => (
                <MemberBallot key={member.memberId} poll={poll} member={member} />
              ))}
            </>
          )}
        </>
      )}
    </div>
  );
}

/** Whether the poll is open, said once when it changes; after closing, where the result is. */
function PollStatus({ poll }: { poll: Poll }) {
  const { t } = useI18n();
  // After a cancelled or tied vote the chair may open a new one: look for it now and then.
  const polls = useMeetingPolls(poll.status === 'open' ? null : poll.meetingId, 5_000);
  const successor = polls.items.find((p) => p.replacesPollId === poll.id && p.status === 'open');
  return (
    <div role="status" className="vd-poll-live">
      {poll.status === 'open' ? (
        <Paragraph className="vd-poll-live__open">{poll.allowRecast ? t('ballot.openRecast') : t('ballot.open')}</Paragraph>
      ) : (
        <Alert type={poll.status === 'closed' ? 'ok' : 'warning'} className="vd-alert">
          <Paragraph>
            <strong>{poll.status === 'closed' ? t('ballot.closed') : t('ballot.cancelled')}</strong>
          </Paragraph>
          {poll.status === 'closed' && (
            <Paragraph>
              <AppLink to={resultPath(poll.id)}>{t('ballot.resultLink')}</AppLink>
            </Paragraph>
          )}
          {successor && (
            <Paragraph>
              <AppLink to={ballotPath(successor.id)}>{t('ballot.successorLink', { question: successor.question })}</AppLink>
            </Paragraph>
          )}
        </Alert>
      )}
    </div>
  );
}

interface Cast {
  option: string;
  receipt: string | null;
  replaced: boolean;
}

type Phase =
  | { name: 'choose' }
  | { name: 'confirm'; option: string }
  | { name: 'sending'; option: string; clientBallotId: string }
  | { name: 'failed'; option: string; clientBallotId: string; error: ApiError }
  | { name: 'done' };

/** One member's ballot: the options, the confirmation with the receipt, and a retry after a failure. */
function MemberBallot({ poll, member }: { poll: Poll; member: MyMember }) {
  const { t, number } = useI18n();
  const words = usePollWords();
  const headingId = useId();
  const [cast, setCast] = useState<Cast | null>(member.option ? { option: member.option, receipt: member.receipt, replaced: false } : null);
  const [phase, setPhase] = useState<Phase>(member.option ? { name: 'done' } : { name: 'choose' });
  const [problem, setProblem] = useState<ApiError>();
  const doneRef = useRef<HTMLDivElement>(null);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const firstOptionRef = useRef<HTMLButtonElement>(null);
  const moveFocus = useRef(false);
  const open = poll.status === 'open';
  const keys = poll.options.length > 0 ? poll.options.map((o) => o.key) : [...STANDARD_OPTIONS];

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    if (phase.name === 'done') doneRef.current?.focus();
    else if (phase.name === 'confirm') confirmRef.current?.focus();
    else if (phase.name === 'choose') firstOptionRef.current?.focus();
  }, [phase]);

  const go = (next: Phase) => {
    moveFocus.current = true;
    setPhase(next);
  };

  async function send(option: string, clientBallotId: string) {
    setProblem(undefined);
    setPhase({ name: 'sending', option, clientBallotId });
    const body: NewBallot = { memberId: member.memberId, option, clientBallotId };
    try {
      const receipt = await fetchClient.POST('/api/v1/polls/{id}/ballots', { params: { path: { id: poll.id } }, body }).then(answerOf);
      setCast({ option: receipt.option, receipt: receipt.receipt, replaced: receipt.replaced });
      go({ name: 'done' });
    } catch (caught) {
      const error = asApiError(caught);
      if (isRetryable(error)) {
        setPhase({ name: 'failed', option, clientBallotId, error });
      } else {
        setProblem(error);
        setPhase(cast ? { name: 'done' } : { name: 'choose' });
      }
    }
  }

  /** One press of an option: a new ballot id; without recasting, the voter confirms first. */
  function choose(option: string) {
    setProblem(undefined);
    if (!poll.allowRecast) go({ name: 'confirm', option });
    else void send(option, newClientBallotId());
  }

  const memberContext = <VisuallyHidden> ({member.memberName})</VisuallyHidden>;

  return (
    <section className="vd-ballot__member" aria-labelledby={headingId}>
      <Heading level={2} id={headingId} className="vd-ballot__member-name">
        {member.memberName}
      </Heading>
      <Paragraph className="vd-ballot__member-meta">
        {t('ballot.memberMeta', { weight: number(member.weight), via: t(member.via === 'proxy' ? 'ballot.viaProxy' : 'ballot.viaCheckIn') })}
      </Paragraph>
      <ProblemAlert error={problem} focus />

      {cast && phase.name === 'done' && (
        <div className="vd-ballot__done" ref={doneRef} tabIndex={-1} role="status">
          <Alert type="ok" className="vd-alert">
            <Paragraph className="vd-ballot__received">
              {t('ballot.received', { member: member.memberName, option: words.option(poll, cast.option) })}
              {cast.receipt && (
                <>
                  {' '}
                  {t('ballot.receiptLabel')} <strong className="vd-receipt">{cast.receipt}</strong>
                </>
              )}
            </Paragraph>
            <ChosenOption
              keys={keys}
              chosen={cast.option}
              label={t('ballot.summaryFor', { member: member.memberName })}
              name={(key) => words.option(poll, key)}
            />
            {cast.replaced && <Paragraph>{t('ballot.replaced')}</Paragraph>}
            {cast.receipt && <Paragraph className="vd-muted">{t('ballot.keepReceipt')}</Paragraph>}
          </Alert>
        </div>
      )}
      {cast && phase.name === 'done' && open && poll.allowRecast && (
        <Button appearance="secondary-action-button" onClick={() => go({ name: 'choose' })}>
          {t('ballot.change')}
          {memberContext}
        </Button>
      )}

      {!cast && !open && phase.name !== 'sending' && phase.name !== 'failed' && <Paragraph>{t('ballot.notCast', { member: member.memberName })}</Paragraph>}

      {open && phase.name === 'choose' && (
        <>
          {cast && <Paragraph>{t('ballot.current', { option: words.option(poll, cast.option) })}</Paragraph>}
          <div
            className={`vd-ballot__options vd-ballot__options--${Math.min(keys.length, 3)}`}
            role="group"
            aria-label={t('ballot.optionsFor', { member: member.memberName })}
          >
            {keys.map((key, index) => (
              <Button
                key={key}
                ref={index === 0 ? firstOptionRef : undefined}
                appearance="secondary-action-button"
                pressed={cast?.option === key}
                className="vd-ballot__option"
                onClick={() => choose(key)}
              >
                {words.option(poll, key)}
                {memberContext}
              </Button>
            ))}
          </div>
          {cast && (
            <Button appearance="subtle-button" onClick={() => go({ name: 'done' })}>
              {t('ballot.keep')}
              {memberContext}
            </Button>
          )}
        </>
      )}

      {open && phase.name === 'confirm' && (
        <div
          className="vd-ballot__confirm"
          role="group"
          aria-label={t('ballot.confirmQuestion', { member: member.memberName, option: words.option(poll, phase.option) })}
        >
          <Paragraph className="vd-ballot__confirm-question">
            <strong>{t('ballot.confirmQuestion', { member: member.memberName, option: words.option(poll, phase.option) })}</strong>
          </Paragraph>
          <Paragraph>{t('ballot.confirmFinal')}</Paragraph>
          <div className="vd-ballot__options vd-ballot__options--2">
            <Button
              ref={confirmRef}
              appearance="primary-action-button"
              className="vd-ballot__option"
              onClick={() => void send(phase.option, newClientBallotId())}
            >
              {t('ballot.confirm', { option: words.option(poll, phase.option) })}
              {memberContext}
            </Button>
            <Button appearance="secondary-action-button" className="vd-ballot__option" onClick={() => go({ name: 'choose' })}>
              {t('ballot.otherChoice')}
              {memberContext}
            </Button>
          </div>
        </div>
      )}

      {phase.name === 'sending' && (
        <Paragraph role="status" className="vd-ballot__sending">
          {t('ballot.sending', { option: words.option(poll, phase.option) })}
        </Paragraph>
      )}

      {phase.name === 'failed' && (
        <div className="vd-ballot__failed">
          <ProblemAlert error={phase.error} focus />
          <Paragraph>{t('ballot.retryNote', { option: words.option(poll, phase.option) })}</Paragraph>
          <Button appearance="primary-action-button" className="vd-ballot__option" onClick={() => void send(phase.option, phase.clientBallotId)}>
            {t('ballot.retry')}
            {memberContext}
          </Button>
        </div>
      )}
    </section>
  );
}

/** After casting: every option alike, the chosen one marked in words and by its frame (not by colour alone). */
function ChosenOption({ keys, chosen, label, name }: { keys: string[]; chosen: string; label: string; name(key: string): string }) {
  const { t } = useI18n();
  return (
    <ul className="vd-ballot__summary" aria-label={label}>
      {keys.map((key) => (
        <li key={key} className={key === chosen ? 'vd-ballot__summary-item vd-ballot__summary-item--chosen' : 'vd-ballot__summary-item'}>
          {name(key)}
          {key === chosen && <strong className="vd-ballot__chosen-label"> · {t('ballot.yourChoice')}</strong>}
        </li>
      ))}
    </ul>
  );
}
