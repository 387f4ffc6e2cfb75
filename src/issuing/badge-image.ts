// Badge pictures: a clean default drawn from the badge name (until badges bring their own image),
// and baked downloads that carry the signed credential inside the PNG or SVG.
import { Resvg } from '@resvg/resvg-js';
import { bake } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import { escapeHtml } from '../html/index.ts';
import type { Actor } from '../identity/actor.ts';
import { getCredential } from './queries.ts';

/** Splits a name into at most three lines of about 18 characters for the round badge. */
function lines(name: string): string[] {
  const words = name.split(/\s+/).filter(Boolean);
  const result: string[] = [];
  for (const word of words) {
    const last = result[result.length - 1];
    if (last !== undefined && `${last} ${word}`.length <= 18) result[result.length - 1] = `${last} ${word}`;
    else result.push(word.length > 18 ? `${word.slice(0, 17)}…` : word);
  }
  return result.length > 3 ? [...result.slice(0, 2), `${result[2]}…`] : result;
}

export interface DefaultBadgeLook {
  /** #rrggbb: the outer ring, and a thin inner ring (and the issuer's name). Default: blue and white. */
  colors?: { primary: string; secondary: string } | null;
  /** Shown small along the bottom when it fits. */
  issuerName?: string | null;
}

const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;
const colorOr = (value: string | undefined, fallback: string) =>
  value !== undefined && HEX_COLOR.test(value) ? value : fallback;

export function defaultBadgeSvg(name: string, look: DefaultBadgeLook = {}): string {
  const text = lines(name);
  const top = 128 - (text.length - 1) * 12;
  const primary = colorOr(look.colors?.primary, '#1d4ed8');
  const secondary = colorOr(look.colors?.secondary, '#ffffff');
  const tspans = text
    .map((line, i) => `<tspan x="128" y="${top + i * 24}">${escapeHtml(line)}</tspan>`)
    .join('');
  const issuer = look.issuerName?.trim() ?? '';
  // Along the bottom of the outer ring, on an arc, when it fits in about a third of the circle.
  const issuerText =
    issuer.length > 0 && issuer.length <= 30
      ? `\n<path id="issuer-arc" d="M 12 128 A 116 116 0 0 0 244 128" fill="none"/><text font-family="DejaVu Sans, Arial, sans-serif" font-size="11" fill="${secondary}"><textPath href="#issuer-arc" startOffset="50%" text-anchor="middle">${escapeHtml(issuer)}</textPath></text>`
      : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256" role="img" aria-label="${escapeHtml(name)}">
<circle cx="128" cy="128" r="124" fill="${primary}"/><circle cx="128" cy="128" r="104" fill="${secondary}"/><circle cx="128" cy="128" r="96" fill="#ffffff"/>
<text font-family="DejaVu Sans, Arial, sans-serif" font-size="18" font-weight="600" text-anchor="middle" fill="#0f172a">${tspans}</text>${issuerText}</svg>`;
}

export function svgToPng(svg: string): Buffer {
  return Buffer.from(new Resvg(svg, { fitTo: { mode: 'width', value: 512 } }).render().asPng());
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
