import { useId, useState, type ReactNode } from 'react';
import {
  Alert,
  Checkbox,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useI18n, type TextKey } from '../i18n';
import { AppLink, DataTable } from '../shell/components';
import { useProfile } from '../shell/ProfileContext';
import type { PopulationImportReport } from '../types';

const signed = (n: number, format: (n: number) => string) => (n > 0 ? `+${format(n)}` : n < 0 ? `−${format(-n)}` : format(0));

/** One list of the report: a heading with its count, then a table or "None." */
function Part({ id, title, count, children }: { id: string; title: TextKey; count: number; children: ReactNode }) {
  const { t, number } = useI18n();
  return (
    <section className="vd-section vd-report-part">
      <Heading level={3} id={id}>
        {t(title)} <span className="vd-heading-note">({number(count)})</span>
      </Heading>
      {count === 0 ? <Paragraph>{t('import.none')}</Paragraph> : children}
    </section>
  );
}

interface FiguresRow {
  key: string;
  name: ReactNode;
  code: string;
  province: string;
  population: number | null;
  voteWeight: number | null;
}

/** A member's figures as a row, keyed and named as the table shows them. */
const figuresRow = (key: string, name: ReactNode, { code, province, population, voteWeight }: Omit<FiguresRow, 'key' | 'name'>): FiguresRow => ({
  key,
  name,
  code,
  province,
  population,
  voteWeight,
});

/** Members with their population and weight: the members an import adds or removes. */
function MemberFiguresTable({ caption, regionLabel, rows }: { caption: string; regionLabel: string; rows: FiguresRow[] }) {
  const { t, number } = useI18n();
  return (
    <DataTable caption={caption} captionHidden>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('col.name')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('col.code')}</TableHeaderCell>
          <TableHeaderCell scope="col">{regionLabel}</TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            {t('col.population')}
          </TableHeaderCell>
          <TableHeaderCell scope="col" numericColumn>
            {t('col.voteWeight')}
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.key}>
            <TableHeaderCell scope="row" className="vd-row-header">
              {row.name}
            </TableHeaderCell>
            <TableCell>{row.code}</TableCell>
            <TableCell>{row.province}</TableCell>
            <TableCell numericColumn>{row.population === null ? '–' : number(row.population)}</TableCell>
            <TableCell numericColumn>{row.voteWeight === null ? '–' : number(row.voteWeight)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}

