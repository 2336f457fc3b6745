import { useMemo } from 'react';
import { Select, SelectOption } from '@utrecht/component-library-react';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';
import { Field } from '../shell/components';
import { $api, apiState } from '../shell/client';

export interface MemberOptions {
  items: { id: string; name: string; memberClass: string }[];
  loading: boolean;
  error: ApiError | undefined;
  nameOf(id: string): string;
}

/** Today's members by name, for choosing the member of an office or invitation. */
export function useMemberOptions(): MemberOptions {
  const { locale } = useI18n();
  const members = apiState($api.useQuery('get', '/api/v1/members', { params: { query: { limit: 1000 } } }));
  return useMemo(() => {
    const items = [...(members.data?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name, locale));
    return { items, loading: members.loading, error: members.error, nameOf: (id: string) => items.find((m) => m.id === id)?.name ?? '' };
  }, [members.data, members.loading, members.error, locale]);
}

export function MemberSelect({
  id,
  options,
  value,
  onChange,
  describedBy,
  invalid,
  name = 'memberId',
}: {
  id: string;
  options: MemberOptions;
  value: string;
  onChange(memberId: string): void;
  describedBy?: string | undefined;
  invalid?: boolean;
  name?: string;
}) {
  const { t } = useI18n();
  const known = options.items.some((m) => m.id === value);
  return (
    <Select
      id={id}
      name={name}
      value={value}
      required
      invalid={invalid}
      aria-describedby={describedBy}
      busy={options.loading}
      onChange={(e) => onChange(e.currentTarget.value)}
    >
      <SelectOption value="">
        {options.error ? options.error.title : options.loading && options.items.length === 0 ? t('common.loading') : t('person.chooseMember')}
      </SelectOption>
      {value && !known && <SelectOption value={value}>{options.loading ? t('common.loading') : value}</SelectOption>}
      {options.items.map((member) => (
        <SelectOption key={member.id} value={member.id}>
          {member.name}
        </SelectOption>
      ))}
    </Select>
  );
}

/** The member of an office or invitation as a labelled field. */
export function MemberField({
  label,
  error,
  options,
  value,
  onChange,
}: {
  label: string;
  error: string | undefined;
  options: MemberOptions;
  value: string;
  onChange(memberId: string): void;
}) {
  return (
    <Field label={label} error={error}>
      {({ id, describedBy, invalid }) => (
        <MemberSelect id={id} describedBy={describedBy} invalid={invalid} options={options} value={value} onChange={onChange} />
      )}
    </Field>
  );
}
