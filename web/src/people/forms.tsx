import { useCallback, useEffect, useId, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { Alert, Checkbox, Fieldset, FieldsetLegend, FormField, FormLabel, Paragraph } from '@utrecht/component-library-react';
import type { ApiError } from '../api';
import { useI18n, type TextKey } from '../i18n';
import { asApiError } from '../session/fields';
import { ProblemAlert } from '../shell/components';
import type { GrantedRole } from '../types';
import { GRANTED_ROLES } from './offices';

/** Any failure as an ApiError, for ProblemAlert. */
export { asApiError };

/** The server's reason for a field ("email", "startDate"), to show at the field itself. */
export const fieldError = (error: ApiError | undefined, ...names: string[]) => error?.errors.find((e) => names.includes(e.name))?.reason;

export interface Action {
  busy: boolean;
  error: ApiError | undefined;
  done: string | undefined;
  /** Runs a request; on success shows the message (or the one made from its answer) and returns true, on failure shows the problem. */
  run<T>(request: () => Promise<T>, message: string | ((answer: T) => string)): Promise<boolean>;
  clear(): void;
}

/** The state of one form's request: busy, the problem, or the confirmation. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [done, setDone] = useState<string>();
  const clear = useCallback(() => {
    setError(undefined);
    setDone(undefined);
  }, []);
  const run = useCallback(async <T,>(request: () => Promise<T>, message: string | ((answer: T) => string)) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const answer = await request();
      setDone(typeof message === 'function' ? message(answer) : message);
      return true;
    } catch (caught) {
      setError(asApiError(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, done, run, clear };
}

/** The outcome of an action: the problem in an error Alert, or the confirmation as a status; focus moves to either. */
export function ActionFeedback({ action, fieldLabel }: { action: Pick<Action, 'error' | 'done'>; fieldLabel?: (name: string) => string | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (action.done) ref.current?.focus();
  }, [action.done]);
  return (
    <>
      <ProblemAlert error={action.error} fieldLabel={fieldLabel} focus />
      {action.done && (
        <Alert type="ok" role="status" className="vd-alert" ref={ref} tabIndex={-1}>
          <Paragraph>{action.done}</Paragraph>
        </Alert>
      )}
    </>
  );
}

/** The roles an administrator grants, as checkboxes (creating a person, or changing their roles). */
export function RoleCheckboxes({ roles, setRoles }: { roles: readonly GrantedRole[]; setRoles: Dispatch<SetStateAction<GrantedRole[]>> }) {
  const { t } = useI18n();
  const baseId = useId();
  return (
    <Fieldset className="vd-fieldset">
      <FieldsetLegend>{t('people.roles')}</FieldsetLegend>
      {GRANTED_ROLES.map((r) => (
        <FormField key={r} type="checkbox" className="vd-checkbox-field">
          <Checkbox
            id={`${baseId}-${r}`}
            name="roles"
            value={r}
            checked={roles.includes(r)}
            onChange={(e) => {
              const checked = e.currentTarget.checked;
              setRoles((current) => (checked ? [...current, r] : current.filter((x) => x !== r)));
            }}
          />
          <FormLabel htmlFor={`${baseId}-${r}`} type="checkbox">
            {t(`role.${r}` as TextKey)}
          </FormLabel>
        </FormField>
      ))}
    </Fieldset>
  );
}
