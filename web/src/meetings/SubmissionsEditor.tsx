import { useId, useState, type FormEvent } from 'react';
import { Button, Heading, SelectOption, Textbox } from '@utrecht/component-library-react';
import { fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { ActionFeedback, fieldError, NumberField, SelectField, TextAreaField, useAction } from '../shell/fields';
import { Field, VisuallyHidden } from '../shell/components';
import type { BoardAdvice, Meeting } from '../types';
import { SubmissionList, useSubmissionLabel, type Submission } from './common';
import { ADVICES, adviceKey } from './labels';

/** The motions and amendments filed on an item, with the board's advice and, for motions, their grouping. */
export function SubmissionsEditor({ list, meeting, onChanged }: { list: Submission[]; meeting: Meeting; onChanged(): void }) {
  const { t } = useI18n();
  return (
    <div className="vd-subsection">
      <Heading level={4}>{t('agenda.submissions')}</Heading>
      <SubmissionList list={list} headingLevel={5}>
        {(submission) => (
          <>
            {meeting.status !== 'closed' && submission.status === 'filed' && (
              <>
                <AdviceForm submission={submission} onSaved={onChanged} />
                {submission.type === 'motion' && (
                  <GroupForm submission={submission} others={list.filter((s) => s.type === 'motion' && s.id !== submission.id)} onSaved={onChanged} />
                )}
              </>
            )}
          </>
        )}
      </SubmissionList>
    </div>
  );
}

function AdviceForm({ submission, onSaved }: { submission: Submission; onSaved(): void }) {
  const { t } = useI18n();
  const label = useSubmissionLabel();
  const [advice, setAdvice] = useState<BoardAdvice>(submission.boardAdvice ?? 'leave-to-meeting');
  const [reasoning, setReasoning] = useState(submission.adviceReasoning ?? '');
  const action = useAction();
  const path = submission.type === 'motion' ? '/api/v1/motions/{id}/advice' : '/api/v1/amendments/{id}/advice';

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = { advice, ...(reasoning.trim() ? { reasoning: reasoning.trim() } : {}) };
    if (
      await action.run(
        () => fetchClient.PUT(path, { params: { path: { id: submission.id } }, body }),
        t('motion.adviceSaved', { title: label(submission), advice: t(adviceKey(advice)) }),
      )
    )
      onSaved();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="vd-form vd-inline-form" aria-label={t('motion.adviceFor', { title: label(submission) })}>
      <ActionFeedback action={action} fieldLabel={(field) => ({ advice: t('motion.advice'), reasoning: t('motion.reasoningOptional') })[field]} />
      <div className="vd-form__row">
        <SelectField
          label={t('motion.advice')}
          error={fieldError(action.error, 'advice')}
          name="advice"
          value={advice}
          onChange={(value) => setAdvice(value as BoardAdvice)}
        >
          {ADVICES.map((a) => (
            <SelectOption key={a} value={a}>
              {t(adviceKey(a))}
            </SelectOption>
          ))}
        </SelectField>
        <TextAreaField
          label={t('motion.reasoningOptional')}
          error={fieldError(action.error, 'reasoning')}
          name="reasoning"
          rows={2}
          value={reasoning}
          onChange={setReasoning}
        />
      </div>
      <Button type="submit" appearance="secondary-action-button" busy={action.busy} disabled={action.busy}>
        {t('motion.saveAdvice')}
        <VisuallyHidden> ({label(submission)})</VisuallyHidden>
      </Button>
    </form>
  );
}

function GroupForm({ submission, others, onSaved }: { submission: Submission & { type: 'motion' }; others: Submission[]; onSaved(): void }) {
  const { t } = useI18n();
  const label = useSubmissionLabel();
  const [groupLabel, setGroupLabel] = useState(submission.group?.label ?? '');
  const [position, setPosition] = useState(submission.group ? String(submission.group.position) : '');
  const action = useAction();
  const listId = useId();
  const known = [...new Set(others.flatMap((s) => (s.type === 'motion' && s.group ? [s.group.label] : [])))];

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const trimmed = groupLabel.trim();
    const n = Number.parseInt(position, 10);
    const body = trimmed ? { label: trimmed, ...(Number.isInteger(n) && n > 0 ? { position: n } : {}) } : { label: null };
    const message = trimmed ? t('motion.grouped', { title: label(submission), group: trimmed }) : t('motion.ungrouped', { title: label(submission) });
    if (await action.run(() => fetchClient.PUT('/api/v1/motions/{id}/group', { params: { path: { id: submission.id } }, body }), message)) onSaved();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="vd-form vd-inline-form" aria-label={t('motion.groupFor', { title: label(submission) })}>
      <ActionFeedback action={action} fieldLabel={(field) => ({ label: t('motion.groupLabel'), position: t('motion.groupPosition') })[field]} />
      <div className="vd-form__row">
        <Field label={t('motion.groupLabel')} description={t('motion.groupHint')} error={fieldError(action.error, 'label')}>
          {({ id, describedBy, invalid }) => (
            <>
              <Textbox
                id={id}
                name="label"
                list={listId}
                autoComplete="off"
                invalid={invalid}
                aria-describedby={describedBy}
                value={groupLabel}
                onChange={(e) => setGroupLabel(e.currentTarget.value)}
              />
              <datalist id={listId}>
                {known.map((k) => (
                  <option key={k} value={k} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <NumberField
          label={t('motion.groupPositionOptional')}
          error={fieldError(action.error, 'position')}
          name="position"
          min={1}
          className="vd-input-short"
          value={position}
          onChange={setPosition}
        />
      </div>
      <Button type="submit" appearance="secondary-action-button" busy={action.busy} disabled={action.busy}>
        {t('motion.saveGroup')}
        <VisuallyHidden> ({label(submission)})</VisuallyHidden>
      </Button>
    </form>
  );
}
