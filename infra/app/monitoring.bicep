// Log Analytics workspace and workspace-based Application Insights. Local (instrumentation key)
// authentication is disabled, so telemetry is accepted only from identities holding Monitoring
// Metrics Publisher on the component (see rbac.bicep and APPLICATIONINSIGHTS_AUTHENTICATION_STRING).

param logAnalyticsName string
param applicationInsightsName string
param location string
param tags object = {}

@minValue(30)
@maxValue(730)
param retentionInDays int = 30

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: logAnalyticsName
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
  }
}

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' = {
  name: applicationInsightsName
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: logAnalytics.id
    DisableLocalAuth: true
  }
}

output logAnalyticsName string = logAnalytics.name
output applicationInsightsName string = applicationInsights.name
// The connection string names the ingestion endpoint; with local auth disabled it grants nothing.
output applicationInsightsConnectionString string = applicationInsights.properties.ConnectionString
