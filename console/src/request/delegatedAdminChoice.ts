import { delegatedAdminEndsAt, durationDays } from '../../../shared/domain/delegatedAdminRequest';
import {
  GDAP_TASK_TEMPLATES,
  GLOBAL_ADMINISTRATOR_TEMPLATE_ID,
} from '../../../shared/domain/entraRoles';

/** How the request form asks for admin privileges: the classic roles, or chosen ones. */
export type DelegatedAdminKind = 'classic' | 'granular';

export interface GranularChoice {
  readonly roles: readonly string[];
  /** Days as typed, 1 to 730. */
  readonly days: string;
  readonly autoExtend: boolean;
}

export const DEFAULT_GRANULAR: GranularChoice = { roles: [], days: '730', autoExtend: false };

/** Auto-extension is refused with Global Administrator among the roles (the API says so too). */
export function autoExtendAllowed(roles: readonly string[]): boolean {
  return !roles.includes(GLOBAL_ADMINISTRATOR_TEMPLATE_ID);
}

/** The roles of a task template, or none for an unknown id. */
export function templateRoles(templateId: string): readonly string[] {
  return GDAP_TASK_TEMPLATES.find((template) => template.id === templateId)?.roles ?? [];
}

/** Adds or drops one role, keeping the catalogue's order of choosing. */
export function toggledRole(
  choice: GranularChoice,
  templateId: string,
  on: boolean,
): GranularChoice {
  const roles = on
    ? [...choice.roles.filter((role) => role !== templateId), templateId]
    : choice.roles.filter((role) => role !== templateId);
  return { ...choice, roles, autoExtend: choice.autoExtend && autoExtendAllowed(roles) };
}

/** When access would end if approved at `now`; undefined while the days are not valid. */
export function endsAtIfApproved(days: string, now: Date): Date | undefined {
  const duration = `P${days.trim()}D`;
  return durationDays(duration) === undefined ? undefined : delegatedAdminEndsAt(now, duration);
}

/**
 * The request body's admin privilege fields: `includeDelegatedAdmin` for none or the classic
 * roles, `delegatedAdmin` alone for chosen roles (the API then stores includeDelegatedAdmin).
 */
export function delegatedAdminFields(
  requested: boolean,
  kind: DelegatedAdminKind,
  choice: GranularChoice,
):
  | { includeDelegatedAdmin: boolean }
  | { delegatedAdmin: { roles: string[]; duration: string; autoExtend: boolean } } {
  if (!requested || kind === 'classic') {
    return { includeDelegatedAdmin: requested };
  }
  return {
    delegatedAdmin: {
      roles: [...choice.roles],
      duration: `P${choice.days.trim()}D`,
      autoExtend: choice.autoExtend && autoExtendAllowed(choice.roles),
    },
  };
}
