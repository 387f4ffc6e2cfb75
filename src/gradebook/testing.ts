// Test factories of the gradebook: a line item of an organization, as an LTI platform would report it.
import { randomUUID } from 'node:crypto';
import type { Executor } from '../db/database.ts';
import { upsertLineItem } from './service.ts';

export async function aLineItem(
  db: Executor,
  orgId: string,
  options: { label?: string; scoreMaximum?: number; platformName?: string; contextTitle?: string } = {},
): Promise<string> {
  const { id } = await upsertLineItem(db, {
    orgId,
    platformId: randomUUID(),
    lineItemUrl: `https://lms.example.org/api/lti/courses/7/line_items/${randomUUID()}`,
    label: options.label ?? 'Final exam',
    scoreMaximum: options.scoreMaximum ?? 100,
    platformName: options.platformName ?? null,
    contextTitle: options.contextTitle ?? null,
  });
  return id;
}
