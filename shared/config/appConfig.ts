import { createPublicKey } from 'node:crypto';
import * as z from 'zod';
import type { PartnerCloud } from '../domain/cloud';
import { DEFAULT_PORTAL_URL_PATTERNS, validatePortalUrlPattern } from '../domain/portalUrl';
import { APP_SETTINGS } from './appSettings';

/** The validated configuration the app runs with; read once per process. */
export interface AppConfig {
  readonly storage:
    | { readonly kind: 'connectionString'; readonly connectionString: string }
    | {
        readonly kind: 'identity';
        readonly queueServiceUri: string;
        /** The blob endpoint of the same account (the audit archive); the host's setting. */
        readonly blobServiceUri?: string;
        readonly clientId?: string;
      };
  /**
   * Audit events older than `afterDays` move from Cosmos DB to JSON-lines blobs in `container`
   * of the storage account (shared/services/auditRetention.ts); 0 keeps them in Cosmos DB.
   */
  readonly auditArchive: { readonly afterDays: number; readonly container: string };
  readonly cosmos: {
    readonly endpoint: string;
    readonly key?: string;
    readonly database: string;
    readonly container: string;
    readonly allowSelfSigned: boolean;
  };
  readonly managedIdentityClientId?: string;
  readonly mail: {
    readonly apiKey: string;
    readonly baseUrl?: string;
    /** SendGrid's Event Webhook verification key; without it the events endpoint refuses all. */
    readonly eventWebhookPublicKey?: string;
    readonly fromAddress: string;
    readonly fromName: string;
    readonly maxAttempts: number;
  };
  readonly publicBaseUrl: string;
  readonly auth: {
    readonly issuer: string;
    readonly audience: string;
    readonly jwksUri: string;
    /** The customer admins' interactive sign-in (OpenID Connect). */
    readonly authority: string;
    readonly clientId: string;
    readonly clientSecret: string;
  };
  /** Encrypted sign-in cookies; `secure` unless the app runs on plain http (loopback). */
  readonly session: { readonly secret: string; readonly secure: boolean };
  /** The MCA text to link, with `{locale}` and `{cloud}` placeholders. */
  readonly mcaAgreementUrl: string;
  readonly invitationLifetimeDays: number;
  readonly portalUrlPatterns: Readonly<Record<PartnerCloud, string>>;
  readonly mcaTemplateId: string;
  readonly reminderDaysBeforeExpiry: number;
  readonly resendMinIntervalMinutes: number;
  /** How long `sending` or `accepted` rests before the resumeStuckWork timer queues it again. */
  readonly stuckWorkAfterMs: number;
  readonly webhooks: { readonly maxAttempts: number; readonly allowHttpLoopback: boolean };
  /** Microsoft Graph (GDAP), its sign-in, the admin center and Partner Center's events. */
  readonly microsoft: MicrosoftConfig;
}

/** Where Microsoft is, for the app-only Graph calls and the checks of Partner Center events. */
export interface MicrosoftConfig {
  /** The multi-tenant app registration partners consent to; absent: GDAP is not set up. */
  readonly graphAppClientId?: string;
  readonly loginUrl: string;
  readonly graphUrl: string;
  readonly adminCenterUrl: string;
  /** The first pause before a granular relationship is read from Graph again (doubles, ≤ 1 h). */
  readonly recheckBaseSeconds: number;
  /** The only host Partner Center's signing certificates may be fetched from. */
  readonly partnerCenterCertificateHost: string;
  /** A certificate to trust for the URLs above besides the system's: the local stand-in's. */
  readonly trustedCertificatePem?: string;
}

export const DEFAULT_MICROSOFT: Omit<
  MicrosoftConfig,
  'graphAppClientId' | 'trustedCertificatePem' | 'recheckBaseSeconds'
