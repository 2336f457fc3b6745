import { useEffect, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { Button, DataList, DataListItem, DataListKey, DataListValue, Heading, Paragraph } from '@utrecht/component-library-react';
import { rolesText, useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { AppLink, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, apiState, fetchClient } from '../shell/client';
import { BackLink } from '../shell/nav';
import { canManage, hasRole, type GrantedRole, type PersonDetail } from '../types';
import { SubmitButton, ActionFeedback, useAction } from '../shell/fields';
import { PersonNameFields, RoleCheckboxes } from './forms';
import { GRANTED_ROLES } from './offices';
import { PendingDesignations } from './PendingDesignations';
import { RoleGate } from './RoleGate';
import { AddOffice } from './AddOffice';
import { Offices } from './PersonOffices';

export function PersonPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  return (
    <>
      <BackLink to="/beheer/personen">{t('person.back')}</BackLink>
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
  const { data: person, error, loading, reload } = apiState($api.useQuery('get', '/api/v1/people/{id}', { params: { path: { id } } }));
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
    if (await action.run(() => fetchClient.PATCH('/api/v1/people/{id}', { params: { path: { id: person.id } }, body }), t('person.saved'))) onSaved();
  }

  const labels: Record<string, string> = { name: t('col.name'), email: t('people.email') };
  return (
    <section className="vd-section vd-panel">
      <Heading level={2} id="person-edit">
        {t('person.edit')}
      </Heading>
      <ActionFeedback action={action} fieldLabel={(field) => labels[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <PersonNameFields name={name} setName={setName} email={email} setEmail={setEmail} error={action.error} />
        <SubmitButton busy={action.busy}>{t('person.save')}</SubmitButton>
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
    if (await action.run(() => fetchClient.PATCH('/api/v1/people/{id}', { params: { path: { id: person.id } }, body: { disabled } }), message)) onSaved();
  }
  async function resetSecondFactor() {
    const message = t('person.secondFactorReset', { name: person.name });
    if (await action.run(() => fetchClient.PATCH('/api/v1/people/{id}', { params: { path: { id: person.id } }, body: { resetSecondFactor: true } }), message))
      onSaved();
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
    if (
      await action.run(
        () => fetchClient.PUT('/api/v1/people/{id}/roles', { params: { path: { id: person.id } }, body: { roles: sorted } }),
        t('person.rolesSaved'),
      )
    )
      onSaved();
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
        <SubmitButton busy={action.busy}>{t('person.saveRoles')}</SubmitButton>
      </form>
    </section>
  );
}
