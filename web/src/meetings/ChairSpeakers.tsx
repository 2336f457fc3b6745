import { useState, type FormEvent } from 'react';
import { Heading, Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { $api, apiState, fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { ActionFeedback, fieldError, SelectField, SubmitButton, TextField, useAction } from '../shell/fields';
import { useMemberOptions } from '../people/MemberSelect';
import { Field, ProblemAlert } from '../shell/components';
import type { AgendaItem } from '../types';
import { itemsOf } from './common';

/** The speakers list of an item by round, and adding a speaker to it. */
export function Speakers({ item }: { item: AgendaItem }) {
  const { t, dateTime } = useI18n();
  const speakers = apiState($api.useQuery('get', '/api/v1/agenda-items/{id}/speakers', { params: { path: { id: item.id } } }));
  const [round, setRound] = useState<1 | 2>(1);
  const [name, setName] = useState('');
  const [memberId, setMemberId] = useState('');
  const members = useMemberOptions();
  const action = useAction();
  const all = itemsOf(speakers.data);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = { round, name: name.trim(), ...(memberId ? { memberId } : {}) };
    if (
      await action.run(
        () => fetchClient.POST('/api/v1/agenda-items/{id}/speakers', { params: { path: { id: item.id } }, body }),
        t('course.speakerAdded', { name: body.name, round }),
      )
    ) {
      setName('');
      setMemberId('');
      speakers.reload();
    }
  }

  const labels: Record<string, string> = { round: t('course.round'), name: t('course.speakerName'), memberId: t('course.speakerMember') };
  return (
    <section className="vd-section" aria-labelledby="course-speakers">
      <Heading level={3} id="course-speakers">
        {t('course.speakers')}
      </Heading>
      <ProblemAlert error={speakers.error} />
      {([1, 2] as const).map((r) => {
        const inRound = all.filter((s) => s.round === r);
        return (
          <div key={r} className="vd-speakers">
            <Heading level={4}>{t('course.roundTitle', { round: r })}</Heading>
            {inRound.length === 0 ? (
              <Paragraph>{t('course.noSpeakers')}</Paragraph>
            ) : (
              <ol className="vd-speakers__list">
                {inRound.map((speaker) => (
                  <li key={speaker.id}>
                    {speaker.name}
                    {speaker.memberName ? ` (${speaker.memberName})` : ''} <span className="vd-muted">{dateTime(speaker.recordedAt)}</span>
                  </li>
                ))}
              </ol>
            )}
          </div>
        );
      })}
      <ActionFeedback action={action} fieldLabel={(field) => labels[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-label={t('course.addSpeaker')}>
        <div className="vd-form__row">
          <Field label={t('course.round')}>
            {({ id }) => (
              <Select id={id} name="round" value={String(round)} onChange={(e) => setRound(e.currentTarget.value === '2' ? 2 : 1)}>
                <SelectOption value="1">{t('course.roundTitle', { round: 1 })}</SelectOption>
                <SelectOption value="2">{t('course.roundTitle', { round: 2 })}</SelectOption>
              </Select>
            )}
          </Field>
          <TextField
            label={t('course.speakerName')}
            error={fieldError(action.error, 'name')}
            name="name"
            required
            autoComplete="off"
            value={name}
            onChange={setName}
          />
          <SelectField
            label={t('course.speakerMemberOptional')}
            error={fieldError(action.error, 'memberId')}
            name="memberId"
            value={memberId}
            onChange={setMemberId}
          >
            <SelectOption value="">{t('course.noMember')}</SelectOption>
            {members.items.map((member) => (
              <SelectOption key={member.id} value={member.id}>
                {member.name}
              </SelectOption>
            ))}
          </SelectField>
        </div>
        <SubmitButton busy={action.busy}>{t('course.addSpeaker')}</SubmitButton>
      </form>
    </section>
  );
}
