import type { AppSettingSpec } from '../../../shared/config/appSettings';
import type { BicepValue } from './bicepModel';
import { propertyAt } from './bicepModel';
import type { TemplateSet } from './templateSet';
import { where } from './templateSet';

export interface TemplateAppSetting {
  readonly name: string;
  readonly value: BicepValue;
  readonly at: string;
}

export interface AppSettingsFindings {
  readonly settings: readonly TemplateAppSetting[];
  /** Places where settings are built in a way the checker cannot read (loops, union(), …). */
  readonly unreadable: readonly string[];
}

/**
 * The app settings the templates give function apps, from both places Bicep can put them:
 * `siteConfig.appSettings` on `Microsoft.Web/sites` and a `Microsoft.Web/sites/config` resource
 * named `appsettings`.
 */
export function findAppSettings(set: TemplateSet): AppSettingsFindings {
  const settings: TemplateAppSetting[] = [];
  const unreadable: string[] = [];
  for (const file of set.files.values()) {
    for (const resource of file.resources) {
      if (resource.existing) continue;
      const at = (line: number) => where(set, file, line);
      if (resource.type === 'Microsoft.Web/sites') {
        const list = propertyAt(resource.body, 'properties.siteConfig.appSettings');
        if (list === undefined) continue;
        if (list.kind !== 'array') {
          unreadable.push(`${at(resource.line)} siteConfig.appSettings is not a literal array`);
          continue;
        }
        for (const item of list.items) {
          const name = propertyAt(item, 'name');
          if (name?.kind !== 'string') {
            unreadable.push(`${at(resource.line)} an appSettings entry has no literal name`);
            continue;
          }
          settings.push({
            name: name.value,
            value: propertyAt(item, 'value') ?? { kind: 'null' },
            at: at(resource.line),
          });
        }
      }
      if (resource.type === 'Microsoft.Web/sites/config') {
        const name = propertyAt(resource.body, 'name');
        if (name?.kind !== 'string' || name.value.toLowerCase() !== 'appsettings') continue;
        const properties = propertyAt(resource.body, 'properties');
        if (properties?.kind !== 'object' || resource.loop) {
          unreadable.push(`${at(resource.line)} appsettings properties are not a literal object`);
          continue;
        }
        for (const property of properties.properties) {
          settings.push({ name: property.key, value: property.value, at: at(property.line) });
        }
      }
    }
  }
  return { settings, unreadable };
}

export interface AppSettingsComparison {
  /** `both`/`host` settings the template does not set. */
  readonly missing: readonly string[];
  /** Settings the template sets that are `local`-only or not listed at all. */
  readonly unexpected: readonly string[];
  readonly duplicated: readonly string[];
}

/** Compares the template's settings with APP_SETTINGS: `both` and `host` must be set, `local` must not. */
export function compareAppSettings(
  settings: readonly TemplateAppSetting[],
  specs: readonly AppSettingSpec[],
): AppSettingsComparison {
  const names = settings.map((setting) => setting.name);
  const required = specs.filter((spec) => spec.scope !== 'local').map((spec) => spec.name);
  return {
    missing: required.filter((name) => !names.includes(name)),
    unexpected: [...new Set(names.filter((name) => !required.includes(name)))],
    duplicated: [...new Set(names.filter((name, index) => names.indexOf(name) !== index))],
  };
}

/** Human-readable problems for a failed comparison, e.g. "missing app setting COSMOS_ENDPOINT". */
export function describeAppSettingProblems(
  findings: AppSettingsFindings,
  comparison: AppSettingsComparison,
  specs: readonly AppSettingSpec[],
): string[] {
  const scopeOf = (name: string) => specs.find((spec) => spec.name === name)?.scope;
  return [
    ...findings.unreadable,
    ...comparison.missing.map((name) => `missing app setting ${name} (scope ${scopeOf(name)})`),
    ...comparison.unexpected.map((name) =>
      scopeOf(name) === 'local'
        ? `unexpected app setting ${name}: scope local, only for the emulators`
        : `unexpected app setting ${name}: not in APP_SETTINGS`,
    ),
    ...comparison.duplicated.map((name) => `app setting ${name} is set more than once`),
  ];
}
