import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { de } from './de';
import { en, type Messages } from './en';

export const UI_LOCALES = ['en-US', 'de-DE'] as const;
export type UiLocale = (typeof UI_LOCALES)[number];

const MESSAGES: Record<UiLocale, Messages> = { 'en-US': en, 'de-DE': de };
const STORAGE_KEY = 'console.locale';

/** The browser's language decides, unless the user picked one in the console before. */
export function initialLocale(
  stored: string | null,
  browserLanguages: readonly string[],
): UiLocale {
  if (stored === 'en-US' || stored === 'de-DE') return stored;
  const first = browserLanguages[0]?.toLowerCase() ?? '';
  return first.startsWith('de') ? 'de-DE' : 'en-US';
}

/** Fills `{name}` placeholders; unknown ones stay visible, so a missing value shows in tests. */
export function format(template: string, values: Readonly<Record<string, string | number>> = {}) {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

interface I18n {
  readonly locale: UiLocale;
  readonly t: Messages;
  setLocale(locale: UiLocale): void;
  formatDate(iso: string | undefined): string;
  countryName(code: string): string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<UiLocale>(() =>
    initialLocale(window.localStorage.getItem(STORAGE_KEY), navigator.languages ?? []),
  );
  const value = useMemo<I18n>(() => {
    const dates = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
    const regions = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' });
    document.documentElement.lang = locale;
    return {
      locale,
      t: MESSAGES[locale],
      setLocale: (next) => {
        window.localStorage.setItem(STORAGE_KEY, next);
        setLocaleState(next);
      },
      formatDate: (iso) => (iso === undefined ? '' : dates.format(new Date(iso))),
      countryName: (code) => regions.of(code) ?? code,
    };
  }, [locale]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (value === undefined) throw new Error('useI18n outside I18nProvider');
  return value;
}
