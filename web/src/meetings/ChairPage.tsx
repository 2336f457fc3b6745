import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { ActionFeedback, useAction } from '../shell/fields';
import { RoleGate } from '../people/RoleGate';
import { Loading, ProblemAlert, VisuallyHidden } from '../shell/components';
import { today } from '../shell/dates';
import type { AgendaItem, Meeting } from '../types';
import { MeetingPageTop, submissionsFor, useAgenda, useMeeting, useSubmissions, type Submissions } from './common';
import { ConfirmButton } from './ConfirmButton';
import { PollControl } from '../voting/PollControl';
import { CurrentItem, type Recorded } from './ChairDecision';
import { Presence } from './ChairPresence';
import { ScreenChooser } from './ScreenChooser';
import { useMeetingEvents } from './live';

export function ChairPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const meeting = useMeeting(id);
  const m = meeting.data;
  return (
    <>
      <MeetingPageTop title={m ? t('course.title', { title: m.title }) : ''} meeting={m} error={meeting.error} />
      <ProblemAlert error={meeting.error} />
      {!m && meeting.loading && <Loading />}
      {m && (
        <RoleGate roles={['admin', 'staff', 'chair']} needLogin="course.needLogin" needRole="course.needRole">
          <Console meeting={m} reloadMeeting={meeting.reload} />
        </RoleGate>
      )}
    </>
  );
}

function Console({ meeting, reloadMeeting }: { meeting: Meeting; reloadMeeting(): void }) {
  const { t } = useI18n();
  const agenda = useAgenda(meeting.id);
  const submissions = useSubmissions(meeting.id);
  const [recorded, setRecorded] = useState<Recorded>(new Map());
  const current = agenda.data?.items.find((i) => i.id === meeting.currentItemId);
  const currentHeading = useRef<HTMLHeadingElement>(null);
  const moveFocus = useRef(false);
  useEffect(() => {
    if (moveFocus.current && current) {
      moveFocus.current = false;
      currentHeading.current?.focus();
    }
  }, [current?.id]);

  // Attendance, the item in hand, speakers, votes and the projector's choice arrive live.
  useMeetingEvents(meeting.id);
  const reloadAll = () => {
    reloadMeeting();
    agenda.reload();
    submissions.reload();
  };

  return (
    <>
      <Paragraph appearance="lead">{t('course.intro')}</Paragraph>
      <ProblemAlert error={agenda.error} />
      <ProblemAlert error={submissions.error} />
      {!agenda.data && agenda.loading && <Loading />}
      <div className="vd-console">
        <div className="vd-console__side">
          <SessionControls meeting={meeting} onChanged={reloadAll} />
          {agenda.data && (
            <ConsoleAgenda
              meeting={meeting}
              items={agenda.data.items}
              submissions={submissions}
              onCurrent={() => {
                moveFocus.current = true;
                reloadMeeting();
              }}
            />
          )}
          <ScreenChooser meeting={meeting} items={agenda.data?.items ?? []} submissions={submissions} />
          <Presence meeting={meeting} />
        </div>
        {/* The item in hand and its vote stay in view while the side scrolls (1366x768 and up). */}
        <section className="vd-console__current vd-panel" aria-labelledby="course-current">
          <Heading level={2} id="course-current" ref={currentHeading} tabIndex={-1}>
            {current ? t('course.currentTitle', { number: current.number, title: current.title }) : t('course.noCurrentTitle')}
          </Heading>
          {!current && <Paragraph>{meeting.status === 'in-session' ? t('course.chooseItem') : t('course.openFirst')}</Paragraph>}
          <PollControl meeting={meeting} item={current} submissions={submissions} onChanged={reloadAll} />
          {current && (
            <CurrentItem
              key={current.id}
              meeting={meeting}
              item={current}
              submissions={submissions}
              recorded={recorded}
              onRecorded={(decisions) => {
                setRecorded((previous) => {
                  const next = new Map(previous);
                  for (const decision of decisions) next.set(decision.subjectId, decision);
                  return next;
                });
                reloadAll();
              }}
              onChanged={reloadAll}
            />
          )}
        </section>
      </div>
    </>
  );
}

