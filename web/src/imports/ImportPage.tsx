import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useLocation } from 'react-router';
import {
  Alert,
  Button,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { api, type ApiError, asApiError } from '../api';
import { rolesText, useI18n } from '../i18n';
import { useSession } from '../session/SessionContext';
import { AppLink, DataTable, Field, Loading, PageTitle, ProblemAlert, usePageTitle } from '../shell/components';
import { $api, apiState } from '../shell/client';
import { isIsoDate } from '../shell/dates';
import { useProfile } from '../shell/ProfileContext';
import { canManage, type ImportResult } from '../types';
import { ImportReport } from './ImportReport';

export function ImportPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  usePageTitle(t('import.title'));

  return (
    <>
      <PageTitle>{t('import.title')}</PageTitle>
      {user === undefined && <Loading />}
      {user === null && (
        <Alert type="info" className="vd-alert">
          <Paragraph>{t('import.needLogin')}</Paragraph>
          <Paragraph>
            <AppLink to={`/inloggen?terug=${encodeURIComponent(location.pathname)}`}>{t('import.loginLink')}</AppLink>
          </Paragraph>
        </Alert>
      )}
      {user && !canManage(user) && (
        <Alert type="warning" className="vd-alert">
          <Paragraph>{t('import.needRole', { role: rolesText(t, user) })}</Paragraph>
        </Alert>
      )}
      {canManage(user) && <ImportWorkspace />}
    </>
  );
}

