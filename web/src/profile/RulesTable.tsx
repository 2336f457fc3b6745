import { TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { DataTable } from '../shell/components';
import type { ProfileDocument } from '../types';
import { ruleRows } from './rules';

/** Every rule of a profile in words, each with its source: on the profile page and when reviewing a template. */
export function RulesTable({ document, caption }: { document: ProfileDocument; caption: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  return (
    <DataTable caption={caption} className="vd-rules-table">
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('col.subject')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('col.rule')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('col.source')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {ruleRows(document, i18n).map((row) => (
          <TableRow key={row.key}>
            <TableHeaderCell scope="row" className="vd-row-header">
              {row.subject}
            </TableHeaderCell>
            <TableCell>
              {row.lines.length === 1 ? (
                row.lines[0]
              ) : (
                <ul className="vd-plain-list">
                  {row.lines.map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              )}
            </TableCell>
            <TableCell className="vd-source">{row.source ?? '—'}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}
