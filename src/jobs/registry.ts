// Every background job the application runs. A context adds its jobs here.
import { deliverMailJob } from '../mail/index.ts';
import type { JobDefinition } from './queue.ts';

export const allJobs = [deliverMailJob] as unknown as JobDefinition<never>[];
