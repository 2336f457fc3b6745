import { useState, type FormEvent } from 'react';
import {
  Alert,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { rolesText, useI18n, type TextKey } from '../i18n';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Field, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { answerOf, $api, apiState, fetchClient } from '../shell/client';
import { useFocusWhen, useRequest } from '../shell/request';
import { FilterActions, ListSummary, Pagination, SearchBox, useListQuery, usePagedCount, useTypedSearch } from '../shell/lists';
import { hasRole, type GrantedRole, type Role } from '../types';
import { SubmitButton } from '../shell/fields';
import { PersonNameFields, RoleCheckboxes } from './forms';
import { officeOf } from './offices';
import { PendingDesignations } from './PendingDesignations';
import { RoleGate } from './RoleGate';

const PAGE_SIZE = 100;
const ROLE_FILTERS: readonly Role[] = ['admin', 'staff', 'chair', 'counting-committee', 'representative'];

export function PeoplePage() {
  const { t } = useI18n();
  usePageTitle(t('people.title'));
  return (
    <>
      <PageTitle>{t('people.title')}</PageTitle>
      <RoleGate roles={['admin', 'staff']} needLogin="people.needLogin" needRole="people.needRole">
        <PeopleWorkspace />
      </RoleGate>
    </>
  );
}

function PeopleWorkspace() {
  const { t } = useI18n();
  const { params, offset, update, reset } = useListQuery();
  const q = params.get('q') ?? '';
  const roleParam = params.get('role') ?? '';
  const role = ROLE_FILTERS.includes(roleParam as Role) ? roleParam : '';
  const people = apiState(
    $api.useQuery('get', '/api/v1/people', {
      params: { query: { q: q || undefined, role: (role || undefined) as Role | undefined, limit: PAGE_SIZE, offset: offset || undefined } },
    }),
  );
  // The search box applies as you type, like the member list.
  const [qInput, setQInput] = useTypedSearch(q, (text) => update({ q: text }));
  const pagedCount = usePagedCount({ none: 'people.none', one: 'people.count.one', other: 'people.count.other' }, PAGE_SIZE);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    update({ q: qInput });
  }

  const data = people.data;
  const total = data?.total ?? 0;

  return (
    <>
      <Paragraph appearance="lead">{t('people.intro')}</Paragraph>
      <Paragraph>
        <AppLink to="/beheer/uitnodigen">{t('invite.title')}</AppLink> · <AppLink to="/beheer/uitnodigingen">{t('invitations.title')}</AppLink> ·{' '}
        <AppLink to="/beheer/personen/import">{t('peopleImport.link')}</AppLink>
      </Paragraph>

      <form className="vd-filters" role="search" aria-label={t('people.filters')} onSubmit={onSubmit}>
        <SearchBox label={t('people.q')} value={qInput} onChange={setQInput} />
        <Field label={t('people.role')}>
          {({ id }) => (
            <Select id={id} name="role" value={role} onChange={(e) => update({ role: e.currentTarget.value })}>
              <SelectOption value="">{t('people.allRoles')}</SelectOption>
              {ROLE_FILTERS.map((r) => (
                <SelectOption key={r} value={r}>
                  {t(`role.${r}` as TextKey)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <FilterActions
          search={t('people.search')}
          reset={t('people.reset')}
          resetDisabled={!q && !role && !qInput}
          onReset={() => {
            setQInput('');
            reset();
          }}
        />
      </form>

      <ListSummary testId="people-summary">{data ? pagedCount(data.total, offset) : ''}</ListSummary>

      <ProblemAlert error={people.error} />
      {!data && people.loading && <Loading />}

      {data && data.items.length > 0 && (
        <DataTable caption={t('people.caption')} busy={people.loading}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('col.name')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('people.email')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('people.roles')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('people.offices')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.items.map((person) => (
              <TableRow key={person.id}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  <AppLink to={`/beheer/personen/${person.id}`}>{person.name}</AppLink>
                  {person.disabled && <span className="vd-badge">{t('people.disabled')}</span>}
                </TableHeaderCell>
                <TableCell>{person.email}</TableCell>
                <TableCell>{rolesText(t, person)}</TableCell>
                <TableCell className="vd-wrap">
                  {person.offices.length === 0 ? (
                    t('common.none')
                  ) : (
                    <ul className="vd-plain-list">
                      {person.offices.map((office) => (
                        <li key={`${office.memberId}-${office.kind}`}>
                          {officeOf(t, office.kind, office.memberName)}
                          {office.designated && <span className="vd-badge">{t('people.designated')}</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}

      <Pagination label={t('people.pages')} total={total} limit={PAGE_SIZE} offset={offset} onChange={(next) => update({ offset: String(next) })} />

      <PendingDesignations onChange={people.reload} />

      <NewPersonForm onCreated={people.reload} />
    </>
  );
}

function NewPersonForm({ onCreated }: { onCreated(): void }) {
  const { t } = useI18n();
  const { user } = useSession();
  const isAdmin = hasRole(user, 'admin');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [roles, setRoles] = useState<GrantedRole[]>([]);
  const { error, busy, send } = useRequest();
  const [created, setCreated] = useState<{ id: string; name: string }>();
  const createdRef = useFocusWhen<HTMLDivElement>(created);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setCreated(undefined);
    await send(async () => {
      const body = { name: name.trim(), email: email.trim(), ...(isAdmin && roles.length ? { roles } : {}) };
      const result = await fetchClient.POST('/api/v1/people', { body }).then(answerOf);
      setCreated({ id: result.id, name: body.name });
      setName('');
      setEmail('');
      setRoles([]);
      onCreated();
    });
  }

  const labels: Record<string, string> = { name: t('col.name'), email: t('people.email'), roles: t('people.roles') };

  return (
    <section className="vd-section vd-panel">
      <Heading level={2} id="people-add">
        {t('people.add')}
      </Heading>
      <Paragraph>{t('people.addIntro')}</Paragraph>
      {created && (
        <Alert type="ok" role="status" className="vd-alert" ref={createdRef} tabIndex={-1}>
          <Paragraph>
            {t('people.created', { name: created.name })} <AppLink to={`/beheer/personen/${created.id}`}>{t('people.open', { name: created.name })}</AppLink>
          </Paragraph>
        </Alert>
      )}
      <ProblemAlert error={error} fieldLabel={(field) => labels[field]} focus />
      <form onSubmit={onSubmit} noValidate className="vd-form">
        <PersonNameFields name={name} setName={setName} email={email} setEmail={setEmail} error={error} />
        {isAdmin && <RoleCheckboxes roles={roles} setRoles={setRoles} />}
        <SubmitButton busy={busy}>{t('people.add')}</SubmitButton>
      </form>
    </section>
  );
}
