import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiProblem } from '../api/apiProblem';

/** One page of any list the API pages (`items` and, when there is more, `continuationToken`). */
export interface Page<T> {
  readonly items: readonly T[];
  readonly continuationToken?: string;
}

export interface PagedList<T> {
  readonly items: readonly T[];
  readonly loading: boolean;
  readonly problem: ApiProblem | undefined;
  readonly hasMore: boolean;
  loadMore(): void;
  reload(): void;
  /** Replaces or drops one item after a change, without reloading every page. */
  update(match: (item: T) => boolean, next: T | undefined): void;
}

/**
 * A list the API pages with continuation tokens: the first page on mount (and whenever `key`
 * changes, e.g. a filter), the next on `loadMore`.
 */
export function usePagedList<T>(
  fetchPage: (continuationToken: string | undefined) => Promise<Page<T>>,
  key: string,
): PagedList<T> {
  const [items, setItems] = useState<readonly T[]>([]);
  const [token, setToken] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const [problem, setProblem] = useState<ApiProblem | undefined>();
  const generation = useRef(0);
  const fetchRef = useRef(fetchPage);
  fetchRef.current = fetchPage;

  const load = useCallback((continuation: string | undefined, append: boolean) => {
    const mine = ++generation.current;
    setLoading(true);
    setProblem(undefined);
    fetchRef.current(continuation).then(
      (page) => {
        if (mine !== generation.current) return;
        setItems((previous) => (append ? [...previous, ...page.items] : page.items));
        setToken(page.continuationToken);
        setLoading(false);
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setProblem(error instanceof ApiProblem ? error : undefined);
        setLoading(false);
        if (!(error instanceof ApiProblem)) throw error;
      },
    );
  }, []);

  useEffect(() => load(undefined, false), [key, load]);

  return {
    items,
    loading,
    problem,
    hasMore: token !== undefined,
    loadMore: () => load(token, true),
    reload: () => load(undefined, false),
    update: (match, next) =>
      setItems((previous) =>
        next === undefined
          ? previous.filter((item) => !match(item))
          : previous.map((item) => (match(item) ? next : item)),
      ),
  };
}
