/**
 * The API contract, shared with the server: types only, taken from the server's schemas.
 * Nothing here is runtime code from src/.
 */
import type { Static } from 'typebox';
import type {
  MemberDetail,
  MemberList as MemberListSchema,
  MemberSort,
  MemberSummary,
  NetworkSchema,
  NetworkPeriod as NetworkPeriodSchema,
  PopulationEntry as PopulationEntrySchema,
  MemberVersion as MemberVersionSchema,
  Reorganisation,
  ReorganisationKind,
} from '../../src/members/schemas';
import type {
  MemberClass,
  NewProfileVersion,
  ProfileDocument,
  ProfileVersion,
  Rounding,
  SizeClass,
  VoteWeightRule,
  MajorityRule,
} from '../../src/profile/schemas';
import type { ImportRecord as ImportRecordSchema, ImportResult, PopulationImportReport } from '../../src/imports/schemas';
import type { SessionInfo } from '../../src/core/auth/schemas';
import type { PeopleImportResult as PeopleImportResultSchema } from '../../src/people/import-schemas';
import type { OfficeHolder as OfficeHolderSchema } from '../../src/people/schemas';
import type { HallWhatIf, MemberPowerRow, RegisterPower, SegmentPowerRow, WhatIf, WhatIfInput } from '../../src/power/schemas';
import type { AuditEntry as AuditEntrySchema } from '../../src/core/audit-schemas';
import type {
  Designation,
  GrantedRole as GrantedRoleSchema,
  Invitation as InvitationSchema,
  PendingDesignation,
  Office,
  OfficeKind as OfficeKindSchema,
  PeopleList as PeopleListSchema,
  PersonDetail,
  PersonListItem,
  Representative,
  RepresentativeList as RepresentativeListSchema,
} from '../../src/people/schemas';

export type { HallWhatIf, MemberPowerRow, RegisterPower, SegmentPowerRow, WhatIf, WhatIfInput };

export type {
  MemberDetail,
  MemberSort,
  MemberSummary,
  Reorganisation,
  ReorganisationKind,
  MemberClass,
  NewProfileVersion,
  ProfileDocument,
  ProfileVersion,
  Rounding,
  SizeClass,
  VoteWeightRule,
  MajorityRule,
  ImportResult,
  PopulationImportReport,
  SessionInfo,
};

export type MemberList = Static<typeof MemberListSchema>;
export type Network = Static<typeof NetworkSchema>;
export type NetworkPeriod = Static<typeof NetworkPeriodSchema>;
export type PopulationEntry = Static<typeof PopulationEntrySchema>;
export type MemberVersion = Static<typeof MemberVersionSchema>;
export type ImportRecord = Static<typeof ImportRecordSchema>;
export type User = SessionInfo['person'];
export type Role = User['roles'][number];

export type { Designation, Office, PendingDesignation, PersonDetail, PersonListItem, Representative };
export type OfficeKind = Static<typeof OfficeKindSchema>;
export type PeopleImportResult = Static<typeof PeopleImportResultSchema>;
export type OfficeHolder = Static<typeof OfficeHolderSchema>;
export type GrantedRole = Static<typeof GrantedRoleSchema>;
export type PeopleList = Static<typeof PeopleListSchema>;
export type RepresentativeList = Static<typeof RepresentativeListSchema> & { asOf: string };
export type Invitation = Static<typeof InvitationSchema>;

