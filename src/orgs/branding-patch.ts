// A PATCH of an organization's details as column changes: only the fields sent (undefined stays as it
// was, null clears), the brand colour refused when white text on it would be hard to read.
import { InvalidError } from '../errors.ts';
import { contrastWithWhite, isReadableOnWhite, MIN_CONTRAST, normalizeColor } from './branding-model.ts';
import type { OrganizationPatch } from './service.ts';

export function brandingChanges(patch: OrganizationPatch) {
  if (patch.brandColor && !isReadableOnWhite(patch.brandColor)) {
    const ratio = contrastWithWhite(patch.brandColor).toFixed(2);
    const message =
      `is too light: white text on ${patch.brandColor} has a contrast of ${ratio}:1 and needs at least ` +
      `${MIN_CONTRAST}:1; choose a darker colour`;
    throw new InvalidError(`The brand colour is not readable: ${message}.`, [
      {
        path: 'body.brandColor',
        message,
        code: 'brand-color-too-light',
        params: { color: patch.brandColor, ratio, minimum: MIN_CONTRAST },
      },
    ]);
  }
  return {
    name: patch.name,
    websiteUrl: patch.websiteUrl,
    // An empty description is no description.
    description: patch.description === undefined ? undefined : patch.description || null,
    brandColor: patch.brandColor ? normalizeColor(patch.brandColor) : patch.brandColor,
    contactEmail: patch.contactEmail ? patch.contactEmail.toLowerCase() : patch.contactEmail,
    contactUrl: patch.contactUrl,
    // Stored as JSON; an empty list is none.
    registryListings:
      patch.registryListings === undefined
        ? undefined
        : patch.registryListings.length > 0
          ? JSON.stringify(patch.registryListings)
          : null,
  };
}
