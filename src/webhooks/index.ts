// The webhooks context's face: other contexts record events inside their own transactions.
export { recordWebhookEvent, type WebhookEvent } from './events.ts';
export { deliverWebhookJob } from './jobs.ts';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './model.ts';
export { webhookRoutes } from './routes.ts';
