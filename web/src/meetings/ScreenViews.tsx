import { Heading, Paragraph } from '@utrecht/component-library-react';
import { $api, apiState } from '../shell/client';
import { useI18n } from '../i18n';
import type { AgendaItem } from '../types';
import { TextBlock, useSubmissions } from './common';

/**
 * What the projector shows besides a vote, as the chair chose it (GET /meetings/:id/screen): the agenda,
 * the item in hand with its proposal, a motion or amendment, the speakers' list. Large and plain.
 */
export function ScreenAgenda({ items, currentId }: { items: AgendaItem[]; currentId: string | null }) {
  const { t } = useI18n();
  return (
    <section className="vd-screen__poll" aria-labelledby="screen-agenda">
      <Heading level={2} id="screen-agenda" className="vd-screen__question">
        {t('agenda.title')}
      </Heading>
      <ol className="vd-screen__list" data-testid="screen-agenda">
        {items.map((item) => (
          <li key={item.id} className={item.id === currentId ? 'vd-screen__speaking' : undefined} aria-current={item.id === currentId ? 'step' : undefined}>
            {item.number}. {item.title}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function ScreenItem({ item }: { item: AgendaItem | undefined }) {
  const { t } = useI18n();
  if (!item) return <Paragraph className="vd-screen__idle">{t('projector.noCurrent')}</Paragraph>;
  return (
    <section className="vd-screen__poll" aria-labelledby="screen-item">
      <Heading level={2} id="screen-item" className="vd-screen__question">
        {item.number}. {item.title}
      </Heading>
      <Heading level={3}>{t('screen.proposal')}</Heading>
      {item.decisionText ? <TextBlock text={item.decisionText} className="vd-screen__text" /> : <Paragraph>{t('screen.noProposal')}</Paragraph>}
    </section>
  );
}

export function ScreenSubmission({ meetingId, id }: { meetingId: string; id: string }) {
  const { t } = useI18n();
  const submissions = useSubmissions(meetingId);
  const motion = submissions.motions.find((m) => m.id === id);
  const amendment = submissions.amendments.find((a) => a.id === id);
  const found = motion ?? amendment;
  if (!found) return submissions.loading ? null : <Paragraph className="vd-screen__idle">{t('screen.notFound')}</Paragraph>;
  return (
    <section className="vd-screen__poll" aria-labelledby="screen-submission">
      <Paragraph className="vd-screen__subject">{t(motion ? 'screen.motion' : 'screen.amendment')}</Paragraph>
      <Heading level={2} id="screen-submission" className="vd-screen__question">
        {found.title}
      </Heading>
      {motion?.considerations && <TextBlock text={motion.considerations} className="vd-screen__text" />}
      <TextBlock text={motion ? motion.request : (amendment?.proposedText ?? '')} className="vd-screen__text" />
    </section>
  );
}

export function ScreenSpeakers({ item }: { item: AgendaItem | undefined }) {
  const { t } = useI18n();
  const speakers = apiState(
    $api.useQuery('get', '/api/v1/agenda-items/{id}/speakers', { params: { path: { id: item?.id ?? '' } } }, { enabled: Boolean(item) }),
  );
  if (!item) return <Paragraph className="vd-screen__idle">{t('projector.noCurrent')}</Paragraph>;
  const list = (speakers.data?.items ?? []).filter((s) => s.status !== 'done');
  return (
    <section className="vd-screen__poll" aria-labelledby="screen-speakers">
      <Paragraph className="vd-screen__subject">
        {item.number}. {item.title}
      </Paragraph>
      <Heading level={2} id="screen-speakers" className="vd-screen__question">
        {t('speakers.queue')}
      </Heading>
      {list.length === 0 ? (
        <Paragraph className="vd-screen__idle">{t('course.noSpeakers')}</Paragraph>
      ) : (
        <ol className="vd-screen__list" data-testid="screen-speakers">
          {list.map((s) => (
            <li key={s.id} className={s.status === 'speaking' ? 'vd-screen__speaking' : undefined}>
              {s.name}
              {s.memberName ? ` (${s.memberName})` : ''} · {t('course.roundTitle', { round: s.round })}
              {s.status === 'speaking' ? ` · ${t('speakers.status.speaking')}` : ''}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
