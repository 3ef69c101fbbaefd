import {
  app,
  type HttpRequest,
  type HttpResponseInit,
  type PostInvocationContext,
} from '@azure/functions';
import {
  servedOverHttps,
  withStrictTransportSecurity,
} from '../shared/http/strictTransportSecurity';

/**
 * Headers every HTTP answer carries, whichever function gave it (API, acceptance pages,
 * redirects, errors): added once here, after the handler, instead of in each response builder.
 */
function addStrictTransportSecurity(context: PostInvocationContext): void {
  const request = context.inputs[0] as Partial<HttpRequest> | undefined;
  const result: unknown = context.result;
  // HTTP triggers only (a queue message has no URL), and only the plain response objects this
  // app's handlers return; the library's Headers class is its own undici's, so no instanceof.
  if (
    typeof request?.url !== 'string' ||
    typeof request.headers?.get !== 'function' ||
    !isPlainObject(result) ||
    !servedOverHttps({ url: request.url, headers: request.headers })
  ) {
    return;
  }
  context.result = withStrictTransportSecurity(result);
}

function isPlainObject(value: unknown): value is HttpResponseInit {
  return (
    typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype
  );
}

app.hook.postInvocation(addStrictTransportSecurity);
