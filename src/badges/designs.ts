// The badge designer (issue #18 item 10): saving a design draws its picture once and stores it like an
// upload (published versions keep the picture they were published with; baking and image URLs are
// unchanged), a preview draws a design without saving it, and renaming a designed badge redraws it.
import { randomUUID } from 'node:crypto';
import type { Deps } from '../deps.ts';
import { InvalidError } from '../errors.ts';
import {
  BADGE_ICONS,
  BADGE_PALETTES,
  BADGE_TEMPLATES,
  type BadgeDesign,
  type BadgeTemplate,
  designProblems,
  generatedDesign,
  iconSvg,
  logoForBadge,
  renderBadgeDesign,
} from '../issuing/index.ts';
import { type ActorOrSystem, organizationById } from '../orgs/index.ts';
import { updateBadge } from './definition-store.ts';
import { authoredBadge, authorize, type BadgeView, getBadge } from './definitions.ts';
import { checkBadgeImage, forgetImage } from './images.ts';

const LOGO_KEY = /^org-logos\/[0-9a-f-]{36}\.(png|jpeg|svg)$/;

/** The organization's logo, ready to embed in a picture; null when it has none (or it cannot be drawn). */
async function logoOf(deps: Deps, orgId: string): Promise<string | null> {
  const org = await organizationById(deps.db, orgId);
  const match = org?.logoKey ? LOGO_KEY.exec(org.logoKey) : null;
  if (!org?.logoKey || !match) return null;
  const stored = await deps.storage.get(org.logoKey);
  return stored ? logoForBadge(stored.bytes, match[1] as 'png' | 'jpeg' | 'svg') : null;
}

function checked(design: BadgeDesign): BadgeDesign {
  const problems = designProblems(design);
  if (problems.length > 0) throw new InvalidError('The badge design has problems.', problems);
  return { ...design, subtitle: design.subtitle?.trim() || null };
}

/** The design drawn as SVG, checked as any uploaded picture is before it is stored or served. */
async function draw(deps: Deps, orgId: string, design: BadgeDesign, name: string): Promise<Buffer> {
  const logo = design.useLogo ? await logoOf(deps, orgId) : null;
  const bytes = Buffer.from(renderBadgeDesign({ design, name, logo }));
  checkBadgeImage(bytes);
  return bytes;
}

/** A preview of a design for a badge name, for authors; nothing is saved. */
export async function previewBadgeDesign(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  input: { design: BadgeDesign; name: string },
): Promise<Buffer> {
  authorize(actor, orgId, true);
  return draw(deps, orgId, checked(input.design), input.name);
}

async function store(
  deps: Deps,
  orgId: string,
  badgeId: string,
  previousKey: string | null,
  design: BadgeDesign,
  name: string,
): Promise<void> {
  const bytes = await draw(deps, orgId, design, name);
  const key = `badge-images/${orgId}/${randomUUID()}.svg`;
  await deps.storage.put(key, bytes, 'image/svg+xml');
  await updateBadge(deps.db, badgeId, {
    imageKey: key,
    imageType: 'svg',
    design: JSON.stringify(design),
    updatedAt: deps.now(),
  });
  await forgetImage(deps, previousKey);
}

/** Saves the design on the draft and makes its picture the draft's picture (replacing an upload). */
export async function saveBadgeDesign(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  badgeId: string,
  design: BadgeDesign,
): Promise<BadgeView> {
  const badge = await authoredBadge(deps, actor, orgId, badgeId, true);
  await store(deps, orgId, badgeId, badge.imageKey, checked(design), badge.name);
  return getBadge(deps, actor, orgId, badgeId);
}

/** After the draft's name changed: a designed picture is drawn again with the new name on its ribbon. */
export async function redrawBadgeDesign(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  badgeId: string,
): Promise<BadgeView | null> {
  const badge = await authoredBadge(deps, actor, orgId, badgeId, true);
  if (!badge.design) return null;
  await store(deps, orgId, badgeId, badge.imageKey, badge.design, badge.name);
  return getBadge(deps, actor, orgId, badgeId);
}

export interface DesignOptions {
  templates: readonly BadgeTemplate[];
  palettes: readonly BadgeDesign['colors'][];
  icons: { name: string; svg: string }[];
  hasLogo: boolean;
  /** What the designer starts from for this badge: its saved design, else the generated one. */
  suggested: BadgeDesign;
}

/** What the designer offers for a badge: templates, palettes, the icon set, whether there is a logo. */
export async function badgeDesignOptions(
  deps: Deps,
  actor: ActorOrSystem | null,
  orgId: string,
  badgeId: string,
): Promise<DesignOptions> {
  const badge = await authoredBadge(deps, actor, orgId, badgeId);
  const org = await organizationById(deps.db, orgId);
  return {
    templates: BADGE_TEMPLATES,
    palettes: BADGE_PALETTES,
    icons: BADGE_ICONS.map((name) => ({ name, svg: iconSvg(name) })),
    hasLogo: Boolean(org?.logoKey),
    suggested:
      badge.design ??
      generatedDesign({
        name: badge.name,
        keywords: badge.skills.map((skill) => skill.name),
        colors: badge.colors,
        subtitle: badge.level,
      }),
  };
}
