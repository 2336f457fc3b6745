import { useState, type FormEvent } from 'react';
import { Button, Heading, Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { $api, apiState, fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { ActionFeedback, fieldError, SelectField, SubmitButton, TextField, useAction } from '../shell/fields';
import { useMemberOptions } from '../people/MemberSelect';
import { Field, ProblemAlert, VisuallyHidden } from '../shell/components';
import type { AgendaItem } from '../types';
import { itemsOf } from './common';

type Move = 'speaking' | 'done' | 'withdrawn';

/**
 * The speakers' list of the item in hand as a queue: whoever has the floor, those waiting (first round
 * first, in the order asked, from the hall's phones or put on by the chair), and those who spoke. The
 * chair gives the floor, ends a turn or takes a request off; the list follows the meeting's stream.
 */
export function Speakers({ item }: { item: AgendaItem }) {
  const { t, dateTime } = useI18n();
  const speakers = apiState($api.useQuery('get', '/api/v1/agenda-items/{id}/speakers', { params: { path: { id: item.id } } }));
  const move = useAction();
  const all = itemsOf(speakers.data);
  const queue = all.filter((s) => s.status !== 'done');
  const done = all.filter((s) => s.status === 'done');

  async function moveTo(id: string, name: string, status: Move) {
    const message = t(status === 'speaking' ? 'speakers.floorGiven' : status === 'done' ? 'speakers.turnEnded' : 'speakers.removed', { name });
    if (await move.run(() => fetchClient.PATCH('/api/v1/speakers/{id}', { params: { path: { id } }, body: { status } }), message)) speakers.reload();
  }

  return (
    <section className="vd-section" aria-labelledby="course-speakers">
      <Heading level={3} id="course-speakers">
        {t('course.speakers')}
      </Heading>
      <ProblemAlert error={speakers.error} />
      <ActionFeedback action={move} />
      <Heading level={4}>{t('speakers.queue')}</Heading>
      {queue.length === 0 ? (
        <Paragraph>{t('course.noSpeakers')}</Paragraph>
      ) : (
        <ol className="vd-speakers__list vd-speakers__queue" data-testid="speakers-queue">
          {queue.map((speaker) => {
            const who = speaker.memberName ? `${speaker.name} (${speaker.memberName})` : speaker.name;
            const context = <VisuallyHidden> ({who})</VisuallyHidden>;
            return (
              <li key={speaker.id} className={`vd-speakers__item vd-speakers__item--${speaker.status}`}>
                <span className="vd-speakers__who">
                  {who}{' '}
                  <span className="vd-badge">
                    {t('course.roundTitle', { round: speaker.round })} · {t(`speakers.status.${speaker.status}`)}
                  </span>{' '}
                  <span className="vd-muted">{dateTime(speaker.floorAt ?? speaker.recordedAt)}</span>
                </span>
                <span className="vd-speakers__actions">
                  {speaker.status === 'waiting' ? (
                    <Button appearance="primary-action-button" disabled={move.busy} onClick={() => moveTo(speaker.id, speaker.name, 'speaking')}>
                      {t('speakers.giveFloor')}
                      {context}
                    </Button>
                  ) : (
                    <Button appearance="secondary-action-button" disabled={move.busy} onClick={() => moveTo(speaker.id, speaker.name, 'done')}>
                      {t('speakers.endTurn')}
                      {context}
                    </Button>
                  )}
                  <Button
                    appearance="subtle-button"
                    className="vd-inline-button"
                    disabled={move.busy}
                    onClick={() => moveTo(speaker.id, speaker.name, 'withdrawn')}
                  >
                    {t('speakers.remove')}
                    {context}
                  </Button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      {done.length > 0 && (
        <details className="vd-speakers__done">
          <summary>
            {t('speakers.done')} ({done.length})
          </summary>
          <ol className="vd-speakers__list">
            {done.map((speaker) => (
              <li key={speaker.id}>
                {speaker.name}
                {speaker.memberName ? ` (${speaker.memberName})` : ''} <span className="vd-muted">{t('course.roundTitle', { round: speaker.round })}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
      <AddSpeaker item={item} onAdded={speakers.reload} />
    </section>
  );
}

/** The chair puts someone in the hall on the list, or records a turn after the fact. */
function AddSpeaker({ item, onAdded }: { item: AgendaItem; onAdded(): void }) {
  const { t } = useI18n();
  const [round, setRound] = useState<1 | 2>(1);
  const [name, setName] = useState('');
  const [memberId, setMemberId] = useState('');
  const [status, setStatus] = useState<'waiting' | 'done'>('waiting');
  const members = useMemberOptions();
  const action = useAction();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = { round, name: name.trim(), status, ...(memberId ? { memberId } : {}) };
    if (
      await action.run(
        () => fetchClient.POST('/api/v1/agenda-items/{id}/speakers', { params: { path: { id: item.id } }, body }),
        t('course.speakerAdded', { name: body.name, round }),
      )
    ) {
      setName('');
      setMemberId('');
      onAdded();
    }
  }

  const labels: Record<string, string> = { round: t('course.round'), name: t('course.speakerName'), memberId: t('course.speakerMember') };
  return (
    <>
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
            maxLength={200}
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
          <SelectField
            label={t('speakers.how')}
            name="status"
            value={status}
            onChange={setStatus}
            options={[
              { value: 'waiting', label: t('speakers.addToQueue') },
              { value: 'done', label: t('speakers.recordDone') },
            ]}
          />
        </div>
        <SubmitButton busy={action.busy}>{t('course.addSpeaker')}</SubmitButton>
      </form>
    </>
  );
}
