import {
  Button,
  Field,
  SearchBox,
  Switch,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Title2,
} from '@fluentui/react-components';
import { Fragment, useCallback, useState } from 'react';
import { ApiProblem } from '../api/apiProblem';
import type { Customer, Page } from '../api/apiTypes';
import { PATHS } from '../app/paths';
import { useRouter } from '../app/router';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { EmptyState, ListStatus, PageFooter, ProblemBar, SuccessBar } from '../ui/feedback';
import { usePagedList } from '../ui/usePagedList';
import { CustomerDetails } from './CustomerDetails';
import { matchesCustomerSearch } from './customerSearch';

const COLUMNS = 7;
const ENDING_SOON_DAYS = 30;

/**
 * Customers: the active relationships, paged and searchable, or only those whose delegated admin
 * access ends within 30 days; a row expands to manage it.
 */
export function CustomersScreen() {
  const { t, formatDate, countryName } = useI18n();
  const { api } = useSession();
  const { navigate } = useRouter();
  const [query, setQuery] = useState('');
  const [endingSoon, setEndingSoon] = useState(false);
  const [expanded, setExpanded] = useState<string>();
  const [removedCompany, setRemovedCompany] = useState<string>();
  const [removing, setRemoving] = useState<Customer>();
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeProblem, setRemoveProblem] = useState<ApiProblem>();
  const fetchPage = useCallback(
    async (continuationToken: string | undefined) =>
      (
        await api<Page<Customer>>('/api/customers', {
          query: {
            continuationToken,
            delegatedAdminEndsWithinDays: endingSoon ? String(ENDING_SOON_DAYS) : undefined,
          },
        })
      ).body,
    [api, endingSoon],
  );
  const list = usePagedList(fetchPage, endingSoon ? 'customers-ending-soon' : 'customers');
  const shown = list.items.filter((customer) => matchesCustomerSearch(customer, query));
  const remove = async (customer: Customer) => {
    setRemoveBusy(true);
    setRemoveProblem(undefined);
    try {
      await api(`/api/customers/${encodeURIComponent(customer.id)}/relationship`, {
        method: 'DELETE',
      });
      setRemovedCompany(customer.companyName);
      list.update((c) => c.id === customer.id, undefined);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setRemoveProblem(error);
    } finally {
      setRemoving(undefined);
      setRemoveBusy(false);
    }
  };
  /** The state, and for a grant in effect its end: what the partner scans the list for. */
  const delegatedAdminSummary = ({ delegatedAdmin: grant }: Customer) => {
    if (grant.status === null) return t.customers.dapState.none;
    const label = t.customers.daStatus[grant.status];
    if (grant.status === 'active' || grant.status === 'expiring') {
      return `${label}, ${
        grant.endsAt === null
          ? t.customers.daNoEnd
          : format(t.customers.daUntil, { date: formatDate(grant.endsAt) })
      }`;
    }
    return `${label} ${format(t.customers.since, { date: formatDate(grant.changedAt) })}`;
  };
  const requestButton = (
    <Button appearance="primary" onClick={() => navigate(PATHS.request)}>
      {t.nav.request}
    </Button>
  );

  return (
    <>
      <Title2 as="h1">{t.customers.title}</Title2>
      <div className="actions">
        {requestButton}
        <Field label={t.customers.search} hint={t.customers.searchHint}>
          <SearchBox value={query} onChange={(_, data) => setQuery(data.value)} />
        </Field>
        <Switch
          label={t.customers.endingSoon}
          checked={endingSoon}
          onChange={(_, data) => setEndingSoon(data.checked)}
        />
      </div>
      {removedCompany && (
        <SuccessBar>{format(t.customers.removed, { company: removedCompany })}</SuccessBar>
      )}
      {removeProblem && <ProblemBar problem={removeProblem} />}
      <ConfirmDialog
        open={removing !== undefined}
        title={format(t.customers.removeConfirmTitle, { company: removing?.companyName ?? '' })}
        text={format(t.customers.removeConfirmText, { company: removing?.companyName ?? '' })}
        confirmLabel={t.customers.removeConfirm}
        busy={removeBusy}
        onConfirm={() => void (removing && remove(removing))}
        onCancel={() => setRemoving(undefined)}
      />
      <ListStatus
        list={list}
        empty={
          <EmptyState>{endingSoon ? t.customers.endingSoonEmpty : t.customers.empty}</EmptyState>
        }
      />
      {list.items.length > 0 && shown.length === 0 && (
        <EmptyState>{format(t.customers.noMatch, { query })}</EmptyState>
      )}
      {shown.length > 0 && (
        <div className="table-scroll">
          <Table aria-label={t.customers.title}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.customers.company}</TableHeaderCell>
                <TableHeaderCell>{t.customers.domain}</TableHeaderCell>
                <TableHeaderCell>{t.customers.country}</TableHeaderCell>
                <TableHeaderCell>{t.customers.delegatedAdmin}</TableHeaderCell>
                <TableHeaderCell>{t.customers.mca}</TableHeaderCell>
                <TableHeaderCell>{t.customers.supportContact}</TableHeaderCell>
                <TableHeaderCell>
                  <span className="skip-link">{t.customers.details}</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {shown.map((customer) => {
                const open = expanded === customer.id;
                const detailsId = `customer-${customer.id}`;
                return (
                  <Fragment key={customer.id}>
                    <TableRow>
                      <TableCell>{customer.companyName}</TableCell>
                      <TableCell>{customer.domain}</TableCell>
                      <TableCell>{countryName(customer.country)}</TableCell>
                      <TableCell>{delegatedAdminSummary(customer)}</TableCell>
                      <TableCell>
                        {customer.mca.accepted
                          ? format(t.customers.mcaAccepted, {
                              date: formatDate(customer.mca.acceptedAt),
                            })
                          : t.customers.mcaPending}
                      </TableCell>
                      <TableCell>{customer.supportContact?.name ?? t.customers.none}</TableCell>
                      <TableCell>
                        <Button
                          aria-expanded={open}
                          aria-controls={detailsId}
                          onClick={() => setExpanded(open ? undefined : customer.id)}
                        >
                          {format(t.customers.manage, { company: customer.companyName })}
                        </Button>
                      </TableCell>
                    </TableRow>
                    {open && (
                      <TableRow>
                        <TableCell colSpan={COLUMNS} id={detailsId}>
                          <CustomerDetails
                            customer={customer}
                            onChanged={(next) => list.update((c) => c.id === customer.id, next)}
                            onRemove={() => setRemoving(customer)}
                          />
                        </TableCell>
                      </TableRow>
                    )}
                  </Fragment>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      <PageFooter list={list} />
    </>
  );
}
