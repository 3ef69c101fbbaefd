import { fork, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { callApi } from './apiClient';
import { percentile } from './figures';
import {
  endpointsOf,
  LOCAL_AUDIENCE,
  localAppSettings,
  startEmulators,
  startFunctionsHost,
  type EmulatorEndpoints,
} from '../../local/localStack';
import {
  GLOBAL_ADMINISTRATOR_ROLE_ID,
  mintDevToken,
  tenantIdForDomain,
} from '../../local/servers/devTokenIssuer';

/** What the cold process said about itself (bench/load/coldHost.ts). */
interface ColdReport {
  readonly phases: Record<string, number>;
  readonly listeningMs: number;
  readonly bundlesAtStart: readonly { file: string; startMs: number; ownMs: number }[];
  readonly bundlesAfter: readonly { file: string; startMs: number; ownMs: number }[];
  readonly connections: readonly { port: number; startMs: number; connectedMs?: number }[];
}

/** A message of the cold process: `ready` (listening), then `report`. */
interface ColdMessage {
  readonly kind: string;
  readonly url?: string;
  readonly phases?: Record<string, number>;
}

/** One round: spawn → first answer, the part until the process listened, and its report. */
interface ColdRound {
  readonly totalMs: number;
  readonly readyMs: number;
  readonly report: ColdReport;
}

interface FirstRequest {
  readonly name: string;
  readonly status: number;
  readonly send: (url: string, i: number) => Promise<Response>;
  readonly rounds: ColdRound[];
}

function median(samples: readonly number[]): number {
  return percentile(
    [...samples].sort((a, b) => a - b),
    50,
  );
}

/** Starts a cold process (coldHost.js), sends its first request as soon as it listens. */
async function coldRound(
  hostFile: string,
  projectRoot: string,
  endpoints: EmulatorEndpoints,
  send: (url: string) => Promise<Response>,
  expectedStatus: number,
): Promise<ColdRound> {
  const port = await freePort();
  const settings = localAppSettings(endpoints, `http://127.0.0.1:${port}`);
  const started = performance.now();
  const child = fork(hostFile, [], {
    cwd: projectRoot,
    env: { ...process.env, COLD_HOST: JSON.stringify({ projectRoot, port, settings }) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    // COLDSTART_CPU_PROFILE=<dir>: a CPU profile of each cold process (node --cpu-prof).
    execArgv:
      process.env.COLDSTART_CPU_PROFILE === undefined
        ? []
        : ['--cpu-prof', `--cpu-prof-dir=${process.env.COLDSTART_CPU_PROFILE}`],
  });
  try {
    const next = () =>
      new Promise<ColdMessage>((resolve, reject) => {
        child.once('message', (message) => resolve(message as ColdMessage));
        child.once('exit', (code) => reject(new Error(`the cold host exited with ${code}`)));
      });
    const ready = await next();
    const readyMs = performance.now() - started;
    const response = await send(ready.url!);
    const body = await response.text();
    const totalMs = performance.now() - started;
    if (response.status !== expectedStatus) {
      throw new Error(`cold first request: ${response.status} ${body.slice(0, 300)}`);
    }
    const reported = next();
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.send({ kind: 'report' });
    const report = (await reported) as unknown as Omit<ColdReport, 'phases'>;
    await exited;
    return { totalMs, readyMs, report: { ...report, phases: ready.phases! } };
  } finally {
    if (child.exitCode === null) child.kill();
  }
}

/** A port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** `node -e 0` once, in ms. */
function bareNodeMs(cwd: string): number {
  const started = performance.now();
  spawnSync(process.execPath, ['-e', '0'], { cwd, stdio: 'ignore' });
  return performance.now() - started;
}

/** Which emulator a port belongs to, for the report. */
function portNames(endpoints: EmulatorEndpoints): Map<number, string> {
  const portOf = (url: string) => Number(new URL(url).port);
  const queueUrl = /QueueEndpoint=([^;]+)/.exec(endpoints.queueConnectionString)?.[1];
  return new Map<number, string>([
    [portOf(endpoints.cosmosEndpoint), 'Cosmos'],
    [portOf(endpoints.issuerUrl), 'token issuer (signing keys)'],
    [portOf(endpoints.sendgridUrl), 'SendGrid'],
    [portOf(endpoints.microsoftUrl), 'Microsoft stand-in'],
    ...(queueUrl === undefined ? [] : [[portOf(queueUrl), 'Azurite queues'] as [number, string]]),
  ]);
}

/**
 * `npm run bench:coldstart`, second part: a new process to its first answered
 * `POST /api/invitations` (201) and, in other new processes, to its first acceptance
 * (`POST /api/accept/{token}`), against emulators this process runs, alternating with
 * `node -e 0`; prints the medians as ratios to it and where the time went (see coldHost.ts).
 */
export async function benchColdFirstRequests(projectRoot: string, runs: number): Promise<void> {
  const emulators = await startEmulators({ projectRoot });
  try {
    const endpoints = endpointsOf(emulators);
    const mint = (tenantId: string, roles: string[], extra = {}) =>
      mintDevToken(emulators.key, {
        issuerBaseUrl: emulators.issuerUrl,
        tenantId,
        audience: LOCAL_AUDIENCE,
        roles,
        ...extra,
      });
    // A partner with a profile and, for the acceptances, one invitation per round, made by a
    // warm host in this process that is closed before the cold rounds.
    const partnerTenant = randomUUID();
    const token = await mint(partnerTenant, ['AdminAgent']);
    const domains = Array.from(
      { length: runs },
      (_, i) => `cold-accept-${i}-${partnerTenant.slice(0, 8)}.example`,
    );
    const acceptTokens: string[] = [];
    const warm = await startFunctionsHost({ projectRoot, endpoints, log: () => undefined });
    try {
      await callApi(warm.functionsUrl, '/api/partner', {
        method: 'PUT',
        token,
        body: JSON.stringify({
          displayName: 'Cold Partner',
          country: 'DE',
          cloud: 'public',
          mpnId: '1234567',
        }),
      });
      for (const domain of domains) {
        const invitation = await callApi(warm.functionsUrl, '/api/invitations', {
          method: 'POST',
          token,
          body: JSON.stringify({
            customer: { email: `admin@${domain}`, companyName: 'Cold', domain, country: 'DE' },
            includeDelegatedAdmin: false,
          }),
        });
        acceptTokens.push(String(invitation!.acceptUrl).split('/').pop()!);
      }
      await warm.waitForIdle(60_000);
    } finally {
      await warm.close();
    }
    const adminTokens = await Promise.all(
      domains.map((domain) =>
        mint(tenantIdForDomain(domain), [], {
          preferredUsername: `admin@${domain}`,
          directoryRoles: [GLOBAL_ADMINISTRATOR_ROLE_ID],
        }),
      ),
    );
    const json = (url: string, bearer: string, body: unknown) =>
      fetch(url, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${bearer}`,
          'Content-Type': 'application/json',
          Accept: 'application/json',
        },
        body: JSON.stringify(body),
        redirect: 'manual',
      });
    const requests: FirstRequest[] = [
      {
        name: 'POST /api/invitations → 201',
        status: 201,
        send: (url, i) =>
          json(`${url}/api/invitations`, token, {
            customer: {
              email: `admin@cold-${i}.example`,
              companyName: `Cold ${i}`,
              domain: `cold-${i}-${partnerTenant.slice(0, 8)}.example`,
              country: 'DE',
            },
            includeDelegatedAdmin: false,
          }),
        rounds: [],
      },
      {
        name: 'POST /api/accept/{token} → 303',
        status: 303,
        send: (url, i) =>
          json(`${url}/api/accept/${acceptTokens[i]}`, adminTokens[i]!, {
            acceptMca: true,
            firstName: 'Cold',
            lastName: 'Admin',
            email: `signer@${domains[i]}`,
          }),
        rounds: [],
      },
    ];
    const hostFile = path.join(__dirname, 'coldHost.js');
    const bare: number[] = [];
    for (let i = 0; i < runs; i++) {
      bare.push(bareNodeMs(projectRoot));
      for (const request of requests) {
        request.rounds.push(
          await coldRound(
            hostFile,
            projectRoot,
            endpoints,
            (url) => request.send(url, i),
            request.status,
          ),
        );
      }
    }
    const bareMs = median(bare);
    const names = portNames(endpoints);
    console.log(
      `\ncold process to its first answer (local host against this run's emulators; ` +
        `median of ${runs} rounds, node -e 0 ${bareMs.toFixed(0)} ms):`,
    );
    for (const request of requests) {
      const totalMs = median(request.rounds.map((r) => r.totalMs));
      const readyMs = median(request.rounds.map((r) => r.readyMs));
      const phase = (name: string) =>
        median(request.rounds.map((r) => r.report.phases[name] ?? NaN)).toFixed(0);
      // The local host's own modules stand in for the Functions worker's, which Azure starts
      // with its own code: the figure without them is what the app adds to a bare process.
      const appMs = median(request.rounds.map((r) => r.totalMs - (r.report.phases.hostMs ?? 0)));
      console.log(
        `  ${request.name.padEnd(36)} ${totalMs.toFixed(0).padStart(6)} ms  ` +
          `${(totalMs / bareMs).toFixed(2)}× node -e 0; without the local host's own ` +
          `modules ${appMs.toFixed(0)} ms, ${(appMs / bareMs).toFixed(2)}×`,
      );
      console.log(
        `    listening after ${readyMs.toFixed(0)} ms: node ${phase('bootMs')}, ` +
          `local host ${phase('hostMs')}, main.js ${phase('appLoadMs')}, ` +
          `appStart ${phase('appStartMs')}, listen ${phase('listenMs')}; ` +
          `the request ${(totalMs - readyMs).toFixed(0)} ms`,
      );
      const loads = new Map<string, number[]>();
      for (const round of request.rounds) {
        for (const bundle of round.report.bundlesAfter) {
          loads.set(bundle.file, [...(loads.get(bundle.file) ?? []), bundle.ownMs]);
        }
      }
      const loaded = [...loads.entries()]
        .map(([file, ms]) => ({ file, ms: median(ms) }))
        .sort((a, b) => b.ms - a.ms);
      const loadedMs = loaded.reduce((sum, b) => sum + b.ms, 0);
      console.log(
        `    bundles it loaded (${loadedMs.toFixed(0)} ms): ` +
          loaded.map((b) => `${b.file} ${b.ms.toFixed(0)}`).join(', '),
      );
      const opened = new Map<string, number[]>();
      for (const round of request.rounds) {
        const seen = new Set<string>();
        for (const connection of round.report.connections) {
          const name = names.get(connection.port) ?? `port ${connection.port}`;
          if (seen.has(name) || connection.connectedMs === undefined) continue;
          seen.add(name);
          opened.set(name, [
            ...(opened.get(name) ?? []),
            connection.startMs - round.report.listeningMs,
          ]);
        }
      }
      console.log(
        `    first connection to, ms after it listened: ` +
          [...opened.entries()].map(([name, at]) => `${name} +${median(at).toFixed(0)}`).join(', '),
      );
    }
  } finally {
    await emulators.close();
  }
}
