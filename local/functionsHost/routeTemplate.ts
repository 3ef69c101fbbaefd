/**
 * Route templates as the Functions host reads `route` (ASP.NET Core routing syntax): literal
 * segments match case-insensitively; `{name}`, `{name?}`, `{name=default}`, `{*rest}` and
 * constraints such as `{id:guid}` or `{n:int:min(1)}`. Complex segments like `{name}.{ext}`
 * work too. Pure functions, so the HTTP host's routing is unit-tested without a server.
 */

export interface RouteParameter {
  readonly name: string;
  readonly optional: boolean;
  readonly catchAll: boolean;
  readonly defaultValue?: string;
  readonly constraints: readonly RouteConstraint[];
}

export interface RouteConstraint {
  /** As written, e.g. `min(1)`; kept for error messages. */
  readonly text: string;
  readonly test: (value: string) => boolean;
}

export type RouteSegmentPart =
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'parameter'; readonly parameter: RouteParameter };

export interface RouteSegment {
  readonly parts: readonly RouteSegmentPart[];
  /** Matches the whole decoded segment; one capture group per parameter part, in order. */
  readonly pattern: RegExp;
}

export interface RouteTemplate {
  readonly template: string;
  readonly segments: readonly RouteSegment[];
}

export type RouteParams = Record<string, string>;

const integerPattern = /^-?\d+$/;
const numberPattern = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
// Hyphenated or not, optionally in braces, as .NET's Guid.TryParse accepts the common forms.
const hyphenatedGuid = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const guidPattern = new RegExp(`^(${hyphenatedGuid}|\\{${hyphenatedGuid}\\}|[0-9a-f]{32})$`, 'i');

function numberArguments(constraint: string, args: string[], count: number[]): number[] {
  const numbers = args.map((arg) => Number(arg.trim()));
  if (!count.includes(numbers.length) || numbers.some((n) => !Number.isFinite(n))) {
    throw new Error(`route constraint "${constraint}" needs ${count.join(' or ')} number(s)`);
  }
  return numbers;
}

function buildConstraint(text: string): RouteConstraint {
  const match = /^([a-zA-Z]+)(?:\((.*)\))?$/s.exec(text);
  if (!match) {
    throw new Error(`route constraint "${text}" is not recognised`);
  }
  const name = (match[1] ?? '').toLowerCase();
  const rawArgs = match[2];
  const args = rawArgs === undefined ? [] : rawArgs.split(',');
  const asNumber = (value: string): number => (integerPattern.test(value) ? Number(value) : NaN);
  let test: (value: string) => boolean;
  switch (name) {
    case 'int':
    case 'long':
      test = (value) => integerPattern.test(value);
      break;
    case 'decimal':
    case 'double':
    case 'float':
      test = (value) => numberPattern.test(value);
      break;
    case 'bool':
      test = (value) => /^(true|false)$/i.test(value);
      break;
    case 'guid':
      test = (value) => guidPattern.test(value);
      break;
    case 'alpha':
      test = (value) => /^[a-z]*$/i.test(value);
      break;
    case 'datetime':
      test = (value) => !Number.isNaN(Date.parse(value));
      break;
    case 'min': {
      const [min = 0] = numberArguments(text, args, [1]);
      test = (value) => asNumber(value) >= min;
      break;
    }
    case 'max': {
      const [max = 0] = numberArguments(text, args, [1]);
      test = (value) => asNumber(value) <= max;
      break;
    }
    case 'range': {
      const [min = 0, max = 0] = numberArguments(text, args, [2]);
      test = (value) => asNumber(value) >= min && asNumber(value) <= max;
      break;
    }
    case 'length': {
      const [min = 0, max = min] = numberArguments(text, args, [1, 2]);
      test = (value) => value.length >= min && value.length <= max;
      break;
    }
    case 'minlength': {
      const [min = 0] = numberArguments(text, args, [1]);
      test = (value) => value.length >= min;
      break;
    }
    case 'maxlength': {
      const [max = 0] = numberArguments(text, args, [1]);
      test = (value) => value.length <= max;
      break;
    }
    case 'regex': {
      const expression = new RegExp(rawArgs ?? '', 'i');
      test = (value) => expression.test(value);
      break;
    }
    default:
      throw new Error(`route constraint "${text}" is not supported`);
  }
  return { text, test };
}

