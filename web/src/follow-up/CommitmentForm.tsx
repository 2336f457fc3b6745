import { type FormEvent, useState } from 'react';
import { Heading } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { useAgenda } from '../meetings/common';
import { fetchClient } from '../shell/client';
import { ActionFeedback, DateField, fieldError, SelectField, SubmitButton, TextField, useAction } from '../shell/fields';

/** Staff record a commitment (toezegging) made at an agenda item, during or after the meeting. */
export function CommitmentForm({ meetingId, onDone }: { meetingId: string; onDone(): void }) {
  const { t } = useI18n();
  const agenda = useAgenda(meetingId);
  const action = useAction();
  const items = agenda.data?.items ?? [];
  const [itemId, setItemId] = useState('');
  const [title, setTitle] = useState('');
  const [ownerName, setOwnerName] = useState('');
  const [ownerLabel, setOwnerLabel] = useState('');
  const [dueDate, setDueDate] = useState('');
  const chosen = itemId || items[0]?.id || '';

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      agendaItemId: chosen,
      title,
      dueDate,
      ...(ownerName.trim() ? { ownerName } : {}),
      ...(ownerLabel.trim() ? { ownerLabel } : {}),
    };
    if (await action.run(() => fetchClient.POST('/api/v1/follow-ups', { body }), t('followUp.commitment.done', { title }))) {
      setTitle('');
      onDone();
    }
  }

  return (
    <section aria-labelledby="follow-up-commitment">
      <Heading level={2} id="follow-up-commitment">
        {t('followUp.commitment')}
      </Heading>
      <ActionFeedback action={action} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-labelledby="follow-up-commitment">
        <SelectField
          label={t('followUp.commitment.item')}
          name="agendaItemId"
          value={chosen}
          onChange={setItemId}
          options={items.map((i) => ({ value: i.id, label: `${i.number}. ${i.title}` }))}
        />
        <TextField
          label={t('followUp.commitment.title')}
          error={fieldError(action.error, 'title')}
          name="title"
          required
          maxLength={300}
          value={title}
          onChange={setTitle}
        />
        <TextField
          label={t('followUp.commitment.owner')}
          error={fieldError(action.error, 'ownerName')}
          name="ownerName"
          value={ownerName}
          onChange={setOwnerName}
        />
        <TextField
          label={t('followUp.commitment.label')}
          error={fieldError(action.error, 'ownerLabel')}
          name="ownerLabel"
          value={ownerLabel}
          onChange={setOwnerLabel}
        />
        <DateField label={t('followUp.col.due')} error={fieldError(action.error, 'dueDate')} name="dueDate" required value={dueDate} onChange={setDueDate} />
        <SubmitButton busy={action.busy}>{t('followUp.commitment.submit')}</SubmitButton>
      </form>
    </section>
  );
}
