// A badge's design (issue #18 item 10): a template shape, three colours, an icon from the curated set, the
// issuer's logo or not, and a short subtitle; the badge's name is written on a ribbon across it. Pure rules:
// which designs are valid, and the design generated from a badge's name when the issuer saved none.
import type { FieldProblem } from '../errors.ts';
import { BADGE_ICONS, iconForWords, isBadgeIcon } from './badge-icons.ts';

export const BADGE_TEMPLATES = ['circle', 'shield', 'hexagon', 'rosette', 'rounded-square'] as const;
export type BadgeTemplate = (typeof BADGE_TEMPLATES)[number];
export const MAX_SUBTITLE_LENGTH = 40;

export interface BadgeDesignColors {
  /** The body of the shape (and the icon, when it reads on the field). */
  primary: string;
  /** The field inside the border, behind the icon. */
  secondary: string;
  /** The ribbon that carries the name. */
  accent: string;
}

export interface BadgeDesign {
  template: BadgeTemplate;
  colors: BadgeDesignColors;
  /** One of BADGE_ICONS, or null for no icon. */
  icon: string | null;
  /** Show the issuer's logo (embedded in the picture) when the organization has one. */
  useLogo: boolean;
  /** Small text above the icon: a level ("Advanced"), the issuer's name … */
  subtitle: string | null;
}

export const HEX_COLOR = /^#[0-9a-fA-F]{6}$/;

/** Palettes that read well: a dark body, a light field, a ribbon either colour of text can sit on. */
export const BADGE_PALETTES: readonly BadgeDesignColors[] = [
  { primary: '#1e3a8a', secondary: '#dbeafe', accent: '#f59e0b' },
  { primary: '#065f46', secondary: '#d1fae5', accent: '#0f766e' },
  { primary: '#581c87', secondary: '#f3e8ff', accent: '#db2777' },
  { primary: '#991b1b', secondary: '#fee2e2', accent: '#1f2937' },
  { primary: '#115e59', secondary: '#ccfbf1', accent: '#f97316' },
  { primary: '#1e293b', secondary: '#fef3c7', accent: '#b45309' },
  { primary: '#3730a3', secondary: '#e0e7ff', accent: '#0ea5e9' },
  { primary: '#14532d', secondary: '#ecfccb', accent: '#ca8a04' },
  { primary: '#7c2d12', secondary: '#ffedd5', accent: '#0f766e' },
  { primary: '#0c4a6e', secondary: '#e0f2fe', accent: '#be123c' },
];

export type DesignProblem = FieldProblem;

/** What is wrong with a design someone sent (colours, template, icon, subtitle), or nothing. */
export function designProblems(design: BadgeDesign): DesignProblem[] {
  const problems: DesignProblem[] = [];
  if (!(BADGE_TEMPLATES as readonly string[]).includes(design.template))
    problems.push({
      path: 'template',
      message: `must be one of ${BADGE_TEMPLATES.join(', ')}`,
      code: 'one-of',
      params: { options: BADGE_TEMPLATES.join(', ') },
    });
  for (const which of ['primary', 'secondary', 'accent'] as const) {
    if (!HEX_COLOR.test(design.colors[which] ?? ''))
      problems.push({
        path: `colors.${which}`,
        message: 'must be a colour written #rrggbb',
        code: 'hex-colour',
      });
  }
  if (design.icon !== null && !isBadgeIcon(design.icon))
    problems.push({ path: 'icon', message: 'is not an icon of the badge icon set', code: 'unknown-icon' });
  if (design.subtitle !== null && design.subtitle.length > MAX_SUBTITLE_LENGTH)
    problems.push({
      path: 'subtitle',
      message: `must be at most ${MAX_SUBTITLE_LENGTH} characters`,
      code: 'too-long',
      params: { maximum: MAX_SUBTITLE_LENGTH },
    });
  return problems;
}

function channel(hex: string): number {
  const value = Number.parseInt(hex, 16) / 255;
  return value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
}

/**
 * WCAG relative luminance of #rrggbb. The same formula as the organization brand colour check
 * (orgs/branding-model.ts); kept here because issuing is loaded before orgs (orgs reuses the badge picture
 * checks), and importing orgs from this module would close that loop.
 */
export function luminance(color: string): number {
  return (
    0.2126 * channel(color.slice(1, 3)) +
    0.7152 * channel(color.slice(3, 5)) +
    0.0722 * channel(color.slice(5, 7))
  );
}

/** WCAG contrast ratio of two #rrggbb colours (1 … 21). */
export function contrastRatio(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** Black or white text, whichever contrasts more with the background. */
export const textColorOn = (background: string): '#000000' | '#ffffff' =>
  contrastRatio(background, '#000000') >= contrastRatio(background, '#ffffff') ? '#000000' : '#ffffff';

/** FNV-1a, 32 bits: the same name always gives the same design. */
export function stableHash(text: string): number {
  let hash = 0x811c9dc5;
  for (const char of text) {
    hash ^= char.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

export interface GeneratedDesignInput {
  name: string;
  /** Skill names and other words that may pick the icon. */
  keywords?: readonly string[];
  /** The issuer's colours for the badge (the older two-colour setting): they replace the palette's. */
  colors?: { primary: string; secondary: string } | null;
  subtitle?: string | null;
}

/** The design of a badge whose issuer saved none: template, palette and icon follow from its name. */
export function generatedDesign(input: GeneratedDesignInput): BadgeDesign {
  const hash = stableHash(input.name.trim().toLowerCase());
  const template = BADGE_TEMPLATES[hash % BADGE_TEMPLATES.length] as BadgeTemplate;
  const palette = BADGE_PALETTES[(hash >>> 8) % BADGE_PALETTES.length] as BadgeDesignColors;
  const own = input.colors;
  const colors =
    own && HEX_COLOR.test(own.primary) && HEX_COLOR.test(own.secondary)
      ? { primary: own.primary, secondary: own.secondary, accent: own.primary }
      : palette;
  const icon =
    iconForWords(input.name) ??
    iconForWords((input.keywords ?? []).join(' ')) ??
    (BADGE_ICONS[(hash >>> 16) % BADGE_ICONS.length] as string);
  const subtitle = input.subtitle?.trim() ? input.subtitle.trim().slice(0, MAX_SUBTITLE_LENGTH) : null;
  return { template, colors, icon, useLogo: false, subtitle };
}