/** Splits `text` at `separator`, ignoring separators inside parentheses (constraint arguments). */
function splitOutsideParentheses(text: string, separator: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '(') depth++;
    else if (char === ')') depth = Math.max(0, depth - 1);
    else if (char === separator && depth === 0) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(text.slice(start));
  return pieces;
}

function parseParameter(token: string, template: string): RouteParameter {
  let body = token;
  let catchAll = false;
  const stars = /^\*{1,2}/.exec(body);
  if (stars) {
    catchAll = true;
    body = body.slice(stars[0].length);
  }
  let defaultValue: string | undefined;
  const [beforeDefault = '', ...defaultPieces] = splitOutsideParentheses(body, '=');
  if (defaultPieces.length > 0) {
    defaultValue = defaultPieces.join('=');
    body = beforeDefault;
  }
  let optional = false;
  if (body.endsWith('?')) {
    optional = true;
    body = body.slice(0, -1);
  }
  const [name = '', ...constraintTexts] = splitOutsideParentheses(body, ':');
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
    throw new Error(`route "${template}": "{${token}}" does not name a parameter`);
  }
  if (optional && defaultValue !== undefined) {
    throw new Error(`route "${template}": "{${token}}" cannot be optional and have a default`);
  }
  return {
    name,
    optional,
    catchAll,
    defaultValue,
    constraints: constraintTexts.map(buildConstraint),
  };
}

