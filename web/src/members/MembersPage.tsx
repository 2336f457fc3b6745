import { useMemo, type FormEvent } from 'react';
import {
  Heading,
  Link,
  Paragraph,
  Select,
  SelectOption,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { apiHref } from '../api';
import { useI18n } from '../i18n';
import { AppLink, DataTable, Field, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, apiState } from '../shell/client';
import { DateField } from '../shell/fields';
import { isIsoDate, today } from '../shell/dates';
import { useProfile } from '../shell/ProfileContext';
import { FilterActions, ListSummary, Pagination, SearchBox, useListQuery, useTypedSearch } from '../shell/lists';
import type { MemberSort } from '../types';

type SortKey = 'name' | 'province' | 'population' | 'voteWeight';
const SORT_KEYS: readonly string[] = ['name', '-name', 'population', '-population', 'voteWeight', '-voteWeight', 'province', '-province', 'code', '-code'];
const FILTERS = ['q', 'province', 'network', 'sizeClass'] as const;
/** Rows per page: the whole register of 342 in one table is slow to render and to read on a phone. */
const PAGE_SIZE = 50;

/** The label of a size class code in the UI language, from the profile. */
export function useSizeClassLabel() {
  const { profile } = useProfile();
  const { local } = useI18n();
  return (code: string | null | undefined) => {
    if (!code) return '—';
    const found = profile?.document.sizeClasses.items.find((c) => c.code === code);
    return found ? local(found.label) : code;
  };
}

export function MembersPage() {
  const { t, count, number, date, local } = useI18n();
  const { profile } = useProfile();
  const sizeClassLabel = useSizeClassLabel();
  const { params, offset, update, reset } = useListQuery();
  usePageTitle(t('members.title'));

  const asOfParam = params.get('asOf');
  const asOf = isIsoDate(asOfParam) ? asOfParam : today();
  const sortParam = params.get('sort') ?? 'name';
  const sort = (SORT_KEYS.includes(sortParam) ? sortParam : 'name') as MemberSort;
  const filters = Object.fromEntries(FILTERS.map((key) => [key, params.get(key) ?? ''])) as Record<(typeof FILTERS)[number], string>;

  const query = {
    asOf: isIsoDate(asOfParam) ? asOfParam : undefined,
    q: filters.q || undefined,
    province: filters.province || undefined,
    network: filters.network || undefined,
    sizeClass: filters.sizeClass || undefined,
    sort: sort === 'name' ? undefined : sort,
  };
  const members = apiState($api.useQuery('get', '/api/v1/members', { params: { query: { ...query, limit: PAGE_SIZE, offset: offset || undefined } } }));
  const networks = apiState($api.useQuery('get', '/api/v1/networks', { params: { query: { asOf: query.asOf } } }));

  // The search box applies as you type, after a short pause.
  const [qInput, setQInput] = useTypedSearch(filters.q, (text) => update({ q: text }));

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    update({ q: qInput });
  }

  function sortBy(key: SortKey) {
    const next = sort === key ? `-${key}` : key;
    update({ sort: next === 'name' ? undefined : next });
  }

  const regionLabel = profile ? local(profile.document.regions.label) : t('col.province');
  const data = members.data;
  const exportQuery = { ...query };
  const captionDate = date(data?.asOf ?? asOf);
  const hasFilters = FILTERS.some((key) => filters[key]) || Boolean(query.asOf);

  // A plain render function, not a component: the buttons must keep their focus across re-renders.
  const sortHeader = (column: SortKey, label: string, numeric = false) => {
    const active = sort === column || sort === `-${column}`;
    const descending = sort === `-${column}`;
    return (
      <TableHeaderCell key={column} scope="col" numericColumn={numeric} aria-sort={active ? (descending ? 'descending' : 'ascending') : 'none'}>
        <button type="button" className="vd-sort-button" onClick={() => sortBy(column)}>
          {label}
          <span aria-hidden="true" className="vd-sort-button__icon">
            {active ? (descending ? '▼' : '▲') : '↕'}
          </span>
        </button>
      </TableHeaderCell>
    );
  };

  const summary = useMemo(
    () =>
      data
        ? t('members.summary', {
            count: count('members.count', data.total),
            weight: number(data.totalVoteWeight),
            population: number(data.totalPopulation),
          })
        : '',
    [data, t, count, number],
  );

  return (
    <>
      <PageTitle>{t('members.title')}</PageTitle>
      <Paragraph appearance="lead">{t('members.intro')}</Paragraph>

      <form className="vd-filters" role="search" aria-label={t('members.filters')} onSubmit={onSubmit}>
        <DateField onlyValid label={t('members.asOf')} name="asOf" value={asOf} onChange={(value) => update({ asOf: value === today() ? undefined : value })} />
        <SearchBox label={t('members.q')} value={qInput} onChange={setQInput} />
        <Field label={regionLabel}>
          {({ id }) => (
            <Select id={id} name="province" value={filters.province} onChange={(e) => update({ province: e.currentTarget.value })}>
              <SelectOption value="">{t('members.allProvinces')}</SelectOption>
              {profile?.document.regions.items.map((region) => (
                <SelectOption key={region.name} value={region.name}>
                  {region.name}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('members.network')}>
          {({ id }) => (
            <Select id={id} name="network" value={filters.network} onChange={(e) => update({ network: e.currentTarget.value })}>
              <SelectOption value="">{t('members.allNetworks')}</SelectOption>
              {networks.data?.items.map((network) => (
                <SelectOption key={network.code} value={network.code}>
                  {network.code === network.name ? network.code : `${network.name}`}
                </SelectOption>
              ))}
              {filters.network && !networks.data?.items.some((n) => n.code === filters.network) && (
                <SelectOption value={filters.network}>{filters.network}</SelectOption>
              )}
            </Select>
          )}
        </Field>
        <Field label={t('members.sizeClass')}>
          {({ id }) => (
            <Select id={id} name="sizeClass" value={filters.sizeClass} onChange={(e) => update({ sizeClass: e.currentTarget.value })}>
              <SelectOption value="">{t('members.allSizeClasses')}</SelectOption>
              {profile?.document.sizeClasses.items.map((sizeClass) => (
                <SelectOption key={sizeClass.code} value={sizeClass.code}>
                  {local(sizeClass.label)}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <FilterActions
          search={t('members.search')}
          reset={t('members.reset')}
          resetDisabled={!hasFilters && !qInput}
          onReset={() => {
            setQInput('');
            reset(sort === 'name' ? {} : { sort });
          }}
        />
      </form>

      <ListSummary testId="members-summary">{summary}</ListSummary>

      <ProblemAlert error={members.error} />

      {data && (
        <DataTable caption={t('members.caption', { date: captionDate })} busy={members.loading} className="vd-members-table">
          <TableHeader>
            <TableRow>
              {sortHeader('name', t('col.name'))}
              <TableHeaderCell scope="col">{t('col.code')}</TableHeaderCell>
              {sortHeader('province', regionLabel)}
              {sortHeader('population', t('col.population'), true)}
              {sortHeader('voteWeight', t('col.voteWeight'), true)}
              <TableHeaderCell scope="col">{t('col.sizeClass')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('col.networks')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.items.length === 0 && (
              <TableRow>
                <TableCell colSpan={7}>{t('members.empty')}</TableCell>
              </TableRow>
            )}
            {data.items.map((member) => (
              <TableRow key={member.id}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  <AppLink to={`/leden/${member.id}${query.asOf ? `?asOf=${query.asOf}` : ''}`}>{member.name}</AppLink>
                </TableHeaderCell>
                <TableCell>{member.code}</TableCell>
                <TableCell>{member.province}</TableCell>
                <TableCell numericColumn className="utrecht-table__cell--numeric-data">
                  {number(member.population)}
                </TableCell>
                <TableCell numericColumn className="utrecht-table__cell--numeric-data">
                  {number(member.voteWeight)}
                </TableCell>
                <TableCell className="vd-nowrap">{sizeClassLabel(member.sizeClass)}</TableCell>
                <TableCell>{member.networks.join(', ')}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
      {data && (
        <Pagination label={t('members.pages')} total={data.total} limit={PAGE_SIZE} offset={offset} onChange={(next) => update({ offset: String(next) })} />
      )}

      <section className="vd-section">
        <Heading level={2} id="members-export">
          {t('members.export')}
        </Heading>
        <Paragraph>{t('members.exportIntro')}</Paragraph>
        <UnorderedList>
          <UnorderedListItem>
            <Link href={apiHref('/members/export.csv', exportQuery)}>{t('members.exportCsv')}</Link>
          </UnorderedListItem>
          <UnorderedListItem>
            <Link href={apiHref('/members/export.json', exportQuery)}>{t('members.exportJson')}</Link>
          </UnorderedListItem>
        </UnorderedList>
      </section>
    </>
  );
}
