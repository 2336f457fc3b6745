import { useSearchParams } from 'react-router';
import { Heading, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { DataTable, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, apiState } from '../shell/client';
import { AsOfForm } from '../shell/lists';
import { isIsoDate, today } from '../shell/dates';
import { useProfile } from '../shell/ProfileContext';
import { canManage } from '../types';
import { RulesTable } from './RulesTable';
import { VoteWeightRuleForm } from './VoteWeightRuleForm';

export function ProfilePage() {
  const i18n = useI18n();
  const { t, number, date, dateTime, local } = i18n;
  const { user } = useSession();
  const shared = useProfile();
  const [params] = useSearchParams();
  const asOfParam = params.get('asOf');
  const asOf = isIsoDate(asOfParam) ? asOfParam : today();
  const current = apiState($api.useQuery('get', '/api/v1/profile', { params: { query: { asOf: isIsoDate(asOfParam) ? asOfParam : undefined } } }));
  const versions = apiState($api.useQuery('get', '/api/v1/profile/versions'));
  usePageTitle(t('profile.title'));

  const version = current.data;
  const sortedVersions = [...(versions.data?.items ?? [])].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom));
  const newest = sortedVersions[0];

  return (
    <>
      <PageTitle>{t('profile.title')}</PageTitle>
      <Paragraph appearance="lead">{t('profile.intro')}</Paragraph>

      <AsOfForm label={t('profile.asOf')} value={asOf} />

      <ProblemAlert error={current.error} />
      {!version && current.loading && <Loading />}

      {version && (
        <>
          <Paragraph role="status" className="vd-summary">
            {t('profile.inForce', { date: date(asOf), from: date(version.effectiveFrom), reason: version.reason })}
          </Paragraph>

          <section className="vd-section">
            <Heading level={2} id="profile-rules">
              {t('profile.rules')}
            </Heading>
            <RulesTable document={version.document} caption={t('profile.rulesCaption', { date: date(asOf) })} />
          </section>

          <section className="vd-section">
            <Heading level={2} id="profile-size-classes">
              {t('profile.sizeClasses')}
            </Heading>
            <Paragraph className="vd-source-note">
              {t('col.source')}: {version.document.sizeClasses.source}
            </Paragraph>
            <DataTable caption={t('profile.sizeClassesCaption')} captionHidden>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('col.label')}</TableHeaderCell>
                  <TableHeaderCell scope="col" numericColumn>
                    {t('col.from')}
                  </TableHeaderCell>
                  <TableHeaderCell scope="col">{t('col.code')}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {[...version.document.sizeClasses.items]
                  .sort((a, b) => a.from - b.from)
                  .map((sizeClass) => (
                    <TableRow key={sizeClass.code}>
                      <TableHeaderCell scope="row" className="vd-row-header">
                        {local(sizeClass.label)}
                      </TableHeaderCell>
                      <TableCell numericColumn className="utrecht-table__cell--numeric-data">
                        {number(sizeClass.from)}
                      </TableCell>
                      <TableCell>{sizeClass.code}</TableCell>
                    </TableRow>
                  ))}
              </TableBody>
            </DataTable>
          </section>
        </>
      )}

      <section className="vd-section">
        <Heading level={2} id="profile-versions">
          {t('profile.versions')}
        </Heading>
        <ProblemAlert error={versions.error} />
        {!versions.data && versions.loading && <Loading />}
        {versions.data && (
          <DataTable caption={t('profile.versionsCaption')} captionHidden>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('col.effectiveFrom')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('col.reason')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('col.recordedBy')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('col.recordedAt')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {sortedVersions.map((item) => (
                <TableRow key={item.id} className={item.id === version?.id ? 'utrecht-table__row--selected' : undefined}>
                  <TableHeaderCell scope="row" className="vd-row-header">
                    {date(item.effectiveFrom)} {item.id === version?.id && <span className="vd-current">{t('profile.current')}</span>}
                  </TableHeaderCell>
                  <TableCell>{item.reason}</TableCell>
                  <TableCell>{item.recordedBy}</TableCell>
                  <TableCell>{dateTime(item.recordedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
        )}
      </section>

      {canManage(user) && newest && (
        <VoteWeightRuleForm
          base={newest}
          onSaved={() => {
            versions.reload();
            current.reload();
            shared.reload();
          }}
        />
      )}
    </>
  );
}
