import { Button, Input, Radio, RadioGroup, Select, Text, Title2 } from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import { PARTNER_CLOUDS, type PartnerCloud } from '../../../shared/domain/cloud';
import { answered } from '../api/apiClient';
import { ApiProblem } from '../api/apiProblem';
import type { PartnerProfileInput } from '../api/schemas';
import { isAdminAgent } from '../auth/signIn';
import { useSession } from '../app/session';
import { useI18n } from '../i18n/i18n';
import { allCountries } from '../request/countryOptions';
import { ApiField } from '../ui/ApiField';
import { ProblemBar } from '../ui/feedback';

/** First run: a partner without a profile creates it (Admin agents only; others are told). */
export function FirstRunScreen() {
  const { t, locale, countryName } = useI18n();
  const { api, user, setProfile } = useSession();
  const countries = useMemo(() => allCountries(countryName, locale), [countryName, locale]);
  const [form, setForm] = useState<PartnerProfileInput>({
    displayName: '',
    country: '',
    cloud: 'public',
    mpnId: '',
  });
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);

  if (!isAdminAgent(user)) {
    return (
      <>
        <Title2 as="h1">{t.firstRun.title}</Title2>
        <p role="alert">{t.firstRun.needsAdmin}</p>
      </>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setProblem(undefined);
    try {
      const saved = await answered(api.PUT('/api/partner', { body: form }));
      setProfile(saved.body);
    } catch (error) {
      if (!(error instanceof ApiProblem)) throw error;
      setProblem(error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Title2 as="h1">{t.firstRun.title}</Title2>
      <Text>{t.firstRun.intro}</Text>
      {problem && <ProblemBar problem={problem} focusOnShow />}
      <ApiField name="displayName" problem={problem} label={t.firstRun.displayName} required>
        <Input
          value={form.displayName}
          autoComplete="organization"
          onChange={(_, data) => setForm({ ...form, displayName: data.value })}
        />
      </ApiField>
      <ApiField name="country" problem={problem} label={t.firstRun.country} required>
        <Select
          value={form.country}
          onChange={(_, data) => setForm({ ...form, country: data.value })}
        >
          <option value="" disabled>
            {t.request.chooseCountry}
          </option>
          {countries.map((c) => (
            <option key={c.code} value={c.code}>
              {c.name}
            </option>
          ))}
        </Select>
      </ApiField>
      <ApiField name="cloud" problem={problem} label={t.firstRun.cloud} required>
        <RadioGroup
          value={form.cloud}
          onChange={(_, data) => setForm({ ...form, cloud: data.value as PartnerCloud })}
        >
          {PARTNER_CLOUDS.map((cloud) => (
            <Radio key={cloud} value={cloud} label={t.firstRun.clouds[cloud]} />
          ))}
        </RadioGroup>
      </ApiField>
      <ApiField
        name="mpnId"
        problem={problem}
        label={t.firstRun.mpnId}
        hint={t.firstRun.mpnIdHint}
        required
      >
        <Input
          value={form.mpnId}
          inputMode="numeric"
          onChange={(_, data) => setForm({ ...form, mpnId: data.value })}
        />
      </ApiField>
      <div className="actions">
        <Button appearance="primary" type="submit" disabled={saving}>
          {saving ? t.saving : t.firstRun.submit}
        </Button>
      </div>
    </form>
  );
}
