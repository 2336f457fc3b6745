import { useMemo } from 'react';
import { Paragraph } from '@utrecht/component-library-react';
import { $api, apiState } from '../shell/client';
import { useI18n } from '../i18n';
import { CheckboxGroupField } from '../shell/fields';
import { ListSummary } from '../shell/lists';
import { useProfile } from '../shell/ProfileContext';
import type { ConsultationAudience, MemberSummary } from '../types';

export const EMPTY_AUDIENCE: ConsultationAudience = { provinces: [], sizeClasses: [], networks: [], memberClasses: [] };

/** The server's rule: within a dimension any value (OR), across dimensions all (AND); nothing chosen = everyone. */
export function inAudience(member: MemberSummary, audience: ConsultationAudience): boolean {
  if (audience.provinces.length > 0 && !audience.provinces.includes(member.province)) return false;
  if (audience.sizeClasses.length > 0 && (member.sizeClass === null || !audience.sizeClasses.includes(member.sizeClass))) return false;
  if (audience.memberClasses.length > 0 && !audience.memberClasses.includes(member.memberClass)) return false;
  if (audience.networks.length > 0 && !member.networks.some((n) => audience.networks.includes(n))) return false;
  return true;
}

/**
 * Who is consulted: provinces, size classes, networks and member classes from the profile and the
 * register, with the number of members it reaches today. The register has a few hundred members,
 * so the count is worked out here from one list, as the choice changes, without a request per click.
 * The server takes its own snapshot at launch; this count is a preview of it.
 */
export function AudienceChooser({ value, onChange }: { value: ConsultationAudience; onChange(next: ConsultationAudience): void }) {
  const { t, local, count } = useI18n();
  const { profile } = useProfile();
  const members = apiState($api.useQuery('get', '/api/v1/members', { params: { query: { limit: 1000 } } }));
  const networks = apiState($api.useQuery('get', '/api/v1/networks'));
  const doc = profile?.document;
  const reached = useMemo(() => members.data?.items.filter((m) => inAudience(m, value)).length, [members.data, value]);
  const set = (key: keyof ConsultationAudience) => (next: string[]) => onChange({ ...value, [key]: next });

  return (
    <div className="vd-audience">
      <Paragraph>{t('consultation.audienceIntro')}</Paragraph>
      <div className="vd-audience__groups">
        <CheckboxGroupField
          legend={doc ? local(doc.regions.label) : t('col.province')}
          choices={(doc?.regions.items ?? []).map((r) => ({ value: r.name, label: r.name }))}
          value={value.provinces}
          onChange={set('provinces')}
          className="vd-choice-group--columns"
        />
        <CheckboxGroupField
          legend={t('members.sizeClass')}
          choices={(doc?.sizeClasses.items ?? []).map((s) => ({ value: s.code, label: local(s.label) }))}
          value={value.sizeClasses}
          onChange={set('sizeClasses')}
        />
        <CheckboxGroupField
          legend={t('members.network')}
          choices={(networks.data?.items ?? []).map((n) => ({ value: n.code, label: n.name }))}
          value={value.networks}
          onChange={set('networks')}
        />
        {doc && doc.memberClasses.length > 1 && (
          <CheckboxGroupField
            legend={t('col.memberClass')}
            choices={doc.memberClasses.map((c) => ({ value: c.code, label: local(c.name) }))}
            value={value.memberClasses}
            onChange={set('memberClasses')}
          />
        )}
      </div>
      {/* Said politely after each change, so a screen reader user hears whom the choice reaches. */}
      <ListSummary testId="audience-count">
        {reached === undefined ? t('common.loading') : t('consultation.audienceCount', { members: count('members.count', reached) })}
      </ListSummary>
    </div>
  );
}
