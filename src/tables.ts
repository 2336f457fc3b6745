import type { MemberTables } from './members/tables.js';
import type { ProfileTables } from './profile/tables.js';
import type { ImportTables } from './imports/tables.js';
import type { PeopleTables } from './people/tables.js';
import type { MeetingTables } from './meetings/tables.js';
import type { VotingTables } from './voting/tables.js';
import type { ConsultationTables } from './consultations/tables.js';
import type { MotionTables } from './motions/tables.js';
import type { AgendaTables } from './agenda/tables.js';
import type { CourseTables } from './course/tables.js';
import type { MinutesTables } from './minutes/tables.js';
import type { FollowUpTables } from './follow-up/tables.js';
import type { TopicTables } from './topics/tables.js';

/**
 * The database as a whole: the kernel's tables (src/core/db/schema.ts) with every feature's, each
 * defined in the tables.ts of the feature that owns (and alone writes) them. Declared here, above
 * the features, so that core imports none of them.
 */
declare module './core/db/schema.js' {
  interface Database
    extends ProfileTables,
      MemberTables,
      ImportTables,
      PeopleTables,
      MeetingTables,
      AgendaTables,
      CourseTables,
      MinutesTables,
      VotingTables,
      ConsultationTables,
      MotionTables,
      FollowUpTables,
      TopicTables {}
}
