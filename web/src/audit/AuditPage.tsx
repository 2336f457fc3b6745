import { useEffect, useMemo, useState } from 'react';
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
  Textbox,
} from '@utrecht/component-library-react';
import { apiHref } from '../api';
import { useI18n } from '../i18n';
import { RoleGate } from '../people/RoleGate';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Field, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, apiState } from '../shell/client';
import { addDays, isIsoDate } from '../shell/dates';
import { FilterActions, ListSummary, Pagination, useListQuery, usePagedCount } from '../shell/lists';
import { canManage, type AuditEntry } from '../types';
import { ACTION_GROUPS, actionLabel, entityLabel, KNOWN_ACTIONS, startOfDay } from './labels';

const PAGE_SIZE = 100;
/** Filters that other pages may link with, e.g. ?entityId=… from a person. */
const PASSED_ON = ['entityType', 'entityId', 'actorId'] as const;

export function AuditPage() {
  const { t } = useI18n();
  usePageTitle(t('audit.title'));
  return (
    <>
      <PageTitle>{t('audit.title')}</PageTitle>
      <RoleGate roles={['admin', 'staff', 'counting-committee']} needLogin="audit.needLogin" needRole="audit.needRole">
        <AuditWorkspace />
      </RoleGate>
    </>
  );
}

function AuditWorkspace() {
  const { t, locale } = useI18n();
  const { user } = useSession();
  const { params, offset, update, reset } = useListQuery();
  const action = params.get('action') ?? '';
  const fromParam = params.get('from');
  const untilParam = params.get('until');
  const from = isIsoDate(fromParam) ? fromParam : '';
  const until = isIsoDate(untilParam) ? untilParam : '';
  const passed = Object.fromEntries(PASSED_ON.map((key) => [key, params.get(key) || undefined]));

  // The dates are calendar days in Dutch time; "until" includes its day.
  const filters = {
    action: action || undefined,
    from: from ? startOfDay(from) : undefined,
    until: until ? startOfDay(addDays(until, 1)) : undefined,
    ...passed,
  };
  const log = apiState($api.useQuery('get', '/api/v1/audit-log', { params: { query: { ...filters, limit: PAGE_SIZE, offset: offset || undefined } } }));
  const moments = useMemo(() => new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium', timeZone: 'Europe/Amsterdam' }), [locale]);

  const pagedCount = usePagedCount({ none: 'audit.none', one: 'audit.count.one', other: 'audit.count.other' }, PAGE_SIZE);

  const data = log.data;
  const hasFilters = Boolean(action || from || until || PASSED_ON.some((key) => passed[key]));
  const knownAction = !action || ACTION_GROUPS.some((g) => g.prefix === action) || KNOWN_ACTIONS.includes(action);

  const subject = (entry: AuditEntry) => {
    const label = entityLabel(t, entry.entityType);
    if (!entry.entityId) return label;
    const to =
      entry.entityType === 'person' && canManage(user)
        ? `/beheer/personen/${entry.entityId}`
        : entry.entityType === 'member'
          ? `/leden/${entry.entityId}`
          : undefined;
    return (
      <>
        {label}
        <br />
        {to ? (
          <AppLink to={to} className="vd-code">
            {entry.entityId}
          </AppLink>
        ) : (
          <code className="vd-code">{entry.entityId}</code>
        )}
      </>
    );
  };

  return (
    <>
      <Paragraph appearance="lead">{t('audit.intro')}</Paragraph>

      <form className="vd-filters" role="search" aria-label={t('audit.filters')} onSubmit={(e) => e.preventDefault()}>
        <Field label={t('audit.action')}>
          {({ id }) => (
            <Select id={id} name="action" value={action} onChange={(e) => update({ action: e.currentTarget.value })}>
              <SelectOption value="">{t('audit.allActions')}</SelectOption>
              <optgroup label={t('audit.groups')}>
                {ACTION_GROUPS.map((group) => (
                  <SelectOption key={group.prefix} value={group.prefix}>
                    {t(group.key)}
                  </SelectOption>
                ))}
              </optgroup>
              <optgroup label={t('audit.actions')}>
                {KNOWN_ACTIONS.map((known) => (
                  <SelectOption key={known} value={known}>
                    {actionLabel(t, known)}
                  </SelectOption>
                ))}
              </optgroup>
              {!knownAction && <SelectOption value={action}>{action}</SelectOption>}
            </Select>
          )}
        </Field>
        <Field label={t('audit.from')}>
          {({ id }) => <DateFilter id={id} name="from" value={from} max={until} onChange={(value) => update({ from: value })} />}
        </Field>
        <Field label={t('audit.until')}>
          {({ id }) => <DateFilter id={id} name="until" value={until} min={from} onChange={(value) => update({ until: value })} />}
        </Field>
        <FilterActions reset={t('audit.reset')} resetDisabled={!hasFilters} onReset={() => reset()} />
      </form>

      {PASSED_ON.some((key) => passed[key]) && (
        <Paragraph>
          {t('audit.narrowed', {
            filter: PASSED_ON.filter((key) => passed[key])
              .map((key) => `${key} = ${passed[key]}`)
              .join(', '),
          })}
        </Paragraph>
      )}

      <ListSummary testId="audit-summary">{data ? pagedCount(data.total, offset) : ''}</ListSummary>

      <ProblemAlert error={log.error} />
      {!data && log.loading && <Loading />}

      {data && data.items.length > 0 && (
        <DataTable caption={t('audit.caption')} busy={log.loading} className="vd-audit-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('audit.at')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('audit.actor')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('audit.action')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('audit.subject')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('audit.details')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {data.items.map((entry) => (
              <TableRow key={entry.id}>
                <TableHeaderCell scope="row" className="vd-row-header vd-nowrap">
                  <time dateTime={entry.at}>{moments.format(new Date(entry.at))}</time>
                </TableHeaderCell>
                <TableCell className="vd-wrap">{entry.actor}</TableCell>
                <TableCell className="vd-wrap">
                  {actionLabel(t, entry.action)}
                  <br />
                  <code className="vd-code">{entry.action}</code>
                </TableCell>
                <TableCell className="vd-wrap">{subject(entry)}</TableCell>
                <TableCell className="vd-wrap">
                  {Object.keys(entry.data).length === 0 ? '—' : <code className="vd-code vd-json">{JSON.stringify(entry.data)}</code>}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}

      <Pagination label={t('audit.pages')} total={data?.total ?? 0} limit={PAGE_SIZE} offset={offset} onChange={(next) => update({ offset: String(next) })} />

      <section className="vd-section">
        <Heading level={2} id="audit-export">
          {t('audit.export')}
        </Heading>
        <Paragraph>{t('audit.exportIntro')}</Paragraph>
        <Paragraph>
          <Link href={apiHref('/audit-log/export.csv', filters)}>{t('audit.exportCsv')}</Link>
        </Paragraph>
      </section>
    </>
  );
}

/** An optional date filter: keeps what is being typed, reports complete dates and an emptied field. */
function DateFilter({
  id,
  name,
  value,
  min,
  max,
  onChange,
}: {
  id: string;
  name: string;
  value: string;
  min?: string;
  max?: string;
  onChange(value: string): void;
}) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <Textbox
      id={id}
      type="date"
      name={name}
      value={text}
      min={min || undefined}
      max={max || undefined}
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        if (next === '' || isIsoDate(next)) onChange(next);
      }}
    />
  );
}
