import { Button, ButtonGroup, Heading, Paragraph } from '@utrecht/component-library-react';
import { $api, apiState, fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { ActionFeedback, useAction } from '../shell/fields';
import { useSession } from '../session/SessionContext';
import type { Meeting } from '../types';
import { useAgenda } from './common';

/**
 * For a person checked in at the meeting, on their phone: ask to speak on the item in hand (first or
 * second round), see their place on the list and whether they have the floor, and withdraw a request
 * that still waits. Live: the chair's moves and the item in hand arrive by the meeting's stream.
 */
export function AskToSpeak({ meeting }: { meeting: Meeting }) {
  const { user } = useSession();
  const inSession = meeting.status === 'in-session';
  const attendance = apiState(
    $api.useQuery('get', '/api/v1/meetings/{id}/attendance', { params: { path: { id: meeting.id } } }, { enabled: Boolean(user) && inSession }),
  );
  const checkedIn = Boolean(user && attendance.data?.checkIns.some((c) => c.personId === user.id && c.checkedOutAt === null));
  // The meeting page follows the meeting's event stream, which keeps the queue below current.
  if (!inSession || !checkedIn) return null;
  return <SpeakPanel meeting={meeting} />;
}

function SpeakPanel({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const agenda = useAgenda(meeting.id);
  const current = agenda.data?.items.find((i) => i.id === meeting.currentItemId);
  const itemId = current?.id ?? '';
  const speakers = apiState($api.useQuery('get', '/api/v1/agenda-items/{id}/speakers', { params: { path: { id: itemId } } }, { enabled: Boolean(current) }));
  const action = useAction();
  const list = current ? (speakers.data?.items ?? []) : [];
  const mine = list.filter((s) => s.mine);
  const queue = list.filter((s) => s.status !== 'done');

  async function ask(round: 1 | 2) {
    const asked = await action.run(
      () => fetchClient.POST('/api/v1/agenda-items/{id}/speaker-requests', { params: { path: { id: itemId } }, body: { round } }),
      t('speak.asked', { round }),
    );
    if (asked) speakers.reload();
  }
  async function withdraw(id: string) {
    if (await action.run(() => fetchClient.PATCH('/api/v1/speakers/{id}', { params: { path: { id } }, body: { status: 'withdrawn' } }), t('speak.withdrawn')))
      speakers.reload();
  }

  return (
    <section className="vd-section vd-speak" aria-labelledby="speak-title">
      <Heading level={2} id="speak-title">
        {t('speak.title')}
      </Heading>
      {current ? (
        <>
          <Paragraph data-testid="speak-current">{t('speak.current', { number: current.number, title: current.title })}</Paragraph>
          <ActionFeedback action={action} />
          <ButtonGroup className="vd-speak__buttons">
            {([1, 2] as const).map((round) => (
              <Button
                key={round}
                appearance={round === 1 ? 'primary-action-button' : 'secondary-action-button'}
                busy={action.busy}
                disabled={action.busy || mine.some((s) => s.round === round && s.status !== 'done')}
                onClick={() => ask(round)}
              >
                {t('speak.ask', { round })}
              </Button>
            ))}
          </ButtonGroup>
          {mine.length > 0 && (
            <>
              <Heading level={3}>{t('speak.yours')}</Heading>
              <ul className="vd-speak__mine" aria-live="polite">
                {mine.map((s) => (
                  <li key={s.id} className={`vd-speak__turn vd-speak__turn--${s.status}`}>
                    <span>
                      {t('course.roundTitle', { round: s.round })}: <strong>{t(`speak.status.${s.status}`)}</strong>
                      {s.status === 'waiting' && <> ({t('speak.place', { n: queue.findIndex((q) => q.id === s.id) + 1 })})</>}
                    </span>
                    {s.status === 'waiting' && (
                      <Button appearance="subtle-button" className="vd-inline-button" disabled={action.busy} onClick={() => withdraw(s.id)}>
                        {t('speak.withdraw')}
                      </Button>
                    )}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      ) : (
        <Paragraph>{t('speak.noCurrent')}</Paragraph>
      )}
    </section>
  );
}
