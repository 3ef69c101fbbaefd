import { match, TokenData, type MatchFunction, type Token } from 'path-to-regexp';

/**
 * Route templates as the Functions host reads `route` (ASP.NET Core routing syntax), translated
 * into path-to-regexp tokens, which do the matching: literals case-insensitively, parameter
 * values percent-decoded. Read: `{name}`; `{name?}`, `{name=default}` and the catch-all
 * `{*rest}` / `{**rest}` as a whole segment (the catch-all the last); complex segments such as
 * `{name}.{ext}`; `{{` and `}}` for literal braces. Route constraints (`{id:guid}`) are refused
 * when the host starts, naming the route: the app's routes use none, and a host that ignored
 * them would answer paths Azure refuses.
 */
export interface RouteTemplate {
  readonly template: string;
  /** Per segment, lower is more specific (see compareRoutePrecedence). */
  readonly ranks: readonly number[];
  readonly defaults: Readonly<RouteParams>;
  readonly match: MatchFunction<Record<string, string | string[]>>;
}

export type RouteParams = Record<string, string>;

const LITERAL = 1;
const COMPLEX = 2;
const PARAMETER = 3;
const CATCH_ALL = 4;

interface ParsedParameter {
  readonly name: string;
  readonly optional: boolean;
  readonly catchAll: boolean;
  readonly defaultValue?: string;
}

function parseParameter(token: string, template: string): ParsedParameter {
  const [, stars = '', name = '', question = '', defaultValue] =
    /^(\*{0,2})([^=?]*)(\??)(?:=(.*))?$/s.exec(token) ?? [];
  if (name.includes(':')) {
    throw new Error(
      `route "${template}": "{${token}}" has a constraint, which the local host does not evaluate`,
    );
  }
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`route "${template}": "{${token}}" does not name a parameter`);
  }
  if (question && defaultValue !== undefined) {
    throw new Error(`route "${template}": "{${token}}" cannot be optional and have a default`);
  }
  return { name, optional: question !== '', catchAll: stars !== '', defaultValue };
}

/** One segment's literals and `{parameter}`s, `{{` and `}}` being literal braces. */
function parseSegment(text: string, template: string): (string | ParsedParameter)[] {
  const parts: (string | ParsedParameter)[] = [];
  let literal = '';
  for (const [token, parameter] of text.matchAll(/\{\{|\}\}|\{([^{}]*)\}|[{}]|[^{}]+/g)) {
    if (parameter !== undefined) {
      if (literal !== '') parts.push(literal);
      else if (typeof parts[parts.length - 1] === 'object') {
        throw new Error(`route "${template}": two parameters in "${text}" need a literal between`);
      }
      literal = '';
      parts.push(parseParameter(parameter, template));
    } else if (token === '{{' || token === '}}') {
      literal += token.charAt(0);
    } else if (token === '{' || token === '}') {
      const what = token === '{' ? 'unclosed' : 'unmatched';
      throw new Error(`route "${template}": ${what} "${token}" in "${text}"`);
    } else {
      literal += token;
    }
  }
  if (literal !== '') parts.push(literal);
  return parts;
}

/**
 * Parses a `route` once, at host start, so a template mistake (a constraint, a catch-all that
 * is not last) fails loudly instead of turning into 404s.
 */
export function parseRouteTemplate(template: string): RouteTemplate {
  const trimmed = template.replace(/^[~/]+|\/+$/g, '');
  const segmentTexts = trimmed === '' ? [] : trimmed.split('/');
  const tokens: Token[] = [];
  const ranks: number[] = [];
  const defaults: RouteParams = {};
  const names = new Set<string>();
  segmentTexts.forEach((text, index) => {
    if (text === '') throw new Error(`route "${template}" has an empty segment`);
    const parts = parseSegment(text, template);
    const parameters = parts.filter((part) => typeof part === 'object');
    for (const { name, catchAll, optional, defaultValue } of parameters) {
      if (names.has(name.toLowerCase())) {
        throw new Error(`route "${template}" uses the parameter "${name}" twice`);
      }
      names.add(name.toLowerCase());
      if (catchAll && (index !== segmentTexts.length - 1 || parts.length !== 1)) {
        throw new Error(
          `route "${template}": a catch-all parameter must be the whole last segment`,
        );
      }
      if ((optional || defaultValue !== undefined) && parts.length !== 1) {
        throw new Error(`route "${template}": an optional parameter must be a whole segment`);
      }
      if (defaultValue !== undefined) defaults[name] = defaultValue;
    }
    const [sole] = parameters;
    if (sole && parts.length === 1) {
      const key: Token = { type: sole.catchAll ? 'wildcard' : 'param', name: sole.name };
      const optional = sole.optional || sole.catchAll || sole.defaultValue !== undefined;
      tokens.push(
        optional
          ? { type: 'group', tokens: [{ type: 'text', value: '/' }, key] }
          : { type: 'text', value: '/' },
      );
      if (!optional) tokens.push(key);
      ranks.push(sole.catchAll ? CATCH_ALL : PARAMETER);
      return;
    }
    tokens.push({ type: 'text', value: '/' });
    for (const part of parts) {
      tokens.push(
        typeof part === 'string'
          ? { type: 'text', value: part }
          : { type: 'param', name: part.name },
      );
    }
    ranks.push(parameters.length === 0 ? LITERAL : COMPLEX);
  });
  return { template, ranks, defaults, match: match(new TokenData(tokens, template)) };
}

/**
 * Matches the path below the route prefix (as sent, still percent-encoded, e.g.
 * `/invitations/a%20b/draft`) against a template. Returns the decoded route parameters, or
 * undefined when the template does not match. Absent optional parameters are left out, as the
 * Functions host leaves them out of `request.params`; a catch-all's segments are joined with `/`.
 * Throws URIError on malformed percent-encoding in a parameter (the host answers 400).
 */
export function matchRouteTemplate(route: RouteTemplate, path: string): RouteParams | undefined {
  const result = route.match(path === '' ? '/' : path);
  if (!result) return undefined;
  const params: RouteParams = { ...route.defaults };
  for (const [name, value] of Object.entries(result.params)) {
    if (value !== undefined) params[name] = Array.isArray(value) ? value.join('/') : value;
  }
  return params;
}

/**
 * Orders templates most specific first (literal before parameter before catch-all, segment by
 * segment), the way ASP.NET routing breaks ties, so `invitations/mine` wins over
 * `invitations/{id}` whatever the registration order.
 */
export function compareRoutePrecedence(a: RouteTemplate, b: RouteTemplate): number {
  const length = Math.max(a.ranks.length, b.ranks.length);
  for (let index = 0; index < length; index++) {
    const left = a.ranks[index];
    const right = b.ranks[index];
    if (left === undefined || right === undefined) {
      return left === undefined ? 1 : -1;
    }
    if (left !== right) return left - right;
  }
  return a.template.localeCompare(b.template);
}

/**
 * The path below the route prefix, still percent-encoded (`/invitations/abc`, or `` for the
 * prefix itself); undefined when the path is outside the prefix. The prefix is compared
 * case-insensitively. Throws URIError on malformed percent-encoding anywhere in the path.
 */
export function pathBelowPrefix(pathname: string, routePrefix: string): string | undefined {
  decodeURIComponent(pathname);
  const prefix = routePrefix === '' ? '' : `/${routePrefix}`;
  const head = pathname.slice(0, prefix.length);
  const rest = pathname.slice(prefix.length);
  if (head.toLowerCase() !== prefix.toLowerCase() || (rest !== '' && !rest.startsWith('/'))) {
    return undefined;
  }
  return rest;
}
