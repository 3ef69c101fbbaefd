import { Button, Text, Title2 } from '@fluentui/react-components';
import type { UserManager } from 'oidc-client-ts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiProblem, answered, createApiClient } from '../api/apiClient';
import type { PartnerProfile } from '../api/schemas';
import { CALLBACK_PATH, createUserManager, toPartnerUser, type PartnerUser } from '../auth/signIn';
import { format, useI18n } from '../i18n/i18n';
import { Loading } from '../ui/feedback';
import { loadConsoleConfig, type ConsoleConfig } from './consoleConfig';
import { useRouter } from './router';
import { SessionProvider, type Session } from './session';
import { Shell } from './Shell';

type Stage =
  | { kind: 'starting' }
  | { kind: 'failed'; reason: string }
  | { kind: 'signed-out' }
  | { kind: 'signed-in'; user: PartnerUser };

/** Loads the configuration, completes or starts the sign-in, then hands over to the shell. */
export function App() {
  const { t } = useI18n();
  const { path, navigate } = useRouter();
  const [config, setConfig] = useState<ConsoleConfig>();
  const [users, setUsers] = useState<UserManager>();
  const [stage, setStage] = useState<Stage>({ kind: 'starting' });

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const loaded = await loadConsoleConfig();
      const manager = createUserManager(loaded);
      let user = null;
      if (window.location.pathname === CALLBACK_PATH) {
        user = await manager.signinRedirectCallback();
        const returnTo = (user.state as { returnTo?: string } | undefined)?.returnTo ?? '/';
        navigate(returnTo.startsWith('/') ? returnTo : '/', { replace: true });
      } else {
        user = await manager.getUser();
      }
      if (cancelled) return;
      setConfig(loaded);
      setUsers(manager);
      setStage(
        user === null || user.expired
          ? { kind: 'signed-out' }
          : { kind: 'signed-in', user: toPartnerUser(user) },
      );
    })().catch((error: unknown) => {
      if (!cancelled) setStage({ kind: 'failed', reason: String((error as Error).message) });
    });
    return () => {
      cancelled = true;
    };
    // Runs once: the callback URL is read before the router changes it.
  }, []);

  const signIn = useCallback(() => {
    void users?.signinRedirect({ state: { returnTo: path === CALLBACK_PATH ? '/' : path } });
  }, [users, path]);

  if (stage.kind === 'starting') {
    return (
      <main>
        <Loading label={t.signingIn} />
      </main>
    );
  }
  if (stage.kind === 'failed') {
    return (
      <main>
        <Title2 as="h1">{t.appName}</Title2>
        <p role="alert">{format(t.signInFailed, { reason: stage.reason })}</p>
        <Button appearance="primary" onClick={() => window.location.assign('/')}>
          {t.retry}
        </Button>
      </main>
    );
  }
  if (stage.kind === 'signed-out') {
    return (
      <main>
        <Title2 as="h1">{t.appName}</Title2>
        <p>
          <Text>{t.signInIntro}</Text>
        </p>
        <Button appearance="primary" onClick={signIn}>
          {t.signIn}
        </Button>
      </main>
    );
  }
  return (
    <SignedIn
      config={config!}
      user={stage.user}
      onSignedOut={() => {
        void users?.removeUser().then(() => setStage({ kind: 'signed-out' }));
      }}
    />
  );
}

function SignedIn({
  config,
  user,
  onSignedOut,
}: {
  config: ConsoleConfig;
  user: PartnerUser;
  onSignedOut: () => void;
}) {
  const { t } = useI18n();
  const [profile, setProfile] = useState<PartnerProfile>();
  const [profileState, setProfileState] = useState<'loading' | 'missing' | 'ready' | ApiProblem>(
    'loading',
  );
  const api = useMemo(
    () => createApiClient(config.apiBaseUrl, () => user.accessToken, onSignedOut),
    [config.apiBaseUrl, user.accessToken, onSignedOut],
  );
  const loadProfile = useCallback(() => {
    setProfileState('loading');
    answered(api.GET('/api/partner')).then(
      (result) => {
        setProfile(result.body);
        setProfileState('ready');
      },
      (error: unknown) => {
        if (error instanceof ApiProblem && error.status === 404) setProfileState('missing');
        else if (error instanceof ApiProblem) setProfileState(error);
        else throw error;
      },
    );
  }, [api]);
  useEffect(loadProfile, [loadProfile]);

  const session: Session = {
    user,
    api,
    profile,
    setProfile: (next) => {
      setProfile(next);
      setProfileState('ready');
    },
    signOut: onSignedOut,
  };
  const hasRole = user.roles.includes('AdminAgent') || user.roles.includes('SalesAgent');
  return (
    <SessionProvider session={session}>
      <Shell
        state={
          !hasRole
            ? { kind: 'message', text: t.noRole }
            : profileState === 'loading'
              ? { kind: 'loading' }
              : profileState === 'missing'
                ? { kind: 'first-run' }
                : profileState === 'ready'
                  ? { kind: 'ready' }
                  : { kind: 'problem', problem: profileState, retry: loadProfile }
        }
      />
    </SessionProvider>
  );
}
