import { Button, Field, Input, Spinner, Text, Textarea, Title2 } from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { missingLinkFields } from '../../../shared/domain/draftLink';
import { decideTransition } from '../../../shared/domain/invitationStatus';
import { ApiProblem } from '../api/apiProblem';
import type { EmailDraft as Draft, Invitation } from '../api/schemas';
import { PATHS } from '../app/paths';
import { useRouter } from '../app/router';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { Loading, ProblemBar, SuccessBar } from '../ui/feedback';
import { copyDraft } from './draftClipboard';
import { answered } from '../api/apiClient';

type Notice = 'saved' | 'copied' | 'copyFailed' | 'sent' | undefined;

/** How often a sending invitation's status is asked for, until it settles. */
const STATUS_POLL_MS = 2000;

/** Review the email: preview, edit (the link must stay), mail app, copy, send, done. */
export function ReviewScreen({ invitationId }: { invitationId: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { navigate } = useRouter();
  const [invitation, setInvitation] = useState<Invitation>();
  const [etag, setEtag] = useState<string>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [editing, setEditing] = useState<Draft>();
  const [busy, setBusy] = useState<'save' | 'send' | undefined>();
  const [notice, setNotice] = useState<Notice>();

  const load = useCallback(() => {
    setProblem(undefined);
    answered(api.GET('/api/invitations/{id}', { params: { path: { id: invitationId } } })).then(
      (result) => {
        setInvitation(result.body);
        setEtag(result.etag);
      },
      (error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        setProblem(error);
      },
    );
  }, [api, invitationId]);
  useEffect(load, [load]);
  // While the email is on its way the status moves without the partner doing anything: follow
  // it (the dispatch takes seconds) until it settles, as Partner Center's own pages do.
  const moving = invitation?.status === 'sending';
  useEffect(() => {
    if (!moving) return undefined;
    const timer = window.setInterval(() => {
      answered(api.GET('/api/invitations/{id}', { params: { path: { id: invitationId } } })).then(
        (result) => {
          setInvitation(result.body);
          setEtag(result.etag);
        },
        () => undefined, // the next tick tries again; a lasting problem shows on reload
      );
    }, STATUS_POLL_MS);
    return () => window.clearInterval(timer);
  }, [api, invitationId, moving]);

  if (invitation === undefined) {
    return problem ? <ProblemBar problem={problem} onRetry={load} /> : <Loading />;
  }

  const company = invitation.customer.companyName;
  const email = invitation.customer.email;
  const editable = decideTransition(invitation.status, 'editDraft').kind !== 'refuse';
  const sendable = decideTransition(invitation.status, 'send').kind === 'move';
  const missing = editing ? missingLinkFields(editing, invitation.acceptUrl) : [];
  const statusName = t.invitations.statuses[invitation.status];

  const run = async (kind: 'save' | 'send', action: () => Promise<void>) => {
    setBusy(kind);
    setProblem(undefined);
    setNotice(undefined);
    try {
      await action();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    } finally {
      setBusy(undefined);
    }
  };
  const save = () =>
    run('save', async () => {
      const saved = await answered(
        api.PATCH('/api/invitations/{id}/draft', {
          // Always known after a load; an empty one is refused as missing (428), as it should be.
          params: { path: { id: invitation.id }, header: { 'If-Match': etag ?? '' } },
          body: editing ?? {},
        }),
      );
      setInvitation(saved.body);
      setEtag(saved.etag);
      setEditing(undefined);
      setNotice('saved');
    });
  const send = () =>
    run('send', async () => {
      await api.POST('/api/invitations/{id}/send', { params: { path: { id: invitation.id } } });
      setInvitation({ ...invitation, status: 'sending' });
      setNotice('sent');
    });
  const copy = async () => {
    setNotice(undefined);
    try {
      await copyDraft(invitation.draft, navigator.clipboard);
      setNotice('copied');
    } catch {
      setNotice('copyFailed');
    }
  };

  return (
    <div className="form">
      <Title2 as="h1">{t.review.title}</Title2>
      <Text>{format(t.review.intro, { company })}</Text>
      <Text as="p" role="status" aria-live="polite">
        {format(invitation.status === 'sending' ? t.review.statusLive : t.review.status, {
          status: statusName,
        })}
      </Text>
      {problem && <ProblemBar problem={problem} />}
      <div aria-live="polite">
        {notice === 'saved' && <SuccessBar>{t.review.saved}</SuccessBar>}
        {notice === 'copied' && <SuccessBar>{format(t.review.copied, { email })}</SuccessBar>}
        {notice === 'copyFailed' && <p role="alert">{t.review.copyFailed}</p>}
        {notice === 'sent' && <SuccessBar>{format(t.review.sent, { email })}</SuccessBar>}
      </div>
      <dl>
        <dt>{t.review.to}</dt>
        <dd>{email}</dd>
        <dt>{t.review.subject}</dt>
        <dd>{invitation.draft.subject}</dd>
      </dl>
      {editing === undefined ? (
        <>
          <iframe
            className="preview-html"
            title={t.review.preview}
            sandbox=""
            srcDoc={invitation.draft.html}
          />
          <details>
            <summary>{t.review.body}</summary>
            <pre className="preview-text">{invitation.draft.text}</pre>
          </details>
        </>
      ) : (
        <>
          <Field label={t.review.subject}>
            <Input
              value={editing.subject}
              onChange={(_, data) => setEditing({ ...editing, subject: data.value })}
            />
          </Field>
          {(
            [
              ['text', t.review.body, t.review.linkRequiredText],
              ['html', t.review.html, t.review.linkRequiredHtml],
            ] as const
          ).map(([part, label, linkRequired]) => (
            <Field
              key={part}
              label={label}
              validationState={missing.includes(part) ? 'error' : 'none'}
              validationMessage={
                missing.includes(part)
                  ? format(linkRequired, { url: invitation.acceptUrl })
                  : undefined
              }
            >
              <Textarea
                resize="vertical"
                rows={12}
                value={editing[part]}
                onChange={(_, data) => setEditing({ ...editing, [part]: data.value })}
              />
            </Field>
          ))}
          <div className="actions">
            <Button
              appearance="primary"
              disabled={missing.length > 0 || busy !== undefined}
              onClick={() => void save()}
            >
              {busy === 'save' ? t.saving : t.save}
            </Button>
            <Button onClick={() => setEditing(undefined)}>{t.cancel}</Button>
          </div>
        </>
      )}
      {!editable && <Text as="p">{t.review.notEditable[invitation.status]}</Text>}
      {editing === undefined && (
        <div className="actions">
          {editable && (
            <Button onClick={() => setEditing({ ...invitation.draft })}>{t.review.edit}</Button>
          )}
          <Button as="a" href={invitation.mailtoUrl}>
            {t.review.openInEmailApp}
          </Button>
          <Button onClick={() => void copy()}>{t.review.copy}</Button>
          <Button
            appearance="primary"
            disabled={!sendable || busy !== undefined}
            onClick={() => void send()}
            icon={busy === 'send' ? <Spinner size="tiny" /> : undefined}
          >
            {busy === 'send' ? t.review.sending : t.review.send}
          </Button>
          <Button onClick={() => navigate(PATHS.customers)}>{t.review.done}</Button>
        </div>
      )}
    </div>
  );
}
