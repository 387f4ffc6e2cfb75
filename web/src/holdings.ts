// A badge's public page (GET /api/v1/catalog/badges/{id}, anyone) and what the signed-in learner already has
// (GET /api/v1/me/holdings): the storefront shows "Resume", "Review", "Open" or "In your cart" instead of
// "Add to cart" for those. Their shapes are generated from the API description (api-types.ts).
import { useQuery } from '@tanstack/react-query';
import { type ApiResult, api, type Item } from './api.ts';
import { commerceKeys, shopApi } from './commerce.ts';
import { useSession } from './session.ts';

export type PublicBadge = ApiResult<'getCatalogBadgesByBadgeId'>;
export type BadgeRequirement = Item<PublicBadge['requirements']['items']>;
export type Price = Extract<BadgeRequirement, { kind: 'course' }>['price'];
export type Holdings = ApiResult<'getMeHoldings'>;

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
