// Badge pictures: a designed default generated from the badge name (until badges bring their own image),
// and baked downloads that carry the signed credential inside the PNG or SVG.
import { Resvg } from '@resvg/resvg-js';
import { bake } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import type { Actor } from '../identity/actor.ts';
import { generatedDesign, MAX_SUBTITLE_LENGTH } from './badge-design.ts';
import { renderBadgeDesign } from './badge-design-render.ts';
import { getCredential } from './queries.ts';

export interface DefaultBadgeLook {
  /** #rrggbb: the issuer's two colours for the badge, in place of the generated palette. */
  colors?: { primary: string; secondary: string } | null;
  /** Shown above the icon when there is no level. */
  issuerName?: string | null;
  /** Shown above the icon (the badge's level, "Advanced"). */
  level?: string | null;
  /** Skill names: a word among them may choose the icon. */
  keywords?: readonly string[];
}

/** The picture of a badge whose issuer saved no design and uploaded nothing: a design generated from its name. */
export function defaultBadgeSvg(name: string, look: DefaultBadgeLook = {}): string {
  const issuer = look.issuerName?.trim() ?? '';
  const subtitle = look.level?.trim() || (issuer.length <= MAX_SUBTITLE_LENGTH ? issuer : '') || null;
  const design = generatedDesign({
    name,
    keywords: look.keywords ?? [],
    colors: look.colors ?? null,
    subtitle,
  });
  return renderBadgeDesign({ design, name });
}

export function svgToPng(svg: string): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: 512 } }).render().asPng());
}

/**
 * An issuer's logo (PNG, JPEG or SVG) made ready to embed in a badge picture: drawn into an 80×80 PNG, so
 * the picture stands alone, stays small, and never carries an SVG document inside it.
 */
export function logoForBadge(bytes: Buffer, type: 'png' | 'jpeg' | 'svg'): string | null {
  const media = type === 'svg' ? 'image/svg+xml' : `image/${type}`;
  const frame = `<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80" viewBox="0 0 80 80"><image width="80" height="80" preserveAspectRatio="xMidYMid meet" href="data:${media};base64,${bytes.toString('base64')}"/></svg>`;
  try {
    const png = new Resvg(frame, { fitTo: { mode: 'width', value: 80 } }).render().asPng();
    return `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
  } catch {
    return null;
  }
}

/** The credential baked into its badge picture, as JSON (Data Integrity) or as the VC-JWT. */
export async function bakedCredentialImage(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  credentialId: string,
  fileType: 'png' | 'svg',
  form: 'json' | 'jwt',
): Promise<Buffer> {
  const row = await getCredential(deps, actor, orgId, credentialId);
  const svg = defaultBadgeSvg(row.achievementName);
  const image = fileType === 'png' ? svgToPng(svg) : Buffer.from(svg);
  const input =
    form === 'jwt' && row.jwt
      ? { format: 'ob3-jwt' as const, payload: row.jwt }
      : { format: 'ob3-json' as const, payload: JSON.stringify(row.credential) };
  return bake(image, input);
}
