import { useEffect, useId, useRef, useState } from 'react';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { fetchClient } from '../shell/client';
import { useI18n } from '../i18n';
import { type Action, ActionFeedback, useAction } from '../shell/fields';
import { Loading, ProblemAlert, VisuallyHidden } from '../shell/components';
import type { AgendaItem, Meeting } from '../types';
import { agendaTree, submissionsFor, useAgenda, useSubmissions, type Submissions } from './common';
import { ConfirmButton } from './ConfirmButton';
import { purposeKey } from './labels';
import { EditItemForm, NewItemForm } from './AgendaItemForm';
import { PapersEditor } from './PapersEditor';
import { SubmissionsEditor } from './SubmissionsEditor';

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
      () => fetchClient.PUT('/api/v1/meetings/{id}/agenda-order', { params: { path: { id: meeting.id } }, body: { order: next } }),
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
    if (
      await removal.run(
        () => fetchClient.DELETE('/api/v1/agenda-items/{id}', { params: { path: { id: item.id } } }),
        t('agenda.deleted', { title: item.title }),
      )
    )
      onChanged();
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
