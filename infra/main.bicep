// Deploys the reseller invitations backend: `azd up` (see the README's Deploy section) or
// `az deployment sub create --location <region> --template-file infra/main.bicep`.
// One resource group holds a Flex Consumption function app, its storage, Cosmos DB, Key Vault and
// monitoring; the app reaches all of them with one user-assigned identity and no keys.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('azd environment name; names the resource group and seeds unique resource names.')
param environmentName string

@minLength(1)
@description('Region for every resource; it must offer the Flex Consumption plan.')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@description('Resource group name; empty for rg-<environmentName>.')
param resourceGroupName string = ''

@allowed([
  'centralus'
  'eastasia'
  'eastus2'
  'westeurope'
  'westus2'
])
@description('Region of the partner console\'s Static Web App (a Free static web app exists in these regions only; its files are served from the global edge).')
param consoleLocation string = 'westeurope'

@description('Application (client) id the partner console signs in as; empty for the app registration of authAudience (a single-page-application redirect URI on it).')
param consoleClientId string = ''

// Mail

@secure()
@description('SendGrid API key (Mail Send permission). Stored in Key Vault only.')
param sendGridApiKey string

@description('Sender address of invitation emails; must be a verified SendGrid sender.')
param mailFromAddress string

@description('Sender display name of invitation emails.')
param mailFromName string = 'Partner invitations'

@description('Verification key of SendGrid\'s signed Event Webhook (base64 P-256 public key from SendGrid\'s mail settings). Empty until the webhook is set up: email delivery events are then refused.')
param sendGridEventWebhookPublicKey string = ''

@minValue(1)
@maxValue(50)
@description('Send attempts before an invitation is marked failed.')
param emailMaxAttempts int = 5

@minValue(0)
@maxValue(365)
@description('Days before expiry a sent invitation gets its one reminder email (0: no reminders).')
param invitationReminderDays int = 7

@minValue(0)
@maxValue(1440)
@description('Minimum minutes between two on-demand resends of one invitation.')
param invitationResendMinMinutes int = 10

@description('NCRONTAB schedule of the timer that expires invitations and sends reminders.')
param housekeepingSchedule string = '0 */15 * * * *'

@minValue(1)
@maxValue(50)
@description('Delivery attempts per partner webhook event before it is marked failed.')
param webhookMaxAttempts int = 8

@description('Audit events older than this many days move from Cosmos DB to the audit-archive blob container (0: never).')
@minValue(0)
param auditArchiveAfterDays int = 365

// Partner sign-in (Microsoft Entra ID)

@description('Expected token audience: the client id or Application ID URI of the app registration partners sign in to.')
param authAudience string

// The sign-in host of partners and customers is the one of the cloud the app is deployed to
// (login.microsoftonline.com in the public cloud, login.microsoftonline.us in Azure Government),
// not a hard-coded public one.

@description('Expected token issuer; {tid} stands for the tenant id in the token.')
param authIssuer string = '${environment().authentication.loginEndpoint}{tid}/v2.0'

@description('JWKS endpoint with the token signing keys.')
param authJwksUri string = '${environment().authentication.loginEndpoint}common/discovery/v2.0/keys'

// Customer admin sign-in on the acceptance pages (OpenID Connect, authorization code + PKCE)

@description('Application (client) id of the multi-tenant app registration customers sign in to.')
param authClientId string

@secure()
@description('Client secret of that app registration, stored in Key Vault.')
param authClientSecret string

// Partners' GDAP in Microsoft Graph: a second multi-tenant app registration (made by hand, see
// the README's "Microsoft Graph (GDAP)"), whose federated credential is the app's identity.
@description('Client id of the app registration partners consent to for GDAP; empty: GDAP off.')
param graphAppClientId string = ''

@description('Sign-in authority; the customer tenant (by domain) and /v2.0 are appended.')
param authAuthority string = environment().authentication.loginEndpoint

@secure()
@minLength(32)
@description('At least 32 random characters that encrypt the sign-in cookies, stored in Key Vault.')
param sessionSecret string

@description('Link to the Microsoft Customer Agreement text; {locale} and {cloud} are filled in.')
param mcaAgreementUrl string = 'https://www.microsoft.com/{locale}/licensing/docs/customeragreement'

// Invitations

@minValue(1)
@maxValue(3650)
@description('Days an invitation link stays valid.')
param invitationLifetimeDays int = 90

@description('Where public cloud customers accept the relationship; {partnerTenantId} and {dap} (true|false) are filled in.')
param portalUrlPublic string = 'https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId={partnerTenantId}&msppId=0&DAP={dap}#/BillingAccounts/partner-invitation'

@description('Where Microsoft Cloud Germany customers accept the relationship.')
param portalUrlGermany string = 'https://portal.office.de/partner/partnersignup.aspx?type=ResellerRelationship&id={partnerTenantId}&csp=1&msppid=0'

@description('Where US Government cloud customers accept the relationship.')
param portalUrlUsgov string = 'https://portal.office365.us/partner/partnersignup.aspx?type=ResellerRelationship&id={partnerTenantId}&csp=1&msppid=0'

@description('Microsoft Customer Agreement template id recorded with each attestation (Partner Center agreement metadata).')
param mcaTemplateId string = '117a77b0-9360-443b-8795-c6dedc750cf9'

// Operations

