import {
  Button,
  Field,
  Select,
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
import { decideTransition, INVITATION_STATUSES } from '../../../shared/domain/invitationStatus';
import { answered } from '../api/apiClient';
import type { Invitation, InvitationStatus } from '../api/schemas';
import { PATHS } from '../app/paths';
import { RouteLink, useRouter } from '../app/router';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { EmptyState, ListStatus, PageFooter } from '../ui/feedback';
import { usePagedList } from '../ui/usePagedList';
import { BatchUpload } from '../batches/BatchUpload';
import { DeliveryBadge } from './deliveryBadge';
import { InvitationActions } from './InvitationActions';
import { LabelledCell } from '../ui/LabelledCell';
import { DeclineSummary } from './DeclineSummary';

/** Invitations: filter by status, page, and per invitation its history, resend and revoke. */
export function InvitationsScreen() {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const { navigate } = useRouter();
  const [status, setStatus] = useState<InvitationStatus | ''>('');
  const [expanded, setExpanded] = useState<string>();
  const fetchPage = useCallback(
    async (continuationToken: string | undefined) =>
      (
        await answered(
          api.GET('/api/invitations', {
            params: { query: { status: status || undefined, continuationToken } },
          }),
        )
      ).body,
    [api, status],
  );
  const list = usePagedList(fetchPage, status);

  return (
    <>
      <Title2 as="h1">{t.invitations.title}</Title2>
      <div className="actions">
        <Field label={t.invitations.status}>
          <Select
            value={status}
            onChange={(_, data) => setStatus(data.value as InvitationStatus | '')}
          >
            <option value="">{t.invitations.all}</option>
            {INVITATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.invitations.statuses[s]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <ListStatus
        list={list}
        empty={
          <EmptyState
            action={
              status === '' ? (
                <Button appearance="primary" onClick={() => navigate(PATHS.request)}>
                  {t.nav.request}
                </Button>
              ) : undefined
            }
          >
            {status === '' ? t.invitations.empty : t.invitations.emptyFiltered}
          </EmptyState>
        }
      />
      {list.items.length > 0 && (
        <div className="table-scroll">
          <Table aria-label={t.invitations.title} className="list-table">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.invitations.customer}</TableHeaderCell>
                <TableHeaderCell>{t.invitations.status}</TableHeaderCell>
                <TableHeaderCell>{t.invitations.created}</TableHeaderCell>
                <TableHeaderCell>{t.invitations.expires}</TableHeaderCell>
                <TableHeaderCell>
                  <span className="skip-link">{t.invitations.actions}</span>
                </TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.items.map((invitation) => {
                const open = expanded === invitation.id;
                const company = invitation.customer.companyName;
                return (
                  <Fragment key={invitation.id}>
                    <TableRow>
                      <LabelledCell label={t.invitations.customer}>
                        {company}
                        <Text size={200} className="secondary-text">
                          {invitation.customer.email}
                        </Text>
                      </LabelledCell>
                      <LabelledCell label={t.invitations.status}>
                        {t.invitations.statuses[invitation.status]}
                        {invitation.delivery && <br />}
                        <DeliveryBadge delivery={invitation.delivery} />
                        <DeclineSummary invitation={invitation} />
                      </LabelledCell>
                      <LabelledCell label={t.invitations.created}>
                        {formatDate(invitation.createdAt)}
                      </LabelledCell>
                      <LabelledCell label={t.invitations.expires}>
                        {formatDate(invitation.expiresAt)}
                      </LabelledCell>
                      <TableCell className="cell-actions">
                        {decideTransition(invitation.status, 'editDraft').kind !== 'refuse' && (
                          <RouteLink to={PATHS.review(invitation.id)}>
                            {t.invitations.review}
                          </RouteLink>
                        )}{' '}
                        <Button
                          aria-expanded={open}
                          onClick={() => setExpanded(open ? undefined : invitation.id)}
                        >
                          {format(t.invitations.details, { company })}
                        </Button>
                      </TableCell>
                    </TableRow>
                    {open && (
                      <TableRow className="details-row">
                        <TableCell colSpan={5}>
                          <InvitationActions
                            summary={invitation}
                            onChanged={(next: Invitation) =>
                              list.update((i) => i.id === invitation.id, next)
                            }
                            onReplaced={list.reload}
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
      <BatchUpload />
    </>
  );
}
