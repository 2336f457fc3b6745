import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button, Checkbox, Fieldset, FieldsetLegend, FormField, FormLabel, Heading, Paragraph } from '@utrecht/component-library-react';
import { fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { type Action, fieldError, SubmitButton, TextAreaField, TextField } from '../shell/fields';
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
              fetchClient.POST('/api/v1/motions', {
                body: { ...common, request: request.trim(), ...(considerations.trim() ? { considerations: considerations.trim() } : {}) } satisfies NewMotion,
              }),
            t('motion.filedMessage', { title: common.title, number: item.number }),
          )
        : await action.run(
            () =>
              fetchClient.POST('/api/v1/amendments', {
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
        <TextField
          label={t('motion.titleField')}
          error={fieldError(action.error, 'title')}
          name="title"
          required
          maxLength={300}
          autoComplete="off"
          value={title}
          onChange={setTitle}
        />
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
        <TextField
          label={t('motion.onBehalfOfOptional')}
          description={t('motion.onBehalfOfHint')}
          error={fieldError(action.error, 'onBehalfOf')}
          name="onBehalfOf"
          maxLength={200}
          autoComplete="off"
          value={onBehalfOf}
          onChange={setOnBehalfOf}
        />
        {type === 'motion' ? (
          <>
            <TextAreaField
              label={t('motion.considerationsOptional')}
              description={t('motion.considerationsHint')}
              error={fieldError(action.error, 'considerations')}
              name="considerations"
              rows={4}
              maxLength={20_000}
              value={considerations}
              onChange={setConsiderations}
            />
            <TextAreaField
              label={t('motion.request')}
              description={t('motion.requestHint')}
              error={fieldError(action.error, 'request')}
              name="request"
              rows={4}
              required
              maxLength={20_000}
              value={request}
              onChange={setRequest}
            />
          </>
        ) : (
          <>
            <TextAreaField
              label={t('amendment.proposedText')}
              description={t('amendment.proposedTextHint')}
              error={fieldError(action.error, 'proposedText')}
              name="proposedText"
              rows={8}
              required
              maxLength={20_000}
              value={proposedText}
              onChange={setProposedText}
            />
            <TextAreaField
              label={t('amendment.explanationOptional')}
              error={fieldError(action.error, 'explanation')}
              name="explanation"
              rows={4}
              value={explanation}
              onChange={setExplanation}
            />
          </>
        )}
        <div className="vd-actions">
          <SubmitButton busy={action.busy}>{t(type === 'motion' ? 'motion.fileSubmit' : 'amendment.fileSubmit')}</SubmitButton>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t('meeting.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}
