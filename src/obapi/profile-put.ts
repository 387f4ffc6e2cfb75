// What putProfile (OB 3.0 §6) takes from the Profile a client sends: a whole OB 3.0 Profile is accepted, checked
// against the 1EdTech Profile schema and Tessera's own limits, and only what Tessera keeps of a learner and lets
// an app change is taken from it: `name` (the account's name) and `description` (the public profile's headline).
// Read-only here, and ignored as the spec allows: `id`, `type` and `@context` (ours), `email` (changed in Tessera
// with a confirmation link), `url` (the public profile's address, chosen in Tessera) and `image` (the photo,
// uploaded in Tessera with its checks). The Profile's other fields (phone, address, givenName …) Tessera does
// not keep. A malformed field, kept or not, is refused with invalid_data. No I/O.
import { z } from 'zod';
import { OB_SCHEMAS, validateAgainstSchema } from '../credentials/index.ts';
import { ObApiError } from './model.ts';

export interface ProfileChange {
  name?: string | undefined;
  /** null clears it. */
  description?: string | null | undefined;
}

/** An absolute URI (a data: URI too), as the spec's URI type means it. */
const uri = z.string().refine((value) => URL.canParse(value), 'not an absolute URI');

const profileBody = z.looseObject({
  type: z.union([z.literal('Profile'), z.array(z.string()).refine((t) => t.includes('Profile'))]),
  name: z.string().trim().min(1).max(200).optional(),
  description: z.string().trim().max(200).nullable().optional(),
  email: z.email().optional(),
  url: uri.optional(),
  image: z.union([uri, z.looseObject({ id: uri })]).optional(),
});

const issuesOf = (error: z.ZodError) =>
  error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`).join('; ');

/**
 * The change a putProfile body asks for, or an invalid_data refusal. `selfId` stands in for an absent `id` when
 * the body is checked against the schema (which requires one): the id is read-only, so any is as good.
 */
export function profileChangeOf(body: unknown, selfId: string): ProfileChange {
  const parsed = profileBody.safeParse(body);
  if (!parsed.success) throw new ObApiError(400, 'invalid_data', issuesOf(parsed.error));
  const { type, image, description, name } = parsed.data;
  // The schema writes `type` as an array and `image` as an Image; JSON-LD reads a lone value alike.
  const asSchemaWants = {
    ...parsed.data,
    id: parsed.data.id ?? selfId,
    type: Array.isArray(type) ? type : [type],
    ...(typeof image === 'string' ? { image: { id: image, type: 'Image' } } : {}),
    ...(description === null ? { description: undefined } : {}),
  };
  const checked = validateAgainstSchema(OB_SCHEMAS.profile, JSON.parse(JSON.stringify(asSchemaWants)));
  if (!checked.valid) {
    const detail = checked.errors.map((e) => `${e.path || '(body)'}: ${e.message}`).join('; ');
    throw new ObApiError(400, 'invalid_data', `Not an OB 3.0 Profile: ${detail}`);
  }
  return { name, description: description === '' ? null : description };
}
