import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, setCsrfToken } from '../api';
import { answerOf, fetchClient } from '../shell/client';
import type { SessionInfo, User } from '../types';

interface SessionState {
  /** undefined while the session is being checked, null when signed out. */
  user: User | null | undefined;
  /** Signs in; a 401 of type /problems/totp-required asks to repeat with the code from the authenticator app. */
  login(email: string, password: string, totp?: string): Promise<User>;
  logout(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const accept = useCallback((session: SessionInfo | null) => {
    setCsrfToken(session?.csrfToken ?? null);
    setUser(session?.person ?? null);
  }, []);

  useEffect(() => {
    const controller = new AbortController();
    // 401 means signed out; any other failure also leaves the visitor signed out.
    fetchClient
      .GET('/api/v1/session', { signal: controller.signal })
      .then(answerOf)
      .then(accept)
      .catch(() => {
        if (!controller.signal.aborted) accept(null);
      });
    return () => controller.abort();
  }, [accept]);

  const login = useCallback(
    async (email: string, password: string, totp?: string) => {
      const session = await fetchClient.POST('/api/v1/session', { body: totp ? { email, password, totp } : { email, password } }).then(answerOf);
      accept(session);
      return session.person;
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await fetchClient.DELETE('/api/v1/session');
    } catch (error) {
      // A session that already expired is signed out all the same.
      if (!(error instanceof ApiError) || error.status >= 500) throw error;
    }
    accept(null);
  }, [accept]);

  const value = useMemo(() => ({ user, login, logout }), [user, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
