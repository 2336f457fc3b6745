import { useMemo } from 'react';
import { Button, Heading, Paragraph, TableBody, TableCell, TableFooter, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { $api, apiState } from '../shell/client';
import { useI18n } from '../i18n';
import { DataTable, Loading, ProblemAlert } from '../shell/components';
import type { Meeting } from '../types';

/** Who holds a vote now and the weight present, from the attendance and the register on the meeting's date. */
export function Presence({ meeting }: { meeting: Meeting }) {
  const { t, number } = useI18n();
  const attendance = apiState($api.useQuery('get', '/api/v1/meetings/{id}/attendance', { params: { path: { id: meeting.id } } }));
  const members = apiState($api.useQuery('get', '/api/v1/members', { params: { query: { asOf: meeting.date, limit: 1000 } } }));
  const weights = useMemo(() => new Map((members.data?.items ?? []).map((m) => [m.id, m.voteWeight ?? 0])), [members.data]);
  const present = (attendance.data?.voteHolders ?? []).filter((h) => h.holderPresent);
  const total = present.reduce((sum, h) => sum + (weights.get(h.memberId) ?? 0), 0);

  return (
    <section className="vd-section" aria-labelledby="course-presence">
      <Heading level={2} id="course-presence">
        {t('course.presence')}
      </Heading>
      <ProblemAlert error={attendance.error ?? members.error} />
      {!attendance.data && attendance.loading && <Loading />}
      {attendance.data && (
        <>
          <Paragraph role="status" data-testid="presence-summary">
            {t(present.length === 1 ? 'course.presentOne' : 'course.presentOther', { n: number(present.length), weight: number(total) })}
          </Paragraph>
          <Button appearance="secondary-action-button" onClick={attendance.reload}>
            {t('course.refreshPresence')}
          </Button>
          {present.length > 0 && (
            <DataTable caption={t('course.presenceCaption')} captionHidden>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('course.col.member')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('course.col.holder')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('course.col.via')}</TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    {t('course.col.weight')}
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {present.map((holder) => (
                  <TableRow key={holder.memberId}>
                    <TableHeaderCell scope="row" className="vd-row-header">
                      {holder.memberName}
                    </TableHeaderCell>
                    <TableCell>{holder.personName}</TableCell>
                    <TableCell>{t(holder.via === 'proxy' ? 'course.viaProxy' : 'course.viaCheckIn')}</TableCell>
                    <TableCell numericColumn className="utrecht-table__cell--numeric-data">
                      {number(weights.get(holder.memberId) ?? null)}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
              <TableFooter>
                <TableRow>
                  <TableHeaderCell scope="row">{t('course.total')}</TableHeaderCell>
                  <TableCell />
                  <TableCell />
                  <TableCell numericColumn className="utrecht-table__cell--numeric-data">
                    {number(total)}
                  </TableCell>
                </TableRow>
              </TableFooter>
            </DataTable>
          )}
        </>
      )}
    </section>
  );
}
