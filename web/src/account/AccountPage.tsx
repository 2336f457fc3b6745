import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { rolesText, useI18n, type I18n, type TextKey } from '../i18n';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, apiState } from '../shell/client';
import type { Office } from '../types';
import { ApiTokensSection } from './ApiTokensSection';
import { EmailSection } from './EmailSection';
import { TwoFactorSection } from './TwoFactorSection';

export const ACCOUNT_PATH = '/mijn-profiel';

const officeName = (t: I18n['t'], kind: string) => t(`office.${kind}` as TextKey);

/** "GroenLinks", "Stadsbelang Utrecht (lokale partij)" or "—". */
function partyOf(t: I18n['t'], office: Office): string {
  if (!office.party) return office.partyIsLocal ? t('office.localParty') : '—';
  return office.partyIsLocal ? `${office.party} (${t('office.localParty')})` : office.party;
}

/** The signed-in person's own page: details, offices with designations, the second factor, the e-mail address and API tokens. */
export function AccountPage() {
  const { t, date } = useI18n();
  const { user } = useSession();
  const me = apiState($api.useQuery('get', '/api/v1/people/me', {}, { enabled: Boolean(user) }));
  usePageTitle(t('account.title'));

  if (user === undefined) {
    return (
      <>
        <PageTitle>{t('account.title')}</PageTitle>
        <Loading />
      </>
    );
  }
  if (user === null) {
    return (
      <>
        <PageTitle>{t('account.title')}</PageTitle>
        <Paragraph>{t('account.needLogin')}</Paragraph>
        <Paragraph>
          <AppLink to={`/inloggen?terug=${encodeURIComponent(ACCOUNT_PATH)}`}>{t('account.login')}</AppLink>
        </Paragraph>
      </>
    );
  }

  const person = me.data;
  return (
    <>
      <PageTitle>{t('account.title')}</PageTitle>
      <Paragraph appearance="lead">{t('account.intro')}</Paragraph>
      <ProblemAlert error={me.error} />
      {!person && me.loading && <Loading />}

      {person && (
        <>
          <section className="vd-section" aria-labelledby="account-details">
            <Heading level={2} id="account-details">
              {t('account.details')}
            </Heading>
            <DataList className="vd-datalist">
              <DataListItem>
                <DataListKey>{t('account.name')}</DataListKey>
                <DataListValue>{person.name}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('account.email')}</DataListKey>
                <DataListValue>{person.email}</DataListValue>
              </DataListItem>
              <DataListItem>
                <DataListKey>{t('account.roles')}</DataListKey>
                <DataListValue>{rolesText(t, person)}</DataListValue>
              </DataListItem>
            </DataList>
          </section>

          <section className="vd-section" aria-labelledby="account-offices">
            <Heading level={2} id="account-offices">
              {t('account.offices')}
            </Heading>
            <Paragraph>{t('account.officesIntro')}</Paragraph>
            {person.offices.length === 0 ? (
              <Paragraph>{t('account.noOffices')}</Paragraph>
            ) : (
              <DataTable caption={t('account.officesCaption')} captionHidden>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">{t('account.col.member')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('account.col.office')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('account.col.party')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('account.col.period')}</TableHeaderCell>
                    <TableHeaderCell scope="col">{t('account.col.designated')}</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {person.offices.map((office) => {
                    const designated = office.designations.some((d) => d.active);
                    return (
                      <TableRow key={office.id}>
                        <TableHeaderCell scope="row" className="vd-row-header">
                          <AppLink to={`/leden/${office.memberId}`}>{office.memberName}</AppLink>
                        </TableHeaderCell>
                        <TableCell>
                          {officeName(t, office.kind)}
                          {!office.active && <> ({t('account.officeEnded')})</>}
                        </TableCell>
                        <TableCell>{partyOf(t, office)}</TableCell>
                        <TableCell>
                          {date(office.startDate)} – {office.endDate ? date(office.endDate) : t('common.now')}
                        </TableCell>
                        <TableCell>{designated ? t('common.yes') : t('common.no')}</TableCell>
                      </TableRow>
                    );
                  })}
                </TableBody>
              </DataTable>
            )}
          </section>

          <TwoFactorSection enabled={person.totpEnabled} hasPassword={person.hasPassword} onChanged={me.reload} />
          <EmailSection hasPassword={person.hasPassword} onChanged={me.reload} />
          <ApiTokensSection hasPassword={person.hasPassword} />
        </>
      )}
    </>
  );
}
