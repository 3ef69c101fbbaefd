// Key Vault (RBAC mode) holding the one secret the app needs: the SendGrid API key. The app
// setting SENDGRID_API_KEY is a Key Vault reference resolved by the platform with the
// user-assigned identity, so the key never appears in app settings or deployment outputs.

param name string
param location string
param tags object = {}

@secure()
@description('SendGrid API key, stored as the secret below.')
param sendGridApiKey string

@description('Name of the secret that holds the SendGrid API key.')
param sendGridSecretName string = 'sendgrid-api-key'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource sendGridSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: sendGridSecretName
  properties: {
    value: sendGridApiKey
    contentType: 'text/plain'
  }
}

output name string = vault.name
// Unversioned URI: the app picks up a rotated key without a redeployment.
output sendGridReferenceUri string = sendGridSecret.properties.secretUri
