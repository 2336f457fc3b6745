import { useEffect, useRef, useState } from 'react';
import { Button } from '@utrecht/component-library-react';
import { useI18n } from '../i18n';
import { VisuallyHidden } from '../shell/components';

/**
 * A button that asks once more before an action that cannot be undone. The question and both
 * answers appear in place; focus moves to the confirming button, and back after cancelling.
 */
export function ConfirmButton({
  label,
  question,
  confirm,
  onConfirm,
  busy,
  hiddenContext,
  tone = 'neutral',
}: {
  label: string;
  question: string;
  confirm: string;
  onConfirm(): void;
  busy?: boolean;
  hiddenContext?: string;
  /** primary: the usual next step; danger: undoes or discards (cancelling a vote), styled apart. */
  tone?: 'neutral' | 'primary' | 'danger';
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) openRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <Button
        ref={openRef}
        appearance={tone === 'primary' ? 'primary-action-button' : 'secondary-action-button'}
        className={tone === 'danger' ? 'vd-button--danger' : undefined}
        disabled={busy}
        onClick={() => setAsking(true)}
      >
        {label}
        {hiddenContext && <VisuallyHidden> ({hiddenContext})</VisuallyHidden>}
      </Button>
    );
  }
  return (
    <span className={`vd-confirm vd-confirm--${tone}`} role="group" aria-label={question}>
      <span className="vd-confirm__question">{question}</span>
      <Button
        ref={confirmRef}
        appearance="primary-action-button"
        className={tone === 'danger' ? 'vd-button--danger' : undefined}
        busy={busy}
        disabled={busy}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirm}
      </Button>
      <Button appearance="secondary-action-button" onClick={() => setAsking(false)}>
        {t('meeting.cancel')}
      </Button>
    </span>
  );
}
