// A badge's public page (GET /api/v1/catalog/badges/{id}, anyone) and what the signed-in learner already has
// (GET /api/v1/me/holdings): the storefront shows "Resume", "Review", "Open" or "In your cart" instead of
// "Add to cart" for those. Shapes follow src/catalog/badge-page-schema.ts.
import { useQuery } from '@tanstack/react-query';
import { api } from './api.ts';
import { commerceKeys, shopApi } from './commerce.ts';
import { useSession } from './session.ts';
import type { Skill } from './skills.ts';

export type Price = { amountMinor: number; currency: string } | null;

export type BadgeRequirement =
  | {
      kind: 'course';
      courseId: string;
      title: string;
      estimatedMinutes: number;
      price: Price;
      accessDays: number | null;
      available: boolean;
    }
  | { kind: 'evidence'; courseId: string; courseTitle: string; taskTitle: string; available: boolean }
  | { kind: 'badge'; badgeId: string; name: string | null; available: boolean };

export interface PublicBadge {
  id: string;
  name: string;
  description: string;
  criteria: string;
  /** Safe HTML rendered by the server from the criteria's Markdown. */
  criteriaHtml: string;
  imageUrl: string;
  version: number;
  level: string | null;
  publishedAt: string;
  skills: Skill[];
  requirements: { required: number | null; items: BadgeRequirement[] };
  estimatedMinutes: number;
  validityDays: number | null;
  issuer: {
    id: string;
    slug: string;
    name: string;
    websiteUrl: string | null;
    description: string | null;
    logoUrl: string | null;
  };
}

export interface Holdings {
  courses: Array<{ courseId: string; enrolmentId: string; open: boolean; completed: boolean }>;
  badges: Array<{ badgeId: string; awardId: string; accepted: boolean; expired: boolean }>;
}

export const holdingsKeys = {
  mine: ['holdings'] as const,
  badge: (badgeId: string) => ['public-badge', badgeId] as const,
};

export const publicBadgeApi = {
  badge: (badgeId: string) => api<PublicBadge>(`/api/v1/catalog/badges/${badgeId}`),
  holdings: () => api<Holdings>('/api/v1/me/holdings'),
};

export const badgePagePath = (badgeId: string) => `/catalog/badges/${badgeId}`;

/** What the learner holds and has in their carts; empty for a visitor (nothing is asked). */
export function useHoldings() {
  const session = useSession();
  const signedIn = Boolean(session.data);
  const holdings = useQuery({
    queryKey: holdingsKeys.mine,
    queryFn: publicBadgeApi.holdings,
    enabled: signedIn,
    staleTime: 30_000,
  });
  const carts = useQuery({
    queryKey: commerceKeys.carts,
    queryFn: shopApi.carts,
    enabled: signedIn,
    staleTime: 30_000,
  });
  const cartItems = (carts.data?.carts ?? []).flatMap((cart) => cart.items);
  return {
    course: (courseId: string) => holdings.data?.courses.find((c) => c.courseId === courseId),
    badge: (badgeId: string) => holdings.data?.badges.find((b) => b.badgeId === badgeId),
    courseInCart: (courseId: string) =>
      cartItems.some(
        (item) => item.courseId === courseId || item.courses.some((c) => c.courseId === courseId),
      ),
    bundleInCart: (badgeId: string) =>
      cartItems.some((item) => item.kind === 'bundle' && item.badgeId === badgeId),
  };
}

/** "3 years" when the validity is whole years (as the server reads it), else days. */
export function validityParts(days: number): { unit: 'years' | 'days'; count: number } {
  return days % 365 === 0 ? { unit: 'years', count: days / 365 } : { unit: 'days', count: days };
}
