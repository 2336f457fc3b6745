import { useState, type FormEvent } from 'react';
import { Heading, Paragraph, SelectOption } from '@utrecht/component-library-react';
import { answerOf, fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { fromLocalInput, submissionsFor, useSubmissionLabel, type Submissions } from '../meetings/common';
import { type Action, fieldError, SelectField, SubmitButton, TextAreaField, TextField } from '../shell/fields';
import { useProfile } from '../shell/ProfileContext';
import type { AgendaItem, Meeting, NewPoll, Poll, PollOption, PollRule } from '../types';
import { ruleKey, secrecyKey } from './common';

const RULES: readonly PollRule[] = ['simple', 'twoThirds', 'double', 'plurality'];

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

/** Opening a poll: the subject, an optional question, the rule and secrecy, the choices of a choice vote and when it closes. */
export function OpenPollForm({
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
    await action.run(async () => onOpened(await fetchClient.POST('/api/v1/polls', { body }).then(answerOf)), t('poll.openedMessage'));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="vd-form" aria-labelledby="poll-open-title">
      <Heading level={3} id="poll-open-title">
        {t('poll.openFormTitle')}
      </Heading>
      {!item && <Paragraph>{t('poll.noItem')}</Paragraph>}
      {committeeMissing && <Paragraph className="vd-hint">{t('poll.countingCommitteeFirst')}</Paragraph>}
      <SelectField
        label={t('poll.subject')}
        error={fieldError(action.error, 'subject', 'subject.id', 'subject.type')}
        name="subject"
        value={subject}
        onChange={setPicked}
      >
        {list.map((s) => (
          <SelectOption key={s.id} value={`submission:${s.id}`}>
            {label(s)}
          </SelectOption>
        ))}
        {proposal && <SelectOption value={`agenda-item:${proposal.id}`}>{t('course.proposalLabel', { number: proposal.number })}</SelectOption>}
        <SelectOption value="trial">{t('poll.subject.trial')}</SelectOption>
      </SelectField>
      <TextField
        label={t('poll.questionOptional')}
        description={t('poll.questionHint')}
        error={fieldError(action.error, 'question')}
        name="question"
        autoComplete="off"
        value={question}
        onChange={setQuestion}
      />
      {change ? (
        <Paragraph className="vd-hint">
          {t('poll.changeRule', { what: t(`poll.changeKind.${change.kind}`), rule: t(ruleKey(change.rule)).toLowerCase(), source: change.source })}
        </Paragraph>
      ) : (
        <SelectField
          label={t('poll.rule')}
          error={fieldError(action.error, 'rule')}
          name="rule"
          value={chosenRule}
          onChange={(value) => setRule(value as PollRule | '')}
        >
          <SelectOption value="">{t('poll.ruleDefault')}</SelectOption>
          {rules.map((r) => (
            <SelectOption key={r} value={r}>
              {t(ruleKey(r))}
            </SelectOption>
          ))}
        </SelectField>
      )}
      <SelectField
        label={t('poll.secrecy')}
        error={fieldError(action.error, 'secrecy')}
        name="secrecy"
        value={secrecy}
        onChange={(value) => setSecrecy(value as '' | 'named' | 'secret')}
      >
        <SelectOption value="">{t('poll.secrecyDefault')}</SelectOption>
        <SelectOption value="named">{t(secrecyKey('named'))}</SelectOption>
        <SelectOption value="secret">{t(secrecyKey('secret'))}</SelectOption>
      </SelectField>
      <details className="vd-details">
        <summary>{t('poll.more')}</summary>
        <TextAreaField
          label={t('poll.optionsOptional')}
          description={t('poll.optionsHint')}
          error={fieldError(action.error, 'options')}
          name="options"
          rows={4}
          value={choices}
          onChange={setChoices}
        />
        <TextField
          label={t('poll.closesAtOptional')}
          description={t('poll.closesAtHint')}
          error={fieldError(action.error, 'closesAt')}
          name="closesAt"
          type="datetime-local"
          value={closesAt}
          onChange={setClosesAt}
        />
      </details>
      <SubmitButton busy={action.busy}>{t('poll.open')}</SubmitButton>
    </form>
  );
}
