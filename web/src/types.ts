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
import type { MemberClass, NewProfileVersion, ProfileDocument, ProfileVersion, Rounding, SizeClass, VoteWeightRule, MajorityRule } from '../../src/profile/schemas';
import type { ImportRecord as ImportRecordSchema, ImportResult, PopulationImportReport } from '../../src/imports/schemas';
import type { SessionInfo } from '../../src/core/auth/schemas';

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
export type User = SessionInfo['user'];
export type Role = User['role'];

export interface ListOf<T> {
  items: T[];
  total: number;
}

/** Roles that manage the register and the profile (the server's REGISTER_MANAGERS). */
export const canManage = (user: User | null | undefined): boolean => user?.role === 'admin' || user?.role === 'staff';
