import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type Parser from 'tree-sitter';

interface TreeSitterModules {
  readonly TreeSitter: typeof Parser;
  readonly Bicep: Parser.Language;
}

/*
 * tree-sitter's JavaScript wrapper patches the prototypes of its native addon when it loads.
 * Jest loads JavaScript afresh for every test file but shares native addons within a worker, and a
 * second copy of the wrapper breaks the first one's patches (trees come back without a root node).
 * So the wrapper is loaded once per worker and kept on the native addon object itself.
 */
function loadTreeSitter(): TreeSitterModules {
  const requireHere = createRequire(__filename);
  const treeSitterPackage = requireHere.resolve('tree-sitter/package.json');
  // node-gyp-build as tree-sitter itself resolves it, the loader that returns the shared addon.
  const nodeGypBuild = createRequire(treeSitterPackage)('node-gyp-build') as (
    dir: string,
  ) => Record<symbol, unknown>;
  const addon = nodeGypBuild(dirname(treeSitterPackage));
  const key = Symbol.for('reseller-invitations/test/infra/tree-sitter');
  addon[key] ??= {
    TreeSitter: requireHere('tree-sitter') as typeof Parser,
    Bicep: requireHere('tree-sitter-bicep') as unknown as Parser.Language,
  } satisfies TreeSitterModules;
  return addon[key] as TreeSitterModules;
}

/**
 * A Bicep file reduced to what the infra checks need: its declarations, with every value turned
 * into a small tree of literals and (unevaluated) expressions. Built from the tree-sitter-bicep
 * parse tree, so it works offline without the Bicep compiler.
 */

export type SyntaxNode = Parser.SyntaxNode;

export interface BicepProperty {
  readonly key: string;
  readonly value: BicepValue;
  readonly line: number;
}

export type BicepObject = {
  readonly kind: 'object';
  readonly properties: readonly BicepProperty[];
};

export type BicepValue =
  | { readonly kind: 'string'; readonly value: string }
  /** A string with `${…}` interpolations; `parts` alternate literal text and expressions. */
  | { readonly kind: 'template'; readonly parts: readonly (string | BicepValue)[] }
  | { readonly kind: 'number'; readonly value: number }
  | { readonly kind: 'boolean'; readonly value: boolean }
  | { readonly kind: 'null' }
  | BicepObject
  | { readonly kind: 'array'; readonly items: readonly BicepValue[] }
  /** Anything else (identifiers, calls, member access, operators), kept as its syntax node. */
  | { readonly kind: 'expression'; readonly node: SyntaxNode };

export interface Decorator {
  readonly name: string;
  readonly args: readonly BicepValue[];
}

export interface ParamDeclaration {
  readonly name: string;
  readonly type: string;
  readonly defaultValue?: BicepValue;
  readonly decorators: readonly Decorator[];
  readonly secure: boolean;
  readonly line: number;
}

export interface VariableDeclaration {
  readonly name: string;
  readonly value: BicepValue;
  readonly line: number;
}

/** `[for item in source: …]` around a resource or module body. */
export interface Loop {
  readonly itemName: string;
  readonly source: BicepValue;
}

export interface ResourceDeclaration {
  readonly symbol: string;
  /** Full type, e.g. `Microsoft.Web/sites/config`, also for nested child resources. */
  readonly type: string;
  readonly apiVersion: string;
  readonly existing: boolean;
  readonly body: BicepObject;
  readonly loop?: Loop;
  readonly condition?: string;
  /** Symbol of the enclosing resource when declared nested inside it. */
  readonly enclosingSymbol?: string;
  readonly line: number;
}

export interface ModuleDeclaration {
  readonly symbol: string;
  readonly path: string;
  readonly body: BicepObject;
  readonly loop?: Loop;
  readonly condition?: string;
  readonly line: number;
}

export interface OutputDeclaration {
  readonly name: string;
  readonly type: string;
  readonly value: BicepValue;
  readonly line: number;
}

