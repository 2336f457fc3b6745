import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { Alert, Button, DataList, DataListItem, DataListKey, DataListValue, Heading, Link, Paragraph } from '@utrecht/component-library-react';
import { apiHref } from '../api';
import { $api, apiState } from '../shell/client';
import { useI18n } from '../i18n';
import { useMeetingEvents } from './live';
import { ActionFeedback, useAction } from '../shell/fields';
import { useSession } from '../session/SessionContext';
import { AppLink, Loading, ProblemAlert, VisuallyHidden } from '../shell/components';
import type { AgendaItem, Meeting } from '../types';
import {
  agendaTree,
  filingOpen,
  isStaff,
  MeetingPageTop,
  meetingPath,
  runsMeeting,
  submissionsFor,
  SubmissionList,
  TextBlock,
  useAgenda,
  useMeeting,
  useMyMembers,
  useSubmissions,
  type Submissions,
} from './common';
import { FUNCTIONS, functionKey, kindKey, modeKey, purposeKey, statusKey, takesAmendments, takesMotions } from './labels';
import { MyAttendance } from './Attendance';
import { AskToSpeak } from './AskToSpeak';
import { PaperList } from './Papers';
import { SubmissionForm, type SubmissionType } from './SubmissionForm';
import { SubmitterActions } from './SubmitterActions';
import { OpenPollNotice } from '../voting/OpenPollNotice';

type Phrases = Map<string, { nl: string; en: string }>;

export function MeetingPage() {
  const { id = '' } = useParams();
  const { t, dateTime } = useI18n();
  const { user } = useSession();
  const meeting = useMeeting(id, true);
  // The meeting's live state (opened, the item in hand, speakers, votes) arrives by its event stream.
  useMeetingEvents(id);
  const agenda = useAgenda(id);
  const signedIn = Boolean(user);
  const submissions = useSubmissions(signedIn && meeting.data ? meeting.data.id : null);
  const decisions = apiState($api.useQuery('get', '/api/v1/meetings/{id}/decisions', { params: { path: { id } } }, { enabled: meeting.data !== undefined }));
  const myMembers = useMyMembers(signedIn);

  // The phrases of decided motions and amendments, from the public decision list.
  const phrases: Phrases = new Map();
  for (const entry of decisions.data?.items ?? []) for (const phrase of entry.phrases) phrases.set(phrase.subjectId, phrase);

  const m = meeting.data;
  // The chair moved on: the agenda shows the new item's decisions and marks.
  const currentItemId = m?.currentItemId;
  const reloadAgenda = agenda.reload;
  useEffect(() => {
    if (currentItemId !== undefined) reloadAgenda();
  }, [currentItemId, reloadAgenda]);
  return (
    <>
      <MeetingPageTop title={m?.title ?? ''} meeting={m} error={meeting.error} />
      <ProblemAlert error={meeting.error} />
      {!m && meeting.loading && <Loading />}
      {m && (
        <>
          <LiveState meeting={m} items={agenda.data?.items} />
          <OpenPollNotice meeting={m} />
          <MeetingDetails meeting={m} />
          <MyAttendance meeting={m} />
          <AskToSpeak meeting={m} />
          <Appointments meeting={m} />
          <section className="vd-section" aria-labelledby="meeting-agenda">
            <Heading level={2} id="meeting-agenda">
              {t('agenda.title')}
            </Heading>
            <AgendaIntro signedIn={signedIn} />
            {myMembers.length > 0 && !runsMeeting(user) && m.status !== 'closed' && !filingOpen(m) && m.motionDeadline && (
              <Alert type="info" className="vd-alert">
                <Paragraph>{t('motion.deadlinePassed', { deadline: dateTime(m.motionDeadline) })}</Paragraph>
              </Alert>
            )}
            <ProblemAlert error={agenda.error} />
            <ProblemAlert error={submissions.error} />
            {!agenda.data && agenda.loading && <Loading />}
            {agenda.data && (
              <AgendaList
                items={agenda.data.items}
                meeting={m}
                submissions={signedIn ? submissions : undefined}
                phrases={phrases}
                myMembers={myMembers}
                onChanged={() => {
                  submissions.reload();
                  agenda.reload();
                  decisions.reload();
                }}
              />
            )}
          </section>
          <section className="vd-section" aria-labelledby="meeting-after">
            <Heading level={2} id="meeting-after">
              {t('meeting.afterTitle')}
            </Heading>
            <AfterLinks meeting={m} />
          </section>
        </>
      )}
    </>
  );
}

/** The meeting's state as it is now, announced politely when it changes: not yet open, open with the item under discussion, closed. */
function LiveState({ meeting, items }: { meeting: Meeting; items: AgendaItem[] | undefined }) {
  const { t } = useI18n();
  const current = items?.find((item) => item.id === meeting.currentItemId);
  const text =
    meeting.status === 'in-session'
      ? current
        ? t('meeting.liveCurrent', { item: `${current.number}. ${current.title}` })
        : t('meeting.liveOpen')
      : meeting.status === 'closed'
        ? t('meeting.liveClosed')
        : t('meeting.liveNotOpen');
  return (
    <Paragraph role="status" className={`vd-meeting-live vd-meeting-live--${meeting.status}`}>
      {text}
    </Paragraph>
  );
}

