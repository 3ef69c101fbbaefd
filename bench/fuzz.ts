import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { getRegistrations, isHttpTrigger, setCoreLogHandler } from '../local/functionsHost';
import { callApi } from './load/apiClient';
import { customerAdminToken } from './load/customerAdminToken';
import { inParallel } from './load/figures';
import { nextFuzzRequest, Random, type FuzzRoute, type FuzzWorld } from './load/fuzzRequests';
import { sendRawRequest } from './load/rawHttp';
import { startLocalStack, type LocalStack } from '../local/localStack';
import { findProjectRoot } from '../local/projectRoot';

/**
 * `npm run fuzz`: starts its own local stack on free loopback ports, makes a few partners,
 * invitations, a customer and a webhook, then sends FUZZ_REQUESTS (10,000) requests spread
 * over every HTTP route the app registers — mostly almost-valid ones (see load/fuzzRequests.ts)
 * — FUZZ_CONCURRENCY (8) at a time, and prints the histogram of status codes. Stops by itself
 * after the requests or FUZZ_MAX_SECONDS (600); exits 1 if any answer was 500 or more, or
 * none came. FUZZ_SEED repeats a run.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = Number(process.env.FUZZ_CONCURRENCY ?? 8);
const MAX_SECONDS = Number(process.env.FUZZ_MAX_SECONDS ?? 600);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

/** Open invitations the decline route is aimed at (see buildWorld). */
const DECLINE_TARGETS = 150;

const PROFILE = { displayName: 'Fuzz Partner', country: 'DE', cloud: 'public', mpnId: '1234567' };

/** A token whose claims were changed after signing: the signature no longer matches. */
function forged(token: string, claims: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString('utf8')) as object;
  const changed = Buffer.from(JSON.stringify({ ...decoded, ...claims })).toString('base64url');
  return `${header}.${changed}.${signature}`;
}

