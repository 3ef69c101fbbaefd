import { Button, Field, Input, Subtitle2, Text } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { ApiProblem } from '../api/apiProblem';
import type { Customer, SupportContact } from '../api/apiTypes';
import { isAdminAgent } from '../auth/signIn';
import { useProfile, useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { fieldErrorText } from '../i18n/problemText';
import { ProblemBar, SuccessBar } from '../ui/feedback';

/** A customer's row, expanded: support contact, removal (confirmed by name), history. */
export function CustomerDetails({
  customer,
  onChanged,
  onRemove,
}: {
  customer: Customer;
  onChanged: (customer: Customer) => void;
  /** Asks to remove the relationship; the list owns the confirmation, which outlives the row. */
  onRemove: () => void;
}) {
  const { t, formatDate } = useI18n();
  const { api, user } = useSession();
  const profile = useProfile();
  const [contact, setContact] = useState<SupportContact>(
    customer.supportContact ?? {
      name: user.name,
      supportTenantId: user.tenantId,
      supportMpnId: profile.mpnId,
    },
  );
  const [problem, setProblem] = useState<ApiProblem>();
  const [saved, setSaved] = useState<string>();
  const [busy, setBusy] = useState(false);
  const path = `/api/customers/${encodeURIComponent(customer.id)}`;
  const company = customer.companyName;

  const attempt = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(undefined);
    setSaved(undefined);
    try {
      await action();
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const saveContact = (event: FormEvent) => {
    event.preventDefault();
    void attempt(async () => {
      const result = await api<SupportContact>(`${path}/support-contact`, {
        method: 'PUT',
        json: contact,
      });
      onChanged({ ...customer, supportContact: result.body ?? contact });
      setSaved(contact.name);
    });
  };
  const error = (field: string) => fieldErrorText(t, problem, field);
  const history: Array<[string, string | undefined]> = [
    [t.customers.historyCreated, customer.relationship.createdAt],
    [t.customers.historyActivated, customer.relationship.activatedAt],
    [t.customers.historyMca, customer.mca.acceptedAt],
    [
      format(t.customers.historyDap, {
        state: t.customers.dapState[customer.delegatedAdmin.state],
      }),
      customer.delegatedAdmin.changedAt,
    ],
  ];

  return (
    <section className="details" aria-label={format(t.customers.details, { company })}>
      {problem && <ProblemBar problem={problem} />}
      <form className="form" onSubmit={saveContact} noValidate>
        <Subtitle2 as="h2">{t.customers.contactTitle}</Subtitle2>
        {saved && <SuccessBar>{format(t.customers.contactSaved, { name: saved })}</SuccessBar>}
        <Field label={t.customers.contactName} required validationMessage={error('name')}>
          <Input
            value={contact.name}
            onChange={(_, d) => setContact({ ...contact, name: d.value })}
          />
        </Field>
        <Field
          label={t.customers.contactTenantId}
          required
          validationMessage={error('supportTenantId')}
        >
          <Input
            value={contact.supportTenantId}
            onChange={(_, d) => setContact({ ...contact, supportTenantId: d.value })}
          />
        </Field>
        <Field label={t.customers.contactMpnId} required validationMessage={error('supportMpnId')}>
          <Input
            value={contact.supportMpnId}
            inputMode="numeric"
            onChange={(_, d) => setContact({ ...contact, supportMpnId: d.value })}
          />
        </Field>
        <div className="actions">
          <Button type="submit" appearance="primary" disabled={busy}>
            {t.customers.contactSave}
          </Button>
        </div>
      </form>
      <div>
        <Subtitle2 as="h2">{t.customers.historyTitle}</Subtitle2>
        <ol className="history">
          {history
            .filter(([, at]) => at !== undefined)
            .sort(([, a], [, b]) => a!.localeCompare(b!))
            .map(([what, at]) => (
              <li key={what}>
                <Text>
                  {formatDate(at)}: {what}
                </Text>
              </li>
            ))}
        </ol>
        <Subtitle2 as="h2">{t.customers.removeTitle}</Subtitle2>
        {isAdminAgent(user) ? (
          <Button onClick={onRemove}>{t.customers.remove}</Button>
        ) : (
          <Text>{t.customers.removeNeedsAdmin}</Text>
        )}
      </div>
    </section>
  );
}
