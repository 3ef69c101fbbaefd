import {
  Checkbox,
  Field,
  Input,
  Radio,
  RadioGroup,
  Select,
  Text,
} from '@fluentui/react-components';
import { useId } from 'react';
import { ENTRA_ROLES, GDAP_TASK_TEMPLATES } from '../../../shared/domain/entraRoles';
import type { ApiProblem } from '../api/apiProblem';
import { format, useI18n } from '../i18n/i18n';
import { ApiField } from '../ui/ApiField';
import {
  autoExtendAllowed,
  endsAtIfApproved,
  templateRoles,
  toggledRole,
  type DelegatedAdminKind,
  type GranularChoice,
} from './delegatedAdminChoice';

/**
 * Which admin privileges to ask for: the classic roles, or chosen Entra roles (GDAP) started
 * from a least-privileged task template, for a number of days, optionally auto-extended.
 */
export function DelegatedAdminPicker({
  kind,
  choice,
  problem,
  onKind,
  onChoice,
}: {
  kind: DelegatedAdminKind;
  choice: GranularChoice;
  problem: ApiProblem | undefined;
  onKind: (kind: DelegatedAdminKind) => void;
  onChoice: (choice: GranularChoice) => void;
}) {
  const { t, locale, formatDate } = useI18n();
  const autoExtendReasonId = useId();
  const rolesHintId = useId();
  const rolesErrorId = useId();
  const endsAt = endsAtIfApproved(choice.days, new Date());
  const canExtend = autoExtendAllowed(choice.roles);
  // A refused role is named by its index (delegatedAdmin.roles[2]); the list shows the first.
  const roleError = problem?.errors.find((error) => error.field.startsWith('delegatedAdmin.roles'));

  return (
    <div className="form">
      <Field label={t.request.dapKind}>
        <RadioGroup value={kind} onChange={(_, data) => onKind(data.value as DelegatedAdminKind)}>
          <Radio value="classic" label={t.request.dapClassic} />
          <Radio value="granular" label={t.request.dapGranular} />
        </RadioGroup>
      </Field>
      {kind === 'granular' && (
        <>
          <Field label={t.request.template}>
            <Select
              value=""
              onChange={(_, data) =>
                onChoice({
                  ...choice,
                  roles: templateRoles(data.value),
                  autoExtend: choice.autoExtend && autoExtendAllowed(templateRoles(data.value)),
                })
              }
            >
              <option value="" disabled>
                {t.request.templateNone}
              </option>
              {GDAP_TASK_TEMPLATES.map((template) => (
                <option key={template.id} value={template.id}>
                  {template.name[locale]}
                </option>
              ))}
            </Select>
          </Field>
          {/* A fieldset, not a Field: a Field would name every checkbox after its own label. */}
          <fieldset
            className="role-list"
            aria-describedby={roleError ? `${rolesHintId} ${rolesErrorId}` : rolesHintId}
          >
            <legend>{t.request.roles}</legend>
            <Text id={rolesHintId} size={200}>
              {t.request.rolesHint}
            </Text>
            {roleError && (
              <Text id={rolesErrorId} className="field-error" role="alert">
                {t.fieldErrors[roleError.code] ?? t.fieldErrors.INVALID_VALUE}
              </Text>
            )}
            {ENTRA_ROLES.map((role) => (
              <Checkbox
                key={role.templateId}
                checked={choice.roles.includes(role.templateId)}
                onChange={(_, data) =>
                  onChoice(toggledRole(choice, role.templateId, data.checked === true))
                }
                label={
                  <>
                    <strong>{role.name[locale]}</strong>
                    <br />
                    <Text size={200}>{role.description[locale]}</Text>
                  </>
                }
              />
            ))}
          </fieldset>
          <ApiField
            name="delegatedAdmin.duration"
            problem={problem}
            label={t.request.days}
            hint={
              endsAt === undefined
                ? undefined
                : format(t.request.endsHint, { date: formatDate(endsAt.toISOString()) })
            }
            required
          >
            <Input
              type="number"
              min={1}
              max={730}
              value={choice.days}
              onChange={(_, data) => onChoice({ ...choice, days: data.value })}
            />
          </ApiField>
          <ApiField name="delegatedAdmin.autoExtend" problem={problem}>
            <Checkbox
              label={t.request.autoExtend}
              checked={canExtend && choice.autoExtend}
              disabled={!canExtend}
              aria-describedby={canExtend ? undefined : autoExtendReasonId}
              onChange={(_, data) => onChoice({ ...choice, autoExtend: data.checked === true })}
            />
          </ApiField>
          {!canExtend && <Text id={autoExtendReasonId}>{t.request.autoExtendNoGlobalAdmin}</Text>}
        </>
      )}
    </div>
  );
}
