// What a learner downloads of an accepted badge: the picture with the credential baked in (OB 3.0 as JSON
// or JWT; OB 2.0 as the hosted assertion URL, for older backpacks), the credential JSON and the VC-JWT.
// Every award has all seven: a credential issued without its VC-JWT form gets it on the first download.
import { badgeImage, findVersion } from '../badges/index.ts';
import { bake } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError } from '../errors.ts';
import { credentialJwtOf, ob2AssertionUrl, svgToPng } from '../issuing/index.ts';
import type { ShowcasedAward } from './store.ts';

export const DOWNLOADS = [
  'badge.png',
  'badge.svg',
  'badge-jwt.png',
  'badge-ob2.png',
  'badge-ob2.svg',
  'credential.json',
  'credential.jwt',
] as const;
export type DownloadName = (typeof DOWNLOADS)[number];

export interface Download {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/** A readable ASCII file name from the badge name ("Gestión de nóminas" → "gestion-de-nominas"). */
export function fileStem(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return stem || 'badge';
}

async function pictureAs(deps: Deps, versionId: string, fileType: 'png' | 'svg'): Promise<Buffer> {
  const version = await findVersion(deps.db, versionId);
  if (!version) throw new NotFoundError('badge');
  const image = await badgeImage(deps, version);
  if (fileType === 'png')
    return image.contentType === 'image/png' ? image.bytes : svgToPng(image.bytes.toString('utf8'));
  if (image.contentType === 'image/svg+xml') return image.bytes;
  // A PNG picture inside an SVG, so the credential can be baked the SVG way.
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="512" height="512" viewBox="0 0 512 512"><image width="512" height="512" xlink:href="data:image/png;base64,${image.bytes.toString('base64')}"/></svg>`,
  );
}

/** The award's VC-JWT: issued with it, or signed by its issuer's key on the first download and kept. */
async function jwtOf(deps: Deps, award: ShowcasedAward): Promise<string> {
  const jwt = award.jwt ?? (await credentialJwtOf(deps, award.credentialId));
  if (!jwt) throw new NotFoundError('VC-JWT of this badge');
  return jwt;
}

export async function downloadOf(deps: Deps, award: ShowcasedAward, name: DownloadName): Promise<Download> {
  const stem = fileStem(award.name);
  const credentialJson = JSON.stringify(award.credential);
  switch (name) {
    case 'credential.json':
      return {
        bytes: Buffer.from(credentialJson),
        contentType: 'application/ld+json',
        fileName: `${stem}.json`,
      };
    case 'credential.jwt':
      return {
        bytes: Buffer.from(await jwtOf(deps, award)),
        contentType: 'application/vc+jwt',
        fileName: `${stem}.jwt`,
      };
    case 'badge.png':
    case 'badge.svg': {
      const fileType = name === 'badge.png' ? 'png' : 'svg';
      const bytes = bake(await pictureAs(deps, award.badgeVersionId, fileType), {
        format: 'ob3-json',
        payload: credentialJson,
      });
      return {
        bytes,
        contentType: fileType === 'png' ? 'image/png' : 'image/svg+xml',
        fileName: `${stem}.${fileType}`,
      };
    }
    case 'badge-jwt.png': {
      const bytes = bake(await pictureAs(deps, award.badgeVersionId, 'png'), {
        format: 'ob3-jwt',
        payload: await jwtOf(deps, award),
      });
      return { bytes, contentType: 'image/png', fileName: `${stem}-jwt.png` };
    }
    case 'badge-ob2.png':
    case 'badge-ob2.svg': {
      const fileType = name === 'badge-ob2.png' ? 'png' : 'svg';
      const bytes = bake(await pictureAs(deps, award.badgeVersionId, fileType), {
        format: 'ob2-url',
        payload: ob2AssertionUrl(deps, award.credentialId),
      });
      return {
        bytes,
        contentType: fileType === 'png' ? 'image/png' : 'image/svg+xml',
        fileName: `${stem}-ob2.${fileType}`,
      };
    }
  }
}