@description('Email address of the operators who receive the alerts (README, Runbook).')
param alertEmailAddress string

// Data and capacity

@description('Cosmos DB database name.')
param cosmosDatabaseName string = 'reseller'

@description('Cosmos DB container name (the one shared container, partition key /pk).')
param cosmosContainerName string = 'items'

@allowed([
  512
  2048
  4096
])
@description('Memory of each Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

@minValue(1)
@maxValue(1000)
@description('Upper bound on Flex Consumption instances.')
param maximumInstanceCount int = 100

var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : 'rg-${environmentName}'
  location: location
  tags: tags
}

module identity './app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: 'id-api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring './app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: 'log-${resourceToken}'
    applicationInsightsName: 'appi-${resourceToken}'
    location: location
    tags: tags
  }
}

module storage './app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: 'st${resourceToken}'
    location: location
    tags: tags
    deploymentContainerName: 'app-package'
  }
}

module cosmos './app/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    accountName: 'cosmos-${resourceToken}'
    databaseName: cosmosDatabaseName
    containerName: cosmosContainerName
    location: location
    tags: tags
  }
}

module keyVault './app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: 'kv-${resourceToken}'
    location: location
    tags: tags
    sendGridApiKey: sendGridApiKey
    authClientSecret: authClientSecret
    sessionSecret: sessionSecret
  }
}

module console './app/console.bicep' = {
  name: 'console'
  scope: rg
  params: {
    name: 'stapp-${resourceToken}'
    location: consoleLocation
    tags: tags
  }
}

module alerts './app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    location: location
    tags: tags
    actionGroupName: 'ag-ops-${resourceToken}'
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    logAnalyticsName: monitoring.outputs.logAnalyticsName
    cosmosAccountName: cosmos.outputs.accountName
    alertEmailAddress: alertEmailAddress
  }
}

module workbook './app/workbook.bicep' = {
  name: 'workbook'
  scope: rg
  params: {
    location: location
    tags: tags
    applicationInsightsName: monitoring.outputs.applicationInsightsName
  }
}

module rbac './app/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    storageAccountName: storage.outputs.name
    keyVaultName: keyVault.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    cosmosAccountName: cosmos.outputs.accountName
  }
}

module api './app/api.bicep' = {
  name: 'api'
  scope: rg
  // The roles first: the Key Vault reference and the host's storage connection are resolved as
  // soon as the app settings exist, and a failed Key Vault reference is not retried for hours.
  dependsOn: [
    rbac
  ]
  params: {
    name: 'func-api-${resourceToken}'
    planName: 'plan-${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    storageBlobEndpoint: storage.outputs.blobEndpoint
    storageQueueEndpoint: storage.outputs.queueEndpoint
    deploymentContainerName: storage.outputs.deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabaseName: cosmos.outputs.databaseName
    cosmosContainerName: cosmos.outputs.containerName
    sendGridReferenceUri: keyVault.outputs.sendGridReferenceUri
    mailFromAddress: mailFromAddress
    mailFromName: mailFromName
    sendGridEventWebhookPublicKey: sendGridEventWebhookPublicKey
    emailMaxAttempts: emailMaxAttempts
    invitationReminderDays: invitationReminderDays
    invitationResendMinMinutes: invitationResendMinMinutes
    housekeepingSchedule: housekeepingSchedule
    webhookMaxAttempts: webhookMaxAttempts
    auditArchiveAfterDays: auditArchiveAfterDays
    auditArchiveContainerName: storage.outputs.auditArchiveContainerName
    authIssuer: authIssuer
    authAudience: authAudience
    authJwksUri: authJwksUri
    authAuthority: authAuthority
    authClientId: authClientId
    graphAppClientId: graphAppClientId
    authClientSecretReferenceUri: keyVault.outputs.authClientSecretReferenceUri
    sessionSecretReferenceUri: keyVault.outputs.sessionSecretReferenceUri
    mcaAgreementUrl: mcaAgreementUrl
    invitationLifetimeDays: invitationLifetimeDays
    portalUrlPublic: portalUrlPublic
    portalUrlGermany: portalUrlGermany
    portalUrlUsgov: portalUrlUsgov
    mcaTemplateId: mcaTemplateId
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    consoleOrigin: consoleOrigin
  }
}

var consoleOrigin = 'https://${console.outputs.defaultHostname}'
// The partner console signs in against the organizations endpoint of this cloud's sign-in host and
// asks for the API's delegated scope; tools/writeConsoleConfig.mjs writes these into its config.json.
var signInHost = endsWith(authAuthority, '/') ? authAuthority : '${authAuthority}/'
var apiResource = contains(authAudience, '://') ? authAudience : 'api://${authAudience}'

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output API_BASE_URL string = api.outputs.baseUrl
output CONSOLE_URL string = consoleOrigin
output CONSOLE_AUTHORITY string = '${signInHost}organizations/v2.0'
output CONSOLE_SIGN_IN_CLIENT_ID string = empty(consoleClientId) ? authAudience : consoleClientId
output CONSOLE_API_SCOPE string = '${apiResource}/access_as_user'

@description('Issuer and subject of the federated credential to add to the GDAP app registration.')
output GRAPH_APP_FEDERATED_CREDENTIAL object = {
  issuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
  subject: identity.outputs.principalId
  audiences: [
    'api://AzureADTokenExchange'
  ]
}
