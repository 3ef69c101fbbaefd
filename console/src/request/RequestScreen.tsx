import { Button, Checkbox, Input, Select, Text, Title2 } from '@fluentui/react-components';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { canRequestDelegatedAdmin } from '../../../shared/domain/delegatedAdminPolicy';
import { LOCALES, type Locale } from '../../../shared/domain/cloud';
import { ApiProblem } from '../api/apiProblem';
import { useRouter } from '../app/router';
import { useProfile, useSession } from '../app/session';
import { PATHS } from '../app/paths';
import { format, useI18n } from '../i18n/i18n';
import { ApiField } from '../ui/ApiField';
import { ProblemBar } from '../ui/feedback';
import { customerCountries } from './countryOptions';
import {
  DEFAULT_GRANULAR,
  delegatedAdminFields,
  type DelegatedAdminKind,
  type GranularChoice,
} from './delegatedAdminChoice';
import { emailOutsideDomain } from './emailDomain';
import { DelegatedAdminPicker } from './DelegatedAdminPicker';
import { answered } from '../api/apiClient';

interface RequestForm {
  email: string;
  companyName: string;
  domain: string;
  country: string;
  locale: Locale;
  includeDelegatedAdmin: boolean;
  delegatedAdminKind: DelegatedAdminKind;
  granular: GranularChoice;
}

/**
 * "Request a reseller relationship": the customer, the language, and the DAP checkbox with,
 * once ticked, the classic roles or chosen ones (GDAP).
 */
export function RequestScreen() {
  const { t, locale, countryName } = useI18n();
  const { api } = useSession();
  const profile = useProfile();
  const { navigate } = useRouter();
  const dapAvailable = canRequestDelegatedAdmin(profile.cloud);
  const countries = useMemo(
    () => customerCountries(profile.country, countryName, locale),
    [profile.country, countryName, locale],
  );
  const [form, setForm] = useState<RequestForm>({
    email: '',
    companyName: '',
    domain: '',
    country: '',
    locale,
    includeDelegatedAdmin: dapAvailable,
    delegatedAdminKind: 'classic',
    granular: DEFAULT_GRANULAR,
  });
  const [problem, setProblem] = useState<ApiProblem>();
  const [busy, setBusy] = useState(false);
  // A retry of the same request reuses its key, so a lost answer never creates two invitations.
  const attempt = useRef<{ body: string; key: string } | undefined>(undefined);
  const dapReasonId = useId();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const body = {
      customer: {
        email: form.email.trim(),
        companyName: form.companyName.trim(),
        domain: form.domain.trim(),
        country: form.country,
      },
      ...delegatedAdminFields(
        dapAvailable && form.includeDelegatedAdmin,
        form.delegatedAdminKind,
        form.granular,
      ),
      locale: form.locale,
    };
    const json = JSON.stringify(body);
    if (attempt.current?.body !== json) attempt.current = { body: json, key: crypto.randomUUID() };
    setBusy(true);
    setProblem(undefined);
    try {
      const created = await answered(
        api.POST('/api/invitations', {
          params: { header: { 'Idempotency-Key': attempt.current.key } },
          body,
        }),
      );
      navigate(PATHS.review(created.body.id));
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
      setBusy(false);
    }
  };
  const text = (field: 'email' | 'companyName' | 'domain') => ({
    value: form[field],
    onChange: (_: unknown, data: { value: string }) => setForm({ ...form, [field]: data.value }),
  });

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Title2 as="h1">{t.request.title}</Title2>
      <Text>{t.request.intro}</Text>
      {problem && <ProblemBar problem={problem} focusOnShow />}
      <ApiField
        name="customer.email"
        problem={problem}
        label={t.request.email}
        required
        {...(emailOutsideDomain(form.email, form.domain)
          ? {
              validationState: 'warning' as const,
              validationMessage: format(t.request.emailOutsideDomain, {
                domain: form.domain.trim(),
              }),
            }
          : {})}
      >
        <Input type="email" autoComplete="off" {...text('email')} />
      </ApiField>
      <ApiField name="customer.companyName" problem={problem} label={t.request.company} required>
        <Input autoComplete="off" {...text('companyName')} />
      </ApiField>
      <ApiField
        name="customer.domain"
        problem={problem}
        label={t.request.domain}
        hint={t.request.domainHint}
        required
      >
        <Input autoComplete="off" {...text('domain')} />
      </ApiField>
      <ApiField name="customer.country" problem={problem} label={t.request.country} required>
        <Select
          value={form.country}
          onChange={(_, data) => setForm({ ...form, country: data.value })}
        >
          <option value="" disabled>
            {t.request.chooseCountry}
          </option>
          <optgroup label={format(t.request.inRegion, { region: countries.regionName })}>
            {countries.inRegion.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </optgroup>
          <optgroup label={t.request.outsideRegion}>
            {countries.outsideRegion.map((c) => (
              <option key={c.code} value={c.code} disabled>
                {format(t.request.outsideRegionOption, { country: c.name })}
              </option>
            ))}
          </optgroup>
        </Select>
      </ApiField>
      <ApiField name="locale" problem={problem} label={t.request.locale}>
        <Select
          value={form.locale}
          onChange={(_, data) => setForm({ ...form, locale: data.value as Locale })}
        >
          {LOCALES.map((code) => (
            <option key={code} value={code}>
              {new Intl.DisplayNames([locale], { type: 'language' }).of(code) ?? code}
            </option>
          ))}
        </Select>
      </ApiField>
      <ApiField
        name="includeDelegatedAdmin"
        problem={problem}
        hint={dapAvailable ? t.request.dapHint : undefined}
      >
        <Checkbox
          label={t.request.dap}
          checked={dapAvailable && form.includeDelegatedAdmin}
          disabled={!dapAvailable}
          aria-describedby={dapAvailable ? undefined : dapReasonId}
          onChange={(_, data) => setForm({ ...form, includeDelegatedAdmin: data.checked === true })}
        />
      </ApiField>
      {dapAvailable && form.includeDelegatedAdmin && (
        <DelegatedAdminPicker
          kind={form.delegatedAdminKind}
          choice={form.granular}
          problem={problem}
          onKind={(delegatedAdminKind) => setForm({ ...form, delegatedAdminKind })}
          onChoice={(granular) => setForm({ ...form, granular })}
        />
      )}
      {!dapAvailable && (
        <Text id={dapReasonId}>
          {format(t.request.dapUnavailable, { cloud: t.firstRun.clouds[profile.cloud] })}
        </Text>
      )}
      <div className="actions">
        <Button appearance="primary" type="submit" disabled={busy}>
          {busy ? t.request.submitting : t.request.submit}
        </Button>
      </div>
    </form>
  );
}