function unsigned(claims: Record<string, unknown>): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part(claims)}.`;
}

/** Real documents to aim at: two partners' invitations, a customer, a webhook. */
async function buildWorld(stack: LocalStack): Promise<FuzzWorld> {
  const api = (path: string, token: string, init: RequestInit = {}) =>
    callApi(stack.functionsUrl, path, { ...init, token });
  const partner = randomUUID();
  const other = randomUUID();
  const admin = await stack.mintToken(partner, ['AdminAgent', 'SalesAgent']);
  const sales = await stack.mintToken(partner, ['SalesAgent']);
  const otherAdmin = await stack.mintToken(other, ['AdminAgent']);
  for (const token of [admin, otherAdmin]) {
    await api('/api/partner', token, { method: 'PUT', body: JSON.stringify(PROFILE) });
  }
  const invite = async (token: string, n: number) => {
    const created = await api('/api/invitations', token, {
      method: 'POST',
      body: JSON.stringify({
        customer: {
          email: `admin@fuzz-${n}.example`,
          companyName: `Fuzz ${n}`,
          domain: `fuzz-${n}-${partner.slice(0, 8)}.onmicrosoft.com`,
          country: 'FR',
        },
        includeDelegatedAdmin: n % 2 === 0,
      }),
    });
    return { id: String(created!.id), acceptUrl: String(created!.acceptUrl) };
  };
  const invitations = await Promise.all([1, 2, 3, 4].map((n) => invite(admin, n)));
  const others = await Promise.all([5, 6].map((n) => invite(otherAdmin, n)));
  const [accepted, sent, revoked] = invitations as [(typeof invitations)[0], ...typeof invitations];
  await api(`/api/invitations/${sent!.id}/send`, admin, { method: 'POST' });
  await api(`/api/invitations/${revoked!.id}/revoke`, admin, { method: 'POST' });
  const acceptToken = (url: string) => url.split('/').pop()!;
  const customerDomain = `fuzz-1-${partner.slice(0, 8)}.onmicrosoft.com`;
  let customerIds: string[] = [];
  try {
    await callApi(stack.functionsUrl, `/api/accept/${acceptToken(accepted.acceptUrl)}`, {
      method: 'POST',
      token: await customerAdminToken(stack, customerDomain),
      body: JSON.stringify({
        acceptMca: true,
        firstName: 'Fuzz',
        lastName: 'Signer',
        email: 'f@fuzz-1.example',
      }),
    });
    await stack.waitForIdle(60_000);
    const customers = await api('/api/customers', admin);
    customerIds = (customers!.items as { id: string }[]).map((c) => c.id);
  } catch (error) {
    console.log(`(no customer to aim at: ${(error as Error).message.split('\n')[0]})`);
  }
  const webhook = await api('/api/webhooks', admin, {
    method: 'POST',
    body: JSON.stringify({
      url: 'https://hooks.contoso.example/fuzz',
      events: ['relationship.removed'],
    }),
  });
  const customerAdmin = await customerAdminToken(stack, customerDomain);
  // Open links of one customer domain, with its admin's token, so decline requests get past
  // the link and sign-in checks to the body; valid declines use them up, hence so many.
  const declineDomain = `fuzz-decline-${partner.slice(0, 8)}.onmicrosoft.com`;
  const declineTargets: string[] = [];
  for (let n = 0; n < DECLINE_TARGETS; n++) {
    const created = await api('/api/invitations', admin, {
      method: 'POST',
      body: JSON.stringify({
        customer: {
          email: `admin@${declineDomain}`,
          companyName: `Fuzz Decline ${n}`,
          domain: declineDomain,
          country: 'FR',
        },
        includeDelegatedAdmin: false,
      }),
    });
    declineTargets.push(acceptToken(String(created!.acceptUrl)));
  }
  const declineAdmin = await customerAdminToken(stack, declineDomain);

  const routes: FuzzRoute[] = getRegistrations().flatMap((registration) => {
    const trigger = registration.trigger;
    return isHttpTrigger(trigger)
      ? [{ route: trigger.route ?? registration.name, methods: trigger.methods ?? ['GET', 'POST'] }]
      : [];
  });
  const ids = [...invitations, ...others].map((i) => i.id);
  return {
    port: Number(new URL(stack.functionsUrl).port),
    routes,
    params: {
      id: [...ids, ...customerIds, String(webhook!.id), randomUUID(), 'x', 'a'.repeat(300)],
      token: [...invitations, ...others]
        .map((i) => acceptToken(i.acceptUrl))
        .concat('A'.repeat(43), 'x'),
      partnerTenantId: [partner, other, randomUUID(), 'not-a-guid'],
    },
    authorizations: [
      `Bearer ${admin}`,
      `Bearer ${admin}`,
      `Bearer ${sales}`,
      `Bearer ${otherAdmin}`,
      `Bearer ${customerAdmin}`,
      `Bearer ${forged(admin, { tid: other })}`,
      `Bearer ${forged(admin, { roles: ['AdminAgent', 'GlobalAdmin'] })}`,
      `Bearer ${unsigned({ tid: partner, roles: ['AdminAgent'], aud: 'x' })}`,
      'Bearer ',
      'Bearer a.b.c',
      `Basic ${Buffer.from('a:b').toString('base64')}`,
      undefined,
    ],
    bodies: {
      'PUT partner': PROFILE,
      'POST invitations': {
        customer: {
          email: 'a@fuzz.example',
          companyName: 'Fuzz',
          domain: 'fuzz.example',
          country: 'FR',
        },
        includeDelegatedAdmin: true,
        locale: 'de-DE',
      },
      'PATCH invitations/{id}/draft': {
        subject: 'Hello',
        text: `Accept: ${invitations[3]!.acceptUrl}`,
        html: `<p><a href="${invitations[3]!.acceptUrl}" onclick="x()">Accept</a></p><script>x()</script>`,
      },
      'POST webhooks': { url: 'https://hooks.contoso.example/x', events: ['relationship.removed'] },
      'PUT customers/{id}/support-contact': {
        supportTenantId: partner,
        supportMpnId: '1234567',
        name: 'Support',
      },
      'POST customer/claim': { acceptUrl: accepted.acceptUrl },
      'POST accept/{token}': {
        acceptMca: true,
        firstName: 'A',
        lastName: 'B',
        email: 'a@b.example',
      },
      'POST accept/{token}/decline': { reason: 'other', comment: 'Fuzz' },
    },
    focus: {
      'accept/{token}/decline': {
        params: { token: declineTargets },
        authorizations: [`Bearer ${declineAdmin}`],
      },
    },
  };
}

/** The request line and its Host headers: enough to send the request again by hand. */
function describe(head: string): string {
  const lines = head.split('\r\n');
  return [lines[0], ...lines.filter((line) => /^host:/i.test(line))].join(' | ');
}

async function main(): Promise<void> {
  // The library notes each GET body it drops; the fuzz sends many on purpose.
  setCoreLogHandler(() => undefined);
  const stack = await startLocalStack({
    projectRoot: findProjectRoot(__dirname),
    log: () => undefined,
    queueSettings: { maxPollingIntervalMs: 200 },
  });
  try {
    const world = await buildWorld(stack);
    const random = new Random(SEED);
    const statuses = new Map<string, number>();
    const failures: string[] = [];
    // What focused requests (a customer admin's token for an open link) were answered.
    const focusedAnswers = new Map<string, number>();
    const deadline = performance.now() + MAX_SECONDS * 1000;
    let sent = 0;
    console.log(
      `fuzz: ${REQUESTS} requests over ${world.routes.length} routes, ${CONCURRENCY} at a time, seed ${SEED}`,
    );
    const started = performance.now();
    await inParallel(REQUESTS, CONCURRENCY, async () => {
      if (performance.now() > deadline) return;
      const request = nextFuzzRequest(random, world);
      sent += 1;
      let outcome: string;
      try {
        const response = await sendRawRequest(world.port, request.head, request.body, 30_000);
        outcome = String(response.status);
        if (request.focused) {
          const code =
            /"code":"([A-Z_]+)"/.exec(response.body)?.[1] ??
            (/^\s*<!doctype html/i.test(response.body) ? '(HTML page)' : undefined);
          const answer = `${request.label} → ${response.status}${code === undefined ? '' : ` ${code}`}`;
          focusedAnswers.set(answer, (focusedAnswers.get(answer) ?? 0) + 1);
        }
        if (response.status >= 500 || !Number.isFinite(response.status)) {
          failures.push(`${response.status} ${describe(request.head)}`);
        }
      } catch (error) {
        outcome = 'no answer';
        failures.push(`no answer (${(error as Error).message}) ${describe(request.head)}`);
      }
      statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(`\n${sent} requests in ${seconds.toFixed(1)} s\n\nstatus  count`);
    for (const [status, count] of [...statuses].sort()) {
      console.log(`${status.padEnd(7)} ${String(count).padStart(5)}`);
    }
    console.log('\nwith a customer admin token for an open link of their domain:');
    for (const [answer, count] of [...focusedAnswers].sort()) {
      console.log(`  ${String(count).padStart(5)}  ${answer}`);
    }
    console.log(`\n>= 500 or no answer: ${failures.length}`);
    for (const failure of failures.slice(0, 20)) console.log(`  ${failure}`);
    process.exitCode = failures.length === 0 ? 0 : 1;
  } finally {
    await stack.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
