import { Button, Select, Text } from '@fluentui/react-components';
import { useEffect, useId, type ReactNode } from 'react';
import type { ApiProblem } from '../api/apiProblem';
import { isAdminAgent } from '../auth/signIn';
import { AdminScreen } from '../admin/AdminScreen';
import { BatchesScreen } from '../batches/BatchesScreen';
import { BatchScreen } from '../batches/BatchScreen';
import { CustomersScreen } from '../customers/CustomersScreen';
import { FirstRunScreen } from '../firstRun/FirstRunScreen';
import { UI_LOCALES, useI18n, type UiLocale } from '../i18n/i18n';
import { InvitationsScreen } from '../invitations/InvitationsScreen';
import { RequestScreen } from '../request/RequestScreen';
import { ReviewScreen } from '../review/ReviewScreen';
import { Loading, ProblemBar } from '../ui/feedback';
import { PATHS } from './paths';
import { matchPath, RouteLink, useRouter } from './router';
import { useSession } from './session';

export type ShellState =
  | { kind: 'loading' }
  | { kind: 'first-run' }
  | { kind: 'ready' }
  | { kind: 'message'; text: string }
  | { kind: 'problem'; problem: ApiProblem; retry: () => void };

/** The header (navigation in Partner Center's order, language, who is signed in) and the screen. */
export function Shell({ state }: { state: ShellState }) {
  const { t, locale, setLocale } = useI18n();
  const { user, signOut } = useSession();
  const { path } = useRouter();
  const languageId = useId();
  const admin = isAdminAgent(user);
  const navItems: Array<[string, string]> = [
    [PATHS.customers, t.nav.customers],
    [PATHS.request, t.nav.request],
    [PATHS.invitations, t.nav.invitations],
    ...(admin ? [[PATHS.admin, t.nav.admin] as [string, string]] : []),
  ];
  return (
    <>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <header className="shell-header">
        <Text weight="semibold" size={400}>
          {t.appName}
        </Text>
        {state.kind === 'ready' && (
          <nav aria-label={t.nav.label}>
            <ul>
              {navItems.map(([to, label]) => (
                <li key={to}>
                  <RouteLink to={to} current={path.split('?')[0] === to}>
                    {label}
                  </RouteLink>
                </li>
              ))}
            </ul>
          </nav>
        )}
        <div className="shell-user">
          <label htmlFor={languageId}>{t.language}</label>
          <Select
            id={languageId}
            value={locale}
            onChange={(_, data) => setLocale(data.value as UiLocale)}
          >
            {UI_LOCALES.map((code) => (
              <option key={code} value={code}>
                {code === 'de-DE' ? 'Deutsch' : 'English'}
              </option>
            ))}
          </Select>
          <Text>{user.name}</Text>
          <Button onClick={signOut}>{t.signOut}</Button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {content(state)}
      </main>
    </>
  );
}

function content(state: ShellState): ReactNode {
  switch (state.kind) {
    case 'loading':
      return <Loading />;
    case 'message':
      return <p role="alert">{state.text}</p>;
    case 'problem':
      return <ProblemBar problem={state.problem} onRetry={state.retry} />;
    case 'first-run':
      return <FirstRunScreen />;
    case 'ready':
      return <Screen />;
  }
}

function Screen() {
  const { t } = useI18n();
  const { path } = useRouter();
  const route = (pattern: string) => matchPath(pattern, path);
  if (route('/') || route(PATHS.welcome)) return <Redirect to={PATHS.customers} />;
  if (route(PATHS.customers)) return <CustomersScreen />;
  if (route(PATHS.request)) return <RequestScreen />;
  if (route(PATHS.invitations)) return <InvitationsScreen />;
  if (route(PATHS.batches)) return <BatchesScreen />;
  const batch = route('/invitations/batches/:id');
  if (batch) return <BatchScreen batchId={batch.id!} />;
  const review = route('/invitations/:id/review');
  if (review) return <ReviewScreen invitationId={review.id!} />;
  if (route(PATHS.admin)) return <AdminScreen />;
  return <p>{t.notFound}</p>;
}

function Redirect({ to }: { to: string }) {
  const { navigate } = useRouter();
  useEffect(() => navigate(to, { replace: true }), [navigate, to]);
  return <Loading />;
}
