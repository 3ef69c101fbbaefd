// Storage for the Functions host (leases, timers, keys), the Flex Consumption deployment package
// and the app's queues. Shared key access is off: the host, the platform and the app all reach it
// with the user-assigned identity.

param name string
param location string
param tags object = {}

@description('Blob container that holds the Flex Consumption deployment package.')
param deploymentContainerName string

// The app's queues (shared/queue/messageQueue.ts) and the poison queues the host moves a message
// to after host.json maxDequeueCount failures. Created here so the identity needs no rights to
// create queues at run time and operators can watch the poison queues from the first deployment.
var queueNames = [
  'invitation-email'
  'invitation-email-poison'
  'relationship-activation'
  'relationship-activation-poison'
  'partner-events'
  'partner-events-poison'
  'webhook-delivery'
  'webhook-delivery-poison'
  'invitation-batch'
  'invitation-batch-poison'
  'reseller-checks'
  'reseller-checks-poison'
  'graph-checks'
  'graph-checks-poison'
]

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

// Audit events older than AUDIT_ARCHIVE_AFTER_DAYS, moved out of Cosmos DB as JSON lines, one
// blob per partner and day (shared/services/auditRetention.ts). The identity's Storage Blob Data
// Owner on the account (rbac.bicep) covers it. Versioning-free and private; keep it under a
// lifecycle or immutability policy if the partner contracts require one.
resource auditArchiveContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'audit-archive'
  properties: {
    publicAccess: 'None'
  }
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' = {
  parent: account
  name: 'default'
}

resource queues 'Microsoft.Storage/storageAccounts/queueServices/queues@2023-05-01' = [
  for queueName in queueNames: {
    parent: queueService
    name: queueName
  }
]

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output deploymentContainerName string = deploymentContainer.name
output auditArchiveContainerName string = auditArchiveContainer.name
