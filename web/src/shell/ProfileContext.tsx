import { createContext, useContext, type ReactNode } from 'react';
import type { ApiError } from '../api';
import type { ProfileVersion } from '../types';
import { $api, apiState } from './client';

interface ProfileState {
  /** The profile in force today: the association's name, regions, size classes, member classes. */
  profile: ProfileVersion | undefined;
  error: ApiError | undefined;
  reload(): void;
}

const ProfileContext = createContext<ProfileState>({ profile: undefined, error: undefined, reload: () => undefined });

export function ProfileProvider({ children }: { children: ReactNode }) {
  const { data, error, reload } = apiState($api.useQuery('get', '/api/v1/profile'));
  return <ProfileContext.Provider value={{ profile: data, error, reload }}>{children}</ProfileContext.Provider>;
}

export const useProfile = () => useContext(ProfileContext);
