import { useId, useState, type FormEvent } from 'react';
import { Heading, Paragraph, SelectOption } from '@utrecht/component-library-react';
import { fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { type Action, ActionFeedback, CheckboxField, fieldError, SelectField, SubmitButton, TextAreaField, TextField, useAction } from '../shell/fields';
import type { AgendaItem, AgendaItemUpdate, Meeting, NewAgendaItem, Purpose } from '../types';
import { PURPOSES, purposeKey } from './labels';

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
  return (
    <>
      <div className="vd-form__row">
        <TextField
          label={t('agenda.itemTitle')}
          error={fieldError(action.error, 'title')}
          name="title"
          required
          autoComplete="off"
          value={values.title}
          onChange={(value) => set('title', value)}
        />
        <SelectField
          label={t('agenda.purpose')}
          error={fieldError(action.error, 'purpose')}
          name="purpose"
          value={values.purpose}
          onChange={(value) => set('purpose', value as Purpose)}
        >
          {PURPOSES.map((p) => (
            <SelectOption key={p} value={p}>
              {t(purposeKey(p))}
            </SelectOption>
          ))}
        </SelectField>
        <TextField
          label={t('agenda.portfolioHolderOptional')}
          error={fieldError(action.error, 'portfolioHolder')}
          name="portfolioHolder"
          autoComplete="off"
          value={values.portfolioHolder}
          onChange={(value) => set('portfolioHolder', value)}
        />
      </div>
      <TextAreaField
        label={t('agenda.decisionTextOptional')}
        description={t('agenda.decisionTextHint')}
        error={fieldError(action.error, 'decisionText')}
        name="decisionText"
        rows={5}
        value={values.decisionText}
        onChange={(value) => set('decisionText', value)}
      />
      <SelectField
        label={t('agenda.changeKind')}
        description={t('agenda.changeKindHint')}
        error={fieldError(action.error, 'changeKind')}
        name="changeKind"
        value={values.changeKind}
        onChange={(value) => set('changeKind', value as ItemValues['changeKind'])}
      >
        <SelectOption value="">{t('agenda.changeKind.none')}</SelectOption>
        {CHANGE_KINDS.map((kind) => (
          <SelectOption key={kind} value={kind}>
            {t(`agenda.changeKind.${kind}`)}
          </SelectOption>
        ))}
      </SelectField>
      <TextAreaField
        label={t('agenda.summaryOptional')}
        description={t('agenda.summaryHint')}
        error={fieldError(action.error, 'summary')}
        name="summary"
        rows={3}
        value={values.summary}
        onChange={(value) => set('summary', value)}
      />
      <TextAreaField
        label={t('agenda.letterOptional')}
        error={fieldError(action.error, 'letter')}
        name="letter"
        rows={6}
        value={values.letter}
        onChange={(value) => set('letter', value)}
      />
      <CheckboxField label={t('agenda.public')} name="public" checked={values.public} onChange={(checked) => set('public', checked)} />
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

/** A new agenda item, at the top level or under a parent. */
export function NewItemForm({ meeting, items, onCreated }: { meeting: Meeting; items: AgendaItem[]; onCreated(): void }) {
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
    if (
      await action.run(
        () => fetchClient.POST('/api/v1/meetings/{id}/agenda-items', { params: { path: { id: meeting.id } }, body }),
        t('agenda.added', { title: body.title }),
      )
    ) {
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
        <SelectField
          label={t('agenda.parent')}
          description={t('agenda.parentHint')}
          error={fieldError(action.error, 'parentId')}
          name="parentId"
          value={parentId}
          onChange={setParentId}
        >
          <SelectOption value="">{t('agenda.noParent')}</SelectOption>
          {parents.map((p) => (
            <SelectOption key={p.id} value={p.id}>
              {p.number}. {p.title}
            </SelectOption>
          ))}
        </SelectField>
        <ItemFields values={values} set={set} action={action} />
        <SubmitButton busy={action.busy}>{t('agenda.addSubmit')}</SubmitButton>
      </form>
    </div>
  );
}

/** The same fields for an item that exists. */
export function EditItemForm({ item, onSaved }: { item: AgendaItem; onSaved(): void }) {
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
    if (
      await action.run(
        () => fetchClient.PATCH('/api/v1/agenda-items/{id}', { params: { path: { id: item.id } }, body }),
        t('agenda.saved', { title: values.title.trim() }),
      )
    )
      onSaved();
  }

  return (
    <div className="vd-subsection">
      <Heading level={4} id={formId}>
        {t('agenda.editTitle')}
      </Heading>
      <ActionFeedback action={action} fieldLabel={(field) => itemLabels(t)[field]} />
      <form onSubmit={onSubmit} noValidate className="vd-form" aria-labelledby={formId}>
        <ItemFields values={values} set={set} action={action} />
        <SubmitButton busy={action.busy}>{t('agenda.save')}</SubmitButton>
      </form>
    </div>
  );
}
