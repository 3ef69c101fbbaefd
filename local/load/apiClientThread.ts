import { parentPort } from 'node:worker_threads';
import { callApi } from './apiClient';

/**
 * The other end of `startApiClientThread`: makes each call it is sent with `callApi` and posts
 * back the answer or the error, under the call's id.
 */
export interface ApiCallRequest {
  readonly id: number;
  readonly baseUrl: string;
  readonly path: string;
  readonly init: { method?: string; token?: string; body?: string };
}

export type ApiCallAnswer =
  | { readonly id: number; readonly body: Record<string, unknown> | undefined }
  | { readonly id: number; readonly error: string };

parentPort?.on('message', (request: ApiCallRequest) => {
  callApi(request.baseUrl, request.path, request.init).then(
    (body) => parentPort!.postMessage({ id: request.id, body } satisfies ApiCallAnswer),
    (error: unknown) =>
      parentPort!.postMessage({ id: request.id, error: String(error) } satisfies ApiCallAnswer),
  );
});