> = {
  loginUrl: 'https://login.microsoftonline.com',
  graphUrl: 'https://graph.microsoft.com',
  adminCenterUrl: 'https://admin.microsoft.com',
  partnerCenterCertificateHost: 'api.partnercenter.microsoft.com',
};

export class ConfigurationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigurationError';
  }
}

/**
 * The Microsoft Customer Agreement template id recorded with attestations unless configured.
 * This is the id Partner Center's "confirm customer acceptance" documentation shows; the
 * current one comes from Partner Center's agreement metadata API, and operators set
 * MCA_TEMPLATE_ID when Microsoft publishes a new version.
 */
export const DEFAULT_MCA_TEMPLATE_ID = '117a77b0-9360-443b-8795-c6dedc750cf9';

/** Microsoft's published Microsoft Customer Agreement page, in the invitation's language. */
export const DEFAULT_MCA_AGREEMENT_URL =
  'https://www.microsoft.com/{locale}/licensing/docs/customeragreement';

export const DEFAULT_AUTH_AUTHORITY = 'https://login.microsoftonline.com';

const url = z.url({ protocol: /^https?$/ });
const optionalText = z
  .string()
  .optional()
  .transform((value) => (value === undefined || value.trim() === '' ? undefined : value.trim()));
const wholeNumber = (fallback: number, min: number, max: number) =>
  optionalText.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().int().min(min).max(max))
      .optional()
      .transform((value) => value ?? fallback),
  );
const positiveInt = (fallback: number, max: number) => wholeNumber(fallback, 1, max);
/** SendGrid shows the key as base64 DER (SPKI) of a P-256 key; a PEM armour is allowed too. */
const eventWebhookPublicKey = optionalText
  .transform((value) => value?.replace(/-----(BEGIN|END) PUBLIC KEY-----/g, '').replace(/\s+/g, ''))
  .superRefine((value, ctx) => {
    if (value !== undefined && !isP256PublicKey(value)) {
      ctx.addIssue({ code: 'custom', message: 'must be a base64 P-256 (ECDSA) public key' });
    }
  });

function isP256PublicKey(base64: string): boolean {
  try {
    const key = createPublicKey({
      key: Buffer.from(base64, 'base64'),
      format: 'der',
      type: 'spki',
    });
    return key.asymmetricKeyDetails?.namedCurve === 'prime256v1';
  } catch {
    return false;
  }
}

const portalPattern = (cloud: PartnerCloud) =>
  optionalText
    .transform((value) => value ?? DEFAULT_PORTAL_URL_PATTERNS[cloud])
    .superRefine((value, ctx) => {
      const problem = validatePortalUrlPattern(value);
      if (problem !== undefined) {
        ctx.addIssue({ code: 'custom', message: problem });
      }
    });

