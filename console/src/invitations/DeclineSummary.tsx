import { Text } from '@fluentui/react-components';
import type { InvitationSummary } from '../api/schemas';
import { format, useI18n } from '../i18n/i18n';

/**
 * A declined invitation's refusal as the customer gave it: who declined (their sign-in name),
 * when, why, and their comment; nothing for any other invitation.
 */
export function DeclineSummary({ invitation }: { invitation: InvitationSummary }) {
  const { t, formatDate } = useI18n();
  const { decline } = invitation;
  if (invitation.status !== 'declined' || decline === undefined) return null;
  return (
    <span className="decline-summary">
      <Text size={200} className="secondary-text">
        {format(t.invitations.declinedBy, {
          user: decline.signedIn.username,
          date: formatDate(invitation.declinedAt),
        })}
      </Text>
      <Text size={200} className="secondary-text">
        {format(t.invitations.declineReason, {
          reason: t.invitations.declineReasons[decline.reason] ?? decline.reason,
        })}
      </Text>
      {decline.comment !== undefined && decline.comment !== '' && (
        <Text size={200} className="secondary-text">
          {format(t.invitations.declineComment, { comment: decline.comment })}
        </Text>
      )}
    </span>
  );
}
