import { useEffect } from 'react';
import { queryClient } from '../shell/client';

/** Which reads each kind of change makes stale (paths as the typed client keys its queries). */
const STALE: Record<string, readonly string[]> = {
  session: ['/api/v1/meetings/{id}', '/api/v1/meetings/{id}/agenda-items'],
  'current-item': ['/api/v1/meetings/{id}', '/api/v1/meetings/{id}/agenda-items'],
  speakers: ['/api/v1/agenda-items/{id}/speakers'],
  screen: ['/api/v1/meetings/{id}/screen'],
  attendance: ['/api/v1/meetings/{id}/attendance'],
  poll: ['/api/v1/polls', '/api/v1/polls/{id}', '/api/v1/meetings/{id}/agenda-items', '/api/v1/meetings/{id}/decisions'],
};

/**
 * Follows the meeting live (GET /meetings/:id/events): each change re-reads what it touches on the
 * page (the meeting and its agenda, speakers, the projector's choice, attendance, votes); after a
 * (re)connection, everything. Without EventSource the page keeps its own reloads.
 */
export function useMeetingEvents(meetingId: string | undefined) {
  useEffect(() => {
    if (!meetingId || typeof EventSource !== 'function') return;
    const source = new EventSource(`/api/v1/meetings/${meetingId}/events`);
    source.addEventListener('change', (event) => {
      let what = 'resync';
      try {
        what = (JSON.parse((event as MessageEvent<string>).data) as { what?: string }).what ?? 'resync';
      } catch {
        // A message we cannot read: re-read everything.
      }
      const paths = STALE[what];
      void queryClient.invalidateQueries(paths ? { predicate: (query) => paths.includes(String(query.queryKey[1])) } : undefined);
    });
    return () => source.close();
  }, [meetingId]);
}