function AgendaIntro({ signedIn }: { signedIn: boolean }) {
  const { t } = useI18n();
  return <Paragraph>{signedIn ? t('agenda.introSignedIn') : t('agenda.introPublic')}</Paragraph>;
}

function AfterLinks({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <ul className="vd-plain-list vd-link-list">
      <li>
        <AppLink to={meetingPath(meeting.id, 'besluiten')}>{t('meeting.decisionListLink')}</AppLink>
      </li>
      <li>
        <AppLink to={meetingPath(meeting.id, 'notulen')}>{t('meeting.minutesLink')}</AppLink>
      </li>
      {isStaff(user) && (
        <li>
          <AppLink to={meetingPath(meeting.id, 'presentie')}>{t('attendance.title')}</AppLink>
        </li>
      )}
    </ul>
  );
}

function MeetingDetails({ meeting }: { meeting: Meeting }) {
  const { t, date, dateTime } = useI18n();
  return (
    <section className="vd-section" aria-labelledby="meeting-details">
      <Heading level={2} id="meeting-details">
        {t('meeting.details')}
      </Heading>
      <DataList className="vd-datalist">
        <DataListItem>
          <DataListKey>{t('meeting.kind')}</DataListKey>
          <DataListValue>{t(kindKey(meeting.kind))}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meeting.date')}</DataListKey>
          <DataListValue>
            {date(meeting.date)}
            {meeting.startTime ? `, ${t('meeting.startAt', { time: meeting.startTime })}` : ''}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meeting.location')}</DataListKey>
          <DataListValue>{meeting.location ?? '—'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meeting.mode')}</DataListKey>
          <DataListValue>{t(modeKey(meeting.mode))}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meeting.status')}</DataListKey>
          <DataListValue>{t(statusKey(meeting.status))}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meeting.motionDeadline')}</DataListKey>
          <DataListValue>{meeting.motionDeadline ? dateTime(meeting.motionDeadline) : t('meeting.noDeadline')}</DataListValue>
        </DataListItem>
      </DataList>
      <Paragraph>
        <Link href={apiHref(`/meetings/${encodeURIComponent(meeting.id)}/calendar.ics`)} download>
          {t('meeting.calendar')}
        </Link>
      </Paragraph>
    </section>
  );
}

function Appointments({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  return (
    <section className="vd-section" aria-labelledby="meeting-appointments">
      <Heading level={2} id="meeting-appointments">
        {t('meeting.appointments')}
      </Heading>
      {meeting.appointments.length === 0 ? (
        <Paragraph>{t('meeting.noAppointments')}</Paragraph>
      ) : (
        <DataList className="vd-datalist">
          {FUNCTIONS.filter((fn) => meeting.appointments.some((a) => a.function === fn)).map((fn) => (
            <DataListItem key={fn}>
              <DataListKey>{t(functionKey(fn))}</DataListKey>
              <DataListValue>
                {meeting.appointments
                  .filter((a) => a.function === fn)
                  .map((a) => a.name)
                  .join(', ')}
                {fn !== 'chair' && fn !== 'technical-chair' && meeting.appointments.some((a) => a.function === fn && !a.appointed) && (
                  <span className="vd-badge">{t('meeting.proposedForAppointment')}</span>
                )}
              </DataListValue>
            </DataListItem>
          ))}
        </DataList>
      )}
    </section>
  );
}

interface AgendaListProps {
  items: AgendaItem[];
  meeting: Meeting;
  submissions: Submissions | undefined;
  phrases: Phrases;
  myMembers: { id: string; name: string }[];
  onChanged(): void;
}

function AgendaList(props: AgendaListProps) {
  const { t } = useI18n();
  if (props.items.length === 0) return <Paragraph>{t('agenda.empty')}</Paragraph>;
  return (
    <ol className="vd-agenda">
      {agendaTree(props.items).map(({ item, children }) => (
        <AgendaItemView key={item.id} {...props} item={item}>
          {children.length > 0 && (
            <ol className="vd-agenda vd-agenda--sub">
              {children.map((child) => (
                <AgendaItemView key={child.id} {...props} item={child} />
              ))}
            </ol>
          )}
        </AgendaItemView>
      ))}
    </ol>
  );
}

function AgendaItemView({ item, meeting, submissions, phrases, myMembers, onChanged, children }: AgendaListProps & { item: AgendaItem; children?: ReactNode }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const asChair = runsMeeting(user);
  const [filing, setFiling] = useState<SubmissionType>();
  const action = useAction();
  const openButtons = useRef<HTMLDivElement>(null);
  const headingId = `item-${item.id}`;
  const list = submissions ? submissionsFor(item.id, submissions.motions, submissions.amendments) : [];
  // Nothing to file on an item already decided or at a closed meeting: the buttons are not offered.
  const mayFile =
    submissions !== undefined &&
    takesMotions(item) &&
    !item.decision &&
    (asChair || (myMembers.length > 0 && filingOpen(meeting))) &&
    meeting.status !== 'closed';
  const changed = item.effectiveDecisionText !== null && item.effectiveDecisionText !== item.decisionText;

  return (
    <li className={['vd-agenda__item', meeting.currentItemId === item.id ? 'vd-agenda__item--current' : ''].filter(Boolean).join(' ')}>
      <article aria-labelledby={headingId}>
        <Heading level={3} id={headingId} className="vd-agenda__title">
          {item.number}. {item.title}
        </Heading>
        <Paragraph className="vd-agenda__meta">
          <span className="vd-badge">{t(purposeKey(item.purpose))}</span>
          {meeting.currentItemId === item.id && <span className="vd-badge vd-badge--current">{t('agenda.current')}</span>}
          {!item.public && <span className="vd-badge">{t('agenda.membersOnly')}</span>}
          {item.portfolioHolder && <span className="vd-agenda__holder">{t('agenda.portfolioHolderValue', { name: item.portfolioHolder })}</span>}
        </Paragraph>
        {item.summary && (
          <>
            <Heading level={4}>{t('agenda.summary')}</Heading>
            <TextBlock text={item.summary} />
          </>
        )}
        {item.letter && (
          <details className="vd-details">
            <summary>{t('agenda.letter', { number: item.number })}</summary>
            <TextBlock text={item.letter} />
          </details>
        )}
        {item.papers.length > 0 && (
          <>
            <Heading level={4}>{t('agenda.papers')}</Heading>
            <PaperList papers={item.papers} />
          </>
        )}

        {submissions && (list.length > 0 || mayFile) && (
          <section className="vd-agenda__submissions" aria-label={t('agenda.submissionsFor', { number: item.number })}>
            <Heading level={4}>{t('agenda.submissions')}</Heading>
            {!filing && <ActionFeedback action={action} />}
            <SubmissionList list={list} headingLevel={5}>
              {(submission) => (
                <>
                  {phrases.get(submission.id) && <Paragraph className="vd-phrase">{phrases.get(submission.id)?.[lang]}</Paragraph>}
                  <SubmitterActions submission={submission} meeting={meeting} myMembers={myMembers} asChair={asChair} onChanged={onChanged} />
                </>
              )}
            </SubmissionList>
            {mayFile && !filing && (
              <div className="vd-actions" ref={openButtons}>
                <Button
                  appearance="secondary-action-button"
                  onClick={() => {
                    action.clear();
                    setFiling('motion');
                  }}
                >
                  {t('motion.file')}
                  <VisuallyHidden> ({t('agenda.atItem', { number: item.number })})</VisuallyHidden>
                </Button>
                {takesAmendments(item) && (item.decisionText || item.effectiveDecisionText) && (
                  <Button
                    appearance="secondary-action-button"
                    onClick={() => {
                      action.clear();
                      setFiling('amendment');
                    }}
                  >
                    {t('amendment.file')}
                    <VisuallyHidden> ({t('agenda.atItem', { number: item.number })})</VisuallyHidden>
                  </Button>
                )}
              </div>
            )}
            {filing && (
              <SubmissionForm
                type={filing}
                item={item}
                meeting={meeting}
                myMembers={myMembers}
                asChair={asChair}
                action={action}
                onCancel={() => {
                  setFiling(undefined);
                  action.clear();
                  requestAnimationFrame(() => openButtons.current?.querySelector('button')?.focus());
                }}
                onFiled={() => {
                  setFiling(undefined);
                  onChanged();
                }}
              />
            )}
          </section>
        )}
        {(item.decisionText || item.effectiveDecisionText) && (
          <section className="vd-agenda__proposal" aria-label={t('agenda.proposalFor', { number: item.number })}>
            <Heading level={4}>{t('agenda.proposal')}</Heading>
            {changed ? (
              <>
                <Paragraph className="vd-note">{t('agenda.amendedNote')}</Paragraph>
                <TextBlock text={item.effectiveDecisionText ?? ''} className="vd-decision-text" />
                <details className="vd-details">
                  <summary>{t('agenda.originalText')}</summary>
                  <TextBlock text={item.decisionText ?? ''} />
                </details>
              </>
            ) : (
              <TextBlock text={item.decisionText ?? item.effectiveDecisionText ?? ''} className="vd-decision-text" />
            )}
          </section>
        )}

        {item.decision && (
          <section className="vd-agenda__decision" aria-label={t('agenda.decisionFor', { number: item.number })}>
            <Heading level={4}>{t('agenda.decision')}</Heading>
            <Paragraph className="vd-phrase">{item.decision.phrase[lang]}</Paragraph>
          </section>
        )}
        {children}
      </article>
    </li>
  );
}
