import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Input,
} from '@fluentui/react-components';
import { useRef, useState, type FormEvent } from 'react';
import { answered } from '../api/apiClient';
import type { Invitation } from '../api/schemas';
import { useSession } from '../app/session';
import { format, useI18n } from '../i18n/i18n';
import { ApiField } from '../ui/ApiField';
import { ProblemBar } from '../ui/feedback';
import { useApiAction } from '../ui/useApiAction';

/**
 * "Fix the address and resend" for a bounced invitation: its address cannot change, so after
 * confirmation a new invitation to the corrected address is created (the same customer, DAP
 * choice and language), sent, and the bounced one revoked.
 */
export function FixAddressDialog({
  invitation,
  open,
  onClose,
  onReplaced,
}: {
  invitation: Invitation;
  open: boolean;
  onClose: () => void;
  onReplaced: (email: string) => void;
}) {
  const { t } = useI18n();
  const { api } = useSession();
  const [email, setEmail] = useState(invitation.customer.email);
  // One key per dialog: pressing again after a lost answer does not create a second invitation.
  const idempotencyKey = useRef(crypto.randomUUID());
  const { busy, problem, run } = useApiAction();
  const { customer } = invitation;

  const replace = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const created = await answered(
        api.POST('/api/invitations', {
          params: { header: { 'Idempotency-Key': idempotencyKey.current } },
          body: {
            customer: { ...customer, email: email.trim() },
            includeDelegatedAdmin: invitation.includeDelegatedAdmin,
            locale: invitation.locale,
          },
        }),
      );
      await api.POST('/api/invitations/{id}/send', {
        params: { path: { id: created.body.id } },
      });
      await api.POST('/api/invitations/{id}/revoke', {
        params: { path: { id: invitation.id } },
      });
      onReplaced(created.body.customer.email);
    });
  };

  const fieldProblem = problem?.errorsFor('customer.email').length ? problem : undefined;
  return (
    <Dialog open={open} onOpenChange={(_, data) => (data.open ? undefined : onClose())}>
      <DialogSurface>
        <form onSubmit={replace} noValidate>
          <DialogBody>
            <DialogTitle>
              {format(t.invitations.fixTitle, { company: customer.companyName })}
            </DialogTitle>
            <DialogContent className="form">
              <p>{format(t.invitations.fixText, { email: customer.email })}</p>
              <ApiField
                label={t.invitations.fixEmail}
                name="customer.email"
                problem={problem}
                required
              >
                <Input type="email" value={email} onChange={(_, data) => setEmail(data.value)} />
              </ApiField>
              {problem && !fieldProblem && <ProblemBar problem={problem} />}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={busy}>
                {t.invitations.fixConfirm}
              </Button>
              <Button onClick={onClose}>{t.cancel}</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
