// Sends events with the official @segment/analytics-node SDK to a collector and prints, one JSON
// line each, what the SDK sent (the SDK assigns the messageIds), so the test can find every row.
//   node send-node.mjs http://127.0.0.1:PORT WRITE_KEY COUNT RUN_ID
import { Analytics } from '@segment/analytics-node'

const [host, writeKey, countText, runId] = process.argv.slice(2)
const count = Number(countText)
const analytics = new Analytics({ writeKey, host, flushAt: 15, flushInterval: 200, maxRetries: 3 })
const failures = []
analytics.on('error', (error) => failures.push(String(error && (error.reason || error.message || error))))

const sent = []
const remember = (error, ctx) => {
  if (error) { failures.push(String(error.reason || error)); return }
  const e = ctx.event
  sent.push({ messageId: e.messageId, type: e.type, event: e.event ?? null, userId: e.userId ?? null,
    anonymousId: e.anonymousId ?? null, timestamp: e.timestamp instanceof Date ? e.timestamp.toISOString() : e.timestamp,
    properties: e.properties ?? null, traits: e.traits ?? null })
}
for (let i = 0; i < count; i++) {
  const userId = `${runId}-user-${i % 7}`
  const at = new Date(Date.UTC(2026, 10, 1, 12, 0, 0) + i * 1000)
  switch (i % 4) {
    case 0: analytics.identify({ userId, traits: { email: `${userId}@example.com`, plan: 'pro', seats: i }, timestamp: at }, remember); break
    case 1: analytics.track({ userId, event: 'Order Completed', properties: { order_id: `${runId}-o${i}`, revenue: 10.5 + i, currency: 'EUR' }, timestamp: at }, remember); break
    case 2: analytics.page({ anonymousId: `${runId}-anon-${i}`, name: 'Pricing', properties: { path: '/pricing', i }, timestamp: at }, remember); break
    default: analytics.track({ anonymousId: `${runId}-anon-${i}`, event: 'Product Viewed', properties: { sku: `SKU-${i}`, tags: ['a', 'b'] }, timestamp: at }, remember)
  }
}
await analytics.closeAndFlush({ timeout: 30000 })
for (const event of sent) console.log(JSON.stringify(event))
if (failures.length > 0) { console.error('delivery failures: ' + failures.join('; ')); process.exit(1) }
