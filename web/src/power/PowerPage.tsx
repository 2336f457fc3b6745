import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { Button, Heading, Link, Paragraph } from '@utrecht/component-library-react';
import { useSegmentLabel, useSegmentOrder } from '../consultations/ResultsView';
import { useI18n } from '../i18n';
import { $api, apiState } from '../shell/client';
import { Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { DateField, SelectField } from '../shell/fields';
import { SearchBox } from '../shell/lists';
import { today } from '../shell/dates';
import type { MemberPowerRow, RegisterPower } from '../types';
import { columns, DIMENSIONS, MAJORITIES, type PowerDimension, type PowerMajority, ratio, share } from './format';
import { FigureTable } from './FigureTable';
import { PowerChart } from './PowerChart';
import { WhatIfSection } from './WhatIfSection';

const FEW = 25;

export function PowerPage() {
  const { t } = useI18n();
  usePageTitle(t('power.title'));
  const [params, setParams] = useSearchParams();
  const asOf = params.get('peildatum') ?? today();
  const majority = (MAJORITIES as readonly string[]).includes(params.get('meerderheid') ?? '') ? (params.get('meerderheid') as PowerMajority) : 'simple';
  const query = { asOf, majority };
  const { data, error, loading } = apiState($api.useQuery('get', '/api/v1/power', { params: { query } }));
  const setParam = (name: string, value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set(name, value);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageTitle>{t('power.title')}</PageTitle>
      <Paragraph appearance="lead">{t('power.intro')}</Paragraph>
      <form className="vd-filters" aria-label={t('power.title')} onSubmit={(e) => e.preventDefault()}>
        <DateField onlyValid label={t('power.asOf')} name="asOf" value={asOf} onChange={(day) => setParam('peildatum', day)} />
        <SelectField
          label={t('power.majority')}
          value={majority}
          onChange={(value) => setParam('meerderheid', value)}
          options={MAJORITIES.map((m) => ({ value: m, label: t(`power.majority.${m}`) }))}
        />
      </form>
      <ProblemAlert error={error} />
      {loading && !data && <Loading />}
      {data && <PowerFigures power={data} />}
      {data && (
        <Paragraph>
          <Link href={`/api/v1/power/export.csv?${new URLSearchParams(query)}`} download>
            {t('power.csv')}
          </Link>
        </Paragraph>
      )}
      {data && <WhatIfSection asOf={asOf} majority={majority} params={params} />}
    </>
  );
}

function PowerFigures({ power }: { power: RegisterPower }) {
  const { t, number } = useI18n();
  const quota = power.memberQuota === null ? number(power.quota) : `${number(power.quota)} ${t('power.memberQuota', { members: number(power.memberQuota) })}`;
  return (
    <>
      <Paragraph data-testid="power-summary">
        {t('power.summary', { members: number(power.members.length), total: number(power.totalWeight), quota })}
      </Paragraph>
      <Paragraph className="vd-hint">{t(`power.method.${power.method}`, { ms: number(Math.round(power.computedInMs)) })}</Paragraph>
      {power.excluded > 0 && <Paragraph>{t('power.excluded', { n: number(power.excluded) })}</Paragraph>}
      <Paragraph className="vd-hint">{t('power.explain')}</Paragraph>
      <SegmentSection power={power} />
      <MemberSection members={power.members} />
    </>
  );
}

function SegmentSection({ power }: { power: RegisterPower }) {
  const { t, locale, number } = useI18n();
  const [dimension, setDimension] = useState<PowerDimension>('province');
  const label = useSegmentLabel();
  const order = useSegmentOrder();
  const rows = order(
    dimension,
    power.segments.filter((s) => s.dimension === dimension),
  );
  const dimensionName = t(`power.dimension.${dimension}`).toLocaleLowerCase(locale);
  return (
    <section className="vd-section" aria-labelledby="power-segments">
      <Heading level={2} id="power-segments">
        {t('power.segments')}
      </Heading>
      <SelectField
        label={t('power.dimension')}
        value={dimension}
        onChange={setDimension}
        options={DIMENSIONS.map((d) => ({ value: d, label: t(`power.dimension.${d}`) }))}
      />
      <PowerChart
        title={t('power.chartTitle', { dimension: dimensionName })}
        bars={rows.map((s) => ({ label: label(dimension, s), populationShare: s.populationShare, weightShare: s.weightShare, banzhaf: s.banzhaf }))}
      />
      <FigureTable
        caption={t('power.segmentCaption', { dimension: dimensionName })}
        columns={columns(t, ['segment', 'members', 'populationShare', 'weightShare', 'banzhaf', 'shapley', 'perPopulation'])}
        rows={rows.map((s) => ({
          key: s.segment,
          label: label(dimension, s),
          cells: [
            number(s.members),
            share(s.populationShare, locale),
            share(s.weightShare, locale),
            share(s.banzhaf, locale),
            share(s.shapleyShubik, locale),
            ratio(s.banzhafPerPopulation, locale),
          ],
        }))}
      />
    </section>
  );
}

function MemberSection({ members }: { members: readonly MemberPowerRow[] }) {
  const { t, locale, number } = useI18n();
  const [q, setQ] = useState('');
  const [all, setAll] = useState(false);
  const matching = useMemo(() => {
    const wanted = q.trim().toLocaleLowerCase('nl');
    return wanted ? members.filter((m) => m.name.toLocaleLowerCase('nl').includes(wanted) || m.code.toLocaleLowerCase('nl').includes(wanted)) : members;
  }, [members, q]);
  const shown = all ? matching : matching.slice(0, FEW);
  return (
    <section className="vd-section" aria-labelledby="power-members">
      <Heading level={2} id="power-members">
        {t('power.members')}
      </Heading>
      <SearchBox label={t('power.search')} value={q} onChange={setQ} />
      <FigureTable
        caption={t('power.membersCaption')}
        columns={columns(t, ['member', 'population', 'weight', 'populationShare', 'weightShare', 'banzhaf', 'shapley', 'perPopulation'])}
        rows={shown.map((m) => ({
          key: m.id,
          label: m.name,
          cells: [
            number(m.population),
            number(m.voteWeight),
            share(m.populationShare, locale),
            share(m.weightShare, locale),
            share(m.banzhaf, locale),
            share(m.shapleyShubik, locale),
            ratio(m.banzhafPerPopulation, locale),
          ],
        }))}
      />
      {matching.length > FEW && (
        <Button appearance="secondary-action-button" onClick={() => setAll(!all)}>
          {all ? t('power.showFewer') : t('power.showAll', { n: number(matching.length) })}
        </Button>
      )}
    </section>
  );
}
