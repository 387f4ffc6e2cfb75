// Pure rules of an organization's branding: a brand colour must stay readable (buttons and headers show
// white text on it), and logos are recognised by their content. No I/O.

export const BRAND_COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;
/** WCAG 2.2 AA for normal text: the colour against white, both ways (white text on it, it as text on white). */
export const MIN_CONTRAST = 4.5;
export const MAX_LOGO_BYTES = 1024 * 1024;

function channel(hex: string): number {
  const value = Number.parseInt(hex, 16) / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#rrggbb`. */
export function luminance(color: string): number {
  const r = channel(color.slice(1, 3));
  const g = channel(color.slice(3, 5));
  const b = channel(color.slice(5, 7));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of `#rrggbb` against white (1 … 21), rounded down to two decimals so 4.499 never passes. */
export function contrastWithWhite(color: string): number {
  return Math.floor((1.05 / (luminance(color) + 0.05)) * 100 + 1e-9) / 100;
}

export function isReadableOnWhite(color: string): boolean {
  return contrastWithWhite(color) >= MIN_CONTRAST;
}

/** Lower-case `#rrggbb`, so equal colours compare equal. */
export const normalizeColor = (color: string) => color.toLowerCase();

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * What the bytes look like at first sight: PNG and JPEG by signature, SVG when the text starts with markup.
 * The full checks (PNG size, SVG without script or external references) follow for PNG and SVG.
 */
export function sniffLogo(bytes: Uint8Array): 'png' | 'jpeg' | 'svg' | null {
  if (PNG_SIGNATURE.every((b, i) => bytes[i] === b)) return 'png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8');
  return /^\uFEFF?\s*</.test(head) ? 'svg' : null;
}

/** The public address of a stored logo: its storage key, `org-logos/<uuid>.<type>`, is also its path. */
export const logoUrlOf = (logoKey: string | null): string | null => (logoKey ? `/${logoKey}` : null);
