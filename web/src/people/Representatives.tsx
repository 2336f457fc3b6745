import { useLocation } from 'react-router';
import { Heading, Link, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Loading, ProblemAlert } from '../shell/components';
import { $api, apiState } from '../shell/client';
import { canManage } from '../types';
import { officeKey, partyText } from './offices';

/** The member page's section "who may act for this member" on the page's date; signed-in users only. */
export function MemberRepresentatives({ memberId, asOf }: { memberId: string; asOf: string | undefined }) {
  const { t, date } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const staff = canManage(user);
  const representatives = apiState(
    $api.useQuery('get', '/api/v1/members/{id}/representatives', { params: { path: { id: memberId }, query: { asOf } } }, { enabled: Boolean(user) }),
  );
  const data = representatives.data;

  return (
    <section className="vd-section" aria-labelledby="member-representatives">
      <Heading level={2} id="member-representatives">
        {t('representatives.title')}
      </Heading>
      {user === undefined && <Loading />}
      {user === null && (
        <Paragraph>
          {t('representatives.signIn')}{' '}
          <AppLink to={`/inloggen?terug=${encodeURIComponent(location.pathname + location.search)}`}>{t('representatives.signInLink')}</AppLink>
        </Paragraph>
      )}
      {user && (
        <>
          <ProblemAlert error={representatives.error} />
          {!data && representatives.loading && <Loading />}
          {data && data.items.length === 0 && <Paragraph>{t('representatives.none', { date: date(data.asOf) })}</Paragraph>}
          {data && data.items.length > 0 && (
            <DataTable caption={t('representatives.caption', { date: date(data.asOf) })} captionHidden busy={representatives.loading}>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('col.name')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('representatives.capacity')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('representatives.party')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('representatives.since')}</TableHeaderCell>
                  {staff && <TableHeaderCell scope="col">{t('representatives.email')}</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((r) => (
                  <TableRow key={r.designationId}>
                    <TableHeaderCell scope="row" className="vd-row-header">
                      {staff ? <AppLink to={`/beheer/personen/${r.personId}`}>{r.name}</AppLink> : r.name}
                    </TableHeaderCell>
                    <TableCell>{t(officeKey(r.capacity))}</TableCell>
                    <TableCell>{partyText(t, r.party, r.partyIsLocal)}</TableCell>
                    <TableCell className="vd-nowrap">{date(r.startDate)}</TableCell>
                    {staff && <TableCell>{r.email ? <Link href={`mailto:${r.email}`}>{r.email}</Link> : '—'}</TableCell>}
                  </TableRow>
                ))}
              </TableBody>
            </DataTable>
          )}
          {staff && (
            <Paragraph>
              <AppLink to={`/beheer/uitnodigen?lid=${encodeURIComponent(memberId)}`}>{t('representatives.invite')}</AppLink>
            </Paragraph>
          )}
        </>
      )}
    </section>
  );
}
