import { Field, type FieldProps } from '@fluentui/react-components';
import type { ApiProblem } from '../api/apiProblem';
import { useI18n } from '../i18n/i18n';
import { fieldErrorText } from '../i18n/problemText';

/**
 * A form field that shows, next to itself, the localized message for the problem's `errors[]`
 * entry naming `name` (the API's field path, e.g. `customer.domain`).
 */
export function ApiField({
  name,
  problem,
  ...props
}: FieldProps & { name: string; problem: ApiProblem | undefined }) {
  const { t } = useI18n();
  const message = fieldErrorText(t, problem, name);
  return (
    <Field
      {...props}
      validationMessage={message ?? props.validationMessage}
      validationState={message ? 'error' : (props.validationState ?? 'none')}
    />
  );
}
