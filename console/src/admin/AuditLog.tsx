import { Subtitle1, Text } from '@fluentui/react-components';
import { useCallback } from 'react';
import { answered } from '../api/apiClient';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { EmptyState, ListStatus, PageFooter } from '../ui/feedback';
import { usePagedList } from '../ui/usePagedList';
import { auditSentence } from './auditSentence';

/**
 * The audit log, newest first: one sentence per event (what, by whom) with the fields it
 * changed, before → after. A list, not a table: it reads the same on a phone.
 */
export function AuditLog() {
  const { t, formatDate } = useI18n();
  const { api, user } = useSession();
  const fetchPage = useCallback(
    async (continuationToken: string | undefined) =>
      (await answered(api.GET('/api/audit-events', { params: { query: { continuationToken } } })))
        .body,
    [api],
  );
  const list = usePagedList(fetchPage, 'audit');
  const reader = { userId: user.userId, name: user.name || user.username };
  return (
    <section aria-labelledby="audit-title">
      <Subtitle1 as="h2" id="audit-title">
        {t.admin.audit}
      </Subtitle1>
      <ListStatus list={list} empty={<EmptyState>{t.admin.auditEmpty}</EmptyState>} />
      {list.items.length > 0 && (
        <ol className="audit-log" aria-label={t.admin.audit}>
          {list.items.map((event) => {
            const { sentence, changes } = auditSentence(t, event, reader);
            return (
              <li key={event.id}>
                <Text size={200} className="secondary-text">
                  <time dateTime={event.at}>{formatDate(event.at)}</time>
                </Text>
                <Text>{sentence}</Text>
                {changes.length > 0 && (
                  <ul className="upload-fixes">
                    {changes.map((change) => (
                      <li key={change}>
                        <Text size={200}>{change}</Text>
                      </li>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <PageFooter list={list} />
    </section>
  );
}
