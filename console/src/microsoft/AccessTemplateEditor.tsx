import {
  Button,
  Dropdown,
  Field,
  Input,
  Option,
  Subtitle1,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { ENTRA_ROLES, GLOBAL_ADMINISTRATOR_TEMPLATE_ID } from '../../../shared/domain/entraRoles';
import { ApiProblem } from '../api/apiProblem';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { EmptyState, Loading, ProblemBar, SuccessBar } from '../ui/feedback';
import { useApiAction } from '../ui/useApiAction';
import {
  editorKeyOf,
  MAX_TEMPLATE_GROUPS,
  templateBody,
  templateErrors,
  type TemplateAssignment,
} from './accessTemplate';
import { answered } from '../api/apiClient';

const OFFERED_ROLES = ENTRA_ROLES.filter(
  (role) => role.templateId !== GLOBAL_ADMINISTRATOR_TEMPLATE_ID,
);
const EMPTY_ROW: TemplateAssignment = { groupId: '', groupName: '', roles: [] };

/**
 * Admin → the partner's access template: its security groups and the roles each gets in a
 * customer's tenant once a granular relationship is active (`/api/partner/access-template`).
 */
export function AccessTemplateEditor() {
  const { t, locale, formatDate } = useI18n();
  const { api } = useSession();
  const [rows, setRows] = useState<TemplateAssignment[]>();
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem>();
  const [shownErrors, setShownErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const { busy, problem, run } = useApiAction();

  useEffect(() => {
    let current = true;
    answered(api.GET('/api/partner/access-template'))
      .then((result) => {
        if (!current) return;
        setRows(result.body.assignments.map((row) => ({ ...row })));
        setUpdatedAt(result.body.updatedAt);
      })
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        if (current) setLoadProblem(error);
      });
    return () => {
      current = false;
    };
  }, [api]);

  const change = (index: number, next: Partial<TemplateAssignment>) =>
    setRows((before) => before?.map((row, i) => (i === index ? { ...row, ...next } : row)));
  const apiErrors: Record<string, string> = {};
  for (const error of problem?.errors ?? []) {
    const key = editorKeyOf(error.field);
    if (key !== undefined) apiErrors[key] = error.message;
  }
  const errorOf = (key: string) => {
    const local = shownErrors[key];
    return local !== undefined ? t.microsoft.errors[local] : apiErrors[key];
  };

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (rows === undefined) return;
    setSaved(false);
    const errors = templateErrors(rows);
    setShownErrors(errors);
    if (Object.keys(errors).length > 0) return;
    void run(async () => {
      const result = await answered(
        api.PUT('/api/partner/access-template', { body: templateBody(rows) }),
      );
      setRows(result.body.assignments.map((row) => ({ ...row })));
      setUpdatedAt(result.body.updatedAt);
      setSaved(true);
    });
  };

  return (
    <section aria-labelledby="template-title">
      <Subtitle1 as="h2" id="template-title">
        {t.microsoft.templateTitle}
      </Subtitle1>
      <Text as="p">{t.microsoft.templateIntro}</Text>
      {loadProblem && <ProblemBar problem={loadProblem} />}
      {!loadProblem && rows === undefined && <Loading />}
      {rows !== undefined && (
        <form className="form" onSubmit={save} noValidate>
          {problem && <ProblemBar problem={problem} focusOnShow />}
          {saved && <SuccessBar>{t.microsoft.templateSaved}</SuccessBar>}
          {updatedAt !== null && (
            <Text as="p">
              {format(t.microsoft.templateUpdated, { date: formatDate(updatedAt) })}
            </Text>
          )}
          {shownErrors.template !== undefined && (
            <Text as="p" role="alert">
              {t.microsoft.errors[shownErrors.template]}
            </Text>
          )}
          {rows.length === 0 && <EmptyState>{t.microsoft.templateEmpty}</EmptyState>}
          {rows.map((row, index) => (
            <fieldset key={index} className="template-row">
              <legend>
                {row.groupName.trim() === ''
                  ? `${t.microsoft.accessGroup} ${index + 1}`
                  : row.groupName}
              </legend>
              <Field
                label={t.microsoft.groupName}
                required
                validationMessage={errorOf(`${index}.groupName`)}
              >
                <Input
                  value={row.groupName}
                  onChange={(_, data) => change(index, { groupName: data.value })}
                />
              </Field>
              <Field
                label={t.microsoft.groupId}
                required
                validationMessage={errorOf(`${index}.groupId`)}
              >
                <Input
                  value={row.groupId}
                  onChange={(_, data) => change(index, { groupId: data.value })}
                />
              </Field>
              <Field
                label={t.microsoft.roles}
                required
                validationMessage={errorOf(`${index}.roles`)}
              >
                <Dropdown
                  multiselect
                  selectedOptions={[...row.roles]}
                  value={row.roles
                    .map(
                      (id) =>
                        OFFERED_ROLES.find((role) => role.templateId === id)?.name[locale] ?? id,
                    )
                    .join(', ')}
                  onOptionSelect={(_, data) => change(index, { roles: data.selectedOptions })}
                >
                  {OFFERED_ROLES.map((role) => (
                    <Option key={role.templateId} value={role.templateId}>
                      {role.name[locale]}
                    </Option>
                  ))}
                </Dropdown>
              </Field>
              <Button onClick={() => setRows(rows.filter((_, i) => i !== index))}>
                {format(t.microsoft.removeGroup, {
                  name: row.groupName.trim() === '' ? String(index + 1) : row.groupName,
                })}
              </Button>
            </fieldset>
          ))}
          <div className="actions">
            <Button
              onClick={() => setRows([...rows, EMPTY_ROW])}
              disabled={rows.length >= MAX_TEMPLATE_GROUPS}
            >
              {t.microsoft.addGroup}
            </Button>
            <Button type="submit" appearance="primary" disabled={busy}>
              {busy ? t.saving : t.microsoft.saveTemplate}
            </Button>
          </div>
        </form>
      )}
    </section>
  );
}