// General meetings, agenda, motions and amendments, the course of the meeting and the minutes.
import type {
  Appointment as AppointmentSchema,
  AppointmentFunction as AppointmentFunctionSchema,
  Attendance as AttendanceSchema,
  Decision as DecisionSchema,
  DecisionList as DecisionListSchema,
  DecisionMethod as DecisionMethodSchema,
  ItemOutcome as ItemOutcomeSchema,
  Meeting as MeetingSchema,
  MeetingKind as MeetingKindSchema,
  MeetingMode as MeetingModeSchema,
  MeetingStatus as MeetingStatusSchema,
  MeetingUpdate as MeetingUpdateSchema,
  Minutes as MinutesSchema,
  NewDecision as NewDecisionSchema,
  NewMeeting as NewMeetingSchema,
  Speaker as SpeakerSchema,
  SubmissionOutcome as SubmissionOutcomeSchema,
} from '../../src/meetings/schemas';
import type {
  Agenda as AgendaSchema,
  AgendaItem as AgendaItemSchema,
  AgendaItemKind as AgendaItemKindSchema,
  AgendaItemUpdate as AgendaItemUpdateSchema,
  NewAgendaItem as NewAgendaItemSchema,
  Paper as PaperSchema,
  Purpose as PurposeSchema,
} from '../../src/agenda/schemas';
import type {
  Amendment as AmendmentSchema,
  BoardAdvice as BoardAdviceSchema,
  Motion as MotionSchema,
  NewAmendment as NewAmendmentSchema,
  NewMotion as NewMotionSchema,
  SubmissionStatus as SubmissionStatusSchema,
} from '../../src/motions/schemas';

export type Meeting = Static<typeof MeetingSchema>;
export type MeetingKind = Static<typeof MeetingKindSchema>;
export type MeetingMode = Static<typeof MeetingModeSchema>;
export type MeetingStatus = Static<typeof MeetingStatusSchema>;
export type NewMeeting = Static<typeof NewMeetingSchema>;
export type MeetingUpdate = Static<typeof MeetingUpdateSchema>;
export type Appointment = Static<typeof AppointmentSchema>;
export type AppointmentFunction = Static<typeof AppointmentFunctionSchema>;
export type Speaker = Static<typeof SpeakerSchema>;
export type Decision = Static<typeof DecisionSchema>;
export type DecisionMethod = Static<typeof DecisionMethodSchema>;
export type ItemOutcome = Static<typeof ItemOutcomeSchema>;
export type SubmissionOutcome = Static<typeof SubmissionOutcomeSchema>;
export type NewDecision = Static<typeof NewDecisionSchema>;
export type DecisionList = Static<typeof DecisionListSchema>;
export type Minutes = Static<typeof MinutesSchema>;
export type MeetingAttendance = Static<typeof AttendanceSchema>;
export type Agenda = Static<typeof AgendaSchema>;
export type AgendaItem = Static<typeof AgendaItemSchema>;
export type AgendaItemKind = Static<typeof AgendaItemKindSchema>;
export type NewAgendaItem = Static<typeof NewAgendaItemSchema>;
export type AgendaItemUpdate = Static<typeof AgendaItemUpdateSchema>;
export type Paper = Static<typeof PaperSchema>;
export type Purpose = Static<typeof PurposeSchema>;
export type Motion = Static<typeof MotionSchema>;
export type Amendment = Static<typeof AmendmentSchema>;
export type NewMotion = Static<typeof NewMotionSchema>;
export type NewAmendment = Static<typeof NewAmendmentSchema>;
export type BoardAdvice = Static<typeof BoardAdviceSchema>;
export type SubmissionStatus = Static<typeof SubmissionStatusSchema>;

/** One line of the audit trail (GET /audit-log). */
export type AuditEntry = Static<typeof AuditEntrySchema>;

export interface ListOf<T> {
  items: T[];
  total: number;
}

/** Roles that manage the register and the profile (the server's REGISTER_MANAGERS). */
export const hasRole = (user: User | null | undefined, ...roles: Role[]): boolean => !!user?.roles.some((role) => roles.includes(role));
export const canManage = (user: User | null | undefined): boolean => hasRole(user, 'admin', 'staff');

// Live weighted voting: polls, ballots, receipts and results.
import type {
  BallotReceipt as BallotReceiptSchema,
  MemberVote as MemberVoteSchema,
  MyBallots as MyBallotsSchema,
  NewBallot as NewBallotSchema,
  NewPoll as NewPollSchema,
  OptionTotal as OptionTotalSchema,
  Poll as PollSchema,
  PollOption as PollOptionSchema,
  PollResult as PollResultSchema,
  Progress as ProgressSchema,
  ReceiptCheck as ReceiptCheckSchema,
  Rule as RuleSchema,
} from '../../src/voting/schemas';

