import {
  Button,
  Checkbox,
  Field,
  Link,
  MessageBar,
  MessageBarBody,
  Subtitle2,
  Text,
} from '@fluentui/react-components';
import { useId, useRef, useState, type FormEvent } from 'react';
import { answered } from '../api/apiClient';
import { PATHS } from '../app/paths';
import { RouteLink, useRouter } from '../app/router';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { useApiAction } from '../ui/useApiAction';
import { BATCH_FILE_COLUMNS, batchTemplateCsv, uploadFixes, uploadProblemText } from './batchText';
import { saveFile } from './saveFile';

/**
 * "Invite many customers": a CSV file, optionally sent at once, posted as one batch; then its
 * page. One Idempotency-Key per chosen file, so a retry after a lost answer is the same batch.
 */
export function BatchUpload({ showEarlier = true }: { showEarlier?: boolean }) {
  const { t } = useI18n();
  const { api } = useSession();
  const { navigate } = useRouter();
  const fileInputId = useId();
  const hintId = useId();
  const [file, setFile] = useState<File>();
  const [send, setSend] = useState(false);
  const [missingFile, setMissingFile] = useState(false);
  const uploadKey = useRef<string>(crypto.randomUUID());
  const { busy, problem, run } = useApiAction();

  const upload = (event: FormEvent) => {
    event.preventDefault();
    if (file === undefined) {
      setMissingFile(true);
      return;
    }
    void run(async () => {
      const result = await answered(
        api.POST('/api/invitation-batches', {
          params: {
            query: { send: send ? 'true' : undefined },
            header: { 'Idempotency-Key': uploadKey.current },
          },
          body: await file.text(),
          headers: { 'Content-Type': 'text/csv' },
          bodySerializer: (csv) => csv,
        }),
      );
      navigate(PATHS.batch(result.body.id));
    });
  };

  const fixes = problem === undefined ? [] : uploadFixes(t, problem);
  return (
    <section aria-labelledby={`${fileInputId}-title`} className="batch-upload">
      <Subtitle2 as="h2" id={`${fileInputId}-title`}>
        {t.batches.uploadTitle}
      </Subtitle2>
      <Text as="p">{t.batches.uploadIntro}</Text>
      <form className="form" onSubmit={upload} noValidate>
        <Field
          label={{ children: t.batches.file, htmlFor: fileInputId }}
          hint={{
            id: hintId,
            children: format(t.batches.columnsHint, { columns: BATCH_FILE_COLUMNS.join(', ') }),
          }}
          validationState={missingFile ? 'error' : 'none'}
          validationMessage={missingFile ? t.batches.chooseFile : undefined}
        >
          <input
            id={fileInputId}
            type="file"
            accept=".csv,text/csv"
            aria-describedby={hintId}
            className="file-input"
            onChange={(event) => {
              setFile(event.currentTarget.files?.[0]);
              setMissingFile(false);
              uploadKey.current = crypto.randomUUID();
            }}
          />
        </Field>
        <Field hint={t.batches.sendHint}>
          <Checkbox
            label={t.batches.send}
            checked={send}
            onChange={(_, data) => setSend(data.checked === true)}
          />
        </Field>
        {problem && (
          <MessageBar intent="error" role="alert" layout="multiline">
            <MessageBarBody>
              {uploadProblemText(t, problem)}
              {fixes.length > 0 && (
                <ul className="upload-fixes">
                  {fixes.map((fix) => (
                    <li key={fix}>{fix}</li>
                  ))}
                </ul>
              )}
            </MessageBarBody>
          </MessageBar>
        )}
        {busy && (
          <MessageBar intent="info" role="status">
            <MessageBarBody>{t.batches.uploading}</MessageBarBody>
          </MessageBar>
        )}
        <div className="actions">
          <Button appearance="primary" type="submit" disabled={busy}>
            {t.batches.upload}
          </Button>
          <Link
            as="button"
            type="button"
            onClick={() =>
              saveFile(new Blob([batchTemplateCsv()], { type: 'text/csv' }), 'invitations.csv')
            }
          >
            {t.batches.template}
          </Link>
          {showEarlier && <RouteLink to={PATHS.batches}>{t.batches.earlier}</RouteLink>}
        </div>
      </form>
    </section>
  );
}
