import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Button, Heading, Paragraph, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { DataTable, PageTitle, usePageTitle } from '../shell/components';
import { ActionFeedback, FileField, SelectField, SubmitButton, useAction, useFileChoice } from '../shell/fields';
import type { PeopleImportResult } from '../types';
import { OFFICE_KINDS, officeOf } from './offices';
import { RoleGate } from './RoleGate';

type Outcome = PeopleImportResult['rows'][number]['outcome'];
const OUTCOMES: Outcome[] = ['new', 'changed', 'unchanged', 'refused'];

/** Staff upload a spreadsheet of people, offices and designations, read the check per row, and import it (docs/people-import.md). */
export function PeopleImportPage() {
  const { t } = useI18n();
  usePageTitle(t('peopleImport.title'));
  return (
    <>
      <PageTitle>{t('peopleImport.title')}</PageTitle>
      <RoleGate roles={['admin', 'staff']} needLogin="peopleImport.needLogin" needRole="peopleImport.needRole">
        <PeopleImport />
      </RoleGate>
    </>
  );
}

function PeopleImport() {
  const { t, lang } = useI18n();
  const choice = useFileChoice();
  const action = useAction();
  const [report, setReport] = useState<PeopleImportResult>();
  const [applied, setApplied] = useState<PeopleImportResult>();
  const [shown, setShown] = useState<Outcome | ''>('');
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (report && !applied) heading.current?.focus();
  }, [report, applied]);

  const send = (file: File, apply: boolean) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return api<PeopleImportResult>('/people/imports', { method: 'POST', query: { dryRun: apply ? 'false' : 'true', fileName: file.name }, body: form });
  };

  async function onCheck(event: FormEvent) {
    event.preventDefault();
    const file = choice.require(t('peopleImport.chooseFile'));
    if (!file) return;
    setReport(undefined);
    setApplied(undefined);
    await action.run(async () => setReport(await send(file, false)), '');
  }

  async function onApply() {
    const file = choice.file;
    if (!file) return;
    await action.run(
      async () => {
        const result = await send(file, true);
        setApplied(result);
        return result;
      },
      (result) => (result.applied ? t('peopleImport.applied', { new: result.counts.new, changed: result.counts.changed }) : t('peopleImport.nothing')),
    );
  }

  const template = (format: 'csv' | 'xlsx') => `/api/v1/people/imports/template?format=${format}&lang=${lang}`;
  const rows = (report?.rows ?? []).filter((r) => !shown || r.outcome === shown);

  return (
    <>
      <Paragraph appearance="lead">{t('peopleImport.intro')}</Paragraph>
      <section className="vd-section vd-panel" aria-labelledby="people-import-form">
        <Heading level={2} id="people-import-form">
          {t('peopleImport.template')}
        </Heading>
        <Paragraph>{t('peopleImport.columns')}</Paragraph>
        <Paragraph>
          <a className="utrecht-link" href={template('csv')} download>
            {t('peopleImport.templateCsv')}
          </a>{' '}
          ·{' '}
          <a className="utrecht-link" href={template('xlsx')} download>
            {t('peopleImport.templateXlsx')}
          </a>
        </Paragraph>
        <form onSubmit={onCheck} noValidate className="vd-form">
          <FileField
            label={t('peopleImport.file')}
            choice={choice}
            name="file"
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
          <SubmitButton busy={action.busy && !report}>{t('peopleImport.check')}</SubmitButton>
        </form>
      </section>

      <ActionFeedback action={{ error: action.error, done: action.done || undefined }} />

      {report && (
        <section className="vd-section" aria-labelledby="people-import-report">
          <Heading level={2} id="people-import-report" ref={heading} tabIndex={-1}>
            {t('peopleImport.report')}
          </Heading>
          <Paragraph data-testid="people-import-summary">{t('peopleImport.summary', { ...report.counts })}</Paragraph>
          {report.counts.refused > 0 && (
            <Alert type="warning" className="vd-alert">
              <Paragraph>{t('peopleImport.blocked')}</Paragraph>
            </Alert>
          )}
          {!applied && (
            <div className="vd-actions">
              <Button appearance="primary-action-button" onClick={onApply} busy={action.busy} disabled={action.busy || report.counts.refused > 0}>
                {action.busy ? t('form.busy') : t('peopleImport.apply')}
              </Button>
            </div>
          )}
          <SelectField
            label={t('peopleImport.filter')}
            value={shown}
            onChange={setShown}
            options={[
              { value: '', label: t('peopleImport.all') },
              ...OUTCOMES.map((o) => ({ value: o, label: `${t(`peopleImport.outcome.${o}`)} (${report.counts[o]})` })),
            ]}
          />
          <ReportTable rows={rows} />
        </section>
      )}
    </>
  );
}

function ReportTable({ rows }: { rows: PeopleImportResult['rows'] }) {
  const { t, lang } = useI18n();
  const details = (r: PeopleImportResult['rows'][number]) => {
    if (r.outcome === 'refused') return r.reasons.map((reason) => reason.message[lang]).join(' ');
    const parts = [
      r.creates.length ? t('peopleImport.creates', { what: r.creates.map((c) => t(`peopleImport.create.${c}`)).join(', ') }) : '',
      r.changes.length ? t('peopleImport.changes', { fields: r.changes.join(', ') }) : '',
      r.designationPending ? t('peopleImport.pending') : '',
    ];
    return parts.filter(Boolean).join(' ');
  };
  return (
    <DataTable caption={t('peopleImport.caption')} captionHidden>
      <TableHeader>
        <TableRow>
          <TableHeaderCell scope="col">{t('peopleImport.line')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('peopleImport.person')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('peopleImport.office')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('peopleImport.outcome')}</TableHeaderCell>
          <TableHeaderCell scope="col">{t('peopleImport.details')}</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => (
          <TableRow key={r.line}>
            <TableCell>{r.line}</TableCell>
            <TableHeaderCell scope="row" className="vd-row-header">
              {r.name} <span className="vd-muted">{r.email}</span>
            </TableHeaderCell>
            <TableCell>
              {(OFFICE_KINDS as readonly string[]).includes(r.kind) ? officeOf(t, r.kind, r.memberName ?? r.memberCode) : `${r.kind} · ${r.memberCode}`}
            </TableCell>
            <TableCell>
              <span className={`vd-badge vd-outcome--${r.outcome}`}>{t(`peopleImport.outcome.${r.outcome}`)}</span>
            </TableCell>
            <TableCell>{details(r)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </DataTable>
  );
}
