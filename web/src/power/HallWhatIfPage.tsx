import { useParams } from 'react-router';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { $api, apiState } from '../shell/client';
import { Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { BackLink } from '../shell/nav';
import type { HallWhatIf } from '../types';
import { columns, share } from './format';
import { FigureTable } from './FigureTable';

type Switch = HallWhatIf['switchSides'];

/** A held vote's what-if: how few would have had to vote otherwise, who alone could have turned it, and power in the hall. */
export function HallWhatIfPage() {
  const { pollId = '' } = useParams();
  const { t } = useI18n();
  usePageTitle(t('hall.title'));
  const poll = apiState($api.useQuery('get', '/api/v1/polls/{id}', { params: { path: { id: pollId } } }));
  const whatIf = apiState($api.useQuery('get', '/api/v1/polls/{id}/what-if', { params: { path: { id: pollId } } }));
  return (
    <>
      <BackLink to={`/stemmingen/${pollId}`}>{poll.data?.question ?? t('common.loading')}</BackLink>
      <PageTitle>{t('hall.title')}</PageTitle>
      <Paragraph appearance="lead">{t('hall.intro')}</Paragraph>
      <ProblemAlert error={whatIf.error} />
      {whatIf.loading && !whatIf.data && <Loading />}
      {whatIf.data && <HallFigures whatIf={whatIf.data} />}
    </>
  );
}

function HallFigures({ whatIf }: { whatIf: HallWhatIf }) {
  const { t, number, locale } = useI18n();
  const hallPower = whatIf.hallPower;
  const switched = (s: Switch) =>
    s.members === null ? t('hall.none') : t('hall.count', { n: number(s.members), weight: number(s.weight), names: s.memberNames.join(', ') });
  return (
    <>
      <dl className="vd-facts">
        <dt>{t('hall.switchSides')}</dt>
        <dd data-testid="hall-switch">{switched(whatIf.switchSides)}</dd>
        <dt>{t('hall.abstainInstead')}</dt>
        <dd>{switched(whatIf.abstainInstead)}</dd>
        <dt>{t('hall.nonVoters')}</dt>
        <dd>{switched(whatIf.nonVotersJoinLosers)}</dd>
        <dt>{t('hall.critical')}</dt>
        <dd>{whatIf.criticalMembers.length ? whatIf.criticalMembers.join(', ') : t('hall.noCritical')}</dd>
      </dl>
      <Heading level={2}>{t('hall.segments')}</Heading>
      <FigureTable
        caption={t('hall.segmentCaption')}
        columns={[t('power.col.segment'), t('hall.col.winning'), t('hall.col.needed')]}
        numeric={false}
        rows={whatIf.segments
          .filter((s) => s.switch.members !== null)
          .map((s) => ({
            key: `${s.dimension}-${s.segment}`,
            label: s.segment,
            cells: [t('hall.side', { n: number(s.winningSide), weight: number(s.winningWeight) }), switched(s.switch)],
          }))}
      />
      <Heading level={2}>{t('hall.power')}</Heading>
      {hallPower === null ? (
        <Paragraph>{t('hall.powerTooLarge')}</Paragraph>
      ) : (
        <FigureTable
          caption={t('hall.powerCaption')}
          columns={columns(t, ['member', 'weight', 'banzhaf'])}
          rows={hallPower.map((p) => ({ key: p.memberName, label: p.memberName, cells: [number(p.weight), share(p.banzhaf, locale)] }))}
        />
      )}
    </>
  );
}
