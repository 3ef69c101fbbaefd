// The partner console: an Azure Static Web App (Free) serving the built React app (dist/console).
// azd deploys the files with the SWA CLI (azure.yaml service `console`); the app has no API of its
// own and no GitHub link: the console calls the function app, which allows CORS from this origin
// only (api.bicep).

param name string

@description('Static Web Apps exist in a few regions only; the files are served from the global edge either way.')
param location string
param tags object = {}

resource staticSite 'Microsoft.Web/staticSites@2024-04-01' = {
  name: name
  location: location
  // azd finds the app to deploy the `console` service to by this tag.
  tags: union(tags, { 'azd-service-name': 'console' })
  sku: {
    name: 'Free'
    tier: 'Free'
  }
  properties: {
    // Deployed by azd (SWA CLI with the deployment token), not from a repository's workflow.
    provider: 'Custom'
    allowConfigFileUpdates: true
    stagingEnvironmentPolicy: 'Disabled'
  }
}

output name string = staticSite.name
output defaultHostname string = staticSite.properties.defaultHostname
