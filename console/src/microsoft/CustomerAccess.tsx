import {
  Subtitle2,
  Table,
  TableBody,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { entraRole } from '../../../shared/domain/entraRoles';
import { ApiProblem } from '../api/apiProblem';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { LabelledCell } from '../ui/LabelledCell';
import { Loading, ProblemBar } from '../ui/feedback';
import type { CustomerAccess as Access } from './accessTemplate';
import { answered } from '../api/apiClient';

/** Which of the partner's groups hold which roles in the customer's tenant, as Graph says. */
export function CustomerAccess({ customerId }: { customerId: string }) {
  const { t, locale, formatDate } = useI18n();
  const { api } = useSession();
  const [access, setAccess] = useState<Access>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let current = true;
    setProblem(undefined);
    answered(
      api.GET('/api/customers/{id}/delegated-admin/access', {
        params: { path: { id: customerId } },
      }),
    )
      .then((result) => current && setAccess(result.body))
      .catch((error: unknown) => {
        if (!(error instanceof ApiProblem)) throw error;
        if (current) setProblem(error);
      });
    return () => {
      current = false;
    };
  }, [api, customerId, attempt]);
  const roleNames = (roles: readonly string[]) =>
    roles.map((id) => entraRole(id)?.name[locale] ?? id).join(', ');
  return (
    <div>
      <Subtitle2 as="h2">{t.microsoft.accessTitle}</Subtitle2>
      {problem && <ProblemBar problem={problem} onRetry={() => setAttempt((n) => n + 1)} />}
      {!problem && access === undefined && <Loading />}
      {access?.relationship === null && <Text as="p">{t.microsoft.accessNone}</Text>}
      {access?.relationship && (
        <Text as="p">
          {format(t.microsoft.accessRelationship, {
            status:
              t.microsoft.graphStatus[access.relationship.status] ?? access.relationship.status,
            date: formatDate(access.relationship.checkedAt),
          })}
        </Text>
      )}
      {access?.waitingFor && <Text as="p">{t.microsoft.waitingFor[access.waitingFor]}</Text>}
      {access !== undefined && access.assignments.length > 0 && (
        <Table aria-label={t.microsoft.accessTitle} className="list-table">
          <TableHeader>
            <TableRow>
              <TableHeaderCell>{t.microsoft.accessGroup}</TableHeaderCell>
              <TableHeaderCell>{t.microsoft.accessRoles}</TableHeaderCell>
              <TableHeaderCell>{t.microsoft.accessState}</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {access.assignments.map((assignment) => (
              <TableRow key={assignment.groupId}>
                <LabelledCell label={t.microsoft.accessGroup}>{assignment.groupName}</LabelledCell>
                <LabelledCell label={t.microsoft.accessRoles}>
                  {roleNames(assignment.roles)}
                </LabelledCell>
                <LabelledCell label={t.microsoft.accessState}>
                  {t.microsoft.accessStatus[assignment.status] ?? assignment.status}
                  {assignment.detail !== undefined && (
                    <Text size={200} className="secondary-text">
                      {assignment.detail}
                    </Text>
                  )}
                </LabelledCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