function parseSegment(text: string, template: string): RouteSegmentPart[] {
  const parts: RouteSegmentPart[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const char = text[i];
    if (char === '{' && text[i + 1] === '{') {
      literal += '{';
      i += 2;
    } else if (char === '}' && text[i + 1] === '}') {
      literal += '}';
      i += 2;
    } else if (char === '{') {
      const end = text.indexOf('}', i);
      if (end < 0) {
        throw new Error(`route "${template}": unclosed "{" in "${text}"`);
      }
      if (literal) {
        parts.push({ kind: 'literal', text: literal });
        literal = '';
      }
      const previous = parts[parts.length - 1];
      if (previous?.kind === 'parameter') {
        throw new Error(`route "${template}": two parameters in "${text}" need a literal between`);
      }
      parts.push({
        kind: 'parameter',
        parameter: parseParameter(text.slice(i + 1, end), template),
      });
      i = end + 1;
    } else if (char === '}') {
      throw new Error(`route "${template}": unmatched "}" in "${text}"`);
    } else {
      literal += char;
      i++;
    }
  }
  if (literal) {
    parts.push({ kind: 'literal', text: literal });
  }
  return parts;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Parses a `route` once, at host start, so a template mistake (an unknown constraint, a
 * catch-all that is not last) fails loudly instead of turning into 404s.
 */
export function parseRouteTemplate(template: string): RouteTemplate {
  const trimmed = template.replace(/^[~/]+|\/+$/g, '');
  const segmentTexts = trimmed === '' ? [] : trimmed.split('/');
  const names = new Set<string>();
  const segments = segmentTexts.map((text, index): RouteSegment => {
    if (text === '') {
      throw new Error(`route "${template}" has an empty segment`);
    }
    const parts = parseSegment(text, template);
    for (const part of parts) {
      if (part.kind !== 'parameter') continue;
      const { name, catchAll, optional } = part.parameter;
      const key = name.toLowerCase();
      if (names.has(key)) {
        throw new Error(`route "${template}" uses the parameter "${name}" twice`);
      }
      names.add(key);
      if (catchAll && (index !== segmentTexts.length - 1 || parts.length !== 1)) {
        throw new Error(
          `route "${template}": a catch-all parameter must be the whole last segment`,
        );
      }
      if (optional && parts.length !== 1) {
        throw new Error(`route "${template}": an optional parameter must be a whole segment`);
      }
    }
    const pattern = new RegExp(
      `^${parts
        .map((part) => (part.kind === 'literal' ? escapeRegExp(part.text) : '(.+)'))
        .join('')}$`,
      'is',
    );
    return { parts, pattern };
  });
  return { template, segments };
}

function soleParameter(segment: RouteSegment): RouteParameter | undefined {
  const [only, ...rest] = segment.parts;
  return only?.kind === 'parameter' && rest.length === 0 ? only.parameter : undefined;
}

function acceptValue(parameter: RouteParameter, value: string, params: RouteParams): boolean {
  if (!parameter.constraints.every((constraint) => constraint.test(value))) {
    return false;
  }
  params[parameter.name] = value;
  return true;
}

/**
 * Matches decoded path segments (after the route prefix) against a template. Returns the
 * route parameters, or undefined when the template does not match. Absent optional
 * parameters are left out, as the Functions host leaves them out of `request.params`.
 */
export function matchRouteTemplate(
  route: RouteTemplate,
  pathSegments: readonly string[],
): RouteParams | undefined {
  const params: RouteParams = {};
  const { segments } = route;
  for (let index = 0; index < segments.length; index++) {
    const segment = segments[index] as RouteSegment;
    const sole = soleParameter(segment);
    if (sole?.catchAll) {
      const rest = pathSegments.slice(index).join('/');
      if (rest !== '') {
        return acceptValue(sole, rest, params) ? params : undefined;
      }
      if (sole.defaultValue !== undefined) params[sole.name] = sole.defaultValue;
      return params;
    }
    const value = pathSegments[index];
    if (value === undefined) {
      if (sole?.optional) continue;
      if (sole?.defaultValue !== undefined) {
        params[sole.name] = sole.defaultValue;
        continue;
      }
      return undefined;
    }
    const match = segment.pattern.exec(value);
    if (!match) return undefined;
    let group = 1;
    for (const part of segment.parts) {
      if (part.kind !== 'parameter') continue;
      if (!acceptValue(part.parameter, match[group] ?? '', params)) return undefined;
      group++;
    }
  }
  return pathSegments.length > segments.length ? undefined : params;
}

function segmentRank(segment: RouteSegment): number {
  const sole = soleParameter(segment);
  if (!sole) {
    return segment.parts.every((part) => part.kind === 'literal') ? 1 : 2;
  }
  if (sole.catchAll) return 5;
  return sole.constraints.length > 0 ? 3 : 4;
}

/**
 * Orders templates most specific first (literal before constrained parameter before parameter
 * before catch-all, segment by segment), the way ASP.NET routing breaks ties, so
 * `invitations/mine` wins over `invitations/{id}` whatever the registration order.
 */
export function compareRoutePrecedence(a: RouteTemplate, b: RouteTemplate): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let index = 0; index < length; index++) {
    const left = a.segments[index];
    const right = b.segments[index];
    if (!left || !right) {
      return left ? -1 : 1;
    }
    const difference = segmentRank(left) - segmentRank(right);
    if (difference !== 0) return difference;
  }
  return a.template.localeCompare(b.template);
}

/**
 * Turns a request path into decoded segments below the route prefix; undefined when the path is
 * outside the prefix. Throws URIError on malformed percent-encoding (the host answers 400).
 */
export function splitRequestPath(pathname: string, routePrefix: string): string[] | undefined {
  const segments = pathname.split('/').filter((segment, index, all) => {
    // Drop the leading "" and one trailing "" (a trailing slash), keep inner empties.
    return !(segment === '' && (index === 0 || index === all.length - 1));
  });
  const prefix = routePrefix === '' ? [] : routePrefix.split('/');
  for (let index = 0; index < prefix.length; index++) {
    const expected = prefix[index] ?? '';
    if ((segments[index] ?? '').toLowerCase() !== expected.toLowerCase()) {
      return undefined;
    }
  }
  return segments.slice(prefix.length).map((segment) => decodeURIComponent(segment));
}
