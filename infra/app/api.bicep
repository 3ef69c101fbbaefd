// The function app: a Flex Consumption plan (FC1) and a Linux function app running Node 22 as the
// user-assigned identity. Every connection is identity-based; the app settings below are exactly
// the `both`/`host` entries of shared/config/appSettings.ts (test/infra checks this).

param name string
param planName string
param location string
param tags object = {}

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string
@description('Client id of the same identity (DefaultAzureCredential, host storage, App Insights).')
param identityClientId string

param storageBlobEndpoint string
param storageQueueEndpoint string
param deploymentContainerName string
param applicationInsightsConnectionString string

param cosmosEndpoint string
param cosmosDatabaseName string
param cosmosContainerName string

@description('Key Vault URI of the SendGrid API key secret.')
param sendGridReferenceUri string
param mailFromAddress string
param mailFromName string
@description('SendGrid Event Webhook verification key (public; empty while not set up).')
param sendGridEventWebhookPublicKey string
param emailMaxAttempts int
param invitationReminderDays int
param invitationResendMinMinutes int
param housekeepingSchedule string
param webhookMaxAttempts int
param auditArchiveAfterDays int
param auditArchiveContainerName string

param authIssuer string
param authAudience string
param authJwksUri string
param authAuthority string
param authClientId string
@description('Client id of the GDAP app registration (federated credential: this app identity).')
param graphAppClientId string
// The two URIs below name Key Vault secrets and are no secrets themselves (the app settings are
// Key Vault references), so the linter's guess from the word "secret" in their names is wrong.
@description('Key Vault URI of the sign-in app registration client secret.')
#disable-next-line secure-secrets-in-params
param authClientSecretReferenceUri string
@description('Key Vault URI of the sign-in cookie key.')
#disable-next-line secure-secrets-in-params
param sessionSecretReferenceUri string
param mcaAgreementUrl string

param invitationLifetimeDays int
param portalUrlPublic string
param portalUrlGermany string
param portalUrlUsgov string
param mcaTemplateId string

@allowed([
  512
  2048
  4096
])
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 100

@description('The partner console\'s origin (https://<static web app host>): the only origin browsers may call the API from.')
param consoleOrigin string

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  // azd finds the app to deploy the `api` service to by this tag.
  tags: union(tags, { 'azd-service-name': 'api' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      // The platform answers preflights and adds Access-Control-Allow-Origin for this origin only.
      // It has no setting for Access-Control-Expose-Headers: the app sends that header itself
      // (shared/http/endpoint.ts), so the console can read ETag and Retry-After. No credentials:
      // the console sends a bearer token, never cookies.
      cors: {
        allowedOrigins: [
          consoleOrigin
        ]
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'node'
        version: '22'
      }
    }
  }
}

// Kept apart from the site so PUBLIC_BASE_URL can use the host name Azure assigned (it differs
// per cloud and, with unique default host names, per region). Flex Consumption takes the worker
// runtime from functionAppConfig, so FUNCTIONS_WORKER_RUNTIME and FUNCTIONS_EXTENSION_VERSION
// must not be set here.
resource appSettings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: {
    AzureWebJobsStorage__blobServiceUri: storageBlobEndpoint
    AzureWebJobsStorage__queueServiceUri: storageQueueEndpoint
    AzureWebJobsStorage__credential: 'managedidentity'
    AzureWebJobsStorage__clientId: identityClientId
    AZURE_CLIENT_ID: identityClientId
    APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
    APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'Authorization=AAD;ClientId=${identityClientId}'
    COSMOS_ENDPOINT: cosmosEndpoint
    COSMOS_DATABASE: cosmosDatabaseName
    COSMOS_CONTAINER: cosmosContainerName
    SENDGRID_API_KEY: '@Microsoft.KeyVault(SecretUri=${sendGridReferenceUri})'
    MAIL_FROM_ADDRESS: mailFromAddress
    MAIL_FROM_NAME: mailFromName
    SENDGRID_EVENT_WEBHOOK_PUBLIC_KEY: sendGridEventWebhookPublicKey
    EMAIL_MAX_ATTEMPTS: string(emailMaxAttempts)
    INVITATION_REMINDER_DAYS: string(invitationReminderDays)
    INVITATION_RESEND_MIN_MINUTES: string(invitationResendMinMinutes)
    HOUSEKEEPING_SCHEDULE: housekeepingSchedule
    // Every minute: README promises stuck work is queued again within 3 minutes of its change.
    STUCK_WORK_SCHEDULE: '0 * * * * *'
    WEBHOOK_MAX_ATTEMPTS: string(webhookMaxAttempts)
    AUDIT_ARCHIVE_AFTER_DAYS: string(auditArchiveAfterDays)
    AUDIT_ARCHIVE_CONTAINER: auditArchiveContainerName
    PUBLIC_BASE_URL: 'https://${functionApp.properties.defaultHostName}'
    AUTH_ISSUER: authIssuer
    AUTH_AUDIENCE: authAudience
    AUTH_JWKS_URI: authJwksUri
    AUTH_AUTHORITY: authAuthority
    AUTH_CLIENT_ID: authClientId
    MICROSOFT_GRAPH_APP_CLIENT_ID: graphAppClientId
    AUTH_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${authClientSecretReferenceUri})'
    SESSION_SECRET: '@Microsoft.KeyVault(SecretUri=${sessionSecretReferenceUri})'
    MCA_AGREEMENT_URL: mcaAgreementUrl
    INVITATION_LIFETIME_DAYS: string(invitationLifetimeDays)
    PORTAL_URL_PUBLIC: portalUrlPublic
    PORTAL_URL_GERMANY: portalUrlGermany
    PORTAL_URL_USGOV: portalUrlUsgov
    MCA_TEMPLATE_ID: mcaTemplateId
  }
}

output name string = functionApp.name
output baseUrl string = 'https://${functionApp.properties.defaultHostName}'
