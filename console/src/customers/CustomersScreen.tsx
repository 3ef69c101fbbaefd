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
  Text,
  Title2,
} from '@fluentui/react-components';
import { Fragment, useCallback, useState } from 'react';
import { ApiProblem } from '../api/apiProblem';
import { answered } from '../api/apiClient';
import type { Customer } from '../api/schemas';
import { PATHS } from '../app/paths';
import { useRouter } from '../app/router';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { EmptyState, ListStatus, PageFooter, ProblemBar, SuccessBar } from '../ui/feedback';
import { usePagedList } from '../ui/usePagedList';
import { confirmationSummary } from '../microsoft/microsoftText';
import { CustomerDetails } from './CustomerDetails';
import { LabelledCell } from '../ui/LabelledCell';
import { useDebounced } from '../ui/useDebounced';

const COLUMNS = 8;
const ENDING_SOON_DAYS = 30;
/** A pause in typing this long asks the API. */
const SEARCH_PAUSE_MS = 300;

/**
 * Customers: the active relationships, paged and searchable (the API searches all of them by
 * company name or domain prefix), or only those whose delegated admin access ends within 30
 * days; a row expands to manage it. On a phone each row is a card (console.css).
 */
export function CustomersScreen() {
  const { t, formatDate, countryName } = useI18n();
  const { api } = useSession();
  const { navigate } = useRouter();
  const [query, setQuery] = useState('');
  const search = useDebounced(query.trim(), SEARCH_PAUSE_MS);
  const [endingSoon, setEndingSoon] = useState(false);
  const [awaiting, setAwaiting] = useState(false);
  const [expanded, setExpanded] = useState<string>();
  const [removedCompany, setRemovedCompany] = useState<string>();
  const [removing, setRemoving] = useState<Customer>();
  const [removeBusy, setRemoveBusy] = useState(false);
  const [removeProblem, setRemoveProblem] = useState<ApiProblem>();
  const fetchPage = useCallback(
    async (continuationToken: string | undefined) =>
      (
        await answered(
          api.GET('/api/customers', {
            params: {
              query: {
                continuationToken,
                delegatedAdminEndsWithinDays: endingSoon ? ENDING_SOON_DAYS : undefined,
                search: search === '' ? undefined : search,
                confirmation: awaiting ? 'awaitingCustomer' : undefined,
              },
            },
          }),
        )
      ).body,
    [api, endingSoon, search, awaiting],
  );
  const list = usePagedList(
    fetchPage,
    `${endingSoon ? 'ending-soon' : 'all'}:${awaiting ? 'awaiting' : 'any'}:${search}`,
  );
  const shown = list.items;
  const remove = async (customer: Customer) => {
    setRemoveBusy(true);
    setRemoveProblem(undefined);
    try {
      await api.DELETE('/api/customers/{id}/relationship', {
        params: { path: { id: customer.id } },
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
        <Field className="search-field" label={t.customers.search} hint={t.customers.searchHint}>
          <SearchBox value={query} onChange={(_, data) => setQuery(data.value)} />
        </Field>
        <Switch
          label={t.customers.endingSoon}
          checked={endingSoon}
          onChange={(_, data) => setEndingSoon(data.checked)}
        />
        <Switch
          label={t.microsoft.awaitingFilter}
          checked={awaiting}
          onChange={(_, data) => setAwaiting(data.checked)}
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
          <EmptyState>
            {search !== ''
              ? format(t.customers.noMatch, { query: search })
              : endingSoon
                ? t.customers.endingSoonEmpty
                : awaiting
                  ? t.microsoft.awaitingEmpty
                  : t.customers.empty}
          </EmptyState>
        }
      />
      {shown.length > 0 && (
        <div className="table-scroll">
          <Table aria-label={t.customers.title} className="list-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.customers.company}</TableHeaderCell>
                <TableHeaderCell>{t.customers.domain}</TableHeaderCell>
                <TableHeaderCell>{t.customers.country}</TableHeaderCell>
                <TableHeaderCell>{t.microsoft.confirmation}</TableHeaderCell>
                <TableHeaderCell>{t.customers.delegatedAdmin}</TableHeaderCell>
                <TableHeaderCell>{t.customers.mca}</TableHeaderCell>
                <TableHeaderCell>{t.customers.supportContact}</TableHeaderCell>
                <TableHeaderCell>
                  <span className="skip-link">{t.customers.actions}</span>
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
                      <LabelledCell label={t.customers.company}>
                        {customer.companyName}
                      </LabelledCell>
                      <LabelledCell label={t.customers.domain}>
                        {customer.domain}
                        <Text size={200} className="secondary-text">
                          {t.customers.tenantId}: {customer.tenantId ?? t.customers.tenantUnknown}
                        </Text>
                      </LabelledCell>
                      <LabelledCell label={t.customers.country}>
                        {countryName(customer.country)}
                      </LabelledCell>
                      <LabelledCell label={t.microsoft.confirmation}>
                        {confirmationSummary(t, formatDate, customer.relationship.confirmation)}
                      </LabelledCell>
                      <LabelledCell label={t.customers.delegatedAdmin}>
                        {delegatedAdminSummary(customer)}
                      </LabelledCell>
                      <LabelledCell label={t.customers.mca}>
                        {customer.mca.accepted
                          ? format(t.customers.mcaAccepted, {
                              date: formatDate(customer.mca.acceptedAt),
                            })
                          : t.customers.mcaPending}
                      </LabelledCell>
                      <LabelledCell label={t.customers.supportContact}>
                        {customer.supportContact?.name ?? t.customers.none}
                      </LabelledCell>
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
                      <TableRow className="details-row">
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
