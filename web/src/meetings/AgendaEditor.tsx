import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button, Checkbox, FormField, FormLabel, Heading, Paragraph, Select, SelectOption, Textarea, Textbox } from '@utrecht/component-library-react';
import { api } from '../api';
import { useI18n } from '../i18n';
import { ActionFeedback, fieldError, useAction, type Action } from '../shell/fields';
import { Field, Loading, ProblemAlert, VisuallyHidden } from '../shell/components';
import type { AgendaItem, AgendaItemUpdate, BoardAdvice, Meeting, NewAgendaItem, Paper, Purpose } from '../types';
import {
  agendaTree,
  ConfirmButton,
  submissionsFor,
  SubmissionView,
  useAgenda,
  useSubmissionLabel,
  useSubmissions,
  type Submission,
  type Submissions,
} from './common';
import { ADVICES, adviceKey, PURPOSES, purposeKey } from './labels';
import { PaperList } from './Papers';

/** The agenda order as the server takes it: every item once, with its parent. */
function orderAfterMove(items: AgendaItem[], id: string, direction: -1 | 1): { id: string; parentId: string | null }[] | null {
  const moving = items.find((i) => i.id === id);
  if (!moving) return null;
  const tree = agendaTree(items);
  if (moving.parentId === null) {
    const index = tree.findIndex((n) => n.item.id === id);
    const target = index + direction;
    if (target < 0 || target >= tree.length) return null;
    const next = [...tree];
    [next[index], next[target]] = [next[target]!, next[index]!];
    return next.flatMap((n) => [{ id: n.item.id, parentId: null }, ...n.children.map((c) => ({ id: c.id, parentId: n.item.id }))]);
  }
  return tree.flatMap((n) => {
    let children = n.children;
    if (n.item.id === moving.parentId) {
      const index = children.findIndex((c) => c.id === id);
      const target = index + direction;
      if (target < 0 || target >= children.length) return [];
      children = [...children];
      [children[index], children[target]] = [children[target]!, children[index]!];
    }
    return [{ id: n.item.id, parentId: null }, ...children.map((c) => ({ id: c.id, parentId: n.item.id }))];
  });
}

