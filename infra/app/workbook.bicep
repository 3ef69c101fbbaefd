// One Azure Monitor workbook for operators: the invitation funnel (the app's invitation.funnel
// metric by step), latency per step (function invocations and their Cosmos, SendGrid and webhook
// dependency calls), and the queues (how long messages waited, dispatch and delivery outcomes,
// poison messages). Opened from the resource group or Application Insights → Workbooks.

param location string
param tags object = {}
param applicationInsightsName string
param displayName string = 'Reseller invitations: funnel, latency, queues'

resource applicationInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: applicationInsightsName
}

var funnelQuery = '''
customMetrics
| where name == "invitation.funnel"
| extend step = tostring(customDimensions["step"])
| summarize invitations = sum(valueSum) by step
| extend order = case(step == "created", 1, step == "sent", 2, step == "delivered", 3, step == "bounced", 4, step == "accepted", 5, step == "declined", 6, step == "activated", 7, 8)
| order by order asc
| project step, invitations
'''

var funnelOverTimeQuery = '''
customMetrics
| where name == "invitation.funnel"
| summarize invitations = sum(valueSum) by step = tostring(customDimensions["step"]), bin(timestamp, 1h)
'''

var invocationLatencyQuery = '''
requests
| summarize invocations = count(), failed = countif(success == false), p50_ms = percentile(duration, 50), p95_ms = percentile(duration, 95) by name
| order by p95_ms desc
'''

var dependencyLatencyQuery = '''
dependencies
| summarize calls = count(), failed = countif(success == false), p50_ms = percentile(duration, 50), p95_ms = percentile(duration, 95) by type, name
| order by p95_ms desc
'''

var queueWaitQuery = '''
customMetrics
| where name == "queue.message.wait"
| summarize avg_wait_ms = sum(valueSum) / sum(valueCount), max_wait_ms = max(valueMax) by queue = tostring(customDimensions["queue"]), bin(timestamp, 15m)
'''

var queueBacklogQuery = '''
customMetrics
| where name in ("queue.length", "queue.oldest.message.age")
| summarize value = max(value) by name, queue = tostring(customDimensions["queue"]), bin(timestamp, 5m)
| evaluate pivot(name, max(value))
'''

var outcomesQuery = '''
customMetrics
| where name in ("email.dispatch.attempts", "webhook.delivery.attempts", "batch.rows.failed", "queue.poison.messages")
| summarize total = sum(valueSum) by name, outcome = tostring(customDimensions["outcome"]), queue = tostring(customDimensions["queue"])
| order by name asc, total desc
'''

var workbookItems = [
  {
    type: 1
    name: 'title'
    content: {
      json: '## Reseller invitations\nThe funnel, where time goes, and the queues. The README\'s Runbook section explains each alert.'
    }
  }
  {
    type: 9
    name: 'parameters'
    content: {
      version: 'KqlParameterItem/1.0'
      parameters: [
        {
          id: 'time-range'
          name: 'TimeRange'
          label: 'Time range'
          type: 4
          isRequired: true
          value: {
            durationMs: 86400000
          }
          typeSettings: {
            selectableValues: [
              {
                durationMs: 3600000
              }
              {
                durationMs: 86400000
              }
              {
                durationMs: 604800000
              }
              {
                durationMs: 2592000000
              }
            ]
          }
        }
      ]
    }
  }
  {
    type: 3
    name: 'funnel'
    content: {
      version: 'KqlItem/1.0'
      title: 'Invitation funnel'
      query: funnelQuery
      queryType: 0
      resourceType: 'microsoft.insights/components'
      timeContextFromParameter: 'TimeRange'
      visualization: 'barchart'
    }
  }
  {
    type: 3
    name: 'funnel-over-time'
    content: {
      version: 'KqlItem/1.0'
      title: 'Funnel steps per hour'
      query: funnelOverTimeQuery
      queryType: 0
      resourceType: 'microsoft.insights/components'
      timeContextFromParameter: 'TimeRange'
      visualization: 'timechart'
    }
  }
  {
    type: 3
    name: 'invocation-latency'
    content: {
      version: 'KqlItem/1.0'
      title: 'Latency per step: function invocations'
      query: invocationLatencyQuery
      queryType: 0
      resourceType: 'microsoft.insights/components'
      timeContextFromParameter: 'TimeRange'
      visualization: 'table'
    }
  }
  {
    type: 3
    name: 'dependency-latency'
    content: {
      version: 'KqlItem/1.0'
      title: 'Latency per step: Cosmos DB, SendGrid and webhook calls'
      query: dependencyLatencyQuery
      queryType: 0
      resourceType: 'microsoft.insights/components'
      timeContextFromParameter: 'TimeRange'
      visualization: 'table'
    }
  }
  {
    type: 3
    name: 'queue-wait'
    content: {
      version: 'KqlItem/1.0'
      title: 'Queues: how long messages waited before a function took them'
      query: queueWaitQuery
      queryType: 0
      resourceType: 'microsoft.insights/components'
      timeContextFromParameter: 'TimeRange'
      visualization: 'timechart'
    }
  }
  {
    type: 3
    name: 'queue-backlog'
    content: {
      version: 'KqlItem/1.0'
      title: 'Queues: messages waiting and the age of the oldest (seconds), queue and poison queue, every minute'
      query: queueBacklogQuery
      queryType: 0
      resourceType: 'microsoft.insights/components'
      timeContextFromParameter: 'TimeRange'
      visualization: 'table'
    }
  }
  {
    type: 3
    name: 'queue-outcomes'
    content: {
      version: 'KqlItem/1.0'
      title: 'Queues: dispatch and delivery outcomes, failed batch rows, poison messages'
      query: outcomesQuery
      queryType: 0
      resourceType: 'microsoft.insights/components'
      timeContextFromParameter: 'TimeRange'
      visualization: 'table'
    }
  }
]

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, applicationInsights.id, 'operations-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: displayName
    category: 'workbook'
    sourceId: applicationInsights.id
    serializedData: string({
      version: 'Notebook/1.0'
      items: workbookItems
      isLocked: false
    })
  }
}

output workbookId string = workbook.id