const settingsSchema = z.object({
  AzureWebJobsStorage: optionalText,
  AzureWebJobsStorage__queueServiceUri: optionalText.pipe(url.optional()),
  AzureWebJobsStorage__blobServiceUri: optionalText.pipe(url.optional()),
  AzureWebJobsStorage__clientId: optionalText,
  AZURE_CLIENT_ID: optionalText,
  COSMOS_ENDPOINT: url,
  COSMOS_KEY: optionalText,
  COSMOS_DATABASE: z.string().min(1),
  COSMOS_CONTAINER: z.string().min(1),
  COSMOS_ALLOW_SELF_SIGNED: optionalText.pipe(z.enum(['true', 'false']).optional()),
  SENDGRID_API_KEY: z.string().min(1),
  SENDGRID_BASE_URL: optionalText.pipe(url.optional()),
  SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY: eventWebhookPublicKey,
  MAIL_FROM_ADDRESS: z.email(),
  MAIL_FROM_NAME: optionalText,
  PUBLIC_BASE_URL: url,
  AUTH_ISSUER: z.string().min(1),
  AUTH_AUDIENCE: z.string().min(1),
  AUTH_JWKS_URI: url,
  AUTH_AUTHORITY: optionalText.pipe(url.optional()),
  AUTH_CLIENT_ID: z.string().min(1),
  AUTH_CLIENT_SECRET: z.string().min(1),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
  MCA_AGREEMENT_URL: optionalText.pipe(url.optional()),
  INVITATION_LIFETIME_DAYS: positiveInt(90, 3650),
  EMAIL_MAX_ATTEMPTS: positiveInt(5, 50),
  PORTAL_URL_PUBLIC: portalPattern('public'),
  PORTAL_URL_GERMANY: portalPattern('germany'),
  PORTAL_URL_USGOV: portalPattern('usgov'),
  MCA_TEMPLATE_ID: optionalText,
  INVITATION_REMINDER_DAYS: wholeNumber(7, 0, 365),
  INVITATION_RESEND_MIN_MINUTES: wholeNumber(10, 0, 1440),
  HOUSEKEEPING_SCHEDULE: optionalText,
  STUCK_WORK_SCHEDULE: optionalText,
  STUCK_WORK_AFTER_SECONDS: positiveInt(120, 86_400),
  WEBHOOK_MAX_ATTEMPTS: positiveInt(8, 50),
  AUDIT_ARCHIVE_AFTER_DAYS: wholeNumber(365, 0, 36_500),
  AUDIT_ARCHIVE_CONTAINER: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$/, {
        message: 'must be a blob container name (3-63 lowercase letters, digits, single hyphens)',
      })
      .optional(),
  ),
  WEBHOOK_ALLOW_HTTP_LOOPBACK: optionalText.pipe(z.enum(['true', 'false']).optional()),
  MICROSOFT_GRAPH_APP_CLIENT_ID: optionalText,
  MICROSOFT_LOGIN_URL: optionalText.pipe(url.optional()),
  MICROSOFT_GRAPH_URL: optionalText.pipe(url.optional()),
  MICROSOFT_ADMIN_CENTER_URL: optionalText.pipe(url.optional()),
  PARTNER_CENTER_CERTIFICATE_HOST: optionalText,
  GRAPH_RECHECK_BASE_SECONDS: positiveInt(60, 3600),
  MICROSOFT_TRUSTED_CERTIFICATE: optionalText.pipe(
    z
      .string()
      .includes('-----BEGIN CERTIFICATE-----', { message: 'must be a PEM certificate' })
      .optional(),
  ),
});

/**
 * Reads and validates every setting at once, so a misconfigured deployment fails on its first
 * request with one message naming each bad or missing setting, instead of deep inside a handler.
 */
