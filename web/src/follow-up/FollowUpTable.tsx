import { Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { FollowUp } from '../../../src/follow-up/schemas';
import { type TextKey, useI18n } from '../i18n';
import { AppLink, DataTable } from '../shell/components';

export type { FollowUp };

export const followUpPath = (id: string) => `/opvolging/${encodeURIComponent(id)}`;
export const statusKey = (status: FollowUp['status']) => `followUp.status.${status}` as TextKey;
export const kindKey = (kind: FollowUp['kind']) => `followUp.kind.${kind}` as TextKey;

/** The status as a word, with "overdue" beside it when the due date has passed (as the server derived it). */
export function StatusBadges({ followUp }: { followUp: Pick<FollowUp, 'status' | 'overdue'> }) {
  const { t } = useI18n();
  return (
    <>
      <span className={`vd-badge vd-follow-up--${followUp.status}`}>{t(statusKey(followUp.status))}</span>
      {followUp.overdue && <span className="vd-badge vd-follow-up--overdue">{t('followUp.overdue')}</span>}
    </>
  );
}

export const ownerText = (owner: FollowUp['owner']) => (owner.label ? `${owner.name} (${owner.label})` : owner.name);

/** Follow-ups as the accountability table: subject, kind, owner, due date, status and latest progress. */
export function FollowUpTable({ items, withMeeting = false }: { items: readonly FollowUp[]; withMeeting?: boolean }) {
  const { t, date } = useI18n();
  if (items.length === 0) return <Paragraph>{t('followUp.none')}</Paragraph>;
  return (
    <DataTable caption={t('followUp.caption')}>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('followUp.col.subject')}</TableHeaderCell>
          {withMeeting && <TableHeaderCell scope="col">{t('followUp.col.meeting')}</TableHeaderCell>}
          <TableHeaderCell scope="col">{t('followUp.col.kind')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('followUp.col.owner')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('followUp.col.due')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('followUp.col.status')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('followUp.col.last')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((f) => (
          <TableRow key={f.id} className={f.overdue ? 'vd-follow-up-row--overdue' : undefined}>
            <TableHeaderCell scope="row">
              <AppLink to={followUpPath(f.id)}>{f.title}</AppLink>
            </TableHeaderCell>
            {withMeeting && (
              <TableCell>
                {f.meetingTitle}, {date(f.meetingDate)}
              </TableCell>
            )}
            <TableCell>{t(kindKey(f.kind))}</TableCell>
            <TableCell>{ownerText(f.owner)}</TableCell>
            <TableCell>{date(f.dueDate)}</TableCell>
            <TableCell>
              <StatusBadges followUp={f} />
            </TableCell>
            <TableCell>{f.lastUpdate ? `${date(f.lastUpdate.postedAt.slice(0, 10))}: ${f.lastUpdate.text}` : t('followUp.noUpdate')}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}
