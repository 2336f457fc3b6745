import type { AuthHeaders, TestApp } from './app.js';

/**
 * The start of every general meeting (VNG statutes): the meeting appoints its vote-counting committee
 * and minutes committee (three members) by acclamation. Call it once the meeting is open and before a
 * real (non-trial) poll: where the profile asks for it, no real vote opens before the committee exists.
 */
export async function appointCommittees(t: TestApp, meetingId: string, as: { staff: AuthHeaders; chair: AuthHeaders }): Promise<void> {
  const call = async (method: 'GET' | 'POST', url: string, headers: AuthHeaders, payload?: object) => {
    const response = await t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload ? { payload } : {}) });
    if (response.statusCode >= 300) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
    return response.body ? response.json() : null;
  };
  const items = (await call('GET', `/meetings/${meetingId}/agenda-items`, as.staff)).items as { id: string; kind: string }[];
  const appointments = items.find((i) => i.kind === 'appointments');
  if (!appointments) throw new Error('this meeting has no appointments item');
  for (const name of ['A. de Vries', 'B. Jansen', 'F. Bos'])
    await call('POST', `/meetings/${meetingId}/appointments`, as.staff, { function: 'counting-committee', name });
  for (const name of ['C. Bakker', 'D. Smit', 'E. Visser'])
    await call('POST', `/meetings/${meetingId}/appointments`, as.staff, { function: 'minutes-committee', name });
  await call('POST', `/meetings/${meetingId}/decisions`, as.chair, {
    subjects: [{ type: 'agenda-item', id: appointments.id }],
    outcome: 'appointed',
    method: 'acclamation',
  });
}
