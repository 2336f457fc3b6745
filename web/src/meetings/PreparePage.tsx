import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { Heading, Paragraph, SelectOption, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { answerOf, $api, apiState, fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { ActionFeedback, fieldError, SelectField, SubmitButton, TextField, useAction } from '../shell/fields';
import { RoleGate } from '../people/RoleGate';
import { DataTable, Loading, ProblemAlert } from '../shell/components';
import { MeetingMails } from '../shell/MailProgress';
import type { AppointmentFunction, Meeting, MeetingUpdate } from '../types';
import { AgendaEditor } from './AgendaEditor';
import { fromLocalInput, MeetingPageTop, MeetingWarnings, toLocalInput, useMeeting, type MeetingWarning } from './common';
import { ConfirmButton } from './ConfirmButton';
import { FUNCTIONS, functionKey } from './labels';
import { type MeetingDetails, useMeetingDetails, useMeetingFieldLabels, useMeetingFields } from './MeetingFields';

export function PreparePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const meeting = useMeeting(id);
  const m = meeting.data;
  return (
    <>
      <MeetingPageTop title={m ? t('meeting.prepareTitle', { title: m.title }) : ''} meeting={m} error={meeting.error} />
      <ProblemAlert error={meeting.error} />
      {!m && meeting.loading && <Loading />}
      {m && (
        <RoleGate roles={['admin', 'staff']} needLogin="meeting.prepareNeedLogin" needRole="meeting.prepareNeedRole">
          <Paragraph appearance="lead">{t('meeting.prepareIntro')}</Paragraph>
          <EditMeeting meeting={m} onSaved={meeting.reload} />
          <AppointmentsEditor meeting={m} onSaved={meeting.reload} />
          <AgendaEditor meeting={m} />
          <Convocation meeting={m} onSent={meeting.reload} />
        </RoleGate>
      )}
    </>
  );
}

/** The details of a saved meeting as the form holds them. */
const detailsOf = (meeting: Meeting): MeetingDetails => ({
  title: meeting.title,
  day: meeting.date,
  startTime: meeting.startTime ?? '',
  location: meeting.location ?? '',
  mode: meeting.mode,
  deadline: toLocalInput(meeting.motionDeadline),
});

function EditMeeting({ meeting, onSaved }: { meeting: Meeting; onSaved(): void }) {
  const { t } = useI18n();
  const { details, set, setDetails } = useMeetingDetails(detailsOf(meeting));
  const { title, day, startTime, location, mode, deadline } = details;
  const action = useAction();
  const [warnings, setWarnings] = useState<MeetingWarning[]>([]);
  useEffect(() => {
    setDetails(detailsOf(meeting));
  }, [meeting]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body: MeetingUpdate = {};
    if (title.trim() !== meeting.title) body.title = title.trim();
    if (day !== meeting.date) body.date = day;
    if ((startTime || null) !== meeting.startTime) body.startTime = startTime || null;
    if ((location.trim() || null) !== meeting.location) body.location = location.trim() || null;
    if (mode !== meeting.mode) body.mode = mode;
    const motionDeadline = fromLocalInput(deadline);
    if (toLocalInput(motionDeadline) !== toLocalInput(meeting.motionDeadline)) body.motionDeadline = motionDeadline;
    if (Object.keys(body).length === 0) {
      await action.run(async () => undefined, t('meeting.nothingChanged'));
      return;
    }
    setWarnings([]);
    const saved = await action.run(
      async () => setWarnings((await fetchClient.PATCH('/api/v1/meetings/{id}', { params: { path: { id: meeting.id } }, body }).then(answerOf)).warnings ?? []),
      t('meeting.saved'),
    );
    if (saved) onSaved();
  }

  const labels = useMeetingFieldLabels();
  const field = useMeetingFields(details, set, action.error);

  return (
    <section className="vd-section vd-panel" aria-labelledby="prepare-details">
      <Heading level={2} id="prepare-details">
        {t('meeting.details')}
      </Heading>
      <ActionFeedback action={action} fieldLabel={(field) => labels[field]} />
      <MeetingWarnings warnings={warnings} />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <div className="vd-form__row">
          {field.title}
          {field.date}
          {field.startTime}
        </div>
        <div className="vd-form__row">
          {field.location}
          {field.mode}
          {field.motionDeadline}
        </div>
        <SubmitButton busy={action.busy}>{t('meeting.save')}</SubmitButton>
      </form>
    </section>
  );
}

function AppointmentsEditor({ meeting, onSaved }: { meeting: Meeting; onSaved(): void }) {
  const { t } = useI18n();
  const [fn, setFn] = useState<AppointmentFunction>('minutes-committee');
  const [name, setName] = useState('');
  const [personId, setPersonId] = useState('');
  const people = apiState($api.useQuery('get', '/api/v1/people', { params: { query: { limit: 1000 } } }));
  const action = useAction();
  const removal = useAction();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const person = people.data?.items.find((p) => p.id === personId);
    const chosenName = name.trim() || person?.name || '';
    const body = { function: fn, name: chosenName, ...(personId ? { personId } : {}) };
    if (
      await action.run(
        () => fetchClient.POST('/api/v1/meetings/{id}/appointments', { params: { path: { id: meeting.id } }, body }),
        t('meeting.appointmentAdded', { name: chosenName, function: t(functionKey(fn)) }),
      )
    ) {
      setName('');
      setPersonId('');
      onSaved();
    }
  }

  async function remove(appointmentId: string, who: string) {
    if (
      await removal.run(
        () => fetchClient.DELETE('/api/v1/meetings/{id}/appointments/{childId}', { params: { path: { id: meeting.id, childId: appointmentId } } }),
        t('meeting.appointmentRemoved', { name: who }),
      )
    )
      onSaved();
  }

  const labels: Record<string, string> = { function: t('meeting.function'), name: t('meeting.appointeeName'), personId: t('meeting.appointeePerson') };
  return (
    <section className="vd-section vd-panel" aria-labelledby="prepare-appointments">
      <Heading level={2} id="prepare-appointments">
        {t('meeting.appointments')}
      </Heading>
      <Paragraph>{t('meeting.appointmentsIntro')}</Paragraph>
      <ActionFeedback action={removal} />
      {meeting.appointments.length === 0 ? (
        <Paragraph>{t('meeting.noAppointments')}</Paragraph>
      ) : (
        <DataTable caption={t('meeting.appointments')} captionHidden>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('meeting.function')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('meeting.appointeeName')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('meeting.appointeeAccount')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('meeting.appointed')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('meeting.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {FUNCTIONS.flatMap((f) => meeting.appointments.filter((a) => a.function === f)).map((appointment) => (
              <TableRow key={appointment.id}>
                <TableCell>{t(functionKey(appointment.function))}</TableCell>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {appointment.name}
                </TableHeaderCell>
                <TableCell>{appointment.personId ? t('common.yes') : t('common.no')}</TableCell>
                <TableCell>{appointment.appointed ? t('common.yes') : t('common.no')}</TableCell>
                <TableCell>
                  <ConfirmButton
                    label={t('meeting.removeAppointment')}
                    hiddenContext={`${appointment.name}, ${t(functionKey(appointment.function))}`}
                    question={t('meeting.removeAppointmentQuestion', { name: appointment.name })}
                    confirm={t('meeting.removeAppointmentConfirm')}
                    busy={removal.busy}
                    onConfirm={() => remove(appointment.id, appointment.name)}
                  />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      <Heading level={3}>{t('meeting.addAppointment')}</Heading>
      <ActionFeedback action={action} fieldLabel={(field) => labels[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <div className="vd-form__row">
          <SelectField
            label={t('meeting.function')}
            error={fieldError(action.error, 'function')}
            name="function"
            value={fn}
            onChange={(value) => setFn(value as AppointmentFunction)}
          >
            {FUNCTIONS.map((f) => (
              <SelectOption key={f} value={f}>
                {t(functionKey(f))}
              </SelectOption>
            ))}
          </SelectField>
          <SelectField
            label={t('meeting.appointeePersonOptional')}
            description={t('meeting.appointeePersonHint')}
            error={fieldError(action.error, 'personId')}
            name="personId"
            busy={people.loading}
            value={personId}
            onChange={setPersonId}
          >
            <SelectOption value="">{t('meeting.noPerson')}</SelectOption>
            {(people.data?.items ?? []).map((person) => (
              <SelectOption key={person.id} value={person.id}>
                {person.name}
              </SelectOption>
            ))}
          </SelectField>
          <TextField
            label={t('meeting.appointeeName')}
            description={t('meeting.appointeeNameHint')}
            error={fieldError(action.error, 'name')}
            name="name"
            autoComplete="off"
            value={name}
            onChange={setName}
          />
        </div>
        <SubmitButton busy={action.busy}>{t('meeting.addAppointment')}</SubmitButton>
      </form>
    </section>
  );
}

function Convocation({ meeting, onSent }: { meeting: Meeting; onSent(): void }) {
  const { t, number } = useI18n();
  const action = useAction();
  const [result, setResult] = useState<{ recipients: number }>();
  const [sends, setSends] = useState(0);
  async function send() {
    let answer: { recipients: number } | undefined;
    const ok = await action.run(async () => {
      answer = await fetchClient.POST('/api/v1/meetings/{id}/convocation', { params: { path: { id: meeting.id } } }).then(answerOf);
    }, t('meeting.convocationSent'));
    setResult(ok ? answer : undefined);
    if (ok) {
      setSends((n) => n + 1);
      onSent();
    }
  }
  return (
    <section className="vd-section vd-panel" aria-labelledby="prepare-convocation">
      <Heading level={2} id="prepare-convocation">
        {t('meeting.convocation')}
      </Heading>
      <Paragraph>{t(meeting.status === 'preparing' ? 'meeting.convocationIntro' : 'meeting.convocationAgain')}</Paragraph>
      <ActionFeedback
        action={{
          error: action.error,
          done: action.done && result ? `${action.done} ${t('meeting.convocationResult', { recipients: number(result.recipients) })}` : action.done,
        }}
      />
      <MeetingMails meetingId={meeting.id} refresh={sends} />
      {meeting.status !== 'closed' && (
        <ConfirmButton
          label={t('meeting.sendConvocation')}
          question={t('meeting.sendConvocationQuestion')}
          confirm={t('meeting.sendConvocationConfirm')}
          busy={action.busy}
          onConfirm={send}
        />
      )}
    </section>
  );
}
