import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import {
  Button,
  Checkbox,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textbox,
} from '@utrecht/component-library-react';
import { api } from '../api';
import { rolesText, useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Field, Loading, PageTitle, ProblemAlert, usePageTitle, VisuallyHidden } from '../shell/components';
import { isIsoDate, today } from '../shell/dates';
import { useApi } from '../shell/useApi';
import { canManage, hasRole, type Designation, type GrantedRole, type Office, type OfficeKind, type PersonDetail } from '../types';
import { ActionFeedback, fieldError, RoleCheckboxes, useAction, type Action } from './forms';
import { MemberSelect, useMemberOptions } from './MemberSelect';
import { GRANTED_ROLES, OFFICE_KINDS, officeKey, officeOf, partyText, periodText } from './offices';
import { PendingDesignations } from './PendingDesignations';
import { RoleGate } from './RoleGate';

const later = (a: string, b: string) => (a > b ? a : b);
/** Not ended before today: an open end, or a last day today or later. */
const running = (period: { endDate: string | null }) => period.endDate === null || period.endDate >= today();

export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <>
      <Paragraph className="vd-back">
        <AppLink to="/beheer/personen">{t('person.back')}</AppLink>
      </Paragraph>
      {canManage(user) ? (
        <PersonWorkspace id={id} />
      ) : (
        <>
          <PersonTitle title={t('person.title')} />
          <RoleGate roles={['admin', 'staff']} needLogin="people.needLogin" needRole="people.needRole" />
        </>
      )}
    </>
  );
}

function PersonTitle({ title }: { title: string }) {
  usePageTitle(title);
  return <PageTitle>{title}</PageTitle>;
}

function PersonWorkspace({ id }: { id: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const { data: person, error, loading, reload } = useApi<PersonDetail>(`/people/${encodeURIComponent(id)}`);
  const isAdmin = hasRole(user, 'admin');
  // Staff manage members' people; only an administrator changes an administrator.
  const mayEdit = person ? isAdmin || !person.roles.includes('admin') : false;

  return (
    <>
      <PersonTitle title={person?.name ?? (error ? error.title : t('common.loading'))} />
      <ProblemAlert error={error} />
      {!person && loading && <Loading />}
      {person && (
        <>
          <PersonDetails person={person} />
          {mayEdit ? (
            <>
              <EditPerson person={person} onSaved={reload} />
              {person.id !== user?.id && <BlockAccount person={person} onSaved={reload} />}
            </>
          ) : (
            <Paragraph className="vd-section">{t('person.adminOnly')}</Paragraph>
          )}
          {isAdmin && <Roles person={person} onSaved={reload} />}
          <Offices person={person} onSaved={reload} />
          <PendingDesignations personId={person.id} onChange={reload} />
          <AddOffice person={person} onSaved={reload} />
        </>
      )}
    </>
  );
}

function PersonDetails({ person }: { person: PersonDetail }) {
  const { t } = useI18n();
  return (
    <section className="vd-section">
      <Heading level={2} id="person-details">
        {t('person.details')}
      </Heading>
      <DataList className="vd-datalist">
        <DataListItem>
          <DataListKey>{t('col.name')}</DataListKey>
          <DataListValue>{person.name}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('people.email')}</DataListKey>
          <DataListValue>{person.email}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('people.roles')}</DataListKey>
          <DataListValue>{rolesText(t, person)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('person.account')}</DataListKey>
          <DataListValue>{person.disabled ? t('person.accountDisabled') : t('person.accountActive')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('person.password')}</DataListKey>
          <DataListValue>{person.hasPassword ? t('person.passwordSet') : t('person.passwordNotSet')}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('person.totp')}</DataListKey>
          <DataListValue>{person.totpEnabled ? t('person.totpOn') : t('person.totpOff')}</DataListValue>
        </DataListItem>
      </DataList>
      <Paragraph>
        <AppLink to={`/beheer/audit?entityId=${encodeURIComponent(person.id)}`}>{t('person.auditLink')}</AppLink>
      </Paragraph>
    </section>
  );
}

