import { Button, Link, Subtitle1, Text } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { answered } from '../api/apiClient';
import { ApiProblem } from '../api/apiProblem';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { Loading, ProblemBar, SuccessBar } from '../ui/feedback';
import { useApiAction } from '../ui/useApiAction';
import { consentRedirectUri, consentReturn, type MicrosoftConnection } from './microsoftText';

/**
 * Admin → Connect to Microsoft: the partner tenant's connection (connected, consent missing,
 * withdrawn), the admin consent link a Global Administrator follows, and a re-check. Back from
 * Entra's consent page the connection is checked at once.
 */
export function ConnectToMicrosoft() {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const [connection, setConnection] = useState<MicrosoftConnection>();
  const [loadProblem, setLoadProblem] = useState<ApiProblem>();
  const { busy, problem, run } = useApiAction();
  const [connectedNow, setConnectedNow] = useState(false);

  const check = useCallback(
    () =>
      run(async () => {
        const checked = await answered(api.POST('/api/partner/microsoft-connection/check'));
        setConnection((before) => ({ ...checked.body, consentUrl: before?.consentUrl ?? null }));
        setConnectedNow(checked.body.state === 'connected');
      }),
    [api, run],
  );

  useEffect(() => {
    let current = true;
    answered(
      api.GET('/api/partner/microsoft-connection', {
        params: { query: { redirectUri: consentRedirectUri(window.location) } },
      }),
    )
      .then((result) => {
        if (!current) return;
        setConnection(result.body);
        if (consentReturn(window.location.search) === 'granted') void check();
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        if (current) setLoadProblem(error);
      });
    return () => {
      current = false;
    };
  }, [api, check]);

  return (
    <section aria-labelledby="microsoft-title">
      <Subtitle1 as="h2" id="microsoft-title">
        {t.microsoft.connectTitle}
      </Subtitle1>
      <Text as="p">{t.microsoft.connectIntro}</Text>
      {loadProblem && <ProblemBar problem={loadProblem} />}
      {problem && <ProblemBar problem={problem} focusOnShow />}
      {connectedNow && <SuccessBar>{t.microsoft.connectedNow}</SuccessBar>}
      {!loadProblem && connection === undefined && <Loading />}
      {connection && (
        <>
          <Text as="p" weight="semibold" id="microsoft-state">
            {format(t.microsoft.stateLine, {
              state: t.microsoft.state[connection.state] ?? connection.state,
            })}
          </Text>
          <Text as="p">
            {connection.checkedAt === null
              ? t.microsoft.neverChecked
              : format(t.microsoft.checkedAt, { date: formatDate(connection.checkedAt) })}
          </Text>
          <Text as="p">
            {format(t.microsoft.permission, {
              permission: connection.permissions.join(', '),
            })}
          </Text>
          {connection.consentUrl === null ? (
            <Text as="p">{t.microsoft.notConfigured}</Text>
          ) : (
            connection.state !== 'connected' && (
              <p>
                <Link href={connection.consentUrl}>{t.microsoft.consentLink}</Link>
              </p>
            )
          )}
          <div className="actions">
            <Button onClick={() => void check()} disabled={busy}>
              {busy ? t.microsoft.checking : t.microsoft.check}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
