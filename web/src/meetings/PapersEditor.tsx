import { useId, useState, type FormEvent } from 'react';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { api } from '../api';
import { fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { ActionFeedback, CheckboxField, fieldError, SubmitButton, TextField, useAction, FileField, useFileChoice } from '../shell/fields';
import { VisuallyHidden } from '../shell/components';
import type { AgendaItem, Paper } from '../types';
import { PaperList } from './Papers';

/** The papers of an agenda item: the list, a new version or visibility per paper, and a form to add one. */
export function PapersEditor({ item, onChanged }: { item: AgendaItem; onChanged(): void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [isPublic, setPublic] = useState(item.public);
  const paperFile = useFileChoice();
  const action = useAction();
  const headingId = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const file = paperFile.require(t('agenda.chooseFile'));
    if (!file) return;
    // A multipart upload: the OpenAPI document gives it no body type, so it goes through api().
    const form = new FormData();
    form.append('title', title.trim());
    form.append('public', String(isPublic));
    form.append('file', file);
    if (await action.run(() => api(`/agenda-items/${item.id}/papers`, { method: 'POST', body: form }), t('agenda.paperAdded', { title: title.trim() }))) {
      setTitle('');
      paperFile.clear();
      onChanged();
    }
  }

  return (
    <div className="vd-subsection">
      <Heading level={4} id={headingId}>
        {t('agenda.papers')}
      </Heading>
      {item.papers.length === 0 ? (
        <Paragraph>{t('agenda.noPapers')}</Paragraph>
      ) : (
        <>
          <PaperList papers={item.papers} />
          {item.papers.map((paper) => (
            <PaperEditor key={paper.id} paper={paper} onChanged={onChanged} />
          ))}
        </>
      )}
      <Heading level={5}>{t('agenda.addPaper')}</Heading>
      <ActionFeedback action={action} fieldLabel={(field) => ({ title: t('agenda.paperTitle'), file: t('agenda.file') })[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-label={t('agenda.addPaperFor', { number: item.number })}>
        <div className="vd-form__row">
          <TextField
            label={t('agenda.paperTitle')}
            error={fieldError(action.error, 'title')}
            name="title"
            required
            autoComplete="off"
            value={title}
            onChange={setTitle}
          />
          <FileField label={t('agenda.file')} error={fieldError(action.error, 'file')} choice={paperFile} name="file" required />
        </div>
        <CheckboxField label={t('agenda.paperPublic')} name="public" checked={isPublic} onChange={setPublic} />
        <SubmitButton busy={action.busy}>{t('agenda.addPaperSubmit')}</SubmitButton>
      </form>
    </div>
  );
}

/** A new version of a paper, and whether the public may see it. */
function PaperEditor({ paper, onChanged }: { paper: Paper; onChanged(): void }) {
  const { t } = useI18n();
  const paperFile = useFileChoice();
  const action = useAction();
  const version = useAction();

  async function upload(event: FormEvent) {
    event.preventDefault();
    const file = paperFile.require(t('agenda.chooseFile'));
    if (!file) return;
    const form = new FormData();
    form.append('file', file);
    if (await version.run(() => api(`/papers/${paper.id}/versions`, { method: 'POST', body: form }), t('agenda.versionAdded', { title: paper.title }))) {
      paperFile.clear();
      onChanged();
    }
  }

  async function togglePublic() {
    const next = !paper.public;
    if (
      await action.run(
        () => fetchClient.PATCH('/api/v1/papers/{id}', { params: { path: { id: paper.id } }, body: { public: next } }),
        t(next ? 'agenda.paperMadePublic' : 'agenda.paperMadePrivate', { title: paper.title }),
      )
    )
      onChanged();
  }

  return (
    <div className="vd-paper-editor">
      <Heading level={5}>{paper.title}</Heading>
      <ActionFeedback action={action} />
      <Button appearance="secondary-action-button" busy={action.busy} disabled={action.busy} onClick={togglePublic}>
        {paper.public ? t('agenda.makePrivate') : t('agenda.makePublic')}
        <VisuallyHidden> ({paper.title})</VisuallyHidden>
      </Button>
      <ActionFeedback action={version} />
      <form onSubmit={upload} noValidate className="vd-form vd-form--inline" aria-label={t('agenda.newVersionFor', { title: paper.title })}>
        <FileField label={t('agenda.newVersionFile')} error={fieldError(version.error, 'file')} choice={paperFile} name="file" required />
        <Button type="submit" appearance="secondary-action-button" busy={version.busy} disabled={version.busy}>
          {t('agenda.uploadVersion')}
          <VisuallyHidden> ({paper.title})</VisuallyHidden>
        </Button>
      </form>
    </div>
  );
}
