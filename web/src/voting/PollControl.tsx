import { useState, type FormEvent } from 'react';
import { Button, Heading, Paragraph, Select, SelectOption, Textarea, Textbox } from '@utrecht/component-library-react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { ConfirmButton, fromLocalInput, submissionsFor, useSubmissionLabel, type Submissions } from '../meetings/common';
import { ActionFeedback, fieldError, useAction, type Action } from '../shell/fields';
import { AppLink, Field, ProblemAlert } from '../shell/components';
import { useProfile } from '../shell/ProfileContext';
import type { AgendaItem, Meeting, NewPoll, Poll, PollOption, PollRule } from '../types';
import {
  pollApi,
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

const RULES: readonly PollRule[] = ['simple', 'twoThirds', 'double', 'plurality'];

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
              async () => ended(await api<Poll>(pollApi(poll.id, `/${kind}`), { method: 'POST' })),
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
                  opened(await api<Poll>(pollApi(poll.id, '/reopen'), { method: 'POST' }));
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
          busy={busy}
          onConfirm={() => onAct('close')}
        />
        <ConfirmButton
          label={t('poll.cancel')}
          question={t('poll.cancelQuestion')}
          confirm={t('poll.cancelConfirm')}
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

/** Keys for the options of a choice, from their labels: "Jan de Vries" → "jan-de-vries". */
export function optionsFrom(text: string): PollOption[] {
  const used = new Set<string>();
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((label, index) => {
      const base =
        label
          .toLowerCase()
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-+|-+$/g, '')
          .slice(0, 34) || `optie-${index + 1}`;
      let key = base;
      for (let n = 2; used.has(key); n += 1) key = `${base}-${n}`;
      used.add(key);
      return { key, label: label.slice(0, 200) };
    });
}

/** Whether a vote on the item itself can decide anything: it puts a proposal (or a set of appointments, or minutes) to the meeting. */
const votable = (item: AgendaItem) =>
  item.kind === 'appointments' ||
  item.kind === 'previous-minutes' ||
  (item.kind === 'regular' && (item.purpose === 'decision' || item.purpose === 'approval') && !!item.effectiveDecisionText?.trim());

/**
 * What a vote may be about now: the item's open motions and amendments (handled first), then its
 * proposal (the server holds the same course rules), or a trial.
 */
function subjectsFor(item: AgendaItem | undefined, submissions: Submissions) {
  const list = item ? submissionsFor(item.id, submissions.motions, submissions.amendments).filter((s) => s.status === 'filed') : [];
  return { list, proposal: item && item.decision === null && list.length === 0 && votable(item) ? item : undefined };
}

