import { createContext, useContext, type ReactNode } from 'react';
import type { ApiClient } from '../api/apiClient';
import type { PartnerProfile } from '../api/schemas';
import type { PartnerUser } from '../auth/signIn';

/** Who is signed in, how to call the API as them, and their partner profile once known. */
export interface Session {
  readonly user: PartnerUser;
  readonly api: ApiClient;
  readonly profile: PartnerProfile | undefined;
  setProfile(profile: PartnerProfile): void;
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (session === undefined) throw new Error('useSession outside SessionProvider');
  return session;
}

/** For screens that need the profile: the shell shows first run until there is one. */
export function useProfile(): PartnerProfile {
  const { profile } = useSession();
  if (profile === undefined) throw new Error('useProfile before the profile was loaded');
  return profile;
}