function SessionControls({ meeting, onChanged }: { meeting: Meeting; onChanged(): void }) {
  const { t, date } = useI18n();
  const action = useAction();
  async function run(kind: 'open' | 'close', confirmEarly = false) {
    const init = { params: { path: { id: meeting.id }, query: confirmEarly ? { confirmEarly: true } : {} } };
    if (
      await action.run(
        () => fetchClient.POST(`/api/v1/meetings/{id}/${kind}`, init),
        t(kind === 'open' ? 'course.opened' : 'course.closed', { title: meeting.title }),
      )
    )
      onChanged();
  }
  // Opening before the meeting's date is usually the wrong meeting: the server asks for confirmation, so do we.
  const early = meeting.date > today();
  return (
    <section className="vd-section" aria-labelledby="course-session">
      <Heading level={2} id="course-session">
        {t('course.session')}
      </Heading>
      <ActionFeedback action={action} />
      {meeting.status === 'in-session' ? (
        <>
          <Paragraph>{t('course.inSession')}</Paragraph>
          <ConfirmButton
            label={t('course.close')}
            question={t('course.closeQuestion')}
            confirm={t('course.closeConfirm')}
            busy={action.busy}
            onConfirm={() => run('close')}
          />
        </>
      ) : meeting.status === 'closed' ? (
        <Paragraph>{t('course.isClosed')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('course.notOpen')}</Paragraph>
          {early ? (
            <ConfirmButton
              label={t('course.open')}
              question={t('course.openEarlyQuestion', { date: date(meeting.date) })}
              confirm={t('course.openEarlyConfirm')}
              busy={action.busy}
              onConfirm={() => run('open', true)}
            />
          ) : (
            <ConfirmButton
              label={t('course.open')}
              question={t('course.openQuestion')}
              confirm={t('course.openConfirm')}
              tone="primary"
              busy={action.busy}
              onConfirm={() => run('open')}
            />
          )}
        </>
      )}
    </section>
  );
}

function ConsoleAgenda({ meeting, items, submissions, onCurrent }: { meeting: Meeting; items: AgendaItem[]; submissions: Submissions; onCurrent(): void }) {
  const { t } = useI18n();
  const action = useAction();
  const live = meeting.status === 'in-session';
  async function setCurrent(item: AgendaItem | null) {
    const message = item ? t('course.currentSet', { number: item.number, title: item.title }) : t('course.currentCleared');
    if (
      await action.run(
        () => fetchClient.PUT('/api/v1/meetings/{id}/current-item', { params: { path: { id: meeting.id } }, body: { itemId: item?.id ?? null } }),
        message,
      )
    )
      onCurrent();
  }
  return (
    <section className="vd-console__agenda" aria-labelledby="course-agenda">
      <Heading level={2} id="course-agenda">
        {t('agenda.title')}
      </Heading>
      <ActionFeedback action={action} />
      <ol className="vd-console-agenda">
        {items.map((item) => {
          const isCurrent = item.id === meeting.currentItemId;
          const open = submissionsFor(item.id, submissions.motions, submissions.amendments).filter((s) => s.status === 'filed').length;
          return (
            <li
              key={item.id}
              className={['vd-console-agenda__item', item.parentId ? 'vd-console-agenda__item--sub' : '', isCurrent ? 'vd-console-agenda__item--current' : '']
                .filter(Boolean)
                .join(' ')}
              aria-current={isCurrent ? 'step' : undefined}
            >
              <span className="vd-console-agenda__title">
                {item.number}. {item.title}
              </span>
              <span className="vd-console-agenda__badges">
                {isCurrent && <span className="vd-badge vd-badge--current">{t('agenda.current')}</span>}
                {item.decision && <span className="vd-badge">{t('course.decided')}</span>}
                {open > 0 && <span className="vd-badge">{t('course.openSubmissions', { n: open })}</span>}
              </span>
              {live && !isCurrent && (
                <Button appearance="subtle-button" className="vd-inline-button" disabled={action.busy} onClick={() => setCurrent(item)}>
                  {t('course.makeCurrent')}
                  <VisuallyHidden>
                    {' '}
                    ({item.number}. {item.title})
                  </VisuallyHidden>
                </Button>
              )}
            </li>
          );
        })}
      </ol>
      {live && meeting.currentItemId && (
        <Button appearance="secondary-action-button" disabled={action.busy} onClick={() => setCurrent(null)}>
          {t('course.clearCurrent')}
        </Button>
      )}
    </section>
  );
}