function OpenPollForm({
  meeting,
  item,
  submissions,
  action,
  onOpened,
}: {
  meeting: Meeting;
  item: AgendaItem | undefined;
  submissions: Submissions;
  action: Action;
  onOpened(poll: Poll): void;
}) {
  const { t } = useI18n();
  const label = useSubmissionLabel();
  const { list, proposal } = subjectsFor(item, submissions);
  const usual = list[0] ? `submission:${list[0].id}` : proposal ? `agenda-item:${proposal.id}` : 'trial';
  const [picked, setPicked] = useState<string>();
  const [question, setQuestion] = useState('');
  const [rule, setRule] = useState<PollRule | ''>('');
  const [secrecy, setSecrecy] = useState<'' | 'named' | 'secret'>('');
  const [choices, setChoices] = useState('');
  const [closesAt, setClosesAt] = useState('');
  const values = ['trial', ...list.map((s) => `submission:${s.id}`), ...(proposal ? [`agenda-item:${proposal.id}`] : [])];
  const subject = picked && values.includes(picked) ? picked : usual;
  // A choice between options is decided by plurality; for/against by a majority rule.
  const rules = RULES.filter((r) => (choices.trim() ? r === 'plurality' : r !== 'plurality'));
  const chosenRule = rule && rules.includes(rule) ? rule : '';
  const { profile } = useProfile();
  // Where the profile asks it, real votes wait for the meeting to appoint its vote-counting committee.
  const committeeMissing =
    !!profile?.document.committees.countingCommitteeBeforeVote && !meeting.appointments.some((a) => a.function === 'counting-committee' && a.appointed);
  // A statute change is voted by the profile's stricter rule: say so, rather than offer a choice the server refuses.
  const majority = profile?.document.majority;
  const change =
    subject === `agenda-item:${proposal?.id}` && proposal?.changeKind && majority
      ? {
          kind: proposal.changeKind,
          rule: proposal.changeKind === 'statutes' ? majority.statuteChange : majority.rulesOfProcedureChange,
          source: (proposal.changeKind === 'statutes' ? majority.statuteChangeSource : majority.rulesOfProcedureChangeSource) ?? majority.source,
        }
      : undefined;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const [type, id] = subject.split(':') as ['trial' | 'agenda-item' | 'submission', string | undefined];
    const options = optionsFrom(choices);
    const closes = fromLocalInput(closesAt);
    const body: NewPoll = {
      meetingId: meeting.id,
      subject: type === 'trial' || !id ? { type: 'trial' } : { type, id },
      ...(question.trim() ? { question: question.trim() } : {}),
      ...(options.length > 0 ? { options } : {}),
      ...(chosenRule && !change ? { rule: chosenRule } : {}),
      ...(secrecy ? { secrecy } : {}),
      ...(closes ? { closesAt: closes } : {}),
    };
    await action.run(async () => onOpened(await api<Poll>('/polls', { method: 'POST', body })), t('poll.openedMessage'));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="vd-form" aria-labelledby="poll-open-title">
      <Heading level={3} id="poll-open-title">
        {t('poll.openFormTitle')}
      </Heading>
      {!item && <Paragraph>{t('poll.noItem')}</Paragraph>}
      {committeeMissing && <Paragraph className="vd-hint">{t('poll.countingCommitteeFirst')}</Paragraph>}
      <Field label={t('poll.subject')} error={fieldError(action.error, 'subject', 'subject.id', 'subject.type')}>
        {({ id, describedBy, invalid }) => (
          <Select id={id} name="subject" invalid={invalid} aria-describedby={describedBy} value={subject} onChange={(e) => setPicked(e.currentTarget.value)}>
            {list.map((s) => (
              <SelectOption key={s.id} value={`submission:${s.id}`}>
                {label(s)}
              </SelectOption>
            ))}
            {proposal && <SelectOption value={`agenda-item:${proposal.id}`}>{t('course.proposalLabel', { number: proposal.number })}</SelectOption>}
            <SelectOption value="trial">{t('poll.subject.trial')}</SelectOption>
          </Select>
        )}
      </Field>
      <Field label={t('poll.questionOptional')} description={t('poll.questionHint')} error={fieldError(action.error, 'question')}>
        {({ id, describedBy, invalid }) => (
          <Textbox
            id={id}
            name="question"
            autoComplete="off"
            invalid={invalid}
            aria-describedby={describedBy}
            value={question}
            onChange={(e) => setQuestion(e.currentTarget.value)}
          />
        )}
      </Field>
      {change ? (
        <Paragraph className="vd-hint">
          {t('poll.changeRule', { what: t(`poll.changeKind.${change.kind}`), rule: t(ruleKey(change.rule)).toLowerCase(), source: change.source })}
        </Paragraph>
      ) : (
        <Field label={t('poll.rule')} error={fieldError(action.error, 'rule')}>
          {({ id, describedBy, invalid }) => (
            <Select
              id={id}
              name="rule"
              invalid={invalid}
              aria-describedby={describedBy}
              value={chosenRule}
              onChange={(e) => setRule(e.currentTarget.value as PollRule | '')}
            >
              <SelectOption value="">{t('poll.ruleDefault')}</SelectOption>
              {rules.map((r) => (
                <SelectOption key={r} value={r}>
                  {t(ruleKey(r))}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
      )}
      <Field label={t('poll.secrecy')} error={fieldError(action.error, 'secrecy')}>
        {({ id, describedBy, invalid }) => (
          <Select
            id={id}
            name="secrecy"
            invalid={invalid}
            aria-describedby={describedBy}
            value={secrecy}
            onChange={(e) => setSecrecy(e.currentTarget.value as '' | 'named' | 'secret')}
          >
            <SelectOption value="">{t('poll.secrecyDefault')}</SelectOption>
            <SelectOption value="named">{t(secrecyKey('named'))}</SelectOption>
            <SelectOption value="secret">{t(secrecyKey('secret'))}</SelectOption>
          </Select>
        )}
      </Field>
      <details className="vd-details">
        <summary>{t('poll.more')}</summary>
        <Field label={t('poll.optionsOptional')} description={t('poll.optionsHint')} error={fieldError(action.error, 'options')}>
          {({ id, describedBy, invalid }) => (
            <Textarea
              id={id}
              name="options"
              rows={4}
              invalid={invalid}
              aria-describedby={describedBy}
              value={choices}
              onChange={(e) => setChoices(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('poll.closesAtOptional')} description={t('poll.closesAtHint')} error={fieldError(action.error, 'closesAt')}>
          {({ id, describedBy, invalid }) => (
            <Textbox
              id={id}
              name="closesAt"
              type="datetime-local"
              invalid={invalid}
              aria-describedby={describedBy}
              value={closesAt}
              onChange={(e) => setClosesAt(e.currentTarget.value)}
            />
          )}
        </Field>
      </details>
      <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={action.busy}>
        {action.busy ? t('form.busy') : t('poll.open')}
      </Button>
    </form>
  );
}
