import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { propertyAt } from './bicepModel';
import type { TemplateSet } from './templateSet';
import { isRegistryModule, listBicepFiles, modulePath, where } from './templateSet';

/**
 * What `az bicep build` would reject about modules, checked offline: a registry module (not
 * checkable here, and not wanted), a path that does not exist, a param the module does not
 * declare, a required param (no default) left out, and `<module>.outputs.<name>` where the module
 * has no such output. Also flags .bicep files under infra/ that main.bicep never reaches.
 */
export function checkModuleWiring(set: TemplateSet): string[] {
  const problems: string[] = [];
  for (const file of set.files.values()) {
    for (const module of file.modules) {
      const at = where(set, file, module.line);
      if (isRegistryModule(module.path)) {
        problems.push(
          `${at} module ${module.symbol} uses registry module ${module.path}; declare resources locally`,
        );
        continue;
      }
      const path = modulePath(file, module);
      const target = set.files.get(path);
      if (!existsSync(path) || !target) {
        problems.push(`${at} module ${module.symbol}: ${module.path} does not exist`);
        continue;
      }
      const params = propertyAt(module.body, 'params') ?? { kind: 'object', properties: [] };
      if (params.kind !== 'object') {
        problems.push(`${at} module ${module.symbol}: params is not a literal object`);
        continue;
      }
      const passed = params.properties.map((property) => property.key);
      for (const property of params.properties) {
        if (!target.params.some((param) => param.name === property.key)) {
          problems.push(
            `${where(set, file, property.line)} module ${module.symbol} passes unknown param ${property.key} to ${module.path}`,
          );
        }
      }
      for (const param of target.params) {
        if (param.defaultValue === undefined && !passed.includes(param.name)) {
          problems.push(
            `${at} module ${module.symbol} does not pass required param ${param.name} of ${module.path}`,
          );
        }
      }
    }
    for (const reference of file.root.descendantsOfType('member_expression')) {
      const outputs = reference.childForFieldName('object');
      if (outputs?.type !== 'member_expression') continue;
      const owner = outputs.childForFieldName('object');
      if (owner?.type !== 'identifier' || outputs.childForFieldName('property')?.text !== 'outputs')
        continue;
      const module = file.modules.find((candidate) => candidate.symbol === owner.text);
      const target = module && set.files.get(modulePath(file, module));
      const name = reference.childForFieldName('property')?.text;
      if (target && name && !target.outputs.some((output) => output.name === name)) {
        problems.push(
          `${where(set, file, reference.startPosition.row + 1)} ${owner.text}.outputs.${name}: ${module.path} has no output ${name}`,
        );
      }
    }
  }
  const reached = new Set(set.files.keys());
  for (const path of listBicepFiles(set.infraDir)) {
    if (!reached.has(path))
      problems.push(
        `${relative(set.infraDir, path)} is not used by ${relative(set.infraDir, set.main.path)}`,
      );
  }
  return problems;
}
