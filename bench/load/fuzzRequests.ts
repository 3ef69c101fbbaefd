/**
 * Request generation for `npm run fuzz`: from the app's own route templates, requests that are
 * mostly almost right — a valid body with one thing changed, a real id of another partner, a
 * token that is forged or of the wrong kind, a Host header that is not a host — plus some that
 * are plain garbage. Seeded, so a run can be repeated.
 */

/** A small, fast, seedable generator (mulberry32); `next()` is in [0, 1). */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  int(max: number): number {
    return Math.floor(this.next() * max);
  }
}

/** One HTTP route of the app, as registered: `invitations/{id}/draft` and its methods. */
export interface FuzzRoute {
  readonly route: string;
  readonly methods: readonly string[];
}

/** What the fuzzer knows of the running system: real ids and tokens to mix in. */
export interface FuzzWorld {
  readonly port: number;
  readonly routes: readonly FuzzRoute[];
  /** Values for each route parameter name (`id`, `token`, `partnerTenantId`). */
  readonly params: Readonly<Record<string, readonly string[]>>;
  /** `Authorization` values, valid and not; undefined sends none. */
  readonly authorizations: readonly (string | undefined)[];
  /** A valid JSON body per `METHOD route`, to send as is or with one change. */
  readonly bodies: Readonly<Record<string, unknown>>;
  /**
   * Per route: the parameters and `Authorization` values that get a request past the link and
   * identity checks to the body (e.g. a customer admin's token for links of their domain), used
   * for most of that route's requests so its body validation is reached, not only its refusals.
   */
  readonly focus?: Readonly<Record<string, FuzzFocus>>;
}

export interface FuzzFocus {
  readonly params: Readonly<Record<string, readonly string[]>>;
  readonly authorizations: readonly string[];
}

/** How often a focused route's request uses its focus values. */
const FOCUS_CHANCE = 0.7;

export interface FuzzRequest {
  /** `METHOD route` for the report, e.g. `PATCH invitations/{id}/draft`. */
  readonly label: string;
  readonly head: string;
  readonly body: Buffer;
  /** Sent with the route's focus values (see FuzzWorld.focus). */
  readonly focused: boolean;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const QUERY_NAMES = ['limit', 'continuationToken', 'status', 'from', 'to', 'format', 'x', 'id'];
const QUERY_VALUES = [
  '1',
  '25',
  '100',
  '0',
  '-1',
  '101',
  '1e3',
  'abc',
  '',
  'draft',
  'accepted',
  'bogus',
  '2026-01-01T00:00:00Z',
  'not-a-date',
  'W3sidG9rZW4iOiJ4In1d',
  '%zz',
  '%00',
  '%E2%82',
  'a'.repeat(5000),
];
const STRANGE_SEGMENTS = ['', '.', '..', '%2e%2e', '%2F', '%zz', '%00', '%C0%AF', 'ä', '😀'];
const BAD_HOSTS = ['', 'a b', '[::1', 'example.com/evil', 'user@example.com', 'h:99999', 'h:'];
const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/problem+json',
  'application/json; charset=latin1',
  'text/plain',
  'text/html',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
  ';;;',
  'application/json\u00ff',
];
const ACCEPTS = ['application/json', 'text/html', '*/*', 'text/html;q=0.9, application/json', ''];
const STRANGE_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53 + 1,
  '',
  ' ',
  'x'.repeat(10_000),
  '<script>alert(1)</script>',
  'javascript:alert(1)',
  '\u0000\u0007',
  '\ud800',
  '😀'.repeat(300),
  [],
  [1, 'two', null],
  {},
  { nested: { deeper: [{}] } },
];
const RAW_BODIES: readonly (() => Buffer)[] = [
  () => Buffer.from(''),
  () => Buffer.from('{'),
  () => Buffer.from('{"a":}'),
  () => Buffer.from('nul'),
  () => Buffer.from('[1,2'),
  () => Buffer.from('\ufeff{}'),
  () => Buffer.from('{"a":1e999}'),
  () => Buffer.from('{"__proto__":{"isAdmin":true}}'),
  () => Buffer.from('{"constructor":{"prototype":{}}}'),
  () => Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x7b]),
  () => Buffer.from('['.repeat(100_000)),
  () => Buffer.from(`"${'x'.repeat(300_000)}"`),
  () => Buffer.from('acceptMca=true&firstName=Ada&lastName=L&email=a%40b.example'),
  () => Buffer.from('acceptMca=%zz&firstName'),
  () => Buffer.from('<xml/>'),
];

