import { Button, Input, Subtitle2, Text } from '@fluentui/react-components';
import { useState, type FormEvent } from 'react';
import { entraRole } from '../../../shared/domain/entraRoles';
import { answered } from '../api/apiClient';
import type { Customer, SupportContactInput } from '../api/schemas';
import { isAdminAgent } from '../auth/signIn';
import { useProfile, useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { CustomerAccess } from '../microsoft/CustomerAccess';
import { ResellerConfirmationDetails } from '../microsoft/ResellerConfirmationDetails';
import { ApiField } from '../ui/ApiField';
import { ProblemBar, SuccessBar } from '../ui/feedback';
import { useApiAction } from '../ui/useApiAction';

/** The grant's roles by name, its term, auto-extension, or who ended it. */
function DelegatedAdminDetails({ customer }: { customer: Customer }) {
  const { t, locale, formatDate } = useI18n();
  const grant = customer.delegatedAdmin;
  const roles = grant.roles.map((id) => entraRole(id)?.name[locale] ?? id).join(', ');
  return (
    <div>
      <Subtitle2 as="h2">{t.customers.daTitle}</Subtitle2>
      {grant.status === null ? (
        <Text as="p">{t.customers.daNone}</Text>
      ) : (
        <>
          <Text as="p">
            {t.customers.daStatus[grant.status]}. {format(t.customers.daRoles, { roles })}
          </Text>
          <Text as="p">
            {format(t.customers.daTerm, {
              start: formatDate(grant.startsAt ?? undefined),
              end: grant.endsAt === null ? t.customers.daNoEnd : formatDate(grant.endsAt),
            })}
          </Text>
          {grant.autoExtend && <Text as="p">{t.customers.daAutoExtend}</Text>}
          {grant.removalRequestedAt !== undefined && (
            <Text as="p">
              {format(t.customers.daRemovalRequested, {
                date: formatDate(grant.removalRequestedAt),
              })}
            </Text>
          )}
          {grant.terminatedAt !== undefined && (
            <Text as="p">
              {format(
                grant.terminatedBy?.startsWith('microsoft:')
                  ? t.customers.daTerminatedInMicrosoft
                  : t.customers.daTerminated,
                { date: formatDate(grant.terminatedAt) },
              )}
            </Text>
          )}
        </>
      )}
    </div>
  );
}

/** A customer's row, expanded: admin privileges, support contact, removal, history. */
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
  const [contact, setContact] = useState<SupportContactInput>(() => {
    const assigned = customer.supportContact;
    return assigned === null
      ? { name: user.name, supportTenantId: user.tenantId, supportMpnId: profile.mpnId }
      : {
          name: assigned.name,
          supportTenantId: assigned.supportTenantId,
          supportMpnId: assigned.supportMpnId,
        };
  });
  const { busy, problem, run } = useApiAction();
  const [saved, setSaved] = useState<string>();
  const company = customer.companyName;

  const saveContact = (event: FormEvent) => {
    event.preventDefault();
    setSaved(undefined);
    void run(async () => {
      const result = await answered(
        api.PUT('/api/customers/{id}/support-contact', {
          params: { path: { id: customer.id } },
          body: contact,
        }),
      );
      onChanged({ ...customer, supportContact: result.body });
      setSaved(contact.name);
    });
  };
  const history: Array<[string, string | undefined]> = [
    [t.customers.historyCreated, customer.relationship.createdAt],
    [t.customers.historyActivated, customer.relationship.activatedAt],
    [t.customers.historyMca, customer.mca.acceptedAt],
    [
      format(t.customers.historyDap, {
        // A request Microsoft has not confirmed yet has no state of its own: say what it waits for.
        state:
          customer.delegatedAdmin.state === 'none' && customer.delegatedAdmin.status !== null
            ? t.customers.daStatus[customer.delegatedAdmin.status]
            : t.customers.dapState[customer.delegatedAdmin.state],
      }),
      customer.delegatedAdmin.changedAt,
    ],
  ];

  return (
    <section className="details" aria-label={format(t.customers.details, { company })}>
      {problem && <ProblemBar problem={problem} focusOnShow />}
      <ResellerConfirmationDetails customer={customer} onChanged={onChanged} />
      <DelegatedAdminDetails customer={customer} />
      <CustomerAccess customerId={customer.id} />
      <form className="form" onSubmit={saveContact} noValidate>
        <Subtitle2 as="h2">{t.customers.contactTitle}</Subtitle2>
        {saved && <SuccessBar>{format(t.customers.contactSaved, { name: saved })}</SuccessBar>}
        <ApiField name="name" problem={problem} label={t.customers.contactName} required>
          <Input
            value={contact.name}
            onChange={(_, d) => setContact({ ...contact, name: d.value })}
          />
        </ApiField>
        <ApiField
          name="supportTenantId"
          problem={problem}
          label={t.customers.contactTenantId}
          required
        >
          <Input
            value={contact.supportTenantId}
            onChange={(_, d) => setContact({ ...contact, supportTenantId: d.value })}
          />
        </ApiField>
        <ApiField name="supportMpnId" problem={problem} label={t.customers.contactMpnId} required>
          <Input
            value={contact.supportMpnId}
            inputMode="numeric"
            onChange={(_, d) => setContact({ ...contact, supportMpnId: d.value })}
          />
        </ApiField>
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
