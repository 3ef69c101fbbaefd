import { Button, Text } from '@fluentui/react-components';
import { useCallback } from 'react';
import { answered } from '../api/apiClient';
import type { WebhookDelivery } from '../api/schemas';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { EmptyState, ListStatus, PageFooter, ProblemBar, SuccessBar } from '../ui/feedback';
import { useApiAction } from '../ui/useApiAction';
import type { PagedList } from '../ui/usePagedList';
import { usePagedList } from '../ui/usePagedList';
import { useState } from 'react';

/** A webhook's deliveries, newest first, loaded when the partner opens them. */
export function useWebhookDeliveries(webhookId: string): PagedList<WebhookDelivery> {
  const { api } = useSession();
  const fetchPage = useCallback(
    async (continuationToken: string | undefined) =>
      (
        await answered(
          api.GET('/api/webhooks/{id}/deliveries', {
            params: { path: { id: webhookId }, query: { continuationToken } },
          }),
        )
      ).body,
    [api, webhookId],
  );
  return usePagedList(fetchPage, `deliveries-${webhookId}`);
}

/**
 * Each delivery as a line (when, which event, delivered or not) with its attempts and the
 * receiver's last answer; a failed one can be delivered again.
 */
export function WebhookDeliveries({
  webhookId,
  list,
}: {
  webhookId: string;
  list: PagedList<WebhookDelivery>;
}) {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const { busy, problem, run } = useApiAction();
  const [redelivered, setRedelivered] = useState(false);
  const redeliver = (delivery: WebhookDelivery) =>
    void run(async () => {
      setRedelivered(false);
      await api.POST('/api/webhooks/{id}/deliveries/{deliveryId}/redeliver', {
        params: { path: { id: webhookId, deliveryId: delivery.id } },
      });
      setRedelivered(true);
      list.reload();
    });
  return (
    <div>
      {problem && <ProblemBar problem={problem} />}
      {redelivered && <SuccessBar>{t.admin.redelivered}</SuccessBar>}
      <ListStatus list={list} empty={<EmptyState>{t.admin.noDeliveries}</EmptyState>} />
      {list.items.length > 0 && (
        <ol className="audit-log" aria-label={t.admin.deliveries}>
          {list.items.map((delivery) => {
            const last = delivery.attempts.at(-1);
            return (
              <li key={delivery.id}>
                <Text>
                  {format(t.admin.deliveryLine, {
                    date: formatDate(delivery.createdAt),
                    event: delivery.eventType,
                    status: t.admin.deliveryStatuses[delivery.status] ?? delivery.status,
                  })}
                </Text>
                {last && (
                  <Text size={200} className="secondary-text">
                    {format(t.admin.deliveryAttempts, {
                      count: delivery.attempts.length,
                      last: last.status !== undefined ? `HTTP ${last.status}` : (last.error ?? '—'),
                    })}
                  </Text>
                )}
                {delivery.failureReason && (
                  <Text size={200} className="secondary-text">
                    {delivery.failureReason}
                  </Text>
                )}
                {delivery.status === 'failed' && (
                  <Button disabled={busy} onClick={() => redeliver(delivery)}>
                    {t.admin.redeliver}
                  </Button>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <PageFooter list={list} />
    </div>
  );
}
