import type { BicepFile, BicepValue, SyntaxNode } from './bicepModel';
import { toValue } from './bicepModel';

/**
 * Folds a value to the text it would have at deployment, as far as that is known offline:
 * literals and variables are substituted, `subscriptionResourceId(type, name)` and friends build
 * the id they would return, and everything else becomes a marker:
 * `{param:name}`, `{resource:Type:symbol}` (a resource, or its `.id`), `{module:symbol.outputs.x}`,
 * `{?source}` (unknown). Role ids and scopes are read from the result.
 */
export function resolveText(
  value: BicepValue | undefined,
  file: BicepFile,
  bindings: ReadonlyMap<string, BicepValue> = new Map(),
  depth = 0,
): string {
  if (value === undefined) return '{?}';
  if (depth > 20) return '{?cycle}';
  const next = (inner: BicepValue | undefined) => resolveText(inner, file, bindings, depth + 1);
  switch (value.kind) {
    case 'string':
      return value.value;
    case 'number':
    case 'boolean':
      return String(value.value);
    case 'null':
      return '';
    case 'template':
      return value.parts.map((part) => (typeof part === 'string' ? part : next(part))).join('');
    case 'object':
    case 'array':
      return `{?${value.kind}}`;
    case 'expression':
      return resolveNode(value.node, file, bindings, next);
  }
}

function resolveNode(
  node: SyntaxNode,
  file: BicepFile,
  bindings: ReadonlyMap<string, BicepValue>,
  next: (value: BicepValue | undefined) => string,
): string {
  switch (node.type) {
    case 'identifier':
      return resolveIdentifier(node.text, file, bindings, next);
    case 'member_expression': {
      const object = node.childForFieldName('object');
      const property = node.childForFieldName('property')?.text;
      if (object?.type === 'identifier') {
        const resource = file.resources.find((r) => r.symbol === object.text);
        if (resource && property === 'id') return resourceMarker(resource.type, resource.symbol);
        if (resource && property === 'name') return next(propertyOf(resource.body, 'name'));
      }
      if (object?.type === 'member_expression') {
        const owner = object.childForFieldName('object');
        const middle = object.childForFieldName('property')?.text;
        if (owner?.type === 'identifier' && middle === 'outputs') {
          if (file.modules.some((m) => m.symbol === owner.text)) {
            return `{module:${owner.text}.outputs.${property}}`;
          }
        }
      }
      return `{?${node.text}}`;
    }
    case 'call_expression': {
      const name = node.childForFieldName('function')?.text ?? '';
      const args = (node.childForFieldName('arguments')?.namedChildren ?? []).map((arg) =>
        next(toValue(arg)),
      );
      switch (name) {
        case 'subscriptionResourceId':
          return `/subscriptions/{subscription}/providers/${args.join('/')}`;
        case 'tenantResourceId':
          return `/providers/${args.join('/')}`;
        case 'resourceId':
          return `/subscriptions/{subscription}/resourceGroups/{resourceGroup}/providers/${args.join('/')}`;
        case 'toLower':
          return args[0]?.toLowerCase() ?? '';
        case 'string':
          return args[0] ?? '';
        default:
          return `{?${node.text}}`;
      }
    }
    default:
      return `{?${node.text}}`;
  }
}

function resolveIdentifier(
  name: string,
  file: BicepFile,
  bindings: ReadonlyMap<string, BicepValue>,
  next: (value: BicepValue | undefined) => string,
): string {
  const bound = bindings.get(name);
  if (bound) return next(bound);
  const variable = file.variables.find((v) => v.name === name);
  if (variable) return next(variable.value);
  if (file.params.some((p) => p.name === name)) return `{param:${name}}`;
  const resource = file.resources.find((r) => r.symbol === name);
  if (resource) return resourceMarker(resource.type, resource.symbol);
  return `{?${name}}`;
}

function propertyOf(body: BicepValue, key: string): BicepValue | undefined {
  return body.kind === 'object' ? body.properties.find((p) => p.key === key)?.value : undefined;
}

export function resourceMarker(type: string, symbol: string): string {
  return `{resource:${type}:${symbol}}`;
}

const RESOURCE_MARKER = /^\{resource:([^:}]+):([^}]+)\}/;

/** The resource a resolved scope/id starts with, and the path below it (`/dbs/x` …). */
export function resourceOfMarker(
  text: string,
): { type: string; symbol: string; rest: string } | undefined {
  const match = RESOURCE_MARKER.exec(text);
  if (!match) return undefined;
  return { type: match[1]!, symbol: match[2]!, rest: text.slice(match[0].length) };
}

/** Expands `[for x in source: …]` to one binding per item when the source folds to literals. */
export function loopBindings(
  source: BicepValue,
  itemName: string,
  file: BicepFile,
  depth = 0,
): Map<string, BicepValue>[] | undefined {
  if (depth > 20) return undefined;
  if (source.kind === 'array') return source.items.map((item) => new Map([[itemName, item]]));
  if (source.kind === 'expression' && source.node.type === 'identifier') {
    const variable = file.variables.find((v) => v.name === source.node.text);
    if (variable) return loopBindings(variable.value, itemName, file, depth + 1);
  }
  return undefined;
}
