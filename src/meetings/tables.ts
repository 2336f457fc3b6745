import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, DateColumn, Timestamp } from '../core/db/schema.js';

export interface MeetingsTable {
  id: string;
  kind: 'alv' | 'balv';
  body: Generated<'general-meeting'>;
  title: string;
  date: DateColumn;
  start_time: string | null;
  location: string | null;
  mode: Generated<'in-person' | 'online' | 'hybrid'>;
  motion_deadline: Timestamp | null;
  convened_at: Timestamp | null;
  opened_at: Timestamp | null;
  closed_at: Timestamp | null;
  current_item_id: string | null;
  minutes_faithful_at: Timestamp | null;
  minutes_faithful_by: string | null;
  created_at: CreatedAt;
}

export type AppointmentFunction = 'chair' | 'technical-chair' | 'counting-committee' | 'minutes-committee';

export interface MeetingAppointmentsTable {
  id: string;
  meeting_id: string;
  function: AppointmentFunction;
  name: string;
  person_id: string | null;
  created_at: CreatedAt;
}

export interface CheckInsTable {
  id: string;
  meeting_id: string;
  member_id: string;
  person_id: string;
  office_id: string;
  /** hoedanigheid: the office in which the person acts. */
  capacity: string;
  checked_in_at: CreatedAt;
  checked_in_by: string;
  checked_out_at: Timestamp | null;
  checked_out_by: string | null;
  /** 'mandate-ended': the designation, office or account behind it ended (not a check-out at the door). */
  checkout_reason: ColumnType<'mandate-ended' | null, 'mandate-ended' | null | undefined, 'mandate-ended' | null>;
}

export interface ProxiesTable {
  id: string;
  meeting_id: string;
  grantor_member_id: string;
  holder_person_id: string;
  holder_member_id: string;
  granted_at: CreatedAt;
  granted_by: string;
  revoked_at: Timestamp | null;
  revoked_by: string | null;
  revocation_reason: 'revoked' | 'member-checked-in' | 'mandate-ended' | null;
}

export interface MeetingTables {
  meetings: MeetingsTable;
  meeting_appointments: MeetingAppointmentsTable;
  check_ins: CheckInsTable;
  proxies: ProxiesTable;
}
