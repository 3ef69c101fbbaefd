import { Badge, type BadgeProps } from '@fluentui/react-components';
import type { DeliveryState, EmailDelivery } from '../api/schemas';
import { useI18n } from '../i18n/i18n';

/** A bounce or a drop: the customer never got the link, so the partner must fix the address. */
export function deliveryNeedsNewAddress(state: DeliveryState): boolean {
  return state === 'bounced' || state === 'dropped';
}

const COLOR: Record<DeliveryState, BadgeProps['color']> = {
  processed: 'informative',
  deferred: 'warning',
  delivered: 'success',
  opened: 'success',
  bounced: 'danger',
  dropped: 'danger',
  'spam-reported': 'warning',
};

/** The invitation email's delivery state as a badge ("Email bounced"); nothing before the first event. */
export function DeliveryBadge({ delivery }: { delivery: EmailDelivery | undefined }) {
  const { t } = useI18n();
  if (delivery === undefined) return null;
  return (
    <Badge appearance="tint" color={COLOR[delivery.state]} shape="rounded">
      {t.invitations.deliveryStates[delivery.state]}
    </Badge>
  );
}
