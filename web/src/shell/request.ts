import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiError } from '../api';
import { asApiError } from './actions';

/**
 * A form's request, for forms that show their own confirmation (useAction shows a message):
 * busy while it runs, and its problem, the server's or one the form found itself (setError).
 */
export function useRequest() {
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  /** Runs the request; true when it succeeded, otherwise the problem is in error. */
  const send = useCallback(async (request: () => Promise<unknown>) => {
    setError(undefined);
    setBusy(true);
    try {
      await request();
      return true;
    } catch (caught) {
      setError(asApiError(caught));
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { error, setError, busy, send };
}

/** A ref that gets the focus whenever the value becomes set: the message that replaces the form's button. */
export function useFocusWhen<T extends HTMLElement>(value: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (value) ref.current?.focus();
  }, [value]);
  return ref;
}
