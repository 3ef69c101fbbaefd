// What operators are told about, and where: one action group (an email address) and the log
// alerts the README's Runbook section explains one by one (what it means, the query to look
// with, what to do). The queries read the tables Application Insights fills from the Functions
// host (requests, traces) and from the app's own OpenTelemetry metrics (customMetrics, names in
// shared/telemetry/metrics.ts), and the Cosmos DB partition key statistics in Log Analytics.

param location string
param tags object = {}
param actionGroupName string
param applicationInsightsName string
param logAnalyticsName string
param cosmosAccountName string

@description('Who receives the alerts.')
param alertEmailAddress string

@minValue(1)
@maxValue(19)
@description('Size of one logical partition (a partner) at which the capacity alert fires, in GB; Cosmos DB refuses writes to a logical partition at 20 GB.')
param partitionSizeAlertGB int = 10

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

resource logAnalytics 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = {
  name: logAnalyticsName
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'reseller-ops'
    enabled: true
    emailReceivers: [
      {
        name: 'operators'
        emailAddress: alertEmailAddress
        useCommonAlertSchema: true
      }
    ]
  }
}

// Cosmos DB reports the largest logical partition keys of each container (their size in KB) as
// the PartitionKeyStatistics log; the capacity alert and the workbook read it.
resource cosmosDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'partition-statistics'
  scope: cosmosAccount
  properties: {
    workspaceId: logAnalytics.id
    logAnalyticsDestinationType: 'Dedicated'
    logs: [
      {
        category: 'PartitionKeyStatistics'
        enabled: true
      }
    ]
  }
}

var partitionSizeAlertKb = partitionSizeAlertGB * 1024 * 1024

