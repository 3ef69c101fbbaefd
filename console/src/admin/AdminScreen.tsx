import {
  Button,
  Checkbox,
  Field,
  Input,
  Subtitle1,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
} from '@fluentui/react-components';
import { useCallback, useState, type FormEvent } from 'react';
import { WEBHOOK_EVENTS, type AuditEvent, type Page, type Webhook } from '../api/apiTypes';
import { isAdminAgent } from '../auth/signIn';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { fieldErrorText } from '../i18n/problemText';
import { EmptyState, Loading, PageFooter, ProblemBar, SuccessBar } from '../ui/feedback';
import { useApiAction } from '../ui/useApiAction';
import { usePagedList } from '../ui/usePagedList';

/** Admin (Admin agents only): the partner's webhooks and its audit log. */
export function AdminScreen() {
  const { t } = useI18n();
  const { user } = useSession();
  if (!isAdminAgent(user)) return <p role="alert">{t.admin.onlyAdmin}</p>;
  return (
    <>
      <Title2 as="h1">{t.admin.title}</Title2>
      <Webhooks />
      <AuditLog />
    </>
  );
}

function Webhooks() {
  const { t } = useI18n();
  const { api } = useSession();
  const fetchPage = useCallback(
    async () => (await api<Page<Webhook>>('/api/webhooks')).body,
    [api],
  );
  const list = usePagedList(fetchPage, 'webhooks');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>([...WEBHOOK_EVENTS]);
  const { problem, run } = useApiAction();
  const [secret, setSecret] = useState<string>();

  const add = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await api<Webhook & { secret: string }>('/api/webhooks', {
        method: 'POST',
        json: { url, events },
      });
      setSecret(created.body.secret);
      setUrl('');
      list.reload();
    });
  };
  const remove = (webhook: Webhook) =>
    run(async () => {
      await api(`/api/webhooks/${encodeURIComponent(webhook.id)}`, { method: 'DELETE' });
      list.update((w) => w.id === webhook.id, undefined);
    });

  return (
    <section aria-labelledby="webhooks-title">
      <Subtitle1 as="h2" id="webhooks-title">
        {t.admin.webhooks}
      </Subtitle1>
      <p>
        <Text>{t.admin.webhooksIntro}</Text>
      </p>
      {list.problem && <ProblemBar problem={list.problem} onRetry={list.reload} />}
      {list.loading && <Loading />}
      {!list.loading && list.items.length === 0 && <EmptyState>{t.admin.noWebhooks}</EmptyState>}
      <ul>
        {list.items.map((webhook) => (
          <li key={webhook.id} className="actions">
            <Text>
              {webhook.url} ({webhook.events.join(', ')})
            </Text>
            <Button onClick={() => void remove(webhook)}>
              {format(t.admin.deleteWebhook, { url: webhook.url })}
            </Button>
          </li>
        ))}
      </ul>
      <form className="form" onSubmit={add} noValidate>
        {problem && <ProblemBar problem={problem} />}
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

function AuditLog() {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const fetchPage = useCallback(
    async (continuationToken: string | undefined) =>
      (await api<Page<AuditEvent>>('/api/audit-events', { query: { continuationToken } })).body,
    [api],
  );
  const list = usePagedList(fetchPage, 'audit');
  return (
    <section aria-labelledby="audit-title">
      <Subtitle1 as="h2" id="audit-title">
        {t.admin.audit}
      </Subtitle1>
      {list.problem && <ProblemBar problem={list.problem} onRetry={list.reload} />}
      {!list.loading && list.items.length === 0 && <EmptyState>{t.admin.auditEmpty}</EmptyState>}
      {list.items.length > 0 && (
        <div className="table-scroll">
          <Table aria-label={t.admin.audit}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.admin.when}</TableHeaderCell>
                <TableHeaderCell>{t.admin.who}</TableHeaderCell>
                <TableHeaderCell>{t.admin.what}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.items.map((event) => (
                <TableRow key={event.id}>
                  <TableCell>{formatDate(event.at)}</TableCell>
                  <TableCell>{event.actor}</TableCell>
                  <TableCell>
                    {event.action}
                    {event.subject ? ` · ${event.subject}` : ''}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <PageFooter list={list} />
    </section>
  );
}
