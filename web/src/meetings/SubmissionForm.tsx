import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button, Checkbox, Fieldset, FieldsetLegend, FormField, FormLabel, Heading, Paragraph, Textarea, Textbox } from '@utrecht/component-library-react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { fieldError, type Action } from '../shell/fields';
import { MemberSelect, useMemberOptions } from '../people/MemberSelect';
import { Field, ProblemAlert } from '../shell/components';
import type { AgendaItem, Meeting, NewAmendment, NewMotion } from '../types';

export type SubmissionType = 'motion' | 'amendment';

/**
 * Filing a motion or an amendment on one agenda item. A representative files for the members
 * they act for (checkboxes); the chair and staff name the submitting member, also after the deadline.
 */
export function SubmissionForm({
  type,
  item,
  meeting,
  myMembers,
  asChair,
  action,
  onCancel,
  onFiled,
}: {
  type: SubmissionType;
  item: AgendaItem;
  meeting: Meeting;
  myMembers: { id: string; name: string }[];
  asChair: boolean;
  action: Action;
  onCancel(): void;
  onFiled(): void;
}) {
  const { t, dateTime } = useI18n();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const baseId = useId();
  const [title, setTitle] = useState('');
  const [memberIds, setMemberIds] = useState<string[]>(myMembers.length === 1 && myMembers[0] ? [myMembers[0].id] : []);
  const [chosenMember, setChosenMember] = useState('');
  const [onBehalfOf, setOnBehalfOf] = useState('');
  const [considerations, setConsiderations] = useState('');
  const [request, setRequest] = useState('');
  const [proposedText, setProposedText] = useState(item.effectiveDecisionText ?? item.decisionText ?? '');
  const [explanation, setExplanation] = useState('');
  const members = useMemberOptions();
  useEffect(() => headingRef.current?.focus(), []);

  const late = meeting.motionDeadline !== null && new Date(meeting.motionDeadline) <= new Date();
  const heading = t(type === 'motion' ? 'motion.fileTitle' : 'amendment.fileTitle', { number: item.number, title: item.title });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const submitting = asChair ? (chosenMember ? [chosenMember] : []) : memberIds;
    const common = {
      meetingId: meeting.id,
      agendaItemId: item.id,
      title: title.trim(),
      memberIds: submitting,
      ...(onBehalfOf.trim() ? { onBehalfOf: onBehalfOf.trim() } : {}),
    };
    const ok =
      type === 'motion'
        ? await action.run(
            () =>
              api('/motions', {
                method: 'POST',
                body: { ...common, request: request.trim(), ...(considerations.trim() ? { considerations: considerations.trim() } : {}) } satisfies NewMotion,
              }),
            t('motion.filedMessage', { title: common.title, number: item.number }),
          )
        : await action.run(
            () =>
              api('/amendments', {
                method: 'POST',
                body: {
                  ...common,
                  proposedText: proposedText.trim(),
                  ...(explanation.trim() ? { explanation: explanation.trim() } : {}),
                } satisfies NewAmendment,
              }),
            t('amendment.filedMessage', { title: common.title, number: item.number }),
          );
    if (ok) onFiled();
  }

  const labels: Record<string, string> = {
    title: t('motion.titleField'),
    memberIds: t('motion.members'),
    onBehalfOf: t('motion.onBehalfOf'),
    considerations: t('motion.considerations'),
    request: t('motion.request'),
    proposedText: t('amendment.proposedText'),
    explanation: t('amendment.explanation'),
  };

  return (
    <div className="vd-panel vd-section vd-submission-form">
      <Heading level={4} ref={headingRef} tabIndex={-1}>
        {heading}
      </Heading>
      {meeting.motionDeadline && (
        <Paragraph>
          {late
            ? t('motion.lateNote', { deadline: dateTime(meeting.motionDeadline) })
            : t('motion.deadlineNote', { deadline: dateTime(meeting.motionDeadline) })}
        </Paragraph>
      )}
      <ProblemAlert error={action.error} fieldLabel={(field) => labels[field]} focus />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <Field label={t('motion.titleField')} error={fieldError(action.error, 'title')}>
          {({ id, describedBy, invalid }) => (
            <Textbox
              id={id}
              name="title"
              required
              autoComplete="off"
              invalid={invalid}
              aria-describedby={describedBy}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
          )}
        </Field>
        {asChair ? (
          <Field label={t('motion.submittingMember')} description={t('motion.submittingMemberHint')} error={fieldError(action.error, 'memberIds')}>
            {({ id, describedBy, invalid }) => (
              <MemberSelect id={id} describedBy={describedBy} invalid={invalid} options={members} value={chosenMember} onChange={setChosenMember} />
            )}
          </Field>
        ) : (
          <Fieldset className="vd-fieldset" invalid={Boolean(fieldError(action.error, 'memberIds'))}>
            <FieldsetLegend>{t('motion.members')}</FieldsetLegend>
            {myMembers.map((member) => (
              <FormField key={member.id} type="checkbox" className="vd-checkbox-field">
                <Checkbox
                  id={`${baseId}-${member.id}`}
                  name="memberIds"
                  value={member.id}
                  checked={memberIds.includes(member.id)}
                  onChange={(e) => {
                    const checked = e.currentTarget.checked;
                    setMemberIds((current) => (checked ? [...current, member.id] : current.filter((x) => x !== member.id)));
                  }}
                />
                <FormLabel htmlFor={`${baseId}-${member.id}`} type="checkbox">
                  {member.name}
                </FormLabel>
              </FormField>
            ))}
          </Fieldset>
        )}
        <Field label={t('motion.onBehalfOfOptional')} description={t('motion.onBehalfOfHint')} error={fieldError(action.error, 'onBehalfOf')}>
          {({ id, describedBy, invalid }) => (
            <Textbox
              id={id}
              name="onBehalfOf"
              autoComplete="off"
              invalid={invalid}
              aria-describedby={describedBy}
              value={onBehalfOf}
              onChange={(e) => setOnBehalfOf(e.currentTarget.value)}
            />
          )}
        </Field>
        {type === 'motion' ? (
          <>
            <Field label={t('motion.considerationsOptional')} description={t('motion.considerationsHint')} error={fieldError(action.error, 'considerations')}>
              {({ id, describedBy, invalid }) => (
                <Textarea
                  id={id}
                  name="considerations"
                  rows={4}
                  invalid={invalid}
                  aria-describedby={describedBy}
                  value={considerations}
                  onChange={(e) => setConsiderations(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t('motion.request')} description={t('motion.requestHint')} error={fieldError(action.error, 'request')}>
              {({ id, describedBy, invalid }) => (
                <Textarea
                  id={id}
                  name="request"
                  rows={4}
                  required
                  invalid={invalid}
                  aria-describedby={describedBy}
                  value={request}
                  onChange={(e) => setRequest(e.currentTarget.value)}
                />
              )}
            </Field>
          </>
        ) : (
          <>
            <Field label={t('amendment.proposedText')} description={t('amendment.proposedTextHint')} error={fieldError(action.error, 'proposedText')}>
              {({ id, describedBy, invalid }) => (
                <Textarea
                  id={id}
                  name="proposedText"
                  rows={8}
                  required
                  invalid={invalid}
                  aria-describedby={describedBy}
                  value={proposedText}
                  onChange={(e) => setProposedText(e.currentTarget.value)}
                />
              )}
            </Field>
            <Field label={t('amendment.explanationOptional')} error={fieldError(action.error, 'explanation')}>
              {({ id, describedBy, invalid }) => (
                <Textarea
                  id={id}
                  name="explanation"
                  rows={4}
                  invalid={invalid}
                  aria-describedby={describedBy}
                  value={explanation}
                  onChange={(e) => setExplanation(e.currentTarget.value)}
                />
              )}
            </Field>
          </>
        )}
        <div className="vd-actions">
          <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={action.busy}>
            {action.busy ? t('form.busy') : t(type === 'motion' ? 'motion.fileSubmit' : 'amendment.fileSubmit')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t('meeting.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}
