import { useParams } from 'react-router';
import { Heading, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { $api, apiState } from '../shell/client';
import { DataTable, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { BackLink } from '../shell/nav';
import type { HallWhatIf } from '../types';
import { share } from './format';

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
      <DataTable caption={t('hall.segmentCaption')}>
        <TableHeader>
          <TableRow>
            {[t('power.col.segment'), t('hall.col.winning'), t('hall.col.needed')].map((c) => (
              <TableHeaderCell key={c} scope="col">
                {c}
              </TableHeaderCell>
            ))}
          </TableRow>
        </TableHeader>
        <TableBody>
          {whatIf.segments
            .filter((s) => s.switch.members !== null)
            .map((s) => (
              <TableRow key={`${s.dimension}-${s.segment}`}>
                <TableHeaderCell scope="row">{s.segment}</TableHeaderCell>
                <TableCell>{t('hall.side', { n: number(s.winningSide), weight: number(s.winningWeight) })}</TableCell>
                <TableCell>{switched(s.switch)}</TableCell>
              </TableRow>
            ))}
        </TableBody>
      </DataTable>
      <Heading level={2}>{t('hall.power')}</Heading>
      {hallPower === null ? (
        <Paragraph>{t('hall.powerTooLarge')}</Paragraph>
      ) : (
        <DataTable caption={t('hall.powerCaption')}>
          <TableHeader>
            <TableRow>
              {[t('power.col.member'), t('power.col.weight'), t('power.col.banzhaf')].map((c) => (
                <TableHeaderCell key={c} scope="col">
                  {c}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {hallPower.map((p) => (
              <TableRow key={p.memberName}>
                <TableHeaderCell scope="row">{p.memberName}</TableHeaderCell>
                <TableCell className="vd-number">{number(p.weight)}</TableCell>
                <TableCell className="vd-number">{share(p.banzhaf, locale)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
    </>
  );
}
