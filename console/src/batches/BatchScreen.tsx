import {
  Button,
  Field,
  ProgressBar,
  Select,
  Subtitle2,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  Title2,
} from '@fluentui/react-components';
import { useCallback, useEffect, useState } from 'react';
import { ApiProblem } from '../api/apiProblem';
import type { InvitationBatch, InvitationBatchRowStatus } from '../api/schemas';
import { answered } from '../api/apiClient';
import { PATHS } from '../app/paths';
import { RouteLink } from '../app/router';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { EmptyState, ListStatus, Loading, PageFooter, ProblemBar } from '../ui/feedback';
import { useApiAction } from '../ui/useApiAction';
import { usePagedList } from '../ui/usePagedList';
import { isBatchFinished, rowReason } from './batchText';
import { saveFile } from './saveFile';

/** How often an unfinished batch is read again: it moves chunk by chunk (100 lines). */
const POLL_MS = 1000;

/** One batch: its progress while queues work on it, then the result of every line. */
export function BatchScreen({ batchId }: { batchId: string }) {
  const { t, formatDate } = useI18n();
  const { api } = useSession();
  const [batch, setBatch] = useState<InvitationBatch>();
  const [problem, setProblem] = useState<ApiProblem>();

  const load = useCallback(async () => {
    try {
      setBatch(
        (
          await answered(
            api.GET('/api/invitation-batches/{id}', { params: { path: { id: batchId } } }),
          )
        ).body,
      );
      setProblem(undefined);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    }
  }, [api, batchId]);

  useEffect(() => void load(), [load]);
  const finished = batch !== undefined && isBatchFinished(batch.status);
  useEffect(() => {
    if (batch === undefined || finished) return;
    const timer = setTimeout(() => void load(), POLL_MS);
    return () => clearTimeout(timer);
  }, [batch, finished, load]);

  if (batch === undefined) {
    return problem ? <ProblemBar problem={problem} onRetry={() => void load()} /> : <Loading />;
  }
  const { counts, progress } = batch;
  return (
    <>
      <Title2 as="h1">{format(t.batches.title, { date: formatDate(batch.createdAt) })}</Title2>
      <p>
        <RouteLink to={PATHS.batches}>{t.batches.listTitle}</RouteLink>
      </p>
      {problem && <ProblemBar problem={problem} onRetry={() => void load()} />}
      <Field
        label={t.batches.progress}
        hint={format(t.batches.progressText, {
          processed: progress.processedRows,
          total: progress.totalRows,
          percent: progress.percent,
        })}
        validationState="none"
      >
        <ProgressBar value={progress.percent / 100} thickness="large" />
      </Field>
      <Text as="p" role="status" weight="semibold">
        {t.batches.statuses[batch.status]}
      </Text>
      <dl className="batch-counts">
        {(
          [
            [t.batches.rows, counts.total],
            [t.batches.created, counts.created],
            [t.batches.failed, counts.failed],
            [t.batches.pending, counts.pending],
          ] as const
        ).map(([label, count]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>
      <Text as="p">{batch.send ? t.batches.emailsQueued : t.batches.emailsNotQueued}</Text>
      <BatchDownloads batchId={batchId} hasFailures={counts.failed > 0} />
      {/* The rows are read again once the batch has finished, so every line shows its result. */}
      <BatchRows batchId={batchId} refreshKey={finished ? 'finished' : 'working'} />
    </>
  );
}

function BatchDownloads({ batchId, hasFailures }: { batchId: string; hasFailures: boolean }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { busy, problem, run } = useApiAction();
  // The download needs the bearer token, so the console fetches it and saves the file itself.
  const download = (status: 'failed' | undefined, name: string) =>
    void run(async () => {
      const result = await api.GET('/api/invitation-batches/{id}/rows', {
        params: { path: { id: batchId }, query: { format: 'csv', status } },
        parseAs: 'blob',
      });
      if (result.data !== undefined) saveFile(result.data, name);
    });
  return (
    <>
      <div className="actions">
        <Button
          disabled={busy}
          onClick={() => download(undefined, `invitation-batch-${batchId}-results.csv`)}
        >
          {t.batches.downloadResults}
        </Button>
        {hasFailures && (
          <Button
            disabled={busy}
            onClick={() => download('failed', `invitation-batch-${batchId}-failed.csv`)}
          >
            {t.batches.downloadFailed}
          </Button>
        )}
      </div>
      {hasFailures && <Text as="p">{t.batches.downloadHint}</Text>}
      {problem && <ProblemBar problem={problem} />}
    </>
  );
}

const ROW_FILTERS = ['all', 'failed', 'created', 'pending'] as const;
type RowFilter = (typeof ROW_FILTERS)[number];

function BatchRows({ batchId, refreshKey }: { batchId: string; refreshKey: string }) {
  const { t } = useI18n();
  const { api } = useSession();
  const [filter, setFilter] = useState<RowFilter>('all');
  const fetchPage = useCallback(
    async (continuationToken: string | undefined) =>
      (
        await answered(
          api.GET('/api/invitation-batches/{id}/rows', {
            params: {
              path: { id: batchId },
              query: {
                status: filter === 'all' ? undefined : (filter as InvitationBatchRowStatus),
                continuationToken,
              },
            },
          }),
        )
      ).body,
    [api, batchId, filter],
  );
  const list = usePagedList(fetchPage, `${filter}:${refreshKey}`);
  return (
    <section aria-labelledby="batch-rows-title" className="batch-rows">
      <Subtitle2 as="h2" id="batch-rows-title">
        {t.batches.results}
      </Subtitle2>
      <div className="actions">
        <Field label={t.batches.show}>
          <Select value={filter} onChange={(_, data) => setFilter(data.value as RowFilter)}>
            {ROW_FILTERS.map((value) => (
              <option key={value} value={value}>
                {t.batches.rowFilter[value]}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <ListStatus list={list} empty={<EmptyState>{t.batches.noRows}</EmptyState>} />
      {list.items.length > 0 && (
        <div className="table-scroll">
          <Table aria-label={t.batches.results} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t.batches.line}</TableHeaderCell>
                <TableHeaderCell>{t.batches.result}</TableHeaderCell>
                <TableHeaderCell>{t.batches.column}</TableHeaderCell>
                <TableHeaderCell>{t.batches.reason}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {list.items.map((row) => (
                <TableRow key={row.line}>
                  <TableCell>{row.line}</TableCell>
                  <TableCell>{t.batches.rowStatuses[row.status]}</TableCell>
                  <TableCell>
                    {row.field === undefined || row.field === 'row' ? '' : <code>{row.field}</code>}
                  </TableCell>
                  <TableCell>
                    {row.invitationId !== undefined ? (
                      <RouteLink to={PATHS.review(row.invitationId)}>{t.batches.review}</RouteLink>
                    ) : (
                      rowReason(t, row)
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <PageFooter list={list} />
    </section>
  );
}