function EditPerson({ person, onSaved }: { person: PersonDetail; onSaved(): void }) {
  const { t } = useI18n();
  const [name, setName] = useState(person.name);
  const [email, setEmail] = useState(person.email);
  const action = useAction();
  useEffect(() => {
    setName(person.name);
    setEmail(person.email);
  }, [person.name, person.email]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body: { name?: string; email?: string } = {};
    if (name.trim() !== person.name) body.name = name.trim();
    if (email.trim() !== person.email) body.email = email.trim();
    if (!body.name && !body.email && name.trim() && email.trim()) {
      await action.run(async () => undefined, t('person.nothingChanged'));
      return;
    }
    if (await action.run(() => api(`/people/${person.id}`, { method: 'PATCH', body }), t('person.saved'))) onSaved();
  }

  const labels: Record<string, string> = { name: t('col.name'), email: t('people.email') };
  return (
    <section className="vd-section vd-panel">
      <Heading level={2} id="person-edit">
        {t('person.edit')}
      </Heading>
      <ActionFeedback action={action} fieldLabel={(field) => labels[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <div className="vd-form__row">
          <Field label={t('col.name')} error={fieldError(action.error, 'name')}>
            {({ id, describedBy, invalid }) => (
              <Textbox
                id={id}
                name="name"
                autoComplete="off"
                required
                invalid={invalid}
                aria-describedby={describedBy}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={t('people.email')} error={fieldError(action.error, 'email')}>
            {({ id, describedBy, invalid }) => (
              <Textbox
                id={id}
                name="email"
                type="email"
                autoComplete="off"
                required
                invalid={invalid}
                aria-describedby={describedBy}
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={action.busy}>
          {action.busy ? t('form.busy') : t('person.save')}
        </Button>
      </form>
    </section>
  );
}

function BlockAccount({ person, onSaved }: { person: PersonDetail; onSaved(): void }) {
  const { t } = useI18n();
  const action = useAction();
  async function toggle() {
    const disabled = !person.disabled;
    const message = disabled ? t('person.blocked', { name: person.name }) : t('person.unblocked', { name: person.name });
    if (await action.run(() => api(`/people/${person.id}`, { method: 'PATCH', body: { disabled } }), message)) onSaved();
  }
  async function resetSecondFactor() {
    const message = t('person.secondFactorReset', { name: person.name });
    if (await action.run(() => api(`/people/${person.id}`, { method: 'PATCH', body: { resetSecondFactor: true } }), message)) onSaved();
  }
  return (
    <section className="vd-section">
      <Heading level={2} id="person-account">
        {t('person.account')}
      </Heading>
      <Paragraph>{person.disabled ? t('person.blockedIntro') : t('person.blockIntro')}</Paragraph>
      <ActionFeedback action={action} />
      <Button appearance="secondary-action-button" busy={action.busy} disabled={action.busy} onClick={toggle}>
        {person.disabled ? t('person.unblock') : t('person.block')}
      </Button>
      {person.totpEnabled && (
        <>
          <Paragraph>{t('person.secondFactorIntro')}</Paragraph>
          <Button appearance="secondary-action-button" busy={action.busy} disabled={action.busy} onClick={resetSecondFactor}>
            {t('person.secondFactorOff')}
          </Button>
        </>
      )}
    </section>
  );
}

function Roles({ person, onSaved }: { person: PersonDetail; onSaved(): void }) {
  const { t } = useI18n();
  const granted = () => person.roles.filter((r): r is GrantedRole => (GRANTED_ROLES as readonly string[]).includes(r));
  const [roles, setRoles] = useState<GrantedRole[]>(granted);
  const action = useAction();
  useEffect(() => setRoles(granted()), [person.roles.join()]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const sorted = GRANTED_ROLES.filter((r) => roles.includes(r));
    if (await action.run(() => api(`/people/${person.id}/roles`, { method: 'PUT', body: { roles: sorted } }), t('person.rolesSaved'))) onSaved();
  }

  return (
    <section className="vd-section vd-panel">
      <Heading level={2} id="person-roles">
        {t('person.roles')}
      </Heading>
      <Paragraph>{t('person.rolesIntro')}</Paragraph>
      <ActionFeedback action={action} />
      <form onSubmit={onSubmit} className="vd-form">
        <RoleCheckboxes roles={roles} setRoles={setRoles} />
        <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={action.busy}>
          {action.busy ? t('form.busy') : t('person.saveRoles')}
        </Button>
      </form>
    </section>
  );
}

type Pending =
  | { kind: 'end-office'; office: Office }
  | { kind: 'designate'; office: Office }
  | { kind: 'end-designation'; office: Office; designation: Designation };

function Offices({ person, onSaved }: { person: PersonDetail; onSaved(): void }) {
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
        () => api(`/offices/${office.id}`, { method: 'PATCH', body: { endDate } }),
        t('office.ended', { office: label, date: date(endDate) }),
      );
    } else if (pending.kind === 'designate') {
      const body = { officeId: office.id, startDate, ...(isIsoDate(endDate) ? { endDate } : {}) };
      ok = await action.run(
        () => api<{ id: string; status: Designation['status'] }>('/designations', { method: 'POST', body }),
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
        () => api(`/designations/${pending.designation.id}`, { method: 'PATCH', body: { endDate } }),
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
            <Field
              label={t('designation.startDate')}
              description={t('designation.startHint', { date: date(office.startDate) })}
              error={fieldError(action.error, 'startDate')}
            >
              {({ id, describedBy, invalid }) => (
                <Textbox
                  id={id}
                  type="date"
                  name="startDate"
                  required
                  invalid={invalid}
                  aria-describedby={describedBy}
                  value={startDate}
                  onChange={(e) => setStartDate(e.currentTarget.value)}
                />
              )}
            </Field>
          )}
          <Field
            label={
              pending.kind === 'designate' ? t('designation.endDateOptional') : pending.kind === 'end-office' ? t('office.lastDay') : t('designation.lastDay')
            }
            description={pending.kind === 'designate' && office.endDate ? t('designation.endHint', { date: date(office.endDate) }) : undefined}
            error={fieldError(action.error, 'endDate')}
          >
            {({ id, describedBy, invalid }) => (
              <Textbox
                id={id}
                type="date"
                name="endDate"
                required={pending.kind !== 'designate'}
                invalid={invalid}
                aria-describedby={describedBy}
                value={endDate}
                onChange={(e) => setEndDate(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <div className="vd-actions">
          <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={action.busy}>
            {action.busy
              ? t('form.busy')
              : pending.kind === 'end-office'
                ? t('office.endSubmit')
                : pending.kind === 'designate'
                  ? t('designation.submit')
                  : t('designation.endSubmit')}
          </Button>
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            {t('person.cancel')}
          </Button>
        </div>
      </form>
    </div>
  );
}

function AddOffice({ person, onSaved }: { person: PersonDetail; onSaved(): void }) {
  const { t } = useI18n();
  const [memberId, setMemberId] = useState('');
  const [kind, setKind] = useState<OfficeKind>('council-member');
  const [party, setParty] = useState('');
  const [partyIsLocal, setPartyIsLocal] = useState(false);
  const [portfolio, setPortfolio] = useState('');
  const [startDate, setStartDate] = useState(today());
  const [endDate, setEndDate] = useState('');
  const [designate, setDesignate] = useState(false);
  const action = useAction();
  const localId = useId();
  const designateId = useId();
  const members = useMemberOptions();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = {
      memberId,
      kind,
      ...(party.trim() ? { party: party.trim() } : {}),
      partyIsLocal,
      ...(portfolio.trim() ? { portfolio: portfolio.trim() } : {}),
      startDate,
      ...(isIsoDate(endDate) ? { endDate } : {}),
    };
    const label = officeOf(t, kind, members.nameOf(memberId));
    const ok = await action.run(
      async () => {
        const { id } = await api<{ id: string }>(`/people/${person.id}/offices`, { method: 'POST', body });
        if (designate)
          return (
            await api<{ id: string; status: Designation['status'] }>('/designations', {
              method: 'POST',
              body: { officeId: id, startDate, ...(isIsoDate(endDate) ? { endDate } : {}) },
            })
          ).status;
        return undefined;
      },
      (status) =>
        status === 'pending'
          ? t('office.createdDesignatedPending', { office: label })
          : designate
            ? t('office.createdDesignated', { office: label })
            : t('office.created', { office: label }),
    );
    if (ok) {
      setMemberId('');
      setParty('');
      setPartyIsLocal(false);
      setPortfolio('');
      setEndDate('');
      setDesignate(false);
    }
    // Also after a failed designation: the office itself may have been recorded.
    onSaved();
  }

  const labels: Record<string, string> = {
    memberId: t('person.member'),
    kind: t('person.kind'),
    party: t('person.party'),
    portfolio: t('office.portfolio'),
    startDate: t('office.startDate'),
    endDate: t('office.endDateOptional'),
  };

  return (
    <section className="vd-section vd-panel">
      <Heading level={2} id="person-add-office">
        {t('office.add')}
      </Heading>
      <ActionFeedback action={action} fieldLabel={(field) => labels[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <div className="vd-form__row">
          <Field label={t('person.member')} error={fieldError(action.error, 'memberId')}>
            {({ id, describedBy, invalid }) => (
              <MemberSelect id={id} describedBy={describedBy} invalid={invalid} options={members} value={memberId} onChange={setMemberId} />
            )}
          </Field>
          <Field label={t('person.kind')} error={fieldError(action.error, 'kind')}>
            {({ id, describedBy, invalid }) => (
              <Select
                id={id}
                name="kind"
                required
                invalid={invalid}
                aria-describedby={describedBy}
                value={kind}
                onChange={(e) => setKind(e.currentTarget.value as OfficeKind)}
              >
                {OFFICE_KINDS.map((k) => (
                  <SelectOption key={k} value={k}>
                    {t(officeKey(k))}
                  </SelectOption>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('office.partyOptional')} error={fieldError(action.error, 'party')}>
            {({ id, describedBy, invalid }) => (
              <Textbox
                id={id}
                name="party"
                autoComplete="off"
                invalid={invalid}
                aria-describedby={describedBy}
                value={party}
                onChange={(e) => setParty(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <FormField type="checkbox" className="vd-checkbox-field">
          <Checkbox id={localId} name="partyIsLocal" checked={partyIsLocal} onChange={(e) => setPartyIsLocal(e.currentTarget.checked)} />
          <FormLabel htmlFor={localId} type="checkbox">
            {t('office.partyIsLocal')}
          </FormLabel>
        </FormField>
        <Field label={t('office.portfolioOptional')} description={t('office.portfolioHint')} error={fieldError(action.error, 'portfolio')}>
          {({ id, describedBy, invalid }) => (
            <Textbox
              id={id}
              name="portfolio"
              autoComplete="off"
              invalid={invalid}
              aria-describedby={describedBy}
              value={portfolio}
              onChange={(e) => setPortfolio(e.currentTarget.value)}
            />
          )}
        </Field>
        <div className="vd-form__row">
          <Field label={t('office.startDate')} error={fieldError(action.error, 'startDate')}>
            {({ id, describedBy, invalid }) => (
              <Textbox
                id={id}
                type="date"
                name="startDate"
                required
                invalid={invalid}
                aria-describedby={describedBy}
                value={startDate}
                onChange={(e) => setStartDate(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={t('office.endDateOptional')} description={t('office.endDateHint')} error={fieldError(action.error, 'endDate')}>
            {({ id, describedBy, invalid }) => (
              <Textbox
                id={id}
                type="date"
                name="endDate"
                invalid={invalid}
                aria-describedby={describedBy}
                value={endDate}
                onChange={(e) => setEndDate(e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
        <FormField type="checkbox" className="vd-checkbox-field">
          <Checkbox id={designateId} name="designate" checked={designate} onChange={(e) => setDesignate(e.currentTarget.checked)} />
          <FormLabel htmlFor={designateId} type="checkbox">
            {t('office.designateToo')}
          </FormLabel>
        </FormField>
        <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={action.busy}>
          {action.busy ? t('form.busy') : t('office.add')}
        </Button>
      </form>
    </section>
  );
}
