import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { decideTransition } from '../../../shared/domain/invitationStatus';
import { ApiProblem } from '../api/apiProblem';
import { answered } from '../api/apiClient';
import type { Invitation, InvitationSummary } from '../api/schemas';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Loading, ProblemBar, SuccessBar } from '../ui/feedback';
import { deliveryNeedsNewAddress } from './deliveryBadge';
import { FixAddressDialog } from './FixAddressDialog';
import { resendWait } from './resendWait';

/**
 * One invitation, expanded: its history, resend (showing the rate limit's wait) and revoke; for
 * an email that bounced, a new invitation to the fixed address (`onReplaced` then reloads).
 */
export function InvitationActions({
  summary,
  onChanged,
  onReplaced,
}: {
  summary: InvitationSummary;
  onChanged: (invitation: Invitation) => void;
  onReplaced?: () => void;
}) {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const [invitation, setInvitation] = useState<Invitation>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [notice, setNotice] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [fixing, setFixing] = useState(false);
  const [busy, setBusy] = useState(false);
  const company = summary.customer.companyName;

  const load = useCallback(async () => {
    const result = await answered(
      api.GET('/api/invitations/{id}', { params: { path: { id: summary.id } } }),
    );
    setInvitation(result.body);
    return result.body;
  }, [api, summary.id]);
  useEffect(() => {
    load().catch((error: unknown) => {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    });
  }, [load]);

  const act = async (action: 'resend' | 'revoke') => {
    setBusy(true);
    setProblem(undefined);
    setNotice(undefined);
    try {
      await api.POST(`/api/invitations/{id}/${action}`, { params: { path: { id: summary.id } } });
      setConfirming(false);
      onChanged(await load());
      setNotice(
        action === 'resend' ? t.invitations.resent : format(t.invitations.revoked, { company }),
      );
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      if (error.code === 'RESEND_RATE_LIMITED' && error.retryAfterSeconds !== undefined) {
        const wait = resendWait(error.retryAfterSeconds, new Date());
        setNotice(
          format(t.invitations.resendWait, {
            minutes: wait.minutes,
            time: formatDate(wait.at.toISOString()),
          }),
        );
      } else {
        setProblem(error);
      }
    } finally {
      setBusy(false);
    }
  };

  if (invitation === undefined) {
    return problem ? <ProblemBar problem={problem} /> : <Loading />;
  }
  const canResend = invitation.status === 'sent';
  const canRevoke = decideTransition(invitation.status, 'revoke').kind === 'move';
  const { delivery } = invitation;
  const undelivered = delivery !== undefined && deliveryNeedsNewAddress(delivery.state);
  return (
    <div className="details">
      <div>
        <Subtitle2 as="h2">{t.invitations.historyTitle}</Subtitle2>
        <ol className="history">
          {invitation.history.map((entry) => (
            <li key={`${entry.at}-${entry.to}`}>
              <Text>
                {formatDate(entry.at)}:{' '}
                {format(t.invitations.historyEntry, {
                  from: entry.from === null ? '—' : t.invitations.statuses[entry.from],
                  to: t.invitations.statuses[entry.to],
                })}
              </Text>
            </li>
          ))}
        </ol>
      </div>
      <div className="form">
        {undelivered && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              {format(t.invitations.deliveryFailed, {
                email: invitation.customer.email,
                date: formatDate(delivery.at),
                reason: delivery.reason ?? t.invitations.deliveryStates[delivery.state],
              })}
            </MessageBarBody>
            {canRevoke && (
              <MessageBarActions>
                <Button onClick={() => setFixing(true)}>{t.invitations.fixAddress}</Button>
              </MessageBarActions>
            )}
          </MessageBar>
        )}
        {problem && <ProblemBar problem={problem} />}
        {notice && <SuccessBar>{notice}</SuccessBar>}
        <div className="actions">
          {canResend && (
            <Button disabled={busy} onClick={() => void act('resend')}>
              {t.invitations.resend}
            </Button>
          )}
          {canRevoke && (
            <Button disabled={busy} onClick={() => setConfirming(true)}>
              {t.invitations.revoke}
            </Button>
          )}
        </div>
        <ConfirmDialog
          open={confirming}
          title={format(t.invitations.revokeConfirmTitle, { company })}
          text={format(t.invitations.revokeConfirmText, { company })}
          confirmLabel={t.invitations.revoke}
          busy={busy}
          onConfirm={() => void act('revoke')}
          onCancel={() => setConfirming(false)}
        />
        {fixing && (
          <FixAddressDialog
            invitation={invitation}
            open
            onClose={() => setFixing(false)}
            onReplaced={(email) => {
              setFixing(false);
              setNotice(format(t.invitations.fixed, { email, old: invitation.customer.email }));
              void load().then(onChanged);
              onReplaced?.();
            }}
          />
        )}
      </div>
    </div>
  );
}