export function ImportReport({ report }: { report: PopulationImportReport }) {
  const { t, number, date, local } = useI18n();
  const { profile } = useProfile();
  const memberClass = profile?.document.memberClasses.find((c) => c.code === report.memberClass);
  const regionLabel = profile ? local(profile.document.regions.label) : t('col.province');
  const totals = report.totals;
  const member = (memberId: string, name: string) => <AppLink to={`/leden/${memberId}`}>{name}</AppLink>;
  // Changes whose weight moves come first, so they are seen.
  const [onlyWeight, setOnlyWeight] = useState(false);
  const onlyWeightId = useId();
  const populationChanges = [...report.populationChanges]
    .filter((c) => !onlyWeight || c.voteWeightBefore !== c.voteWeightAfter)
    .sort((a, b) => Number(b.voteWeightBefore !== b.voteWeightAfter) - Number(a.voteWeightBefore !== a.voteWeightAfter) || a.name.localeCompare(b.name, 'nl'));

  return (
    <div className="vd-report">
      <Paragraph>
        {t('import.reportMeta', {
          file: report.fileName,
          rows: number(report.rowCount),
          date: date(report.effectiveDate),
          class: memberClass ? local(memberClass.name) : report.memberClass,
        })}
      </Paragraph>
      <Alert type={report.hasChanges ? 'info' : 'ok'} role="status" className="vd-alert">
        <Paragraph>
          <strong>{report.hasChanges ? t('import.changes') : t('import.noChanges')}</strong>
        </Paragraph>
      </Alert>

      {report.blocking.length > 0 && (
        <Alert type="error" className="vd-alert">
          <Heading level={3} appearance="utrecht-heading-4">
            {t('import.blocking')} ({number(report.blocking.length)})
          </Heading>
          <Paragraph>{t('import.blockingIntro')}</Paragraph>
          <ul className="vd-plain-list">
            {report.blocking.map((item) => (
              <li key={item.code}>
                {item.name} ({item.code}): {t(`import.reason.${item.reason}`)}
              </li>
            ))}
          </ul>
        </Alert>
      )}

      <section className="vd-section vd-report-part">
        <Heading level={3} id="report-totals">
          {t('import.totals')}
        </Heading>
        <DataTable caption={t('import.totalsCaption')} captionHidden className="vd-compact-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('col.subject')}</TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('common.before')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('common.after')}
              </TableHeaderCell>
              <TableHeaderCell scope="col" numericColumn>
                {t('common.change')}
              </TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(
              [
                ['import.count', totals.countBefore, totals.countAfter],
                ['import.weight', totals.voteWeightBefore, totals.voteWeightAfter],
                ['import.population', totals.populationBefore, totals.populationAfter],
              ] as const
            ).map(([key, before, after]) => (
              <TableRow key={key}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {t(key)}
                </TableHeaderCell>
                <TableCell numericColumn className="utrecht-table__cell--numeric-data">
                  {number(before)}
                </TableCell>
                <TableCell numericColumn className="utrecht-table__cell--numeric-data">
                  {number(after)}
                </TableCell>
                <TableCell numericColumn className={`utrecht-table__cell--numeric-data${after !== before ? ' vd-changed' : ''}`}>
                  {signed(after - before, number)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      </section>

      <Part id="report-added" title="import.added" count={report.added.length}>
        <MemberFiguresTable caption={t('import.added')} regionLabel={regionLabel} rows={report.added.map((item) => figuresRow(item.code, item.name, item))} />
      </Part>

      <Part id="report-removed" title="import.removed" count={report.removed.length}>
        <MemberFiguresTable
          caption={t('import.removed')}
          regionLabel={regionLabel}
          rows={report.removed.map((item) => figuresRow(item.memberId, member(item.memberId, item.name), item))}
        />
      </Part>

      <Part id="report-renamed" title="import.renamed" count={report.renamed.length}>
        <DataTable caption={t('import.renamed')} captionHidden>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('col.code')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('col.nameBefore')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('col.nameAfter')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.renamed.map((item) => (
              <TableRow key={item.memberId}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {item.code}
                </TableHeaderCell>
                <TableCell>{member(item.memberId, item.nameBefore)}</TableCell>
                <TableCell>{item.nameAfter}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      </Part>

      <Part id="report-provinces" title="import.provinceChanged" count={report.provinceChanged.length}>
        <DataTable caption={t('import.provinceChanged')} captionHidden>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">{t('col.name')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('col.code')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('col.provinceBefore')}</TableHeaderCell>
              <TableHeaderCell scope="col">{t('col.provinceAfter')}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.provinceChanged.map((item) => (
              <TableRow key={item.memberId}>
                <TableHeaderCell scope="row" className="vd-row-header">
                  {member(item.memberId, item.name)}
                </TableHeaderCell>
                <TableCell>{item.code}</TableCell>
                <TableCell>{item.provinceBefore}</TableCell>
                <TableCell>{item.provinceAfter}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </DataTable>
      </Part>

      <Part id="report-populations" title="import.populationChanges" count={report.populationChanges.length}>
        <Paragraph>
          {t('import.populationChangesSummary', {
            n: number(report.populationChanges.length),
            w: number(report.weightChangeCount),
            u: number(report.unchangedCount),
          })}
        </Paragraph>
        <FormField type="checkbox" className="vd-checkbox-field">
          <Checkbox id={onlyWeightId} checked={onlyWeight} onChange={(e) => setOnlyWeight(e.currentTarget.checked)} />
          <FormLabel htmlFor={onlyWeightId} type="checkbox">
            {t('import.onlyWeight')}
          </FormLabel>
        </FormField>
        {populationChanges.length === 0 ? (
          <Paragraph>{t('import.none')}</Paragraph>
        ) : (
          <DataTable caption={t('import.populationChanges')} captionHidden>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('col.name')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('col.code')}</TableHeaderCell>
                <TableHeaderCell scope="col" numericColumn>
                  {t('col.populationBefore')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" numericColumn>
                  {t('col.populationAfter')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" numericColumn>
                  {t('col.voteWeightBefore')}
                </TableHeaderCell>
                <TableHeaderCell scope="col" numericColumn>
                  {t('col.voteWeightAfter')}
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {populationChanges.map((item) => {
                const weightChanges = item.voteWeightBefore !== item.voteWeightAfter;
                return (
                  <TableRow key={item.memberId} className={weightChanges ? 'vd-weight-change' : undefined}>
                    <TableHeaderCell scope="row" className="vd-row-header">
                      {member(item.memberId, item.name)}
                      {weightChanges && <span className="vd-badge">{t('import.weightChanges')}</span>}
                    </TableHeaderCell>
                    <TableCell>{item.code}</TableCell>
                    <TableCell numericColumn>{number(item.populationBefore)}</TableCell>
                    <TableCell numericColumn>{number(item.populationAfter)}</TableCell>
                    <TableCell numericColumn>{number(item.voteWeightBefore)}</TableCell>
                    <TableCell numericColumn className={weightChanges ? 'vd-changed' : undefined}>
                      {number(item.voteWeightAfter)}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </DataTable>
        )}
      </Part>
    </div>
  );
}
