// The PATCH contract in one assertion: the fields sent change (to what they read back as), every other
// field of the resource reads exactly as before.
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

type Fields = Record<string, unknown>;

export interface PatchCheck {
  /** Reads the resource as its GET presents it. */
  read: () => Promise<Fields>;
  patch: (body: Fields) => Promise<LightMyRequestResponse>;
  body: Fields;
  /** How the patched fields read back when not exactly as sent (asymmetric matchers welcome). */
  readsBack?: Fields;
  /** Fields that change with any write (updatedAt) or are derived from the patched ones. */
  ignore?: string[];
}

export async function expectPatchChangesOnlyWhatItNames(check: PatchCheck): Promise<void> {
  const before = await check.read();
  const expected = check.readsBack ?? check.body;
  // A patch that sends what is already there would prove nothing.
  for (const [field, value] of Object.entries(check.body)) {
    expect(before[field], `${field} already reads as the patch`).not.toEqual(value);
  }
  const response = await check.patch(check.body);
  expect(response.statusCode, response.body).toBe(200);
  const after = await check.read();
  const ignored = Object.fromEntries((check.ignore ?? []).map((field) => [field, after[field]]));
  expect(after).toEqual({ ...before, ...expected, ...ignored });
}