export interface SyntaxProblem {
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

export interface BicepFile {
  readonly path: string;
  readonly targetScope: string;
  readonly params: readonly ParamDeclaration[];
  readonly variables: readonly VariableDeclaration[];
  readonly resources: readonly ResourceDeclaration[];
  readonly modules: readonly ModuleDeclaration[];
  readonly outputs: readonly OutputDeclaration[];
  readonly syntaxErrors: readonly SyntaxProblem[];
  readonly root: SyntaxNode;
}

let parser: Parser | undefined;

function bicepParser(): Parser {
  if (parser === undefined) {
    const { TreeSitter, Bicep } = loadTreeSitter();
    parser = new TreeSitter();
    parser.setLanguage(Bicep);
  }
  return parser;
}

/** Parses Bicep source into the model; syntax errors are reported in `syntaxErrors`, not thrown. */
export function parseBicep(source: string, path = '<inline>'): BicepFile {
  const root = bicepParser().parse(source).rootNode;
  const file = {
    path,
    targetScope: 'resourceGroup',
    params: [] as ParamDeclaration[],
    variables: [] as VariableDeclaration[],
    resources: [] as ResourceDeclaration[],
    modules: [] as ModuleDeclaration[],
    outputs: [] as OutputDeclaration[],
    syntaxErrors: findSyntaxErrors(root),
    root,
  };
  let pendingDecorators: Decorator[] = [];
  for (const node of root.namedChildren) {
    switch (node.type) {
      case 'decorators':
        pendingDecorators = node.namedChildren.map(toDecorator);
        continue;
      case 'comment':
      case 'diagnostic_comment':
        continue; // a comment between decorators and their declaration keeps the decorators
      case 'target_scope_assignment': {
        const value = toValue(node.namedChildren[0]);
        if (value.kind === 'string') file.targetScope = value.value;
        break;
      }
      case 'parameter_declaration':
        file.params.push(toParam(node, pendingDecorators));
        break;
      case 'variable_declaration':
        file.variables.push({
          name: identifierOf(node),
          value: valueAfterEquals(node) ?? { kind: 'null' },
          line: lineOf(node),
        });
        break;
      case 'resource_declaration':
        file.resources.push(...toResources(node, undefined));
        break;
      case 'module_declaration':
        file.modules.push(toModule(node));
        break;
      case 'output_declaration':
        file.outputs.push({
          name: identifierOf(node),
          type: node.namedChildren.find((child) => child.type === 'type')?.text ?? '?',
          value: valueAfterEquals(node) ?? { kind: 'null' },
          line: lineOf(node),
        });
        break;
      default:
        break;
    }
    pendingDecorators = [];
  }
  return file;
}

export function loadBicepFile(path: string): BicepFile {
  return parseBicep(readFileSync(path, 'utf8'), path);
}

/** Error and missing nodes, i.e. the places tree-sitter had to guess to recover. */
export function findSyntaxErrors(root: SyntaxNode): SyntaxProblem[] {
  const problems: SyntaxProblem[] = [];
  const visit = (node: SyntaxNode) => {
    if (node.isError || node.isMissing) {
      problems.push({
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        text: node.isMissing ? `missing ${node.type}` : node.text.slice(0, 60),
      });
      if (node.isError) return;
    }
    if (node.hasError || node.isMissing) node.children.forEach(visit);
  };
  visit(root);
  return problems;
}

/** Converts an expression node to a value; unknown syntax stays an `expression`. */
export function toValue(node: SyntaxNode | null | undefined): BicepValue {
  if (!node) return { kind: 'null' };
  switch (node.type) {
    case 'string':
      return toStringValue(node);
    case 'number':
      return { kind: 'number', value: Number(node.text) };
    case 'boolean':
      return { kind: 'boolean', value: node.text === 'true' };
    case 'null':
      return { kind: 'null' };
    case 'object':
      return toObject(node);
    case 'array':
      return { kind: 'array', items: node.namedChildren.filter(isValueNode).map(toValue) };
    case 'parenthesized_expression':
      return node.namedChildren.length === 1 ? toValue(node.namedChildren[0]) : expression(node);
    default:
      return expression(node);
  }
}

function expression(node: SyntaxNode): BicepValue {
  return { kind: 'expression', node };
}

function isValueNode(node: SyntaxNode): boolean {
  return node.type !== 'comment' && node.type !== 'diagnostic_comment';
}

function toStringValue(node: SyntaxNode): BicepValue {
  const source = node.text;
  const multiline = source.startsWith("'''");
  const quote = multiline ? 3 : 1;
  const start = node.startIndex;
  const parts: (string | BicepValue)[] = [];
  let cursor = quote;
  for (const child of node.namedChildren) {
    if (child.type !== 'interpolation') continue;
    parts.push(unescape(source.slice(cursor, child.startIndex - start), multiline));
    parts.push(toValue(child.namedChildren[0]));
    cursor = child.endIndex - start;
  }
  parts.push(unescape(source.slice(cursor, source.length - quote), multiline));
  const literal = parts.filter((part) => part !== '');
  if (literal.every((part) => typeof part === 'string')) {
    return { kind: 'string', value: literal.join('') };
  }
  return { kind: 'template', parts: literal };
}

function unescape(text: string, multiline: boolean): string {
  if (multiline) return text;
  return text.replace(/\\(u\{[0-9a-fA-F]+\}|.)/g, (_match, escaped: string) => {
    if (escaped.startsWith('u{')) return String.fromCodePoint(parseInt(escaped.slice(2, -1), 16));
    return ({ n: '\n', r: '\r', t: '\t' } as Record<string, string>)[escaped] ?? escaped;
  });
}

function toObject(node: SyntaxNode): BicepObject {
  const properties: BicepProperty[] = [];
  for (const property of node.namedChildren) {
    if (property.type !== 'object_property') continue;
    const [keyNode, valueNode] = property.namedChildren;
    // Nested child resources live inside the parent's body; toResources collects them.
    if (!keyNode || keyNode.type === 'resource_declaration') continue;
    properties.push({ key: keyOf(keyNode), value: toValue(valueNode), line: lineOf(property) });
  }
  return { kind: 'object', properties };
}

function keyOf(node: SyntaxNode): string {
  if (node.type === 'string') {
    const value = toStringValue(node);
    return value.kind === 'string' ? value.value : node.text;
  }
  return node.text;
}

function toDecorator(node: SyntaxNode): Decorator {
  const call = node.namedChildren[0];
  if (call?.type !== 'call_expression') return { name: call?.text ?? '?', args: [] };
  return {
    name: call.childForFieldName('function')?.text ?? '?',
    args: (call.childForFieldName('arguments')?.namedChildren ?? [])
      .filter(isValueNode)
      .map(toValue),
  };
}

function toParam(node: SyntaxNode, decorators: Decorator[]): ParamDeclaration {
  const defaultValue = valueAfterEquals(node);
  return {
    name: identifierOf(node),
    type: node.namedChildren.find((child) => child.type === 'type')?.text ?? '?',
    ...(defaultValue === undefined ? {} : { defaultValue }),
    decorators,
    secure: decorators.some((decorator) => decorator.name === 'secure'),
    line: lineOf(node),
  };
}

interface DeclarationBody {
  readonly body: BicepObject;
  readonly loop?: Loop;
  readonly condition?: string;
  readonly bodyNode?: SyntaxNode;
}

/** Unwraps `= {…}`, `= if (…) {…}` and `= [for x in y: {…}]` to the object body. */
function declarationBody(node: SyntaxNode): DeclarationBody {
  const children = node.children;
  const equals = children.findIndex((child) => child.type === '=');
  const target = children.slice(equals + 1).find((child) => child.isNamed);
  if (!target) return { body: { kind: 'object', properties: [] } };
  if (target.type === 'object') return { body: toObject(target), bodyNode: target };
  if (target.type === 'if_statement') {
    const objectNode = target.namedChildren.find((child) => child.type === 'object');
    const condition = target.namedChildren.find((child) => child.type !== 'object')?.text ?? '';
    return {
      body: objectNode ? toObject(objectNode) : { kind: 'object', properties: [] },
      condition,
      ...(objectNode ? { bodyNode: objectNode } : {}),
    };
  }
  if (target.type === 'for_statement') {
    const bodyField = target.childForFieldName('body');
    const inner = bodyField?.type === 'if_statement' ? bodyField : undefined;
    const objectNode = inner
      ? inner.namedChildren.find((child) => child.type === 'object')
      : bodyField?.type === 'object'
        ? bodyField
        : undefined;
    const initializer = target.childForFieldName('initializer');
    const inIndex = target.children.findIndex((child) => child.type === 'in');
    const sourceNode = target.children.slice(inIndex + 1).find((child) => child.isNamed);
    return {
      body: objectNode ? toObject(objectNode) : { kind: 'object', properties: [] },
      loop: { itemName: initializer?.text ?? '?', source: toValue(sourceNode) },
      ...(inner ? { condition: inner.namedChildren[0]?.text ?? '' } : {}),
      ...(objectNode ? { bodyNode: objectNode } : {}),
    };
  }
  return { body: { kind: 'object', properties: [] } };
}

function toResources(
  node: SyntaxNode,
  enclosing: ResourceDeclaration | undefined,
): ResourceDeclaration[] {
  const typeValue = toValue(node.namedChildren.find((child) => child.type === 'string'));
  const typeText = typeValue.kind === 'string' ? typeValue.value : '?';
  const [declaredType = '?', apiVersion = enclosing?.apiVersion ?? '?'] = typeText.split('@');
  const { body, loop, condition, bodyNode } = declarationBody(node);
  const resource: ResourceDeclaration = {
    symbol: identifierOf(node),
    type:
      enclosing && !declaredType.includes('.') ? `${enclosing.type}/${declaredType}` : declaredType,
    apiVersion,
    existing: node.children.some((child) => child.type === 'existing'),
    body,
    ...(loop ? { loop } : {}),
    ...(condition !== undefined ? { condition } : {}),
    ...(enclosing ? { enclosingSymbol: enclosing.symbol } : {}),
    line: lineOf(node),
  };
  const nested = (bodyNode?.namedChildren ?? [])
    .filter((property) => property.type === 'object_property')
    .map((property) => property.namedChildren[0])
    .filter((child): child is SyntaxNode => child?.type === 'resource_declaration')
    .flatMap((child) => toResources(child, resource));
  return [resource, ...nested];
}

function toModule(node: SyntaxNode): ModuleDeclaration {
  const pathValue = toValue(node.namedChildren.find((child) => child.type === 'string'));
  const { body, loop, condition } = declarationBody(node);
  return {
    symbol: identifierOf(node),
    path: pathValue.kind === 'string' ? pathValue.value : '?',
    body,
    ...(loop ? { loop } : {}),
    ...(condition !== undefined ? { condition } : {}),
    line: lineOf(node),
  };
}

function identifierOf(node: SyntaxNode): string {
  return node.namedChildren.find((child) => child.type === 'identifier')?.text ?? '?';
}

function valueAfterEquals(node: SyntaxNode): BicepValue | undefined {
  const children = node.children;
  const equals = children.findIndex((child) => child.type === '=');
  if (equals < 0) return undefined;
  const valueNode = children.slice(equals + 1).find((child) => child.isNamed);
  return valueNode ? toValue(valueNode) : undefined;
}

export function lineOf(node: SyntaxNode): number {
  return node.startPosition.row + 1;
}

/** `a.b.c` lookup in an object value; undefined when any step is missing or not an object. */
export function propertyAt(value: BicepValue | undefined, path: string): BicepValue | undefined {
  let current = value;
  for (const key of path.split('.')) {
    if (current?.kind !== 'object') return undefined;
    current = current.properties.find((property) => property.key === key)?.value;
  }
  return current;
}

/**
 * Plain JavaScript for literal values; expressions and templates become `{ $expr: text }` so tests
 * can compare whole property blocks with toMatchObject.
 */
export function toPlain(value: BicepValue | undefined): unknown {
  if (value === undefined) return undefined;
  switch (value.kind) {
    case 'string':
    case 'number':
    case 'boolean':
      return value.value;
    case 'null':
      return null;
    case 'array':
      return value.items.map(toPlain);
    case 'object':
      return Object.fromEntries(value.properties.map((p) => [p.key, toPlain(p.value)]));
    case 'template':
      return {
        $expr: value.parts
          .map((part) => (typeof part === 'string' ? part : `\${${sourceText(part)}}`))
          .join(''),
      };
    case 'expression':
      return { $expr: value.node.text };
  }
}

/** Source-like text of a value (for messages). */
export function sourceText(value: BicepValue): string {
  if (value.kind === 'expression') return value.node.text;
  const plain = toPlain(value);
  if (typeof plain === 'object' && plain !== null && '$expr' in plain) {
    return String((plain as { $expr: unknown }).$expr);
  }
  return JSON.stringify(plain);
}
