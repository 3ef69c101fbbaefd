import {
  Button,
  MessageBar,
  MessageBarBody,
  MessageBarActions,
  Spinner,
  Text,
} from '@fluentui/react-components';
import { useEffect, useRef, type ReactNode } from 'react';
import type { ApiProblem } from '../api/apiProblem';
import { useI18n } from '../i18n/i18n';
import { problemText } from '../i18n/problemText';

/**
 * A problem from the API, localized, with a retry when one makes sense. Under a form that was
 * just submitted (`focusOnShow`), it takes the focus, as an error summary does: a keyboard or
 * screen reader user hears what went wrong instead of staying on the submit button.
 */
export function ProblemBar({
  problem,
  onRetry,
  focusOnShow = false,
}: {
  problem: ApiProblem;
  onRetry?: () => void;
  focusOnShow?: boolean;
}) {
  const { t } = useI18n();
  const bar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focusOnShow) bar.current?.focus();
  }, [focusOnShow, problem]);
  return (
    <MessageBar
      ref={bar}
      intent="error"
      role="alert"
      className="error-summary"
      tabIndex={focusOnShow ? -1 : undefined}
    >
      <MessageBarBody>{problemText(t, problem)}</MessageBarBody>
      {onRetry && (
        <MessageBarActions>
          <Button onClick={onRetry}>{t.retry}</Button>
        </MessageBarActions>
      )}
    </MessageBar>
  );
}

export function SuccessBar({ children }: { children: ReactNode }) {
  return (
    <MessageBar intent="success" role="status">
      <MessageBarBody>{children}</MessageBarBody>
    </MessageBar>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return <Spinner size="small" label={label ?? t.loading} role="status" />;
}

/** What an empty list says: what to do next. */
export function EmptyState({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <Text>{children}</Text>
      {action}
    </div>
  );
}

/**
 * Above a paged list: its problem with a retry, or, once loaded and empty, what the screen says
 * to do next (an `EmptyState`).
 */
export function ListStatus({
  list,
  empty,
}: {
  list: {
    loading: boolean;
    problem: ApiProblem | undefined;
    items: readonly unknown[];
    reload: () => void;
  };
  empty: ReactNode;
}) {
  if (list.problem) return <ProblemBar problem={list.problem} onRetry={list.reload} />;
  return !list.loading && list.items.length === 0 ? empty : null;
}

/** Below a paged list: progress while a page loads, then "Load more" while there are more. */
export function PageFooter({
  list,
}: {
  list: { loading: boolean; hasMore: boolean; loadMore: () => void };
}) {
  const { t } = useI18n();
  if (list.loading) return <Loading />;
  return list.hasMore ? <Button onClick={list.loadMore}>{t.loadMore}</Button> : null;
}
