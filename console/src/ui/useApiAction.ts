import { useCallback, useState } from 'react';
import { ApiProblem } from '../api/apiProblem';

/** Runs a change against the API: busy while it runs, its problem kept for the screen to show. */
export function useApiAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const run = useCallback(async (action: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setProblem(undefined);
    try {
      await action();
      return true;
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, run };
}
