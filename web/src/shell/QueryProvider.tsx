import { QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n';
import { queryClient } from './client';

/** Problem texts come from the server in the UI language: after a switch, failed queries ask again. */
function ProblemsFollowLanguage() {
  const { lang } = useI18n();
  const shown = useRef(lang);
  useEffect(() => {
    if (shown.current === lang) return;
    shown.current = lang;
    void queryClient.refetchQueries({ predicate: (query) => query.state.status === 'error' });
  }, [lang]);
  return null;
}

/** The query cache for every page below it (inside the language provider). */
export function QueryProvider({ children }: { children: ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <ProblemsFollowLanguage />
      {children}
    </QueryClientProvider>
  );
}
