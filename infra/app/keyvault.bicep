// Key Vault (RBAC mode) holding the secrets the app needs: the SendGrid API key, the client
// secret of the Entra app customers sign in to, and the key of the sign-in cookies. The app
// settings are Key Vault references resolved by the platform with the user-assigned identity,
// so no secret appears in app settings or deployment outputs.

param name string
param location string
param tags object = {}

@secure()
@description('SendGrid API key, stored as the secret below.')
param sendGridApiKey string

@description('Name of the secret that holds the SendGrid API key.')
param sendGridSecretName string = 'sendgrid-api-key'

@secure()
@description('Client secret of the Entra app registration customers sign in to.')
param authClientSecret string

@secure()
@description('Key material of the encrypted sign-in cookies.')
param sessionSecret string

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

resource authClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'auth-client-secret'
  properties: {
    value: authClientSecret
    contentType: 'text/plain'
  }
}

resource sessionSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'session-secret'
  properties: {
    value: sessionSecret
    contentType: 'text/plain'
  }
}

output name string = vault.name
// Unversioned URI: the app picks up a rotated key without a redeployment.
output sendGridReferenceUri string = sendGridSecret.properties.secretUri
output authClientSecretReferenceUri string = authClientSecretSecret.properties.secretUri
output sessionSecretReferenceUri string = sessionSecretSecret.properties.secretUri
