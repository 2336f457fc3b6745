import { useParams, useSearchParams } from 'react-router';
import {
  Alert,
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading,
  Link,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { MemberRepresentatives } from '../people/Representatives';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { AsOfForm } from '../shell/lists';
import { isIsoDate, today } from '../shell/dates';
import { useProfile } from '../shell/ProfileContext';
import { BackLink } from '../shell/nav';
import { $api, apiState } from '../shell/client';
import { useSizeClassLabel } from './MembersPage';
import { kindKey, ReorganisationParties } from './Reorganisations';

export function MemberPage() {
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const { t, number, date, local } = useI18n();
  const { profile } = useProfile();
  const { user } = useSession();
  const sizeClassLabel = useSizeClassLabel();
  const asOfParam = params.get('asOf');
  const asOf = isIsoDate(asOfParam) ? asOfParam : today();
  const {
    data: member,
    error,
    loading,
  } = apiState($api.useQuery('get', '/api/v1/members/{id}', { params: { path: { id }, query: { asOf: isIsoDate(asOfParam) ? asOfParam : undefined } } }));
  usePageTitle(member?.name ?? t('members.title'));

  const memberClass = profile?.document.memberClasses.find((c) => c.code === member?.memberClass);
  const regionLabel = profile ? local(profile.document.regions.label) : t('col.province');
  const listLink = `/leden${isIsoDate(asOfParam) ? `?asOf=${asOfParam}` : ''}`;

  return (
    <>
      <BackLink to={listLink}>{t('member.back')}</BackLink>
      <PageTitle>{member?.name ?? (error ? error.title : t('common.loading'))}</PageTitle>
      <ProblemAlert error={error} />
      {!member && loading && <Loading />}

      {member && (
        <>
          <AsOfForm label={t('members.asOf')} value={asOf} />

          {!member.existsOnAsOf && (
            <Alert type="warning" role="status" className="vd-alert">
              <Paragraph>{t('member.notOnDate', { name: member.name, date: date(member.asOf) })}</Paragraph>
            </Alert>
          )}

          <section className="vd-section">
            <Heading level={2} id="member-details">
              {t('member.details', { date: date(member.asOf) })}
            </Heading>
            <DataList className="vd-datalist">
              <DataListItem>
                <DataListKey>{t('col.name')}</DataListKey>
                <DataListValue>{member.name}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('col.code')}</DataListKey>
                <DataListValue>{member.code}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{regionLabel}</DataListKey>
                <DataListValue>{member.province}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('col.memberClass')}</DataListKey>
                <DataListValue>{memberClass ? local(memberClass.name) : member.memberClass}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('col.population')}</DataListKey>
                <DataListValue>
                  {member.population === null ? '—' : t('member.populationValue', { population: number(member.population), date: date(member.populationDate) })}
                </DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('col.voteWeight')}</DataListKey>
                <DataListValue>
                  {member.voteWeight === null ? (
                    '—'
                  ) : (
                    <>
                      <strong className="vd-weight">{number(member.voteWeight)}</strong> (
                      <AppLink to={`/profiel${isIsoDate(asOfParam) ? `?asOf=${asOfParam}` : ''}`}>{t('member.voteWeightRule')}</AppLink>)
                    </>
                  )}
                </DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('col.sizeClass')}</DataListKey>
                <DataListValue>{sizeClassLabel(member.sizeClass)}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('col.networks')}</DataListKey>
                <DataListValue>{member.networks.length ? member.networks.join(', ') : t('common.none')}</DataListValue>
              </DataListItem>
            </DataList>
          </section>

          <section className="vd-section">
            <Heading level={2} id="member-contact">
              {t('member.contact')}
            </Heading>
            {user ? (
              <DataList className="vd-datalist">
                <DataListItem>
                  <DataListKey>{t('member.email')}</DataListKey>
                  <DataListValue>{member.contact.email ? <Link href={`mailto:${member.contact.email}`}>{member.contact.email}</Link> : '—'}</DataListValue>
                </DataListItem>
                <DataListItem>
                  <DataListKey>{t('member.phone')}</DataListKey>
                  <DataListValue>{member.contact.phone ?? '—'}</DataListValue>
                </DataListItem>
                <DataListItem>
                  <DataListKey>{t('member.website')}</DataListKey>
                  <DataListValue>{member.contact.website ? <Link href={member.contact.website}>{member.contact.website}</Link> : '—'}</DataListValue>
                </DataListItem>
                <DataListItem>
                  <DataListKey>{t('member.address')}</DataListKey>
                  <DataListValue>{member.contact.address ?? '—'}</DataListValue>
                </DataListItem>
              </DataList>
            ) : (
              <Paragraph>{t('member.contactSignIn')}</Paragraph>
            )}
          </section>

          <MemberRepresentatives memberId={member.id} asOf={isIsoDate(asOfParam) ? asOfParam : undefined} />

          <section className="vd-section">
            <Heading level={2} id="member-versions">
              {t('member.versions')}
            </Heading>
            <DataTable caption={t('member.versions')} captionHidden>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">{t('col.validFrom')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('col.validTo')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('col.name')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{t('col.code')}</TableHeaderCell>
                  <TableHeaderCell scope="col">{regionLabel}</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {member.versions.map((version) => (
                  <TableRow key={version.validFrom}>
                    <TableHeaderCell scope="row" className="vd-row-header">
                      {date(version.validFrom)}
                    </TableHeaderCell>
                    <TableCell>{version.validTo ? date(version.validTo) : t('common.now')}</TableCell>
                    <TableCell>{version.name}</TableCell>
                    <TableCell>{version.code}</TableCell>
                    <TableCell>{version.province}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </DataTable>
          </section>

          <section className="vd-section">
            <Heading level={2} id="member-populations">
              {t('member.populations')}
            </Heading>
            {member.populations.length === 0 ? (
              <Paragraph>{t('member.noPopulations')}</Paragraph>
            ) : (
              <DataTable caption={t('member.populations')} captionHidden>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('col.referenceDate')}</TableHeaderCell>
                    <TableHeaderCell scope="col" numericColumn>
                      {t('col.population')}
                    </TableHeaderCell>
                    <TableHeaderCell scope="col" numericColumn>
                      {t('col.voteWeight')}
                    </TableHeaderCell>
                    <TableHeaderCell scope="col">{t('col.sizeClass')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('col.source')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('col.ruleSource')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {member.populations.map((entry) => (
                    <TableRow key={entry.referenceDate}>
                      <TableHeaderCell scope="row" className="vd-row-header">
                        {date(entry.referenceDate)}
                      </TableHeaderCell>
                      <TableCell numericColumn className="utrecht-table__cell--numeric-data">
                        {number(entry.population)}
                      </TableCell>
                      <TableCell numericColumn className="utrecht-table__cell--numeric-data">
                        {number(entry.voteWeight)}
                      </TableCell>
                      <TableCell>{sizeClassLabel(entry.sizeClass)}</TableCell>
                      <TableCell>{entry.source}</TableCell>
                      <TableCell className="vd-source">{entry.ruleSource}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </DataTable>
            )}
          </section>

          <section className="vd-section">
            <Heading level={2} id="member-networks">
              {t('member.networkPeriods')}
            </Heading>
            {member.networkPeriods.length === 0 ? (
              <Paragraph>{t('member.noNetworks')}</Paragraph>
            ) : (
              <DataTable caption={t('member.networkPeriods')} captionHidden>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('col.network')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('col.validFrom')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('col.validTo')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {member.networkPeriods.map((period) => (
                    <TableRow key={`${period.network}-${period.validFrom}`}>
                      <TableHeaderCell scope="row" className="vd-row-header">
                        <AppLink to={`/leden?network=${encodeURIComponent(period.network)}`}>{period.network}</AppLink>
                      </TableHeaderCell>
                      <TableCell>{date(period.validFrom)}</TableCell>
                      <TableCell>{period.validTo ? date(period.validTo) : t('common.now')}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </DataTable>
            )}
          </section>

          <section className="vd-section">
            <Heading level={2} id="member-reorganisations">
              {t('member.reorganisations')}
            </Heading>
            {member.reorganisations.length === 0 ? (
              <Paragraph>{t('member.noReorganisations')}</Paragraph>
            ) : (
              <DataTable caption={t('member.reorganisations')} captionHidden>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('col.date')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('col.kind')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('col.parties')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('col.note')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {member.reorganisations.map((reorganisation) => (
                    <TableRow key={reorganisation.id}>
                      <TableHeaderCell scope="row" className="vd-row-header">
                        {date(reorganisation.effectiveDate)}
                      </TableHeaderCell>
                      <TableCell>{t(kindKey(reorganisation.kind))}</TableCell>
                      <TableCell>
                        <ReorganisationParties reorganisation={reorganisation} currentMemberId={member.id} />
                      </TableCell>
                      <TableCell>{reorganisation.note}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </DataTable>
            )}
          </section>
        </>
      )}
    </>
  );
}
