import {
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Title2,
} from '@fluentui/react-components';
import { useCallback } from 'react';
import { answered } from '../api/apiClient';
import { PATHS } from '../app/paths';
import { RouteLink } from '../app/router';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { EmptyState, ListStatus, PageFooter } from '../ui/feedback';
import { usePagedList } from '../ui/usePagedList';
import { BatchUpload } from './BatchUpload';

/** The partner's invitation batches, newest first, and the upload of another one. */
export function BatchesScreen() {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const fetchPage = useCallback(
    async (continuationToken: string | undefined) =>
      (
        await answered(
          api.GET('/api/invitation-batches', { params: { query: { continuationToken } } }),
        )
      ).body,
    [api],
  );
  const list = usePagedList(fetchPage, 'batches');
  return (
    <>
      <Title2 as="h1">{t.batches.listTitle}</Title2>
      <BatchUpload showEarlier={false} />
      <ListStatus list={list} empty={<EmptyState>{t.batches.listEmpty}</EmptyState>} />
      {list.items.length > 0 && (
        <div className="table-scroll">
          <Table aria-label={t.batches.listTitle}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.batches.uploaded}</TableHeaderCell>
                <TableHeaderCell>{t.batches.status}</TableHeaderCell>
                <TableHeaderCell>{t.batches.rows}</TableHeaderCell>
                <TableHeaderCell>{t.batches.created}</TableHeaderCell>
                <TableHeaderCell>{t.batches.failed}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.items.map((batch) => (
                <TableRow key={batch.id}>
                  <TableCell>
                    <RouteLink to={PATHS.batch(batch.id)}>
                      {format(t.batches.title, { date: formatDate(batch.createdAt) })}
                    </RouteLink>
                  </TableCell>
                  <TableCell>{t.batches.statuses[batch.status]}</TableCell>
                  <TableCell>{batch.counts.total}</TableCell>
                  <TableCell>{batch.counts.created}</TableCell>
                  <TableCell>{batch.counts.failed}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <PageFooter list={list} />
    </>
  );
}
