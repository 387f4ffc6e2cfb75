// Every background job and ticker the application runs. A context adds its jobs (and tickers) here.
import {
  bulkAwardJob,
  bulkRunsTicker,
  expiredAwardsTicker,
  expiryRemindersTicker,
  learningEventsTicker,
} from '../badges/index.ts';
import { paymentEventsTicker } from '../commerce/index.ts';
import { reverifyImportsTicker } from '../imports/index.ts';
import { ltiGradesTicker, ltiSweepTicker, syncGradesJob } from '../lti/index.ts';
import { deliverMailBatchJob, deliverMailJob } from '../mail/index.ts';
import { oauthSweepTicker } from '../obapi/index.ts';
import { deliverWebhookJob } from '../webhooks/index.ts';
import { weeklyDigestTicker } from '../workforce/index.ts';
import type { JobDefinition } from './queue.ts';
import type { Ticker } from './ticker.ts';

export const allJobs = [
  deliverMailJob,
  deliverMailBatchJob,
  bulkAwardJob,
  deliverWebhookJob,
  syncGradesJob,
] as unknown as JobDefinition<never>[];

/** Periodic tasks every worker process runs (see ticker.ts); started by startWorkers, stopped with the queue. */
export const allTickers: Ticker[] = [
  learningEventsTicker,
  expiryRemindersTicker,
  expiredAwardsTicker,
  bulkRunsTicker,
  reverifyImportsTicker,
  paymentEventsTicker,
  weeklyDigestTicker,
  ltiGradesTicker,
  ltiSweepTicker,
  oauthSweepTicker,
];
