import { Button, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { answered } from '../api/apiClient';
import type { Webhook } from '../api/schemas';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { ProblemBar, SuccessBar } from '../ui/feedback';
import { useApiAction } from '../ui/useApiAction';
import { useWebhookDeliveries, WebhookDeliveries } from './WebhookDeliveries';

/** One webhook: its endpoint and events; test it, renew its secret, see its deliveries, delete. */
export function WebhookItem({ webhook, onDelete }: { webhook: Webhook; onDelete: () => void }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { busy, problem, run } = useApiAction();
  const [notice, setNotice] = useState<string>();
  const [open, setOpen] = useState(false);
  const params = { path: { id: webhook.id } };
  const deliveriesId = `deliveries-${webhook.id}`;

  const ping = () =>
    void run(async () => {
      setNotice(undefined);
      await api.POST('/api/webhooks/{id}/ping', { params });
      setNotice(format(t.admin.pinged, { url: webhook.url }));
      setOpen(true);
    });
  const rotate = () =>
    void run(async () => {
      setNotice(undefined);
      const rotated = await answered(api.POST('/api/webhooks/{id}/rotate-secret', { params }));
      setNotice(format(t.admin.rotated, { secret: rotated.body.secret }));
    });

  return (
    <li>
      <Text weight="semibold" block>
        {webhook.url}
      </Text>
      <Text size={200} className="secondary-text">
        {format(t.admin.webhookEvents, { events: webhook.events.join(', ') })}
      </Text>
      {problem && <ProblemBar problem={problem} />}
      {notice && <SuccessBar>{notice}</SuccessBar>}
      <div className="actions">
        <Button disabled={busy} onClick={ping}>
          {t.admin.ping}
        </Button>
        <Button disabled={busy} onClick={rotate}>
          {t.admin.rotate}
        </Button>
        <Button aria-expanded={open} aria-controls={deliveriesId} onClick={() => setOpen(!open)}>
          {open ? t.admin.hideDeliveries : t.admin.showDeliveries}
        </Button>
        <Button disabled={busy} onClick={onDelete}>
          {format(t.admin.deleteWebhook, { url: webhook.url })}
        </Button>
      </div>
      <div id={deliveriesId}>{open && <OpenDeliveries webhookId={webhook.id} />}</div>
    </li>
  );
}

function OpenDeliveries({ webhookId }: { webhookId: string }) {
  const list = useWebhookDeliveries(webhookId);
  return <WebhookDeliveries webhookId={webhookId} list={list} />;
}
