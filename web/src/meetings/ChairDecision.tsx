import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Fieldset, FieldsetLegend, Heading, Paragraph } from '@utrecht/component-library-react';
import type { ApiError } from '../api';
import { answerOf, fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { ActionFeedback, asApiError, CheckboxField, SelectField, SubmitButton, TextAreaField, useAction } from '../shell/fields';
import { ProblemAlert, VisuallyHidden } from '../shell/components';
import type { AgendaItem, Decision, ItemOutcome, Meeting, NewDecision, SubmissionOutcome } from '../types';
import { itemsOf, submissionsFor, SubmissionList, TextBlock, useSubmissionLabel, type Submission, type Submissions } from './common';
import { ConfirmButton } from './ConfirmButton';
import { itemOutcomeKey, itemOutcomesFor, methodKey, purposeKey, SUBMISSION_CHAIR_OUTCOMES, submissionOutcomeKey, usualMethod, usualOutcome } from './labels';
import { Speakers } from './ChairSpeakers';

/** Decisions recorded from this console, by subject: their ids allow approving one item's minutes at once. */
export type Recorded = Map<string, Decision>;

/** The item under discussion: its subjects, the decision form, its speakers and, once decided, early minutes. */
export function CurrentItem({
  meeting,
  item,
  submissions,
  recorded,
  onRecorded,
  onChanged,
}: {
  meeting: Meeting;
  item: AgendaItem;
  submissions: Submissions;
  recorded: Recorded;
  onRecorded(decisions: Decision[]): void;
  onChanged(): void;
}) {
  const { t, lang } = useI18n();
  const list = submissionsFor(item.id, submissions.motions, submissions.amendments);
  const [result, setResult] = useState<{ decisions?: Decision[]; error?: ApiError }>({});
  const [busy, setBusy] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);
  const label = useSubmissionLabel();
  useEffect(() => {
    if (result.decisions) resultRef.current?.focus();
  }, [result]);

  async function decide(body: NewDecision) {
    setBusy(true);
    setResult({});
    try {
      const answer = await fetchClient.POST('/api/v1/meetings/{id}/decisions', { params: { path: { id: meeting.id } }, body }).then(answerOf);
      const decisions = itemsOf(answer);
      setResult({ decisions });
      onRecorded(decisions);
      return true;
    } catch (caught) {
      setResult({ error: asApiError(caught) });
      return false;
    } finally {
      setBusy(false);
    }
  }

  const outcome = usualOutcome(item);
  const method = usualMethod(outcome);
  const itemDecisionId = (item.decision as { id?: string } | null)?.id ?? recorded.get(item.id)?.id;

  return (
    <>
      <Paragraph className="vd-agenda__meta">
        <span className="vd-badge">{t(purposeKey(item.purpose))}</span>
        {item.portfolioHolder && <span className="vd-agenda__holder">{t('agenda.portfolioHolderValue', { name: item.portfolioHolder })}</span>}
      </Paragraph>
      {result.error && <ProblemAlert error={result.error} focus />}
      {result.decisions && (
        <Alert type="ok" role="status" className="vd-alert" ref={resultRef} tabIndex={-1}>
          <Heading level={3} appearance="utrecht-heading-4">
            {t('course.recorded')}
          </Heading>
          {result.decisions.map((decision) => (
            <Paragraph key={decision.id} className="vd-phrase">
              {decision.phrase[lang]}
            </Paragraph>
          ))}
        </Alert>
      )}

      <Speakers item={item} />

      <section className="vd-section" aria-labelledby="course-submissions">
        <Heading level={3} id="course-submissions">
          {t('course.submissions')}
        </Heading>
        <SubmissionList list={list} headingLevel={4}>
          {(submission) => (
            <>
              {submission.status === 'filed' && (
                <div className="vd-actions">
                  <Button
                    appearance="secondary-action-button"
                    busy={busy}
                    disabled={busy}
                    onClick={() => decide({ subjects: [{ type: 'submission', id: submission.id }], outcome: 'adopted', method: 'acclamation' })}
                  >
                    {t('course.quick', { outcome: t(submissionOutcomeKey('adopted')), method: t(methodKey('acclamation')) })}
                    <VisuallyHidden> ({label(submission)})</VisuallyHidden>
                  </Button>
                </div>
              )}
            </>
          )}
        </SubmissionList>
      </section>

      <section className="vd-section" aria-labelledby="course-proposal">
        <Heading level={3} id="course-proposal">
          {t('agenda.proposal')}
        </Heading>
        {item.effectiveDecisionText || item.decisionText ? (
          <>
            {item.effectiveDecisionText !== null && item.effectiveDecisionText !== item.decisionText && (
              <Paragraph className="vd-note">{t('agenda.amendedNote')}</Paragraph>
            )}
            <TextBlock text={item.effectiveDecisionText ?? item.decisionText ?? ''} className="vd-decision-text" />
          </>
        ) : (
          <Paragraph>{t('course.noDecisionText')}</Paragraph>
        )}
        {item.decision ? (
          <>
            <Paragraph className="vd-phrase">{item.decision.phrase[lang]}</Paragraph>
            <EarlyMinutes item={item} decisionId={itemDecisionId} onChanged={onChanged} />
          </>
        ) : (
          <div className="vd-actions">
            <Button
              appearance="primary-action-button"
              busy={busy}
              disabled={busy}
              onClick={() => decide({ subjects: [{ type: 'agenda-item', id: item.id }], outcome, method })}
            >
              {method === 'none' ? t(itemOutcomeKey(outcome)) : t('course.quick', { outcome: t(itemOutcomeKey(outcome)), method: t(methodKey(method)) })}
              <VisuallyHidden> ({t('course.proposalOf', { number: item.number })})</VisuallyHidden>
            </Button>
          </div>
        )}
      </section>

      <DecisionForm item={item} list={list} busy={busy} onDecide={decide} />
    </>
  );
}

