/** A YAML mapping as far as simpleYaml reads it: nested maps of scalar strings. */
export interface YamlMap {
  readonly [key: string]: string | YamlMap;
}

/**
 * Reads the small block-mapping subset of YAML that azure.yaml uses (nested `key: value` maps,
 * comments, quoted scalars) without a YAML dependency. Anything outside that subset — lists,
 * flow collections, anchors, multi-line scalars, tabs — throws, so the checker never silently
 * misreads a file it does not understand.
 */
export function parseSimpleYaml(text: string): YamlMap {
  const root: Record<string, string | YamlMap> = {};
  const stack: { indent: number; map: Record<string, string | YamlMap> }[] = [
    { indent: -1, map: root },
  ];
  text.split(/\r?\n/).forEach((raw, index) => {
    const lineNumber = index + 1;
    const line = stripComment(raw).trimEnd();
    if (line.trim() === '' || line.trim() === '---') return;
    if (/^\t| \t/.test(line)) throw new Error(`line ${lineNumber}: tabs are not supported`);
    const indent = line.length - line.trimStart().length;
    const match = /^([A-Za-z0-9_.-]+|"[^"]*"|'[^']*'):(?:\s+(.*))?$/.exec(line.trimStart());
    if (!match)
      throw new Error(`line ${lineNumber}: not a "key: value" mapping entry: ${line.trim()}`);
    while (stack.length > 1 && indent <= stack[stack.length - 1]!.indent) stack.pop();
    const parent = stack[stack.length - 1]!;
    const key = unquote(match[1]!);
    if (key in parent.map) throw new Error(`line ${lineNumber}: duplicate key ${key}`);
    const value = match[2];
    if (value === undefined || value === '') {
      const child: Record<string, string | YamlMap> = {};
      parent.map[key] = child;
      stack.push({ indent, map: child });
      return;
    }
    if (/^[[{&*!|>]/.test(value))
      throw new Error(`line ${lineNumber}: unsupported YAML value ${value}`);
    parent.map[key] = unquote(value);
  });
  return root;
}

function stripComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '#' && (i === 0 || /\s/.test(line[i - 1]!))) {
      return line.slice(0, i);
    }
  }
  return line;
}

function unquote(value: string): string {
  const trimmed = value.trim();
  if (/^"(.*)"$/.test(trimmed) || /^'(.*)'$/.test(trimmed)) return trimmed.slice(1, -1);
  return trimmed;
}