function ImportWorkspace() {
  const { t, local, date, dateTime, number } = useI18n();
  const { profile } = useProfile();
  const history = apiState($api.useQuery('get', '/api/v1/imports'));
  const [file, setFile] = useState<File | null>(null);
  const [memberClass, setMemberClass] = useState('');
  const [effectiveDate, setEffectiveDate] = useState('');
  const [fileError, setFileError] = useState<string>();
  const [error, setError] = useState<ApiError>();
  const [dryRun, setDryRun] = useState<ImportResult>();
  const [applied, setApplied] = useState<ImportResult>();
  const [busy, setBusy] = useState<'check' | 'apply' | null>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);
  const resultRef = useRef<HTMLDivElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const classes = profile?.document.memberClasses ?? [];
  const chosenClass = memberClass || classes[0]?.code || '';

  useEffect(() => {
    if (dryRun && !applied) reportHeading.current?.focus();
  }, [dryRun, applied]);
  useEffect(() => {
    if (applied) resultRef.current?.focus();
  }, [applied]);

  async function send(apply: boolean): Promise<ImportResult | undefined> {
    if (!file) {
      setFileError(t('import.chooseFile'));
      fileInput.current?.focus();
      return undefined;
    }
    const form = new FormData();
    form.append('file', file, file.name);
    setError(undefined);
    setBusy(apply ? 'apply' : 'check');
    try {
      return await api<ImportResult>('/imports/population', {
        method: 'POST',
        query: {
          dryRun: apply ? 'false' : 'true',
          memberClass: chosenClass || undefined,
          effectiveDate: isIsoDate(effectiveDate) ? effectiveDate : undefined,
          fileName: file.name,
        },
        body: form,
      });
    } catch (caught) {
      setError(asApiError(caught));
      return undefined;
    } finally {
      setBusy(null);
    }
  }

  async function onCheck(event: FormEvent) {
    event.preventDefault();
    setApplied(undefined);
    setDryRun(undefined);
    const result = await send(false);
    if (result) setDryRun(result);
  }

  async function onApply() {
    const result = await send(true);
    if (result) {
      setApplied(result);
      history.reload();
    }
  }

  const reset = () => {
    setDryRun(undefined);
    setApplied(undefined);
    setError(undefined);
  };

  const errorLabel = (name: string) => {
    const line = /^line (\d+)(?:: (.+))?$/.exec(name);
    if (line) return line[2] ? `${t('import.line', { line: line[1]! })}, ${t('import.column', { column: line[2] })}` : t('import.line', { line: line[1]! });
    if (name === 'file') return t('import.file');
    if (name === 'memberClass') return t('import.memberClass');
    if (name === 'effectiveDate') return t('import.effectiveDate');
    return undefined;
  };

  return (
    <>
      <Paragraph appearance="lead">{t('import.intro')}</Paragraph>

      <section className="vd-section vd-panel">
        <Heading level={2} id="import-form">
          {t('import.form')}
        </Heading>
        <form onSubmit={onCheck} noValidate className="vd-form">
          <Field label={t('import.file')} description={t('import.fileHint')} error={fileError}>
            {({ id, describedBy, invalid }) => (
              <input
                ref={fileInput}
                id={id}
                name="file"
                type="file"
                accept=".csv,text/csv"
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                className="vd-file-input"
                onChange={(e) => {
                  setFile(e.currentTarget.files?.[0] ?? null);
                  setFileError(undefined);
                  reset();
                }}
              />
            )}
          </Field>
          <div className="vd-form__row">
            <Field label={t('import.memberClass')}>
              {({ id }) => (
                <Select
                  id={id}
                  name="memberClass"
                  value={chosenClass}
                  onChange={(e) => {
                    setMemberClass(e.currentTarget.value);
                    reset();
                  }}
                >
                  {classes.map((c) => (
                    <SelectOption key={c.code} value={c.code}>
                      {local(c.name)}
                    </SelectOption>
                  ))}
                </Select>
              )}
            </Field>
            <Field label={t('import.effectiveDate')} description={t('import.effectiveDateHint')}>
              {({ id, describedBy }) => (
                <input
                  id={id}
                  name="effectiveDate"
                  type="date"
                  className="utrecht-textbox utrecht-textbox--html-input"
                  aria-describedby={describedBy}
                  value={effectiveDate}
                  onChange={(e) => {
                    setEffectiveDate(e.currentTarget.value);
                    reset();
                  }}
                />
              )}
            </Field>
          </div>
          {fileError && (
            <div role="alert" className="vd-visually-hidden">
              {fileError}
            </div>
          )}
          <Button type="submit" appearance="primary-action-button" busy={busy === 'check'} disabled={busy !== null}>
            {busy === 'check' ? t('form.busy') : t('import.check')}
          </Button>
        </form>
      </section>

      <ProblemAlert error={error} fieldLabel={errorLabel} focus />

      {dryRun && (
        <section className="vd-section">
          <Heading level={2} id="import-report" ref={reportHeading} tabIndex={-1}>
            {t('import.report')}
          </Heading>
          <ImportReport report={dryRun.report} />

          {applied ? (
            <Alert type={applied.applied ? 'ok' : 'info'} role="status" className="vd-alert" ref={resultRef} tabIndex={-1}>
              <Paragraph>
                <strong>{applied.applied ? t('import.applied', { date: date(applied.report.effectiveDate) }) : t('import.alreadyProcessed')}</strong>
              </Paragraph>
            </Alert>
          ) : (
            <div className="vd-actions">
              <Button
                appearance="primary-action-button"
                onClick={onApply}
                busy={busy === 'apply'}
                disabled={busy !== null || dryRun.report.blocking.length > 0}
              >
                {busy === 'apply' ? t('form.busy') : t('import.apply')}
              </Button>
            </div>
          )}
        </section>
      )}

      <section className="vd-section">
        <Heading level={2} id="import-history">
          {t('import.history')}
        </Heading>
        <ProblemAlert error={history.error} />
        {!history.data && history.loading && <Loading />}
        {history.data && history.data.items.length === 0 && <Paragraph>{t('import.historyNone')}</Paragraph>}
        {history.data && history.data.items.length > 0 && (
          <DataTable caption={t('import.historyCaption')} captionHidden>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">{t('col.file')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('col.effectiveDate')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('col.changes')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('col.appliedBy')}</TableHeaderCell>
                <TableHeaderCell scope="col">{t('col.appliedAt')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {history.data.items.map((record) => (
                <TableRow key={record.id}>
                  <TableHeaderCell scope="row" className="vd-row-header">
                    {record.fileName}
                  </TableHeaderCell>
                  <TableCell>{date(record.effectiveDate)}</TableCell>
                  <TableCell>
                    {t('import.historySummary', {
                      added: number(record.report.added.length),
                      removed: number(record.report.removed.length),
                      changes: number(record.report.populationChanges.length),
                    })}
                  </TableCell>
                  <TableCell>{record.appliedBy}</TableCell>
                  <TableCell>{dateTime(record.appliedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </DataTable>
        )}
      </section>
    </>
  );
}
