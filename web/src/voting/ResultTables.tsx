import { Heading, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { $api, apiState } from '../shell/client';
import { useI18n, type TextKey } from '../i18n';
import { DataTable, Loading, ProblemAlert } from '../shell/components';
import type { Poll, PollResult } from '../types';
import { usePollWords } from './common';

/** The totals per option: members, weight and share, with their sum. */
export function Totals({ poll, result }: { poll: Poll; result: PollResult }) {
  const { t, number } = useI18n();
  const words = usePollWords();
  const shareOf = (option: string, percent: string | null) =>
    poll.kind === 'for-against' ? (option === 'for' ? result.percentFor : option === 'against' ? result.percentAgainst : null) : percent;
  const sum = result.totals.reduce((acc, total) => ({ members: acc.members + total.members, weight: acc.weight + total.weight }), { members: 0, weight: 0 });
  return (
    <DataTable caption={t('poll.totalsCaption')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('poll.col.option')}</TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            {t('poll.col.members')}
          </TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            {t('poll.col.weight')}
          </TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            {t('poll.col.percent')}
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {result.totals.map((total) => (
          <TableRow key={total.option}>
            <TableHeaderCell scope="row" className="vd-row-header">
              {words.option(poll, total.option)}
            </TableHeaderCell>
            <TableCell numericColumn>{number(total.members)}</TableCell>
            <TableCell numericColumn>{number(total.weight)}</TableCell>
            <TableCell numericColumn>
              {shareOf(total.option, total.percent) === null ? t('poll.notCounted') : words.percent(shareOf(total.option, total.percent))}
            </TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableHeaderCell scope="row" className="vd-row-header">
            {t('poll.col.total')}
          </TableHeaderCell>
          <TableCell numericColumn>{number(sum.members)}</TableCell>
          <TableCell numericColumn>{number(sum.weight)}</TableCell>
          <TableCell numericColumn />
        </TableRow>
      </TableBody>
    </DataTable>
  );
}

const SEGMENT_KEYS: Record<string, TextKey> = {
  province: 'poll.segment.province',
  sizeClass: 'poll.segment.sizeClass',
  network: 'poll.segment.network',
  memberClass: 'poll.segment.memberClass',
};

/** The totals per province, size class or network, when the poll keeps them; a secret poll never does. */
export function Segments({ poll, result }: { poll: Poll; result: PollResult }) {
  const { t, number } = useI18n();
  const words = usePollWords();
  const kinds = Object.entries(result.segments).filter(([, values]) => Object.keys(values).length > 0);
  if (poll.secrecy === 'secret') return <Paragraph className="vd-segments-secret">{t('poll.segmentsSecret')}</Paragraph>;
  if (kinds.length === 0) return null;
  const options = result.totals.map((total) => total.option);
  return (
    <>
      <Heading level={3}>{t('poll.segmentsTitle')}</Heading>
      {kinds.map(([kind, values]) => (
        <DataTable key={kind} caption={SEGMENT_KEYS[kind] ? t(SEGMENT_KEYS[kind]) : t('poll.segment.other', { kind })}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{SEGMENT_KEYS[kind] ? t(SEGMENT_KEYS[kind]) : kind}</TableHeaderCell>
              {options.map((option) => (
                <TableHeaderCell key={option} scope="col" numericColumn>
                  {words.option(poll, option)}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {Object.entries(values).map(([value, totals]) => (
              <TableRow key={value}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {value}
                </TableHeaderCell>
                {options.map((option) => {
                  const total = totals.find((x) => x.option === option);
                  return (
                    <TableCell key={option} numericColumn>
                      {t('poll.segmentCell', { weight: number(total?.weight ?? 0), members: words.members(total?.members ?? 0) })}
                    </TableCell>
                  );
                })}
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      ))}
    </>
  );
}

/** The vote of each member: public for named polls, for the vote-counting committee only in secret ones. */
export function Votes({ poll }: { poll: Poll }) {
  const { t, number } = useI18n();
  const words = usePollWords();
  const votes = apiState($api.useQuery('get', '/api/v1/polls/{id}/votes', { params: { path: { id: poll.id } } }));
  const hidden = votes.error && [401, 403, 404].includes(votes.error.status);
  return (
    <section className="vd-section" aria-labelledby="poll-votes">
      <Heading level={2} id="poll-votes">
        {t('poll.votesTitle')}
      </Heading>
      {hidden ? <Paragraph>{t(poll.secrecy === 'secret' ? 'poll.votesSecret' : 'poll.votesHidden')}</Paragraph> : <ProblemAlert error={votes.error} />}
      {!votes.data && votes.loading && <Loading />}
      {votes.data && votes.data.items.length === 0 && <Paragraph>{t('poll.noVotes')}</Paragraph>}
      {votes.data && votes.data.items.length > 0 && (
        <DataTable caption={t('poll.votesCaption')}>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('poll.col.member')}</TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('poll.col.weight')}
              </TableHeaderCell>
              <TableHeaderCell scope="col">{t('poll.col.vote')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {votes.data.items.map((vote) => (
              <TableRow key={vote.memberId}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {vote.memberName}
                </TableHeaderCell>
                <TableCell numericColumn>{number(vote.weight)}</TableCell>
                <TableCell>{words.option(poll, vote.option)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      )}
    </section>
  );
}