/** A random JSON-able value: strange scalars, arrays and objects. */
function strangeValue(random: Random): unknown {
  return random.pick(STRANGE_VALUES);
}

/** Changes one thing in a valid body: a field gone, of another type, or one too many. */
function mutated(random: Random, value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return strangeValue(random);
  }
  const object = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(object);
  const choice = random.int(4);
  if (choice === 0 && keys.length > 0) {
    delete object[random.pick(keys)];
  } else if (choice === 1 || keys.length === 0) {
    object[random.pick(['unknown', 'tenantId', 'partnerTenantId', 'status', 'id', '__proto__'])] =
      strangeValue(random);
  } else {
    const key = random.pick(keys);
    object[key] = depth < 3 ? mutated(random, object[key], depth + 1) : strangeValue(random);
  }
  return object;
}

function body(random: Random, world: FuzzWorld, key: string): Buffer {
  const valid = world.bodies[key];
  const roll = random.next();
  if (valid !== undefined && roll < 0.35) return Buffer.from(JSON.stringify(valid));
  if (valid !== undefined && roll < 0.7) return Buffer.from(JSON.stringify(mutated(random, valid)));
  if (roll < 0.8) return Buffer.from(JSON.stringify(strangeValue(random)));
  return random.pick(RAW_BODIES)();
}

function path(
  random: Random,
  world: FuzzWorld,
  route: string,
  params: Readonly<Record<string, readonly string[]>>,
): string {
  const filled = route.replace(/\{(\w+)[^}]*\}/g, (_, name: string) => {
    if (random.chance(0.85)) return encodeURIComponent(random.pick(params[name] ?? ['x']));
    return random.pick(STRANGE_SEGMENTS);
  });
  let result = `/api/${filled}`;
  if (random.chance(0.05)) result = result.toUpperCase();
  if (random.chance(0.05)) result += '/';
  if (random.chance(0.03)) result = result.replace('/api/', '/api//');
  if (random.chance(0.03)) result += `/${random.pick(STRANGE_SEGMENTS)}`;
  if (random.chance(0.3)) {
    const pairs = Array.from({ length: 1 + random.int(3) }, () => {
      const name = random.pick(QUERY_NAMES);
      return `${name}=${random.pick(QUERY_VALUES)}`;
    });
    result += `?${pairs.join('&')}`;
  }
  return result;
}

function hostLines(random: Random, port: number): string[] {
  const good = `Host: 127.0.0.1:${port}`;
  if (!random.chance(0.08)) return [good];
  return random.chance(0.3) ? [good, good] : [`Host: ${random.pick(BAD_HOSTS)}`];
}

/** The next request of the run. */
export function nextFuzzRequest(random: Random, world: FuzzWorld): FuzzRequest {
  const { route, methods } = random.pick(world.routes);
  const method = random.chance(0.85) ? random.pick(methods) : random.pick(METHODS);
  const key = `${method} ${route}`;
  const sendsBody = ['POST', 'PUT', 'PATCH'].includes(method) || random.chance(0.05);
  const payload = sendsBody ? body(random, world, key) : Buffer.alloc(0);
  const focus = world.focus?.[route];
  const focused = focus !== undefined && random.chance(FOCUS_CHANCE);
  const lines = [
    `${method} ${path(random, world, route, focused ? { ...world.params, ...focus.params } : world.params)} HTTP/1.1`,
    ...hostLines(random, world.port),
  ];
  const authorization = focused
    ? random.pick(focus.authorizations)
    : random.pick(world.authorizations);
  if (authorization !== undefined) lines.push(`Authorization: ${authorization}`);
  if (sendsBody) {
    const type = random.chance(0.8) ? 'application/json' : random.pick(CONTENT_TYPES);
    if (type !== '') lines.push(`Content-Type: ${type}`);
  }
  if (random.chance(0.6)) lines.push(`Accept: ${random.pick(ACCEPTS)}`);
  if (random.chance(0.15)) {
    lines.push(`If-Match: ${random.pick(['*', '"x"', 'W/"abc"', '', '"'.repeat(50)])}`);
  }
  if (random.chance(0.15)) {
    lines.push(`Idempotency-Key: ${random.pick(['k-1', 'k-2', '', 'ä\u00ff', 'k'.repeat(300)])}`);
  }
  lines.push(`Content-Length: ${payload.length}`, 'Connection: close');
  return { label: key, head: lines.join('\r\n'), body: payload, focused };
}
