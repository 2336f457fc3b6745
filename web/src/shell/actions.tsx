/** The state of a form's request and its outcome, shown the same way in every form. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Paragraph } from '@utrecht/component-library-react';
import { type ApiError, asApiError } from '../api';
import { ProblemAlert } from './components';

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
