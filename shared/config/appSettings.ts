/**
 * Every app setting the code reads, in one list. The infra checks compare this list with
 * the settings `infra/` gives the function app, so a setting added here without the template
 * (or the other way round) fails `npm test`.
 *
 * `scope`:
 * - `both`: read in Azure and locally; the template must set it.
 * - `local`: only meaningful against the local emulators (keys, self-signed endpoints);
 *   the template must NOT set it, because Azure uses managed identity instead.
 * - `host`: read by the Functions host or the Azure SDKs rather than by our code, but the
 *   template must set it for the app to run.
 */
export interface AppSettingSpec {
  readonly name: string;
  readonly scope: 'both' | 'local' | 'host';
  readonly required: boolean;
  readonly description: string;
}

export const APP_SETTINGS: readonly AppSettingSpec[] = [
  {
    name: 'FUNCTIONS_WORKER_RUNTIME',
    scope: 'local',
    required: false,
    description: 'node: for Core Tools (func start); Flex Consumption sets the runtime itself.',
  },
  {
    name: 'AzureWebJobsStorage',
    scope: 'local',
    required: false,
    description: 'Storage connection string for the local emulator (Azurite).',
  },
  {
    name: 'AzureWebJobsStorage__queueServiceUri',
    scope: 'both',
    required: false,
    description: 'Queue endpoint of the host storage account, used with managed identity.',
  },
  {
    name: 'AzureWebJobsStorage__blobServiceUri',
    scope: 'host',
    required: false,
    description:
      'Blob endpoint of the host storage account (host leases, deployment package); the app keeps its audit archive there too.',
  },
  {
    name: 'AzureWebJobsStorage__credential',
    scope: 'host',
    required: false,
    description: 'managedidentity: the host reaches storage with the app identity.',
  },
  {
    name: 'AzureWebJobsStorage__clientId',
    scope: 'both',
    required: false,
    description: 'Client id of the user-assigned identity used for storage.',
  },
  {
    name: 'AZURE_CLIENT_ID',
    scope: 'both',
    required: false,
    description: 'Client id of the user-assigned managed identity (DefaultAzureCredential).',
  },
  {
    name: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
    scope: 'host',
    required: false,
    description:
      'Application Insights ingestion endpoint (no key; the identity publishes metrics).',
  },
  {
    name: 'TELEMETRY_EXPORTER',
    scope: 'local',
    required: false,
    description:
      'console: print the spans, logs and metrics Azure Monitor would get (npm start); none or unset: export nothing.',
  },
  {
    name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
    scope: 'host',
    required: false,
    description: 'Makes Application Insights authenticate with the managed identity.',
  },
  {
    name: 'COSMOS_ENDPOINT',
    scope: 'both',
    required: true,
    description: 'Cosmos DB for NoSQL account endpoint.',
  },
  {
    name: 'COSMOS_KEY',
    scope: 'local',
    required: false,
    description: 'Key for the local Cosmos server only; in Azure the managed identity is used.',
  },
  {
    name: 'COSMOS_DATABASE',
    scope: 'both',
    required: true,
    description: 'Database name.',
  },
  {
    name: 'COSMOS_CONTAINER',
    scope: 'both',
    required: true,
    description: 'The one shared container (partition key /pk).',
  },
  {
    name: 'COSMOS_ALLOW_SELF_SIGNED',
    scope: 'local',
    required: false,
    description: 'true: accept the local Cosmos server self-signed certificate.',
  },
  {
    name: 'SENDGRID_API_KEY',
    scope: 'both',
    required: true,
    description: 'SendGrid API key (a Key Vault reference in Azure).',
  },
  {
    name: 'SENDGRID_BASE_URL',
    scope: 'local',
    required: false,
    description: 'Base URL of the local SendGrid-compatible capture endpoint.',
  },
  {
    name: 'SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY',
    scope: 'both',
    required: false,
    description:
      "Verification key of SendGrid's signed Event Webhook (base64 P-256 public key); unset, email events are refused.",
  },
  {
    name: 'MAIL_FROM_ADDRESS',
    scope: 'both',
    required: true,
    description: 'Sender address of invitation emails (a verified SendGrid sender).',
  },
  {
    name: 'MAIL_FROM_NAME',
    scope: 'both',
    required: false,
    description: 'Sender display name.',
  },
  {
    name: 'PUBLIC_BASE_URL',
    scope: 'both',
    required: true,
    description: 'Public base URL of the app; acceptance links are built on it.',
  },
  {
    name: 'AUTH_ISSUER',
    scope: 'both',
    required: true,
    description: 'Expected token issuer; {tid} stands for the token tenant id.',
  },
  {
    name: 'AUTH_AUDIENCE',
    scope: 'both',
    required: true,
    description: 'Expected token audience (the app registration id or URI).',
  },
  {
    name: 'AUTH_JWKS_URI',
    scope: 'both',
    required: true,
    description: 'JWKS endpoint with the token signing keys.',
  },
  {
    name: 'AUTH_AUTHORITY',
    scope: 'both',
    required: false,
    description:
      'Entra sign-in authority for customer admins (default https://login.microsoftonline.com).',
  },
  {
    name: 'AUTH_CLIENT_ID',
    scope: 'both',
    required: true,
    description: 'Application (client) id of the multi-tenant Entra app customers sign in to.',
  },
  {
    name: 'AUTH_CLIENT_SECRET',
    scope: 'both',
    required: true,
    description: 'Client secret of that app for the code exchange (a Key Vault reference).',
  },
  {
    name: 'SESSION_SECRET',
    scope: 'both',
    required: true,
    description: 'At least 32 bytes that encrypt sign-in cookies (a Key Vault reference).',
  },
  {
    name: 'MCA_AGREEMENT_URL',
    scope: 'both',
    required: false,
    description:
      'Link to the Microsoft Customer Agreement text; {locale} and {cloud} are filled in.',
  },
  {
    name: 'INVITATION_LIFETIME_DAYS',
    scope: 'both',
    required: false,
    description: 'Days an invitation link stays valid (default 90).',
  },
  {
    name: 'PORTAL_URL_PUBLIC',
    scope: 'both',
    required: false,
    description: 'Portal URL pattern for public cloud customers.',
  },
  {
    name: 'PORTAL_URL_GERMANY',
    scope: 'both',
    required: false,
    description: 'Portal URL pattern for Microsoft Cloud Germany customers.',
  },
  {
    name: 'PORTAL_URL_USGOV',
    scope: 'both',
    required: false,
    description: 'Portal URL pattern for US Government cloud customers.',
  },
  {
    name: 'MCA_TEMPLATE_ID',
    scope: 'both',
    required: false,
    description: 'Agreement template id recorded with each MCA attestation.',
  },
  {
    name: 'EMAIL_MAX_ATTEMPTS',
    scope: 'both',
    required: false,
    description: 'Dispatch attempts before an invitation is marked failed (default 5).',
  },
  {
    name: 'INVITATION_REMINDER_DAYS',
    scope: 'both',
    required: false,
    description:
      'Days before expiry a sent invitation gets its one reminder (default 7; 0 = none).',
  },
  {
    name: 'INVITATION_RESEND_MIN_MINUTES',
    scope: 'both',
    required: false,
    description: 'Minimum minutes between two on-demand resends of one invitation (default 10).',
  },
  {
    name: 'HOUSEKEEPING_SCHEDULE',
    scope: 'both',
    required: false,
    description: 'NCRONTAB schedule of the expiry and reminder timer (default every 15 minutes).',
  },
  {
    name: 'STUCK_WORK_SCHEDULE',
    scope: 'both',
    required: false,
    description:
      'NCRONTAB schedule of the timer that queues stuck sends and activations again (every minute).',
  },
  {
    name: 'STUCK_WORK_AFTER_SECONDS',
    scope: 'local',
    required: false,
    description:
      'Seconds a sending or accepted invitation rests before it counts as stuck (default 120; tests shorten it).',
  },
  {
    name: 'WEBHOOK_MAX_ATTEMPTS',
    scope: 'both',
    required: false,
    description: 'Delivery attempts per webhook event before it is marked failed (default 8).',
  },
  {
    name: 'AUDIT_ARCHIVE_AFTER_DAYS',
    scope: 'both',
    required: false,
    description:
      'Audit events older than this many days move from Cosmos DB to blobs in the audit archive container (default 365; 0 keeps them in Cosmos DB).',
  },
  {
    name: 'AUDIT_ARCHIVE_CONTAINER',
    scope: 'both',
    required: false,
    description: 'Blob container of the audit archive (default audit-archive).',
  },
  {
    name: 'WEBHOOK_ALLOW_HTTP_LOOPBACK',
    scope: 'local',
    required: false,
    description: 'true: allow http://127.0.0.1 webhook endpoints (local receivers only).',
  },
  {
    name: 'MICROSOFT_GRAPH_APP_CLIENT_ID',
    scope: 'both',
    required: false,
    description:
      'Client id of the multi-tenant app registration partners consent to for GDAP (DelegatedAdminRelationship.ReadWrite.All); it signs in with the managed identity as its federated credential. Empty: GDAP is not set up.',
  },
  {
    name: 'MICROSOFT_LOGIN_URL',
    scope: 'local',
    required: false,
    description:
      'Entra sign-in host for the app-only Graph token (default https://login.microsoftonline.com; locally the Microsoft stand-in).',
  },
  {
    name: 'MICROSOFT_GRAPH_URL',
    scope: 'local',
    required: false,
    description:
      'Microsoft Graph (default https://graph.microsoft.com; locally the Microsoft stand-in).',
  },
  {
    name: 'MICROSOFT_ADMIN_CENTER_URL',
    scope: 'local',
    required: false,
    description:
      'Microsoft 365 admin center where customers approve GDAP (default https://admin.microsoft.com).',
  },
  {
    name: 'PARTNER_CENTER_CERTIFICATE_HOST',
    scope: 'local',
    required: false,
    description:
      "Host Partner Center's event signing certificates must come from (default api.partnercenter.microsoft.com).",
  },
  {
    name: 'GRAPH_RECHECK_BASE_SECONDS',
    scope: 'local',
    required: false,
    description:
      'First pause before a granular relationship is read from Microsoft Graph again (default 60; doubles up to an hour).',
  },
  {
    name: 'MICROSOFT_TRUSTED_CERTIFICATE',
    scope: 'local',
    required: false,
    description:
      "PEM of the local Microsoft stand-in's TLS certificate, trusted besides the system's.",
  },
];
