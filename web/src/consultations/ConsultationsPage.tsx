import { Heading, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { Link as RouterLink } from 'react-router';
import { useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, apiState } from '../shell/client';
import type { ConsultationSummary } from '../types';
import { consultationPath, isStaff, StatusBadge, useConsultationWords } from './common';

/**
 * The consultations the visitor may see: staff all of them with the response rate, representatives
 * the launched ones for their members with their answer status, the public the published ones.
 */
export function ConsultationsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  usePageTitle(t('consultation.listTitle'));
  const list = apiState($api.useQuery('get', '/api/v1/consultations', { params: { query: { limit: 100 } } }, { enabled: user !== undefined }));
  const staff = isStaff(user);
  const items = list.data?.items ?? [];

  return (
    <>
      <PageTitle>{t('consultation.listTitle')}</PageTitle>
      <Paragraph appearance="lead">
        {t(staff ? 'consultation.listIntroStaff' : user ? 'consultation.listIntroMember' : 'consultation.listIntroPublic')}
      </Paragraph>
      {staff && (
        <Paragraph>
          <RouterLink to="/raadplegingen/nieuw" className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action">
            {t('consultation.new')}
          </RouterLink>
        </Paragraph>
      )}
      <ProblemAlert error={list.error} />
      {!list.data && (list.loading || user === undefined) && <Loading />}
      {list.data && items.length === 0 && (
        <Paragraph>{t(staff ? 'consultation.noneStaff' : user ? 'consultation.noneMember' : 'consultation.nonePublic')}</Paragraph>
      )}
      {items.length > 0 && <ConsultationTable items={items} staff={staff} />}
    </>
  );
}

function ConsultationTable({ items, staff }: { items: ConsultationSummary[]; staff: boolean }) {
  const { t, dateTime } = useI18n();
  const words = useConsultationWords();
  const showMine = items.some((item) => item.myMembers && item.myMembers.length > 0);
  return (
    <section className="vd-section" aria-labelledby="consultations-list">
      <Heading level={2} id="consultations-list">
        {t('consultation.listHeading')}
      </Heading>
      <DataTable caption={t('consultation.listHeading')} captionHidden>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">{t('consultation.col.title')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('consultation.col.dossier')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('consultation.col.status')}</TableHeaderCell>
            <TableHeaderCell scope="col">{t('consultation.col.closesAt')}</TableHeaderCell>
            {staff && (
              <TableHeaderCell scope="col" numericColumn>
                {t('consultation.col.responseRate')}
              </TableHeaderCell>
            )}
            {showMine && <TableHeaderCell scope="col">{t('consultation.col.mine')}</TableHeaderCell>}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((item) => (
            <TableRow key={item.id}>
              <TableHeaderCell scope="row" className="vd-row-header">
                <AppLink to={consultationPath(item.id)}>{item.title}</AppLink>
              </TableHeaderCell>
              <TableCell>{item.dossier}</TableCell>
              <TableCell>
                <StatusBadge status={item.status} published={item.publishedAt !== null} />
              </TableCell>
              <TableCell className="vd-nowrap">{dateTime(item.closesAt)}</TableCell>
              {staff && (
                <TableCell numericColumn>
                  {item.responseRate
                    ? t('consultation.rateValue', {
                        rate: words.percent(item.responseRate.rate),
                        responded: item.responseRate.responded,
                        audience: item.responseRate.audience,
                      })
                    : '—'}
                </TableCell>
              )}
              {showMine && (
                <TableCell>
                  <ul className="vd-plain-list">
                    {(item.myMembers ?? []).map((m) => (
                      <li key={m.memberId}>
                        {m.memberName}: {t(`consultation.response.${m.responseStatus}`)}
                        {item.status === 'open' && m.responseStatus !== 'submitted' && (
                          <>
                            {' '}
                            <AppLink to={consultationPath(item.id)}>{t('consultation.answerLink', { member: m.memberName })}</AppLink>
                          </>
                        )}
                      </li>
                    ))}
                  </ul>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </DataTable>
    </section>
  );
}