export function loadAppConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = new Set(APP_SETTINGS.map((setting) => setting.name));
  const input = Object.fromEntries(
    Object.keys(settingsSchema.shape).map((name) => [name, env[name]]),
  );
  const parsed = settingsSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '?');
      const missing = env[name] === undefined || env[name] === '';
      return `${name}${known.has(name) ? '' : ' (unlisted)'}: ${missing ? 'is not set' : issue.message}`;
    });
    throw new ConfigurationError(`Invalid app settings: ${problems.join('; ')}`);
  }
  const s = parsed.data;
  if (s.AzureWebJobsStorage === undefined && s.AzureWebJobsStorage__queueServiceUri === undefined) {
    throw new ConfigurationError(
      'Invalid app settings: set AzureWebJobsStorage (local) or AzureWebJobsStorage__queueServiceUri (managed identity)',
    );
  }
  const identityClientId = s.AZURE_CLIENT_ID;
  return {
    storage:
      s.AzureWebJobsStorage__queueServiceUri !== undefined
        ? {
            kind: 'identity',
            queueServiceUri: s.AzureWebJobsStorage__queueServiceUri,
            ...optional('blobServiceUri', s.AzureWebJobsStorage__blobServiceUri),
            ...optional('clientId', s.AzureWebJobsStorage__clientId ?? identityClientId),
          }
        : { kind: 'connectionString', connectionString: s.AzureWebJobsStorage! },
    auditArchive: {
      afterDays: s.AUDIT_ARCHIVE_AFTER_DAYS,
      container: s.AUDIT_ARCHIVE_CONTAINER ?? 'audit-archive',
    },
    cosmos: {
      endpoint: s.COSMOS_ENDPOINT,
      ...optional('key', s.COSMOS_KEY),
      database: s.COSMOS_DATABASE,
      container: s.COSMOS_CONTAINER,
      allowSelfSigned: s.COSMOS_ALLOW_SELF_SIGNED === 'true',
    },
    ...optional('managedIdentityClientId', identityClientId),
    mail: {
      apiKey: s.SENDGRID_API_KEY,
      ...optional('baseUrl', s.SENDGRID_BASE_URL),
      ...optional('eventWebhookPublicKey', s.SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY),
      fromAddress: s.MAIL_FROM_ADDRESS,
      fromName: s.MAIL_FROM_NAME ?? 'Partner invitations',
      maxAttempts: s.EMAIL_MAX_ATTEMPTS,
    },
    publicBaseUrl: s.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    auth: {
      issuer: s.AUTH_ISSUER,
      audience: s.AUTH_AUDIENCE,
      jwksUri: s.AUTH_JWKS_URI,
      authority: (s.AUTH_AUTHORITY ?? DEFAULT_AUTH_AUTHORITY).replace(/\/+$/, ''),
      clientId: s.AUTH_CLIENT_ID,
      clientSecret: s.AUTH_CLIENT_SECRET,
    },
    session: {
      secret: s.SESSION_SECRET,
      secure: new URL(s.PUBLIC_BASE_URL).protocol === 'https:',
    },
    mcaAgreementUrl: s.MCA_AGREEMENT_URL ?? DEFAULT_MCA_AGREEMENT_URL,
    invitationLifetimeDays: s.INVITATION_LIFETIME_DAYS,
    portalUrlPatterns: {
      public: s.PORTAL_URL_PUBLIC,
      germany: s.PORTAL_URL_GERMANY,
      usgov: s.PORTAL_URL_USGOV,
    },
    mcaTemplateId: s.MCA_TEMPLATE_ID ?? DEFAULT_MCA_TEMPLATE_ID,
    reminderDaysBeforeExpiry: s.INVITATION_REMINDER_DAYS,
    resendMinIntervalMinutes: s.INVITATION_RESEND_MIN_MINUTES,
    stuckWorkAfterMs: s.STUCK_WORK_AFTER_SECONDS * 1000,
    webhooks: {
      maxAttempts: s.WEBHOOK_MAX_ATTEMPTS,
      allowHttpLoopback: s.WEBHOOK_ALLOW_HTTP_LOOPBACK === 'true',
    },
    microsoft: {
      ...optional('graphAppClientId', s.MICROSOFT_GRAPH_APP_CLIENT_ID),
      loginUrl: (s.MICROSOFT_LOGIN_URL ?? DEFAULT_MICROSOFT.loginUrl).replace(/\/+$/, ''),
      graphUrl: (s.MICROSOFT_GRAPH_URL ?? DEFAULT_MICROSOFT.graphUrl).replace(/\/+$/, ''),
      adminCenterUrl: (s.MICROSOFT_ADMIN_CENTER_URL ?? DEFAULT_MICROSOFT.adminCenterUrl).replace(
        /\/+$/,
        '',
      ),
      recheckBaseSeconds: s.GRAPH_RECHECK_BASE_SECONDS,
      partnerCenterCertificateHost:
        s.PARTNER_CENTER_CERTIFICATE_HOST ?? DEFAULT_MICROSOFT.partnerCenterCertificateHost,
      ...optional('trustedCertificatePem', s.MICROSOFT_TRUSTED_CERTIFICATE?.replace(/\\n/g, '\n')),
    },
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
