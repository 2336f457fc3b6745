import { useState, type FormEvent } from 'react';
import { Heading, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { answerOf, $api, apiState, fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { ActionFeedback, CheckboxField, fieldError, SelectField, SubmitButton, useAction } from '../shell/fields';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { addDays, isIsoDate, today } from '../shell/dates';
import type { Meeting, MeetingKind, NewMeeting } from '../types';
import { fromLocalInput, isStaff, isUpcoming, meetingPath, MeetingWarnings, type MeetingWarning } from './common';
import { kindKey, MEETING_KINDS, statusKey } from './labels';
import { useMeetingDetails, useMeetingFieldLabels, useMeetingFields } from './MeetingFields';

export function MeetingsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  usePageTitle(t('meeting.listTitle'));
  const meetings = apiState($api.useQuery('get', '/api/v1/meetings'));
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
  const { details, set, setDetails } = useMeetingDetails({
    title: '',
    day: addDays(today(), 28),
    startTime: '10:00',
    location: '',
    mode: 'in-person',
    deadline: '',
  });
  const { title, day, startTime, location, mode, deadline } = details;
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
        const answer = await fetchClient.POST('/api/v1/meetings', { body }).then(answerOf);
        meeting = answer;
        setWarnings(answer.warnings ?? []);
      },
      t('meeting.planned', { title: body.title, date: isIsoDate(day) ? date(day) : day }),
    );
    if (ok && meeting) {
      setCreated(meeting);
      setDetails((current) => ({ ...current, title: '', location: '', deadline: '' }));
      onCreated();
    } else {
      setCreated(undefined);
    }
  }

  const labels = useMeetingFieldLabels();
  const field = useMeetingFields(details, set, action.error, { titleHint: true });

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
          {field.title}
        </div>
        <div className="vd-form__row">
          {field.date}
          {field.startTime}
          {field.location}
        </div>
        <div className="vd-form__row">
          {field.mode}
          {field.motionDeadline}
        </div>
        <CheckboxField label={t('meeting.template')} name="template" checked={template} onChange={setTemplate} />
        <SubmitButton busy={action.busy}>{t('meeting.planSubmit')}</SubmitButton>
      </form>
    </section>
  );
}
