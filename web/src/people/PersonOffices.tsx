import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button, Heading, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { answerOf, fetchClient } from '../shell/client';
import { AppLink, DataTable, ProblemAlert, VisuallyHidden } from '../shell/components';
import { isIsoDate, today } from '../shell/dates';
import type { Designation, Office, PersonDetail } from '../types';
import { DateField, SubmitButton, ActionFeedback, fieldError, useAction, type Action } from '../shell/fields';
import { officeKey, officeOf, partyText, periodText } from './offices';

const later = (a: string, b: string) => (a > b ? a : b);
/** Not ended before today: an open end, or a last day today or later. */
const running = (period: { endDate: string | null }) => period.endDate === null || period.endDate >= today();

type Pending =
  | { kind: 'end-office'; office: Office }
  | { kind: 'designate'; office: Office }
  | { kind: 'end-designation'; office: Office; designation: Designation };

/** A person's offices with their designations, and the forms to end an office, designate, or end a designation. */
export function Offices({ person, onSaved }: { person: PersonDetail; onSaved(): void }) {
  const i18n = useI18n();
  const { t, date } = i18n;
  const [pending, setPending] = useState<Pending>();
  const action = useAction();
  const headingRef = useRef<HTMLHeadingElement>(null);

  const open = (next: Pending) => {
    action.clear();
    setPending(next);
  };
  const close = () => {
    setPending(undefined);
    headingRef.current?.focus();
  };

  return (
    <section className="vd-section">
      <Heading level={2} id="person-offices" ref={headingRef} tabIndex={-1}>
        {t('person.offices')}
      </Heading>
      <Paragraph>{t('person.officesIntro')}</Paragraph>
      {!pending && <ActionFeedback action={action} />}
      {person.offices.length === 0 ? (
        <Paragraph>{t('person.noOffices')}</Paragraph>
      ) : (
        <DataTable caption={t('person.officesCaption', { name: person.name })} captionHidden className="vd-offices-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('person.member')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('person.kind')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('person.party')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('person.period')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('person.active')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('person.designations')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('person.actions')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {person.offices.map((office) => {
              const label = officeOf(t, office.kind, office.memberName);
              const hasRunningDesignation = office.designations.some((d) => d.status !== 'revoked' && running(d));
              return (
                <TableRow key={office.id}>
                  <TableHeaderCell scope="row" className="vd-row-header">
                    <AppLink to={`/leden/${office.memberId}`}>{office.memberName}</AppLink>
                  </TableHeaderCell>
                  <TableCell>
                    {t(officeKey(office.kind))}
                    {office.portfolio ? ` (${t('office.portfolio').toLowerCase()}: ${office.portfolio})` : ''}
                  </TableCell>
                  <TableCell>{partyText(t, office.party, office.partyIsLocal)}</TableCell>
                  <TableCell className="vd-nowrap">{periodText(i18n, office.startDate, office.endDate)}</TableCell>
                  <TableCell>{office.active ? t('common.yes') : t('common.no')}</TableCell>
                  <TableCell className="vd-wrap">
                    {office.designations.length === 0 ? (
                      t('common.none')
                    ) : (
                      <ul className="vd-plain-list">
                        {office.designations.map((designation) => (
                          <li key={designation.id}>
                            {t('person.designationPeriod', { period: periodText(i18n, designation.startDate, designation.endDate) })}
                            {designation.active && <span className="vd-badge">{t('person.designationActive')}</span>}
                            {designation.status === 'pending' && <span className="vd-badge">{t('pending.badge')}</span>}
                            {designation.status === 'revoked' && <span className="vd-badge">{t('pending.revokedBadge')}</span>}
                            {running(designation) && designation.status !== 'revoked' && (
                              <div>
                                <Button
                                  appearance="subtle-button"
                                  className="vd-inline-button"
                                  onClick={() => open({ kind: 'end-designation', office, designation })}
                                >
                                  {t('designation.end')}
                                  <VisuallyHidden>
                                    {' '}
                                    ({label}, {t('person.designationFrom', { date: date(designation.startDate) })})
                                  </VisuallyHidden>
                                </Button>
                              </div>
                            )}
                          </li>
                        ))}
                      </ul>
                    )}
                  </TableCell>
                  <TableCell className="vd-wrap">
                    <div className="vd-cell-actions">
                      {running(office) && !hasRunningDesignation && (
                        <Button appearance="secondary-action-button" onClick={() => open({ kind: 'designate', office })}>
                          {t('designation.create')}
                          <VisuallyHidden> ({label})</VisuallyHidden>
                        </Button>
                      )}
                      {running(office) && (
                        <Button appearance="secondary-action-button" onClick={() => open({ kind: 'end-office', office })}>
                          {t('office.end')}
                          <VisuallyHidden> ({label})</VisuallyHidden>
                        </Button>
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </DataTable>
      )}
      {pending && (
        <PendingForm
          key={`${pending.kind}-${pending.office.id}-${pending.kind === 'end-designation' ? pending.designation.id : ''}`}
          person={person}
          pending={pending}
          action={action}
          onCancel={close}
          onDone={() => {
            setPending(undefined);
            onSaved();
          }}
        />
      )}
    </section>
  );
}

/** The form for the action chosen in the offices table: end an office, designate, or end a designation. */
function PendingForm({
  person,
  pending,
  action,
  onCancel,
  onDone,
}: {
  person: PersonDetail;
  pending: Pending;
  action: Action;
  onCancel(): void;
  onDone(): void;
}) {
  const { t, date } = useI18n();
  const { office } = pending;
  const label = officeOf(t, office.kind, office.memberName);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const day = today();
  const [startDate, setStartDate] = useState(later(day, office.startDate));
  const [endDate, setEndDate] = useState(() => {
    if (pending.kind === 'designate') return office.endDate ?? '';
    if (pending.kind === 'end-designation') return later(day, pending.designation.startDate);
    return later(day, office.startDate);
  });
  useEffect(() => headingRef.current?.focus(), []);

  const title =
    pending.kind === 'end-office'
      ? t('office.endTitle', { office: label })
      : pending.kind === 'designate'
        ? t('designation.createTitle', { name: person.name, member: office.memberName })
        : t('designation.endTitle', { office: label });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    let ok = false;
    if (pending.kind === 'end-office') {
      ok = await action.run(
        () => fetchClient.PATCH('/api/v1/offices/{id}', { params: { path: { id: office.id } }, body: { endDate } }),
        t('office.ended', { office: label, date: date(endDate) }),
      );
    } else if (pending.kind === 'designate') {
      const body = { officeId: office.id, startDate, ...(isIsoDate(endDate) ? { endDate } : {}) };
      ok = await action.run(
        () => fetchClient.POST('/api/v1/designations', { body }).then(answerOf),
        // Four eyes: a designation this account may not make alone waits for a second staff member or administrator.
        (created) =>
          t(created.status === 'pending' ? 'designation.createdPending' : 'designation.created', {
            name: person.name,
            member: office.memberName,
            date: date(startDate),
          }),
      );
    } else {
      ok = await action.run(
        () => fetchClient.PATCH('/api/v1/designations/{id}', { params: { path: { id: pending.designation.id } }, body: { endDate } }),
        t('designation.ended', { date: date(endDate) }),
      );
    }
    if (ok) onDone();
  }

  const labels: Record<string, string> = {
    startDate: t('designation.startDate'),
    endDate: pending.kind === 'designate' ? t('designation.endDateOptional') : t('office.lastDay'),
  };

  return (
    <div className="vd-panel vd-section">
      <Heading level={3} ref={headingRef} tabIndex={-1}>
        {title}
      </Heading>
      {pending.kind === 'designate' && <Paragraph>{t('designation.intro', { member: office.memberName, office: t(officeKey(office.kind)) })}</Paragraph>}
      {pending.kind === 'end-office' && office.designations.some(running) && <Paragraph>{t('office.endNote')}</Paragraph>}
      <ProblemAlert error={action.error} fieldLabel={(field) => labels[field]} focus />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <div className="vd-form__row">
          {pending.kind === 'designate' && (
            <DateField
              label={t('designation.startDate')}
              description={t('designation.startHint', { date: date(office.startDate) })}
              error={fieldError(action.error, 'startDate')}
              name="startDate"
              required
              value={startDate}
              onChange={setStartDate}
            />
          )}
          <DateField
            label={
              pending.kind === 'designate' ? t('designation.endDateOptional') : pending.kind === 'end-office' ? t('office.lastDay') : t('designation.lastDay')
            }
            description={pending.kind === 'designate' && office.endDate ? t('designation.endHint', { date: date(office.endDate) }) : undefined}
            error={fieldError(action.error, 'endDate')}
            name="endDate"
            required={pending.kind !== 'designate'}
            value={endDate}
            onChange={setEndDate}
          />
        </div>
        <div className="vd-actions">
          <SubmitButton busy={action.busy}>
            {pending.kind === 'end-office' ? t('office.endSubmit') : pending.kind === 'designate' ? t('designation.submit') : t('designation.endSubmit')}
          </SubmitButton>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t('person.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}
