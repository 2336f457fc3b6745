import { type FormEvent, useState } from 'react';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { $api, apiState, fetchClient } from '../shell/client';
import { ActionFeedback, fieldError, SelectField, SubmitButton, TextField, useAction } from '../shell/fields';
import type { WhatIfInput } from '../types';

/** Staff turn the comparison into a PDF paper on an agenda item of a coming meeting. */
export function PaperForm({ body }: { body: WhatIfInput }) {
  const { t, date } = useI18n();
  const meetings = apiState($api.useQuery('get', '/api/v1/meetings'));
  const [meetingId, setMeetingId] = useState('');
  const items = apiState($api.useQuery('get', '/api/v1/meetings/{id}/agenda-items', { params: { path: { id: meetingId } } }, { enabled: meetingId !== '' }));
  const [agendaItemId, setAgendaItemId] = useState('');
  const [title, setTitle] = useState(t('power.paperTitleDefault'));
  const action = useAction();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    await action.run(() => fetchClient.POST('/api/v1/power/what-if/paper', { body: { ...body, agendaItemId, title } }), t('power.attached'));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="vd-form" aria-labelledby="power-paper">
      <Heading level={3} id="power-paper">
        {t('power.paper')}
      </Heading>
      <Paragraph>{t('power.paperIntro')}</Paragraph>
      <SelectField
        label={t('power.meeting')}
        value={meetingId}
        onChange={(id) => {
          setMeetingId(id);
          setAgendaItemId('');
        }}
        options={[
          { value: '', label: t('power.choose') },
          ...(meetings.data?.items ?? []).map((m) => ({ value: m.id, label: `${m.title} (${date(m.date)})` })),
        ]}
      />
      <SelectField
        label={t('power.agendaItem')}
        value={agendaItemId}
        onChange={setAgendaItemId}
        error={fieldError(action.error, 'agendaItemId', '/agendaItemId')}
        options={[{ value: '', label: t('power.choose') }, ...(items.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.number}. ${i.title}` }))]}
      />
      <TextField label={t('power.paperTitle')} required maxLength={300} error={fieldError(action.error, 'title', '/title')} value={title} onChange={setTitle} />
      <SubmitButton busy={action.busy} disabled={agendaItemId === ''}>
        {t('power.attach')}
      </SubmitButton>
      <ActionFeedback action={action} />
    </form>
  );
}
