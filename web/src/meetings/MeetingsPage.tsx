import { useState, type FormEvent } from 'react';
import { Heading, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { ActionFeedback, CheckboxField, DateField, fieldError, SelectField, SubmitButton, TextField, TimeField, useAction } from '../shell/fields';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { addDays, isIsoDate, today } from '../shell/dates';
import { useApi } from '../shell/useApi';
import type { ListOf, Meeting, MeetingKind, MeetingMode, NewMeeting } from '../types';
import { fromLocalInput, isStaff, isUpcoming, meetingPath, MeetingWarnings, type MeetingWarning } from './common';
import { kindKey, MEETING_KINDS, MEETING_MODES, modeKey, statusKey } from './labels';

export function MeetingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  usePageTitle(t('meeting.listTitle'));
  const meetings = useApi<ListOf<Meeting>>('/meetings');
  const items = meetings.data?.items ?? [];
  const upcoming = items.filter(isUpcoming).sort((a, b) => a.date.localeCompare(b.date));
  const past = items.filter((m) => !isUpcoming(m)).sort((a, b) => b.date.localeCompare(a.date));

  return (
    <>
      <PageTitle>{t('meeting.listTitle')}</PageTitle>
      <Paragraph appearance="lead">{t('meeting.listIntro')}</Paragraph>
      <ProblemAlert error={meetings.error} />
      {!meetings.data && meetings.loading && <Loading />}
      {meetings.data && (
        <>
          <MeetingTable id="meetings-upcoming" title={t('meeting.upcoming')} empty={t('meeting.noUpcoming')} meetings={upcoming} />
          <MeetingTable id="meetings-past" title={t('meeting.past')} empty={t('meeting.noPast')} meetings={past} />
        </>
      )}
      {isStaff(user) && <PlanMeeting onCreated={meetings.reload} />}
    </>
  );
}

function MeetingTable({ id, title, empty, meetings }: { id: string; title: string; empty: string; meetings: Meeting[] }) {
  const { t, date } = useI18n();
  return (
    <section className="vd-section" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {title}
      </Heading>
      {meetings.length === 0 ? (
        <Paragraph>{empty}</Paragraph>
      ) : (
        <DataTable caption={title} captionHidden>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('meeting.col.date')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('meeting.col.title')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('meeting.col.kind')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('meeting.col.location')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('meeting.col.status')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {meetings.map((meeting) => (
              <TableRow key={meeting.id}>
                <TableCell className="vd-nowrap">
                  {date(meeting.date)}
                  {meeting.startTime ? `, ${meeting.startTime}` : ''}
                </TableCell>
                <TableHeaderCell scope="row" className="vd-row-header">
                  <AppLink to={meetingPath(meeting.id)}>{meeting.title}</AppLink>
                </TableHeaderCell>
                <TableCell>{t(kindKey(meeting.kind))}</TableCell>
                <TableCell>{meeting.location ?? '—'}</TableCell>
                <TableCell>{t(statusKey(meeting.status))}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
    </section>
  );
}

function PlanMeeting({ onCreated }: { onCreated(): void }) {
  const { t, date } = useI18n();
  const [kind, setKind] = useState<MeetingKind>('alv');
  const [title, setTitle] = useState('');
  const [day, setDay] = useState(addDays(today(), 28));
  const [startTime, setStartTime] = useState('10:00');
  const [location, setLocation] = useState('');
  const [mode, setMode] = useState<MeetingMode>('in-person');
  const [deadline, setDeadline] = useState('');
  const [template, setTemplate] = useState(true);
  const [created, setCreated] = useState<Meeting>();
  const action = useAction();
  const [warnings, setWarnings] = useState<MeetingWarning[]>([]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const motionDeadline = fromLocalInput(deadline);
    const body: NewMeeting = {
      kind,
      title: title.trim(),
      date: day,
      mode,
      template,
      ...(startTime ? { startTime } : {}),
      ...(location.trim() ? { location: location.trim() } : {}),
      ...(motionDeadline ? { motionDeadline } : {}),
    };
    let meeting: Meeting | undefined;
    setWarnings([]);
    const ok = await action.run(
      async () => {
        const answer = await api<Meeting & { warnings?: MeetingWarning[] }>('/meetings', { method: 'POST', body });
        meeting = answer;
        setWarnings(answer.warnings ?? []);
      },
      t('meeting.planned', { title: body.title, date: isIsoDate(day) ? date(day) : day }),
    );
    if (ok && meeting) {
      setCreated(meeting);
      setTitle('');
      setLocation('');
      setDeadline('');
      onCreated();
    } else {
      setCreated(undefined);
    }
  }

  const labels: Record<string, string> = {
    kind: t('meeting.kind'),
    title: t('meeting.title'),
    date: t('meeting.date'),
    startTime: t('meeting.startTime'),
    location: t('meeting.location'),
    mode: t('meeting.mode'),
    motionDeadline: t('meeting.motionDeadline'),
  };

  return (
    <section className="vd-section vd-panel" aria-labelledby="meeting-plan">
      <Heading level={2} id="meeting-plan">
        {t('meeting.plan')}
      </Heading>
      <ActionFeedback action={action} fieldLabel={(field) => labels[field]} />
      <MeetingWarnings warnings={warnings} />
      {created && action.done && (
        <Paragraph>
          <AppLink to={meetingPath(created.id, 'voorbereiden')}>{t('meeting.prepareLink', { title: created.title })}</AppLink>
        </Paragraph>
      )}
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <div className="vd-form__row">
          <SelectField
            label={t('meeting.kind')}
            error={fieldError(action.error, 'kind')}
            name="kind"
            value={kind}
            onChange={setKind}
            options={MEETING_KINDS.map((k) => ({ value: k, label: t(kindKey(k)) }))}
          />
          <TextField
            label={t('meeting.title')}
            description={t('meeting.titleHint')}
            error={fieldError(action.error, 'title')}
            name="title"
            required
            autoComplete="off"
            value={title}
            onChange={setTitle}
          />
        </div>
        <div className="vd-form__row">
          <DateField label={t('meeting.date')} error={fieldError(action.error, 'date')} name="date" required value={day} onChange={setDay} />
          <TimeField label={t('meeting.startTime')} error={fieldError(action.error, 'startTime')} name="startTime" value={startTime} onChange={setStartTime} />
          <TextField
            label={t('meeting.location')}
            error={fieldError(action.error, 'location')}
            name="location"
            autoComplete="off"
            value={location}
            onChange={setLocation}
          />
        </div>
        <div className="vd-form__row">
          <SelectField
            label={t('meeting.mode')}
            error={fieldError(action.error, 'mode')}
            name="mode"
            value={mode}
            onChange={setMode}
            options={MEETING_MODES.map((m) => ({ value: m, label: t(modeKey(m)) }))}
          />
          <TextField
            label={t('meeting.motionDeadlineOptional')}
            description={t('meeting.motionDeadlineHint')}
            error={fieldError(action.error, 'motionDeadline')}
            type="datetime-local"
            name="motionDeadline"
            value={deadline}
            onChange={setDeadline}
          />
        </div>
        <CheckboxField label={t('meeting.template')} name="template" checked={template} onChange={setTemplate} />
        <SubmitButton busy={action.busy}>{t('meeting.planSubmit')}</SubmitButton>
      </form>
    </section>
  );
}
