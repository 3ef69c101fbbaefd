import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ApiCallAnswer, ApiCallRequest } from './apiClientThread';

export interface ApiClient {
  /** `callApi`, made on the client's own thread. */
  call(
    baseUrl: string,
    apiPath: string,
    init?: ApiCallRequest['init'],
  ): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

/**
 * An HTTP client for the load scripts that runs on a worker thread of its own. The local stack
 * serves the functions from this process's event loop; a load generator there would spend the
 * same thread's time on its own requests (the HTTP client, parsing the answers), which a real
 * client never costs the server. Answers and errors are those of `callApi`.
 */
export function startApiClientThread(): ApiClient {
  const worker = new Worker(path.join(__dirname, 'apiClientThread.js'));
  const waiting = new Map<
    number,
    { resolve: (body: Record<string, unknown> | undefined) => void; reject: (e: Error) => void }
  >();
  let nextId = 0;
  worker.on('message', (answer: ApiCallAnswer) => {
    const call = waiting.get(answer.id);
    waiting.delete(answer.id);
    if ('error' in answer) {
      call?.reject(new Error(answer.error));
    } else {
      call?.resolve(answer.body);
    }
  });
  worker.on('error', (error) => {
    for (const call of waiting.values()) call.reject(error);
    waiting.clear();
  });
  return {
    call: (baseUrl, apiPath, init = {}) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, baseUrl, path: apiPath, init } satisfies ApiCallRequest);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
