import { Button, Subtitle2, Text } from '@fluentui/react-components';
import { useState } from 'react';
import type { Customer } from '../api/schemas';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { ProblemBar } from '../ui/feedback';
import { useApiAction } from '../ui/useApiAction';
import { confirmationSummary } from './microsoftText';
import { answered } from '../api/apiClient';

/**
 * Whether Microsoft holds the customer's reseller relationship, and, while it does not, a check
 * with Microsoft now (the service checks by itself too, less often as days pass).
 */
export function ResellerConfirmationDetails({
  customer,
  onChanged,
}: {
  customer: Customer;
  onChanged: (customer: Customer) => void;
}) {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const { busy, problem, run } = useApiAction();
  const [stillAwaiting, setStillAwaiting] = useState(false);
  const confirmation = customer.relationship.confirmation;
  const check = () =>
    void run(async () => {
      const checked = await answered(
        api.POST('/api/customers/{id}/reseller-confirmation/check', {
          params: { path: { id: customer.id } },
        }),
      );
      setStillAwaiting(checked.body.relationship.confirmation.state !== 'confirmed');
      onChanged(checked.body);
    });
  return (
    <div>
      <Subtitle2 as="h2">{t.microsoft.confirmation}</Subtitle2>
      {problem && <ProblemBar problem={problem} focusOnShow />}
      <Text as="p">{confirmationSummary(t, formatDate, confirmation)}</Text>
      {stillAwaiting && (
        <Text as="p" role="status">
          {t.microsoft.stillAwaiting}
        </Text>
      )}
      {confirmation.state !== 'confirmed' && customer.relationship.status === 'active' && (
        <Button onClick={check} disabled={busy}>
          {busy ? t.microsoft.checking : t.microsoft.checkNow}
        </Button>
      )}
    </div>
  );
}