export type Poll = Static<typeof PollSchema>;
export type PollOption = Static<typeof PollOptionSchema>;
export type PollRule = Static<typeof RuleSchema>;
export type PollProgress = Static<typeof ProgressSchema>;
export type PollResult = Static<typeof PollResultSchema>;
export type OptionTotal = Static<typeof OptionTotalSchema>;
export type NewPoll = Static<typeof NewPollSchema>;
export type NewBallot = Static<typeof NewBallotSchema>;
export type BallotReceipt = Static<typeof BallotReceiptSchema>;
export type MyBallots = Static<typeof MyBallotsSchema>;
export type ReceiptCheck = Static<typeof ReceiptCheckSchema>;
export type MemberVote = Static<typeof MemberVoteSchema>;

// Member consultations (ledenraadplegingen): builder, answers, results and outcome.
import type {
  Answer as AnswerSchema,
  Answers as AnswersSchema,
  Audience as AudienceSchema,
  Breakdown as BreakdownSchema,
  Consultation as ConsultationSchema,
  ConsultationPaper as ConsultationPaperSchema,
  ConsultationResponse as ConsultationResponseSchema,
  ConsultationResults as ConsultationResultsSchema,
  ConsultationStatus as ConsultationStatusSchema,
  ConsultationSummary as ConsultationSummarySchema,
  ConsultationUpdate as ConsultationUpdateSchema,
  DimensionRates as DimensionRatesSchema,
  Divergence as DivergenceSchema,
  MyMember as MyMemberSchema,
  NewConsultation as NewConsultationSchema,
  OpenAnswerItem as OpenAnswerItemSchema,
  OptionResult as OptionResultSchema,
  OutcomeInput as OutcomeInputSchema,
  OutcomeKind as OutcomeKindSchema,
  Question as QuestionSchema,
  QuestionInput as QuestionInputSchema,
  QuestionKind as QuestionKindSchema,
  QuestionResult as QuestionResultSchema,
  RemindersSent as RemindersSentSchema,
  Responder as ResponderSchema,
  ResponseInput as ResponseInputSchema,
  Scale as ScaleSchema,
  SegmentDimension as SegmentDimensionSchema,
  SegmentResult as SegmentResultSchema,
  Tally as TallySchema,
} from '../../src/consultations/schemas';

export type ConsultationStatus = Static<typeof ConsultationStatusSchema>;
export type QuestionKind = Static<typeof QuestionKindSchema>;
export type OutcomeKind = Static<typeof OutcomeKindSchema>;
export type ConsultationAudience = Static<typeof AudienceSchema>;
export type ConsultationResponder = Static<typeof ResponderSchema>;
export type ScaleSpec = Static<typeof ScaleSchema>;
export type ConsultationQuestion = Static<typeof QuestionSchema>;
export type QuestionInput = Static<typeof QuestionInputSchema>;
export type ConsultationAnswer = Static<typeof AnswerSchema>;
export type Answers = Static<typeof AnswersSchema>;
export type MyMember = Static<typeof MyMemberSchema>;
export type ConsultationPaper = Static<typeof ConsultationPaperSchema>;
export type ConsultationSummary = Static<typeof ConsultationSummarySchema>;
export type ConsultationDetail = Static<typeof ConsultationSchema>;
export type NewConsultation = Static<typeof NewConsultationSchema>;
export type ConsultationUpdate = Static<typeof ConsultationUpdateSchema>;
export type ConsultationResponse = Static<typeof ConsultationResponseSchema>;
export type ResponseInput = Static<typeof ResponseInputSchema>;
export type OutcomeInput = Static<typeof OutcomeInputSchema>;
export type ConsultationResults = Static<typeof ConsultationResultsSchema>;
export type QuestionResult = Static<typeof QuestionResultSchema>;
export type OptionResult = Static<typeof OptionResultSchema>;
export type SegmentDimension = Static<typeof SegmentDimensionSchema>;
export type SegmentResult = Static<typeof SegmentResultSchema>;
export type Breakdown = Static<typeof BreakdownSchema>;
export type Divergence = Static<typeof DivergenceSchema>;
export type DimensionRates = Static<typeof DimensionRatesSchema>;
export type OpenAnswerItem = Static<typeof OpenAnswerItemSchema>;
export type Tally = Static<typeof TallySchema>;
export type RemindersSent = Static<typeof RemindersSentSchema>;