/** The full form: one or several subjects handled together, the outcome and a note; the method follows from the outcome. */
function DecisionForm({ item, list, busy, onDecide }: { item: AgendaItem; list: Submission[]; busy: boolean; onDecide(body: NewDecision): Promise<boolean> }) {
  const { t } = useI18n();
  const baseId = useId();
  const label = useSubmissionLabel();
  const open = list.filter((s) => s.status === 'filed');
  const proposalOpen = item.decision === null;
  // Until the chair ticks otherwise: the next open motion or amendment, else the proposal.
  const [picked, setPicked] = useState<string[] | null>(null);
  const subjects = picked ?? (open[0] ? [open[0].id] : proposalOpen ? [item.id] : []);
  const onlySubmissions = subjects.length > 0 && !subjects.includes(item.id);
  const outcomes: readonly (ItemOutcome | SubmissionOutcome)[] = onlySubmissions ? SUBMISSION_CHAIR_OUTCOMES : itemOutcomesFor(item);
  const [outcome, setOutcome] = useState<ItemOutcome | SubmissionOutcome>(onlySubmissions ? 'adopted' : usualOutcome(item));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string>();
  const chosen = outcomes.includes(outcome) ? outcome : outcomes[0]!;
  const method = usualMethod(chosen);

  const toggle = (id: string, checked: boolean) => setPicked(checked ? [...subjects, id] : subjects.filter((x) => x !== id));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (subjects.length === 0) {
      setError(t('course.chooseSubject'));
      return;
    }
    setError(undefined);
    const body: NewDecision = {
      subjects: subjects.map((id) => ({ type: id === item.id ? 'agenda-item' : 'submission', id })),
      outcome: chosen,
      method,
      ...(note.trim() ? { note: note.trim() } : {}),
    };
    if (await onDecide(body)) {
      setNote('');
      setPicked(null);
      setOutcome(usualOutcome(item));
    }
  }

  if (open.length === 0 && !proposalOpen) return null;
  const outcomeLabel = (o: ItemOutcome | SubmissionOutcome) =>
    onlySubmissions ? t(submissionOutcomeKey(o as SubmissionOutcome)) : t(itemOutcomeKey(o as ItemOutcome));

  return (
    <section className="vd-section" aria-labelledby="course-decide">
      <Heading level={3} id="course-decide">
        {t('course.decide')}
      </Heading>
      <Paragraph>{t('course.decideIntro')}</Paragraph>
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <Fieldset className="vd-fieldset" invalid={Boolean(error)} aria-describedby={error ? `${baseId}-error` : undefined}>
          <FieldsetLegend>{t('course.subjects')}</FieldsetLegend>
          {error && (
            <p id={`${baseId}-error`} className="utrecht-form-field-error-message">
              {error}
            </p>
          )}
          {open.map((submission) => (
            <CheckboxField
              key={submission.id}
              id={`${baseId}-${submission.id}`}
              label={label(submission)}
              checked={subjects.includes(submission.id)}
              onChange={(checked) => toggle(submission.id, checked)}
            />
          ))}
          {proposalOpen && (
            <CheckboxField
              id={`${baseId}-proposal`}
              label={t('course.proposalLabel', { number: item.number })}
              checked={subjects.includes(item.id)}
              onChange={(checked) => toggle(item.id, checked)}
            />
          )}
        </Fieldset>
        <SelectField
          label={t('course.outcome')}
          description={t('course.methodNote', { method: t(methodKey(method)) })}
          name="outcome"
          value={chosen}
          onChange={setOutcome}
          options={outcomes.map((o) => ({ value: o, label: outcomeLabel(o) }))}
        />
        <TextAreaField label={t('course.noteOptional')} name="note" rows={2} value={note} onChange={setNote} />
        <SubmitButton busy={busy}>{t('course.decideSubmit')}</SubmitButton>
      </form>
    </section>
  );
}

/** Approving the minutes of one decided item at once, e.g. a statute change a notary must register. */
function EarlyMinutes({ item, decisionId, onChanged }: { item: AgendaItem; decisionId: string | undefined; onChanged(): void }) {
  const { t, dateTime } = useI18n();
  const action = useAction();
  if (!item.decision) return null;
  const approvedAt = item.decision.minutesApprovedAt;
  async function approve() {
    if (
      await action.run(
        () => fetchClient.POST('/api/v1/decisions/{id}/minutes-approval', { params: { path: { id: decisionId ?? '' } } }),
        t('course.minutesApproved', { number: item.number }),
      )
    )
      onChanged();
  }
  return (
    <div>
      <ActionFeedback action={action} />
      {approvedAt ? (
        <Paragraph>{t('course.minutesApprovedAt', { at: dateTime(approvedAt) })}</Paragraph>
      ) : (
        decisionId && (
          <ConfirmButton
            label={t('course.approveMinutes')}
            question={t('course.approveMinutesQuestion', { number: item.number })}
            confirm={t('course.approveMinutesConfirm')}
            busy={action.busy}
            onConfirm={approve}
          />
        )
      )}
    </div>
  );
}