// name, severity (0 critical … 4 verbose), how often and over what window, the query, and the
// condition on its result: rows returned (`measure` empty) or a column compared with a threshold.
var alerts = [
  {
    name: 'poison-message'
    severity: 1
    description: 'A queue message failed five times and was moved to a poison queue: a poison queue is not empty, or the app took a message from one.'
    frequency: 'PT5M'
    window: 'PT15M'
    scope: applicationInsights.id
    measure: ''
    operator: 'GreaterThan'
    threshold: 0
    query: '''
customMetrics
| where name in ("queue.length", "queue.poison.messages")
| extend queue = tostring(customDimensions["queue"])
| where queue endswith "-poison" and value > 0
| summarize messages = max(value) by queue
'''
  }
  {
    name: 'email-dispatch-failures'
    severity: 2
    description: 'More than 10% of invitation email dispatches failed for good, or more than 5% of sent invitations bounced (at least 10 of each).'
    frequency: 'PT15M'
    window: 'PT1H'
    scope: applicationInsights.id
    measure: ''
    operator: 'GreaterThan'
    threshold: 0
    query: '''
customMetrics
| where name in ("email.dispatch.attempts", "invitation.funnel")
| extend outcome = tostring(customDimensions["outcome"]), step = tostring(customDimensions["step"])
| summarize attempts = sumif(valueSum, name == "email.dispatch.attempts"),
            failed = sumif(valueSum, name == "email.dispatch.attempts" and outcome == "failed"),
            sent = sumif(valueSum, name == "invitation.funnel" and step == "sent"),
            bounced = sumif(valueSum, name == "invitation.funnel" and step == "bounced")
| where (attempts >= 10 and failed / attempts > 0.1) or (sent >= 10 and bounced / sent > 0.05)
'''
  }
  {
    name: 'webhook-delivery-failures'
    severity: 3
    description: 'Partner webhook deliveries failed for good (all attempts used), or more than half of the attempts in the hour failed.'
    frequency: 'PT15M'
    window: 'PT1H'
    scope: applicationInsights.id
    measure: ''
    operator: 'GreaterThan'
    threshold: 0
    query: '''
customMetrics
| where name == "webhook.delivery.attempts"
| extend outcome = tostring(customDimensions["outcome"])
| summarize total = sum(valueSum), failed = sumif(valueSum, outcome == "failed"), retried = sumif(valueSum, outcome == "retry")
| where failed > 0 or (total >= 20 and retried / total > 0.5)
'''
  }
  {
    name: 'api-server-errors'
    severity: 1
    description: 'More than 5% of API requests answered 5xx (at least 20 requests in 15 minutes).'
    frequency: 'PT5M'
    window: 'PT15M'
    scope: applicationInsights.id
    measure: ''
    operator: 'GreaterThan'
    threshold: 0
    query: '''
requests
| where isnotempty(url)
| summarize total = count(), serverErrors = countif(toint(resultCode) >= 500)
| where total >= 20 and todouble(serverErrors) / total > 0.05
'''
  }
  {
    name: 'function-failures'
    severity: 2
    description: 'A queue or timer function failed five times or more in 15 minutes (each failure is retried; five in a row send a message to its poison queue).'
    frequency: 'PT5M'
    window: 'PT15M'
    scope: applicationInsights.id
    measure: ''
    operator: 'GreaterThan'
    threshold: 0
    query: '''
requests
| where isempty(url) and success == false
| summarize failures = count() by name
| where failures >= 5
'''
  }
  {
    name: 'housekeeping-not-run'
    severity: 2
    description: 'The invitationHousekeeping timer (expiry, reminders) has not run for an hour.'
    frequency: 'PT15M'
    window: 'PT1H'
    scope: applicationInsights.id
    measure: 'runs'
    operator: 'LessThan'
    threshold: 1
    query: '''
requests
| where name == "invitationHousekeeping"
| summarize runs = count()
'''
  }
  {
    name: 'microsoft-checks-lost'
    severity: 3
    description: 'The resumeStuckWork timer restarted 5 or more checks with Microsoft (graph-checks, reseller-checks) in an hour: their queue messages were lost.'
    frequency: 'PT15M'
    window: 'PT1H'
    scope: applicationInsights.id
    measure: ''
    operator: 'GreaterThan'
    threshold: 0
    query: '''
traces
| where customDimensions["event"] == "microsoft.check.restarted"
| summarize restarted = count() by queue = tostring(customDimensions["queue"])
| where restarted >= 5
'''
  }
  {
    name: 'partition-size'
    severity: 2
    description: 'A logical partition (one partner\'s data) passed ${partitionSizeAlertGB} GB; Cosmos DB refuses writes to it at 20 GB.'
    frequency: 'PT1H'
    window: 'P1D'
    scope: logAnalytics.id
    measure: ''
    operator: 'GreaterThan'
    threshold: 0
    query: 'CDBPartitionKeyStatistics\n| summarize sizeKb = max(SizeKb) by PartitionKey, CollectionName\n| where sizeKb > ${partitionSizeAlertKb}\n'
  }
]

resource rules 'Microsoft.Insights/scheduledQueryRules@2023-12-01' = [
  for alert in alerts: {
    name: 'alert-${alert.name}'
    location: location
    tags: tags
    properties: {
      displayName: alert.name
      description: alert.description
      severity: alert.severity
      enabled: true
      evaluationFrequency: alert.frequency
      windowSize: alert.window
      scopes: [
        alert.scope
      ]
      criteria: {
        allOf: [
          {
            query: alert.query
            timeAggregation: empty(alert.measure) ? 'Count' : 'Total'
            metricMeasureColumn: empty(alert.measure) ? null : alert.measure
            operator: alert.operator
            threshold: alert.threshold
            failingPeriods: {
              numberOfEvaluationPeriods: 1
              minFailingPeriodsToAlert: 1
            }
          }
        ]
      }
      autoMitigate: true
      actions: {
        actionGroups: [
          actionGroup.id
        ]
      }
    }
  }
]

output actionGroupName string = actionGroup.name
output alertNames array = [for alert in alerts: alert.name]