export function AgendaEditor({ meeting }: { meeting: Meeting }) {
  const { t } = useI18n();
  const agenda = useAgenda(meeting.id);
  const submissions = useSubmissions(meeting.id);
  const order = useAction();
  // Deleting an item unmounts it: its confirmation shows at the agenda.
  const removal = useAction();
  const [expanded, setExpanded] = useState<string>();
  // After a move the moved item's button keeps focus; if it cannot move further, its heading takes it.
  const focusAfterMove = useRef<{ id: string; direction: -1 | 1 }>(undefined);
  const locked = meeting.status === 'in-session' || meeting.status === 'closed';
  const items = agenda.data?.items ?? [];

  useEffect(() => {
    const pending = focusAfterMove.current;
    if (!pending || agenda.loading) return;
    focusAfterMove.current = undefined;
    const button = document.querySelector<HTMLButtonElement>(`[data-move="${pending.id}:${pending.direction}"]`);
    if (button && !button.disabled) button.focus();
    else document.getElementById(`edit-item-${pending.id}`)?.focus();
  }, [agenda.data, agenda.loading]);

  async function move(item: AgendaItem, direction: -1 | 1) {
    removal.clear();
    const next = orderAfterMove(items, item.id, direction);
    if (!next) return;
    const ok = await order.run(
      () => api(`/meetings/${meeting.id}/agenda-order`, { method: 'PUT', body: { order: next } }),
      t(direction === -1 ? 'agenda.movedUp' : 'agenda.movedDown', { title: item.title }),
    );
    if (ok) {
      focusAfterMove.current = { id: item.id, direction };
      agenda.reload();
      submissions.reload();
    }
  }

  const renderItem = (item: AgendaItem, siblings: AgendaItem[]) => {
    const index = siblings.findIndex((s) => s.id === item.id);
    return (
      <EditableItem
        key={item.id}
        item={item}
        meeting={meeting}
        locked={locked}
        first={index === 0}
        last={index === siblings.length - 1}
        busy={order.busy}
        removal={removal}
        expanded={expanded === item.id}
        submissions={submissions}
        onToggle={() => setExpanded((current) => (current === item.id ? undefined : item.id))}
        onMove={(direction) => move(item, direction)}
        onChanged={() => {
          agenda.reload();
          submissions.reload();
        }}
      />
    );
  };

  const tree = agendaTree(items);
  return (
    <section className="vd-section" aria-labelledby="prepare-agenda">
      <Heading level={2} id="prepare-agenda">
        {t('agenda.title')}
      </Heading>
      <Paragraph>{locked ? t('agenda.lockedIntro') : t('agenda.editIntro')}</Paragraph>
      <ProblemAlert error={agenda.error} />
      <ActionFeedback action={order} />
      <ActionFeedback action={removal} />
      {!agenda.data && agenda.loading && <Loading />}
      {agenda.data && items.length === 0 && <Paragraph>{t('agenda.empty')}</Paragraph>}
      {items.length > 0 && (
        <ol className="vd-agenda vd-agenda--edit">
          {tree.map(({ item, children }) => (
            <li key={item.id} className="vd-agenda__item">
              {renderItem(
                item,
                tree.map((n) => n.item),
              )}
              {children.length > 0 && (
                <ol className="vd-agenda vd-agenda--sub">
                  {children.map((child) => (
                    <li key={child.id} className="vd-agenda__item">
                      {renderItem(child, children)}
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ol>
      )}
      {!locked && agenda.data && <NewItemForm meeting={meeting} items={items} onCreated={agenda.reload} />}
    </section>
  );
}

function EditableItem({
  item,
  meeting,
  locked,
  first,
  last,
  busy,
  removal,
  expanded,
  submissions,
  onToggle,
  onMove,
  onChanged,
}: {
  item: AgendaItem;
  meeting: Meeting;
  locked: boolean;
  first: boolean;
  last: boolean;
  busy: boolean;
  removal: Action;
  expanded: boolean;
  submissions: Submissions;
  onToggle(): void;
  onMove(direction: -1 | 1): void;
  onChanged(): void;
}) {
  const { t } = useI18n();
  const panelId = useId();
  const name = `${item.number}. ${item.title}`;
  const list = submissionsFor(item.id, submissions.motions, submissions.amendments);

  async function remove() {
    if (await removal.run(() => api(`/agenda-items/${item.id}`, { method: 'DELETE' }), t('agenda.deleted', { title: item.title }))) onChanged();
  }

  return (
    <article className="vd-edit-item" aria-labelledby={`edit-item-${item.id}`}>
      <div className="vd-edit-item__bar">
        <Heading level={3} id={`edit-item-${item.id}`} tabIndex={-1} className="vd-agenda__title">
          {name}
        </Heading>
        <span className="vd-badge">{t(purposeKey(item.purpose))}</span>
        {item.changeKind && <span className="vd-badge">{t(`agenda.changeKind.${item.changeKind}`)}</span>}
        {!item.public && <span className="vd-badge">{t('agenda.membersOnly')}</span>}
        {list.length > 0 && <span className="vd-badge">{t('agenda.submissionCount', { n: list.length })}</span>}
      </div>
      <div className="vd-actions vd-edit-item__actions">
        <Button appearance="secondary-action-button" aria-expanded={expanded} aria-controls={panelId} onClick={onToggle}>
          {expanded ? t('agenda.collapse') : t('agenda.expand')}
          <VisuallyHidden> ({name})</VisuallyHidden>
        </Button>
        {!locked && (
          <>
            <Button appearance="secondary-action-button" data-move={`${item.id}:-1`} disabled={first || busy} onClick={() => onMove(-1)}>
              {t('agenda.moveUp')}
              <VisuallyHidden> ({name})</VisuallyHidden>
            </Button>
            <Button appearance="secondary-action-button" data-move={`${item.id}:1`} disabled={last || busy} onClick={() => onMove(1)}>
              {t('agenda.moveDown')}
              <VisuallyHidden> ({name})</VisuallyHidden>
            </Button>
            <ConfirmButton
              label={t('agenda.delete')}
              hiddenContext={name}
              question={t('agenda.deleteQuestion', { title: name })}
              confirm={t('agenda.deleteConfirm')}
              busy={removal.busy}
              onConfirm={remove}
            />
          </>
        )}
      </div>
      <div id={panelId} hidden={!expanded} className="vd-edit-item__panel">
        {expanded && (
          <>
            <EditItemForm item={item} onSaved={onChanged} />
            <PapersEditor item={item} onChanged={onChanged} />
            <SubmissionsEditor list={list} meeting={meeting} onChanged={onChanged} />
          </>
        )}
      </div>
    </article>
  );
}

interface ItemValues {
  title: string;
  purpose: Purpose;
  portfolioHolder: string;
  decisionText: string;
  summary: string;
  letter: string;
  public: boolean;
  /** '' for an ordinary item; a change of the statutes or rules of procedure is voted by the stricter rule. */
  changeKind: '' | 'statutes' | 'rules-of-procedure';
}

const CHANGE_KINDS = ['statutes', 'rules-of-procedure'] as const;

const valuesOf = (item?: AgendaItem): ItemValues => ({
  title: item?.title ?? '',
  purpose: item?.purpose ?? 'decision',
  portfolioHolder: item?.portfolioHolder ?? '',
  decisionText: item?.decisionText ?? '',
  summary: item?.summary ?? '',
  letter: item?.letter ?? '',
  public: item?.public ?? true,
  changeKind: item?.changeKind ?? '',
});

/** The fields of an agenda item, shared by the new-item and edit forms. */
function ItemFields({ values, set, action }: { values: ItemValues; set: <K extends keyof ItemValues>(key: K, value: ItemValues[K]) => void; action: Action }) {
  const { t } = useI18n();
  const publicId = useId();
  return (
    <>
      <div className="vd-form__row">
        <Field label={t('agenda.itemTitle')} error={fieldError(action.error, 'title')}>
          {({ id, describedBy, invalid }) => (
            <Textbox
              id={id}
              name="title"
              required
              autoComplete="off"
              invalid={invalid}
              aria-describedby={describedBy}
              value={values.title}
              onChange={(e) => set('title', e.currentTarget.value)}
            />
          )}
        </Field>
        <Field label={t('agenda.purpose')} error={fieldError(action.error, 'purpose')}>
          {({ id, describedBy, invalid }) => (
            <Select
              id={id}
              name="purpose"
              invalid={invalid}
              aria-describedby={describedBy}
              value={values.purpose}
              onChange={(e) => set('purpose', e.currentTarget.value as Purpose)}
            >
              {PURPOSES.map((p) => (
                <SelectOption key={p} value={p}>
                  {t(purposeKey(p))}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('agenda.portfolioHolderOptional')} error={fieldError(action.error, 'portfolioHolder')}>
          {({ id, describedBy, invalid }) => (
            <Textbox
              id={id}
              name="portfolioHolder"
              autoComplete="off"
              invalid={invalid}
              aria-describedby={describedBy}
              value={values.portfolioHolder}
              onChange={(e) => set('portfolioHolder', e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <Field label={t('agenda.decisionTextOptional')} description={t('agenda.decisionTextHint')} error={fieldError(action.error, 'decisionText')}>
        {({ id, describedBy, invalid }) => (
          <Textarea
            id={id}
            name="decisionText"
            rows={5}
            invalid={invalid}
            aria-describedby={describedBy}
            value={values.decisionText}
            onChange={(e) => set('decisionText', e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t('agenda.changeKind')} description={t('agenda.changeKindHint')} error={fieldError(action.error, 'changeKind')}>
        {({ id, describedBy, invalid }) => (
          <Select
            id={id}
            name="changeKind"
            invalid={invalid}
            aria-describedby={describedBy}
            value={values.changeKind}
            onChange={(e) => set('changeKind', e.currentTarget.value as ItemValues['changeKind'])}
          >
            <SelectOption value="">{t('agenda.changeKind.none')}</SelectOption>
            {CHANGE_KINDS.map((kind) => (
              <SelectOption key={kind} value={kind}>
                {t(`agenda.changeKind.${kind}`)}
              </SelectOption>
            ))}
          </Select>
        )}
      </Field>
      <Field label={t('agenda.summaryOptional')} description={t('agenda.summaryHint')} error={fieldError(action.error, 'summary')}>
        {({ id, describedBy, invalid }) => (
          <Textarea
            id={id}
            name="summary"
            rows={3}
            invalid={invalid}
            aria-describedby={describedBy}
            value={values.summary}
            onChange={(e) => set('summary', e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label={t('agenda.letterOptional')} error={fieldError(action.error, 'letter')}>
        {({ id, describedBy, invalid }) => (
          <Textarea
            id={id}
            name="letter"
            rows={6}
            invalid={invalid}
            aria-describedby={describedBy}
            value={values.letter}
            onChange={(e) => set('letter', e.currentTarget.value)}
          />
        )}
      </Field>
      <FormField type="checkbox" className="vd-checkbox-field">
        <Checkbox id={publicId} name="public" checked={values.public} onChange={(e) => set('public', e.currentTarget.checked)} />
        <FormLabel htmlFor={publicId} type="checkbox">
          {t('agenda.public')}
        </FormLabel>
      </FormField>
    </>
  );
}

const itemLabels = (
  t: (
    key:
      | 'agenda.itemTitle'
      | 'agenda.purpose'
      | 'agenda.portfolioHolderOptional'
      | 'agenda.decisionTextOptional'
      | 'agenda.summaryOptional'
      | 'agenda.letterOptional'
      | 'agenda.parent'
      | 'agenda.changeKind',
  ) => string,
): Record<string, string> => ({
  title: t('agenda.itemTitle'),
  purpose: t('agenda.purpose'),
  portfolioHolder: t('agenda.portfolioHolderOptional'),
  decisionText: t('agenda.decisionTextOptional'),
  summary: t('agenda.summaryOptional'),
  letter: t('agenda.letterOptional'),
  parentId: t('agenda.parent'),
  changeKind: t('agenda.changeKind'),
});

function NewItemForm({ meeting, items, onCreated }: { meeting: Meeting; items: AgendaItem[]; onCreated(): void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<ItemValues>(valuesOf());
  const [parentId, setParentId] = useState('');
  const action = useAction();
  const set = <K extends keyof ItemValues>(key: K, value: ItemValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const parents = items.filter((i) => i.parentId === null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body: NewAgendaItem = {
      title: values.title.trim(),
      purpose: values.purpose,
      public: values.public,
      ...(parentId ? { parentId } : {}),
      ...(values.portfolioHolder.trim() ? { portfolioHolder: values.portfolioHolder.trim() } : {}),
      ...(values.decisionText.trim() ? { decisionText: values.decisionText.trim() } : {}),
      ...(values.summary.trim() ? { summary: values.summary.trim() } : {}),
      ...(values.letter.trim() ? { letter: values.letter.trim() } : {}),
      ...(values.changeKind ? { changeKind: values.changeKind } : {}),
    };
    if (await action.run(() => api(`/meetings/${meeting.id}/agenda-items`, { method: 'POST', body }), t('agenda.added', { title: body.title }))) {
      setValues(valuesOf());
      setParentId('');
      onCreated();
    }
  }

  return (
    <div className="vd-section vd-panel">
      <Heading level={3} id="agenda-add">
        {t('agenda.add')}
      </Heading>
      <Paragraph>{t('agenda.addIntro')}</Paragraph>
      <ActionFeedback action={action} fieldLabel={(field) => itemLabels(t)[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-labelledby="agenda-add">
        <Field label={t('agenda.parent')} description={t('agenda.parentHint')} error={fieldError(action.error, 'parentId')}>
          {({ id, describedBy, invalid }) => (
            <Select
              id={id}
              name="parentId"
              invalid={invalid}
              aria-describedby={describedBy}
              value={parentId}
              onChange={(e) => setParentId(e.currentTarget.value)}
            >
              <SelectOption value="">{t('agenda.noParent')}</SelectOption>
              {parents.map((p) => (
                <SelectOption key={p.id} value={p.id}>
                  {p.number}. {p.title}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <ItemFields values={values} set={set} action={action} />
        <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={action.busy}>
          {action.busy ? t('form.busy') : t('agenda.addSubmit')}
        </Button>
      </form>
    </div>
  );
}

function EditItemForm({ item, onSaved }: { item: AgendaItem; onSaved(): void }) {
  const { t } = useI18n();
  const [values, setValues] = useState<ItemValues>(valuesOf(item));
  const action = useAction();
  const set = <K extends keyof ItemValues>(key: K, value: ItemValues[K]) => setValues((v) => ({ ...v, [key]: value }));
  const formId = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const before = valuesOf(item);
    const body: AgendaItemUpdate = {};
    if (values.title.trim() !== before.title) body.title = values.title.trim();
    if (values.purpose !== before.purpose) body.purpose = values.purpose;
    if (values.public !== before.public) body.public = values.public;
    if (values.changeKind !== before.changeKind) body.changeKind = values.changeKind || null;
    for (const key of ['portfolioHolder', 'decisionText', 'summary', 'letter'] as const) {
      if (values[key].trim() !== before[key]) body[key] = values[key].trim() || null;
    }
    if (Object.keys(body).length === 0) {
      await action.run(async () => undefined, t('meeting.nothingChanged'));
      return;
    }
    if (await action.run(() => api(`/agenda-items/${item.id}`, { method: 'PATCH', body }), t('agenda.saved', { title: values.title.trim() }))) onSaved();
  }

  return (
    <div className="vd-subsection">
      <Heading level={4} id={formId}>
        {t('agenda.editTitle')}
      </Heading>
      <ActionFeedback action={action} fieldLabel={(field) => itemLabels(t)[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-labelledby={formId}>
        <ItemFields values={values} set={set} action={action} />
        <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={action.busy}>
          {action.busy ? t('form.busy') : t('agenda.save')}
        </Button>
      </form>
    </div>
  );
}

function PapersEditor({ item, onChanged }: { item: AgendaItem; onChanged(): void }) {
  const { t } = useI18n();
  const [title, setTitle] = useState('');
  const [isPublic, setPublic] = useState(item.public);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const action = useAction();
  const publicId = useId();
  const headingId = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setFileError(t('agenda.chooseFile'));
      return;
    }
    setFileError(undefined);
    const form = new FormData();
    form.append('title', title.trim());
    form.append('public', String(isPublic));
    form.append('file', file);
    if (await action.run(() => api(`/agenda-items/${item.id}/papers`, { method: 'POST', body: form }), t('agenda.paperAdded', { title: title.trim() }))) {
      setTitle('');
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
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
          <Field label={t('agenda.paperTitle')} error={fieldError(action.error, 'title')}>
            {({ id, describedBy, invalid }) => (
              <Textbox
                id={id}
                name="title"
                required
                autoComplete="off"
                invalid={invalid}
                aria-describedby={describedBy}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
              />
            )}
          </Field>
          <Field label={t('agenda.file')} error={fileError ?? fieldError(action.error, 'file')}>
            {({ id, describedBy, invalid }) => (
              <input
                ref={fileInput}
                id={id}
                name="file"
                type="file"
                required
                aria-describedby={describedBy}
                aria-invalid={invalid || undefined}
                className="vd-file-input"
                onChange={(e) => {
                  setFile(e.currentTarget.files?.[0] ?? null);
                  setFileError(undefined);
                }}
              />
            )}
          </Field>
        </div>
        <FormField type="checkbox" className="vd-checkbox-field">
          <Checkbox id={publicId} name="public" checked={isPublic} onChange={(e) => setPublic(e.currentTarget.checked)} />
          <FormLabel htmlFor={publicId} type="checkbox">
            {t('agenda.paperPublic')}
          </FormLabel>
        </FormField>
        <Button type="submit" appearance="primary-action-button" busy={action.busy} disabled={action.busy}>
          {action.busy ? t('form.busy') : t('agenda.addPaperSubmit')}
        </Button>
      </form>
    </div>
  );
}

/** A new version of a paper, and whether the public may see it. */
function PaperEditor({ paper, onChanged }: { paper: Paper; onChanged(): void }) {
  const { t } = useI18n();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string>();
  const fileInput = useRef<HTMLInputElement>(null);
  const action = useAction();
  const version = useAction();

  async function upload(event: FormEvent) {
    event.preventDefault();
    if (!file) {
      setFileError(t('agenda.chooseFile'));
      return;
    }
    setFileError(undefined);
    const form = new FormData();
    form.append('file', file);
    if (await version.run(() => api(`/papers/${paper.id}/versions`, { method: 'POST', body: form }), t('agenda.versionAdded', { title: paper.title }))) {
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      onChanged();
    }
  }

  async function togglePublic() {
    const next = !paper.public;
    if (
      await action.run(
        () => api(`/papers/${paper.id}`, { method: 'PATCH', body: { public: next } }),
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
        <Field label={t('agenda.newVersionFile')} error={fileError ?? fieldError(version.error, 'file')}>
          {({ id, describedBy, invalid }) => (
            <input
              ref={fileInput}
              id={id}
              name="file"
              type="file"
              required
              aria-describedby={describedBy}
              aria-invalid={invalid || undefined}
              className="vd-file-input"
              onChange={(e) => {
                setFile(e.currentTarget.files?.[0] ?? null);
                setFileError(undefined);
              }}
            />
          )}
        </Field>
        <Button type="submit" appearance="secondary-action-button" busy={version.busy} disabled={version.busy}>
          {t('agenda.uploadVersion')}
          <VisuallyHidden> ({paper.title})</VisuallyHidden>
        </Button>
      </form>
    </div>
  );
}

function SubmissionsEditor({ list, meeting, onChanged }: { list: Submission[]; meeting: Meeting; onChanged(): void }) {
  const { t } = useI18n();
  return (
    <div className="vd-subsection">
      <Heading level={4}>{t('agenda.submissions')}</Heading>
      {list.length === 0 ? (
        <Paragraph>{t('agenda.noSubmissions')}</Paragraph>
      ) : (
        list.map((submission) => (
          <SubmissionView key={submission.id} submission={submission} headingLevel={5}>
            {meeting.status !== 'closed' && submission.status === 'filed' && (
              <>
                <AdviceForm submission={submission} onSaved={onChanged} />
                {submission.type === 'motion' && (
                  <GroupForm submission={submission} others={list.filter((s) => s.type === 'motion' && s.id !== submission.id)} onSaved={onChanged} />
                )}
              </>
            )}
          </SubmissionView>
        ))
      )}
    </div>
  );
}

function AdviceForm({ submission, onSaved }: { submission: Submission; onSaved(): void }) {
  const { t } = useI18n();
  const label = useSubmissionLabel();
  const [advice, setAdvice] = useState<BoardAdvice>(submission.boardAdvice ?? 'leave-to-meeting');
  const [reasoning, setReasoning] = useState(submission.adviceReasoning ?? '');
  const action = useAction();
  const path = `/${submission.type === 'motion' ? 'motions' : 'amendments'}/${submission.id}/advice`;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const body = { advice, ...(reasoning.trim() ? { reasoning: reasoning.trim() } : {}) };
    if (await action.run(() => api(path, { method: 'PUT', body }), t('motion.adviceSaved', { title: label(submission), advice: t(adviceKey(advice)) })))
      onSaved();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="vd-form vd-inline-form" aria-label={t('motion.adviceFor', { title: label(submission) })}>
      <ActionFeedback action={action} fieldLabel={(field) => ({ advice: t('motion.advice'), reasoning: t('motion.reasoningOptional') })[field]} />
      <div className="vd-form__row">
        <Field label={t('motion.advice')} error={fieldError(action.error, 'advice')}>
          {({ id, describedBy, invalid }) => (
            <Select
              id={id}
              name="advice"
              invalid={invalid}
              aria-describedby={describedBy}
              value={advice}
              onChange={(e) => setAdvice(e.currentTarget.value as BoardAdvice)}
            >
              {ADVICES.map((a) => (
                <SelectOption key={a} value={a}>
                  {t(adviceKey(a))}
                </SelectOption>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('motion.reasoningOptional')} error={fieldError(action.error, 'reasoning')}>
          {({ id, describedBy, invalid }) => (
            <Textarea
              id={id}
              name="reasoning"
              rows={2}
              invalid={invalid}
              aria-describedby={describedBy}
              value={reasoning}
              onChange={(e) => setReasoning(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <Button type="submit" appearance="secondary-action-button" busy={action.busy} disabled={action.busy}>
        {t('motion.saveAdvice')}
        <VisuallyHidden> ({label(submission)})</VisuallyHidden>
      </Button>
    </form>
  );
}

function GroupForm({ submission, others, onSaved }: { submission: Submission & { type: 'motion' }; others: Submission[]; onSaved(): void }) {
  const { t } = useI18n();
  const label = useSubmissionLabel();
  const [groupLabel, setGroupLabel] = useState(submission.group?.label ?? '');
  const [position, setPosition] = useState(submission.group ? String(submission.group.position) : '');
  const action = useAction();
  const listId = useId();
  const known = [...new Set(others.flatMap((s) => (s.type === 'motion' && s.group ? [s.group.label] : [])))];

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const trimmed = groupLabel.trim();
    const n = Number.parseInt(position, 10);
    const body = trimmed ? { label: trimmed, ...(Number.isInteger(n) && n > 0 ? { position: n } : {}) } : { label: null };
    const message = trimmed ? t('motion.grouped', { title: label(submission), group: trimmed }) : t('motion.ungrouped', { title: label(submission) });
    if (await action.run(() => api(`/motions/${submission.id}/group`, { method: 'PUT', body }), message)) onSaved();
  }

  return (
    <form onSubmit={onSubmit} noValidate className="vd-form vd-inline-form" aria-label={t('motion.groupFor', { title: label(submission) })}>
      <ActionFeedback action={action} fieldLabel={(field) => ({ label: t('motion.groupLabel'), position: t('motion.groupPosition') })[field]} />
      <div className="vd-form__row">
        <Field label={t('motion.groupLabel')} description={t('motion.groupHint')} error={fieldError(action.error, 'label')}>
          {({ id, describedBy, invalid }) => (
            <>
              <Textbox
                id={id}
                name="label"
                list={listId}
                autoComplete="off"
                invalid={invalid}
                aria-describedby={describedBy}
                value={groupLabel}
                onChange={(e) => setGroupLabel(e.currentTarget.value)}
              />
              <datalist id={listId}>
                {known.map((k) => (
                  <option key={k} value={k} />
                ))}
              </datalist>
            </>
          )}
        </Field>
        <Field label={t('motion.groupPositionOptional')} error={fieldError(action.error, 'position')}>
          {({ id, describedBy, invalid }) => (
            <Textbox
              id={id}
              name="position"
              type="number"
              min={1}
              className="vd-input-short"
              invalid={invalid}
              aria-describedby={describedBy}
              value={position}
              onChange={(e) => setPosition(e.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <Button type="submit" appearance="secondary-action-button" busy={action.busy} disabled={action.busy}>
        {t('motion.saveGroup')}
        <VisuallyHidden> ({label(submission)})</VisuallyHidden>
      </Button>
    </form>
  );
}
