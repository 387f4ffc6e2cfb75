// The badge picture as PNG for link previews: LinkedIn, Facebook and most mail clients do not show SVG.
import { badgeImage, findVersion } from '../badges/index.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { svgToPng } from '../issuing/index.ts';

export async function previewPng(deps: Deps, versionId: string): Promise<Buffer> {
  const version = await findVersion(deps.db, versionId);
  if (!version) throw new NotFoundError('badge');
  const image = await badgeImage(deps, version);
  return image.contentType === 'image/png' ? image.bytes : svgToPng(image.bytes.toString('utf8'));
}
