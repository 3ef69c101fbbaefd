import {
  Button,
  Checkbox,
  Field,
  Input,
  Subtitle1,
  Text,
  Title2,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { answered } from '../api/apiClient';
import type { Webhook, WebhookEventType } from '../api/schemas';
import { WEBHOOK_EVENT_TYPES as WEBHOOK_EVENTS } from '../../../shared/domain/webhookEvents';
import { isAdminAgent } from '../auth/signIn';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { fieldErrorText } from '../i18n/problemText';
import { EmptyState, Loading, ProblemBar, SuccessBar } from '../ui/feedback';
import { useApiAction } from '../ui/useApiAction';
import { usePagedList } from '../ui/usePagedList';
import { AccessTemplateEditor } from '../microsoft/AccessTemplateEditor';
import { ConnectToMicrosoft } from '../microsoft/ConnectToMicrosoft';
import { AuditLog } from './AuditLog';
import { WebhookItem } from './WebhookItem';

/**
 * Admin (Admin agents only): the connection to Microsoft, the access template, the partner's
 * webhooks and its audit log.
 */
export function AdminScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  if (!isAdminAgent(user)) return <p role="alert">{t.admin.onlyAdmin}</p>;
  return (
    <>
      <Title2 as="h1">{t.admin.title}</Title2>
      <ConnectToMicrosoft />
      <AccessTemplateEditor />
      <Webhooks />
      <AuditLog />
    </>
  );
}

function Webhooks() {
  const { t } = useI18n();
  const { api } = useSession();
  const fetchPage = useCallback(async () => (await answered(api.GET('/api/webhooks'))).body, [api]);
  const list = usePagedList(fetchPage, 'webhooks');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEventType[]>([...WEBHOOK_EVENTS]);
  const { problem, run } = useApiAction();
  const [secret, setSecret] = useState<string>();

  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await answered(api.POST('/api/webhooks', { body: { url, events } }));
      setSecret(created.body.secret);
      setUrl('');
      list.reload();
    });
  };
  const remove = (webhook: Webhook) =>
    run(async () => {
      await api.DELETE('/api/webhooks/{id}', { params: { path: { id: webhook.id } } });
      list.update((w) => w.id === webhook.id, undefined);
    });

  return (
    <section aria-labelledby="webhooks-title">
      <Subtitle1 as="h2" id="webhooks-title">
        {t.admin.webhooks}
      </Subtitle1>
      <Text as="p">{t.admin.webhooksIntro}</Text>
      {list.problem && <ProblemBar problem={list.problem} onRetry={list.reload} />}
      {list.loading && <Loading />}
      {!list.loading && list.items.length === 0 && <EmptyState>{t.admin.noWebhooks}</EmptyState>}
      {list.items.length > 0 && (
        <ul className="webhook-list">
          {list.items.map((webhook) => (
            <WebhookItem key={webhook.id} webhook={webhook} onDelete={() => void remove(webhook)} />
          ))}
        </ul>
      )}
      <form className="form" onSubmit={add} noValidate>
        {problem && <ProblemBar problem={problem} focusOnShow />}
        {secret && <SuccessBar>{format(t.admin.secretOnce, { secret })}</SuccessBar>}
        <Field
          label={t.admin.webhookUrl}
          required
          validationMessage={fieldErrorText(t, problem, 'url')}
        >
          <Input type="url" value={url} onChange={(_, data) => setUrl(data.value)} />
        </Field>
        <fieldset>
          <legend>{t.admin.events}</legend>
          {WEBHOOK_EVENTS.map((name) => (
            <Checkbox
              key={name}
              label={name}
              checked={events.includes(name)}
              onChange={(_, data) =>
                setEvents(data.checked ? [...events, name] : events.filter((e) => e !== name))
              }
            />
          ))}
        </fieldset>
        <div className="actions">
          <Button type="submit" appearance="primary">
            {t.admin.addWebhook}
          </Button>
        </div>
      </form>
    </section>
  );
}
