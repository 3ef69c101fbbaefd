import type { BicepFile, BicepValue, SyntaxNode } from './bicepModel';
import { lineOf, propertyAt } from './bicepModel';
import type { TemplateSet } from './templateSet';
import { modulePath, where } from './templateSet';

/** Functions that return keys, connection strings or SAS tokens (listKeys, listConnectionStrings, …). */
const KEY_FUNCTION = /^list[A-Z]\w*$/;

/** Properties that hold account keys on Cosmos DB, Storage, Log Analytics and Application Insights. */
const KEY_PROPERTY =
  /^(primaryMasterKey|secondaryMasterKey|primaryReadonlyMasterKey|secondaryReadonlyMasterKey|primaryKey|secondaryKey|primarySharedKey|secondarySharedKey|InstrumentationKey|keys)$/;

/** Literal text that is, or embeds, a credential. */
const SECRET_TEXT: readonly { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'an AccountKey= connection string', pattern: /AccountKey=/i },
  { what: 'a SharedAccessKey= connection string', pattern: /SharedAccessKey=/i },
  { what: 'a SAS token', pattern: /(SharedAccessSignature=|[?&]sig=)/i },
  { what: 'an instrumentation key', pattern: /InstrumentationKey=/i },
  { what: 'a SendGrid API key', pattern: /SG\.[\w-]{16,}\.[\w-]{16,}/ },
  { what: 'a private key', pattern: /-----BEGIN [A-Z ]*PRIVATE KEY-----/ },
  { what: 'a hex token', pattern: /\b[0-9a-fA-F]{40,}\b/ },
];

/**
 * Ways a key could reach the templates: a list*() call, a key property read, a literal that looks
 * like a credential, connection strings on a site, or a @secure() value handed to a module
 * parameter that is not @secure(). (A @secure() parameter with a default or in an output is the
 * Bicep linter's to report: secure-parameter-default, outputs-should-not-contain-secrets.)
 */
export function findSecretProblems(set: TemplateSet): string[] {
  const problems: string[] = [];
  for (const file of set.files.values()) {
    const at = (node: SyntaxNode) => where(set, file, lineOf(node));
    walk(file.root, (node) => {
      if (node.type === 'call_expression') {
        const callee = node.childForFieldName('function');
        const name =
          callee?.type === 'member_expression'
            ? callee.childForFieldName('property')?.text
            : callee?.text;
        if (name && KEY_FUNCTION.test(name)) {
          problems.push(`${at(node)} calls ${name}(), which returns keys`);
        }
      }
      if (node.type === 'property_identifier' && KEY_PROPERTY.test(node.text)) {
        problems.push(`${at(node)} reads the key property ${node.text}`);
      }
      if (node.type === 'string_content') {
        // One report per literal: the most specific description that fits.
        const match = SECRET_TEXT.find(({ pattern }) => pattern.test(node.text));
        if (match) {
          problems.push(`${at(node)} literal looks like ${match.what}`);
        } else if (looksLikeBase64Key(node.text)) {
          problems.push(`${at(node)} literal looks like a base64 key`);
        }
      }
      if (node.type === 'object_property' && node.namedChildren[0]?.text === 'connectionStrings') {
        problems.push(`${at(node)} sets connectionStrings; use identity-based app settings`);
      }
    });
    for (const resource of file.resources) {
      const name = propertyAt(resource.body, 'name');
      if (
        resource.type === 'Microsoft.Web/sites/config' &&
        name?.kind === 'string' &&
        name.value.toLowerCase() === 'connectionstrings'
      ) {
        problems.push(`${where(set, file, resource.line)} sets site connection strings`);
      }
    }
    problems.push(...secureParamProblems(set, file));
  }
  return problems;
}

/**
 * A @secure() value passed to a module param that is not @secure(): the compiler accepts it, and
 * the module's deployment then records the secret in clear among its inputs.
 */
function secureParamProblems(set: TemplateSet, file: BicepFile): string[] {
  const problems: string[] = [];
  const secure = file.params.filter((param) => param.secure);
  for (const module of file.modules) {
    const target = set.files.get(modulePath(file, module));
    const params = propertyAt(module.body, 'params');
    if (!target || params?.kind !== 'object') continue;
    for (const passed of params.properties) {
      const passesSecret = secure.some((param) => mentions(passed.value, param.name));
      const receiver = target.params.find((param) => param.name === passed.key);
      if (passesSecret && receiver && !receiver.secure) {
        problems.push(
          `${where(set, file, passed.line)} passes a @secure() value to ${module.path} param ${passed.key}, which is not @secure()`,
        );
      }
    }
  }
  return problems;
}

/** Whether a value refers to the identifier `name` anywhere inside it. */
function mentions(value: BicepValue, name: string): boolean {
  switch (value.kind) {
    case 'expression':
      return (
        (value.node.type === 'identifier' && value.node.text === name) ||
        value.node.descendantsOfType('identifier').some((identifier) => identifier.text === name)
      );
    case 'template':
      return value.parts.some((part) => typeof part !== 'string' && mentions(part, name));
    case 'array':
      return value.items.some((item) => mentions(item, name));
    case 'object':
      return value.properties.some((property) => mentions(property.value, name));
    default:
      return false;
  }
}

/**
 * Storage and Cosmos DB keys are 88 base64 characters. Long runs of letters and slashes also occur
 * in resource type names, so a run only counts when it mixes cases and carries several digits.
 */
function looksLikeBase64Key(text: string): boolean {
  return (text.match(/[A-Za-z0-9+/]{40,}={0,2}/g) ?? []).some(
    (run) => /[a-z]/.test(run) && /[A-Z]/.test(run) && (run.match(/\d/g) ?? []).length >= 4,
  );
}

function walk(node: SyntaxNode, visit: (node: SyntaxNode) => void): void {
  visit(node);
  for (const child of node.children) {
    if (child.type === 'comment' || child.type === 'diagnostic_comment') continue;
    walk(child, visit);
  }
}
