import { type FormEvent, useState } from 'react';
import { Heading } from '@utrecht/component-library-react';
import type { Topic } from '../../../src/topics/schemas';
import { useI18n } from '../i18n';
import { fetchClient } from '../shell/client';
import { ActionFeedback, fieldError, SelectField, SubmitButton, TextAreaField, TextField, useAction } from '../shell/fields';
import { routeKey } from './TopicsPage';

const ROUTES: NonNullable<Topic['route']>[] = ['general-meeting', 'committee', 'network', 'expertise-team'];

/** Staff route a topic that reached the threshold, or decline it with the reason the submitter will read. */
export function TriageForm({ topic, onDone }: { topic: Topic; onDone(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const [decision, setDecision] = useState<'route' | 'decline'>('route');
  const [route, setRoute] = useState<NonNullable<Topic['route']>>('general-meeting');
  const [routeTo, setRouteTo] = useState('');
  const [reason, setReason] = useState('');
  const headingId = `triage-${topic.id}`;
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      decision,
      ...(decision === 'route' ? { route, ...(routeTo.trim() ? { routeTo } : {}) } : {}),
      ...(reason.trim() ? { reason } : {}),
    };
    if (
      await action.run(
        () => fetchClient.POST('/api/v1/topics/{id}/triage', { params: { path: { id: topic.id } }, body }),
        t('topic.triaged', { title: topic.title }),
      )
    )
      onDone();
  }
  return (
    <section aria-labelledby={headingId}>
      <Heading level={3} id={headingId}>
        {t('topic.triage')}: {topic.title}
      </Heading>
      <ActionFeedback action={action} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-labelledby={headingId}>
        <SelectField
          label={t('topic.triage.decision')}
          name="decision"
          value={decision}
          onChange={setDecision}
          options={[
            { value: 'route', label: t('topic.triage.route') },
            { value: 'decline', label: t('topic.triage.decline') },
          ]}
        />
        {decision === 'route' && (
          <>
            <SelectField
              label={t('topic.triage.where')}
              name="route"
              value={route}
              onChange={setRoute}
              options={ROUTES.map((r) => ({ value: r, label: t(routeKey(r)) }))}
            />
            {route !== 'general-meeting' && (
              <TextField label={t('topic.triage.routeTo')} error={fieldError(action.error, 'routeTo')} name="routeTo" value={routeTo} onChange={setRouteTo} />
            )}
          </>
        )}
        <TextAreaField label={t('topic.triage.reason')} error={fieldError(action.error, 'reason')} name="reason" rows={2} value={reason} onChange={setReason} />
        <SubmitButton busy={action.busy}>{t('topic.triage.submit')}</SubmitButton>
      </form>
    </section>
  );
}
