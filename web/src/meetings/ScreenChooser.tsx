import { useEffect, useState, type FormEvent } from 'react';
import { Heading, Paragraph, SelectOption } from '@utrecht/component-library-react';
import { $api, apiState, fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { ActionFeedback, fieldError, SelectField, SubmitButton, useAction } from '../shell/fields';
import { AppLink, ProblemAlert } from '../shell/components';
import type { AgendaItem, Meeting } from '../types';
import { useMeetingPolls } from '../voting/common';
import { screenPath } from '../voting/common';
import type { Submissions } from './common';

type Content = 'auto' | 'agenda' | 'current-item' | 'submission' | 'speakers' | 'poll';
const CONTENTS: readonly Content[] = ['auto', 'agenda', 'current-item', 'speakers', 'submission', 'poll'];

/** The chair chooses what the projector in the hall shows; the projector follows by the meeting's stream. */
export function ScreenChooser({ meeting, items, submissions }: { meeting: Meeting; items: AgendaItem[]; submissions: Submissions }) {
  const { t } = useI18n();
  const screen = apiState($api.useQuery('get', '/api/v1/meetings/{id}/screen', { params: { path: { id: meeting.id } } }));
  const polls = useMeetingPolls(meeting.id, 0);
  const [content, setContent] = useState<Content>('auto');
  const [subjectId, setSubjectId] = useState('');
  const action = useAction();
  const shown = screen.data;
  useEffect(() => {
    if (!shown) return;
    setContent(shown.content);
    setSubjectId(shown.subjectId ?? '');
  }, [shown]);

  const numberOf = new Map(items.map((i) => [i.id, i.number]));
  const subjects =
    content === 'submission'
      ? [...submissions.motions, ...submissions.amendments].map((s) => ({
          value: s.id,
          label: `${numberOf.get(s.agendaItemId) ?? ''} ${s.title}`.trim(),
        }))
      : content === 'poll'
        ? polls.items.map((p) => ({ value: p.id, label: p.question }))
        : [];
  const needsSubject = content === 'submission' || content === 'poll';

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = { content, subjectId: needsSubject ? subjectId || null : null };
    if (
      await action.run(
        () => fetchClient.PUT('/api/v1/meetings/{id}/screen', { params: { path: { id: meeting.id } }, body }),
        t('screen.shown', { content: t(`screen.content.${content}`) }),
      )
    )
      screen.reload();
  }

  return (
    <section className="vd-section" aria-labelledby="course-screen">
      <Heading level={2} id="course-screen">
        {t('screen.title')}
      </Heading>
      <ProblemAlert error={screen.error} />
      {shown && <Paragraph data-testid="screen-now">{t('screen.now', { content: t(`screen.content.${shown.content}`) })}</Paragraph>}
      <Paragraph>
        <AppLink to={screenPath(meeting.id)} target="_blank" rel="noopener">
          {t('screen.open')}
        </AppLink>
      </Paragraph>
      <ActionFeedback action={action} fieldLabel={(name) => (name === 'subjectId' ? t('screen.subject') : t('screen.content'))} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-label={t('screen.title')}>
        <SelectField
          label={t('screen.content')}
          name="content"
          value={content}
          onChange={(value) => {
            setContent(value);
            setSubjectId('');
          }}
          options={CONTENTS.map((c) => ({ value: c, label: t(`screen.content.${c}`) }))}
        />
        {needsSubject &&
          (subjects.length === 0 ? (
            <Paragraph>{t('screen.noSubjects')}</Paragraph>
          ) : (
            <SelectField
              label={t('screen.subject')}
              name="subjectId"
              required
              error={fieldError(action.error, 'subjectId')}
              value={subjectId}
              onChange={setSubjectId}
            >
              <SelectOption value="">—</SelectOption>
              {subjects.map((s) => (
                <SelectOption key={s.value} value={s.value}>
                  {s.label}
                </SelectOption>
              ))}
            </SelectField>
          ))}
        <SubmitButton busy={action.busy}>{t('screen.show')}</SubmitButton>
      </form>
    </section>
  );
}
