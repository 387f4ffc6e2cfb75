// Sponsored seats as the app sees them: the employer's quote, order and seat list, and the person's offered
// seats and claim. Shapes are exactly the API's replies (src/workforce/seat-schemas.ts; docs/sponsored-learning.md).
import { api } from './api.ts';

export type SeatStatus = 'awaiting-payment' | 'open' | 'claimed' | 'cancelled';
export type SponsoredItem = { kind: 'course'; courseId: string } | { kind: 'bundle'; badgeId: string };

export interface SponsorshipInput {
  employeeIds: string[];
  items: SponsoredItem[];
  provider: 'manual' | 'stripe';
  couponCode?: string;
}

export interface QuoteLine {
  employeeId: string;
  item: number;
  kind: 'course' | 'bundle-course';
  courseId: string;
  badgeId: string | null;
  title: string;
  listMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  alreadyHeld: boolean;
}

export interface SeatQuote {
  issuer: { orgId: string; name: string };
  currency: string;
  lines: QuoteLine[];
  coupon: { code: string; discountMinor: number } | null;
  subtotalMinor: number;
  discountMinor: number;
  taxMinor: number;
  totalMinor: number;
  taxLabel: string;
  taxRateBp: number;
}

export interface PlacedSponsorship {
  order: {
    id: string;
    number: number;
    state: string;
    provider: string;
    totalMinor: number;
    currency: string;
  };
  payment: { provider: string; state: string; reference: string; redirectUrl: string | null } | null;
  seats: number;
}

interface SeatItem {
  kind: 'course' | 'bundle';
  courseId: string | null;
  badgeId: string | null;
  title: string;
}

export interface EmployerSeat extends SeatItem {
  id: string;
  employee: { id: string; name: string | null; email: string };
  status: SeatStatus;
  order: { id: string; number: number; state: string };
  courses: Array<{ courseId: string; title: string; charged: boolean }>;
  createdAt: string;
  claimedAt: string | null;
}

export interface MySeat extends SeatItem {
  id: string;
  employer: { id: string; name: string };
  status: SeatStatus;
  courses: Array<{ courseId: string; title: string; enrolmentId: string | null }>;
  offeredAt: string;
  claimedAt: string | null;
}

const base = (orgId: string) => `/api/v1/orgs/${orgId}/sponsorships`;

export const seatsApi = {
  quote: (orgId: string, input: SponsorshipInput) =>
    api<SeatQuote>(`${base(orgId)}/quote`, { method: 'POST', body: input }),
  place: (orgId: string, input: SponsorshipInput) =>
    api<PlacedSponsorship>(base(orgId), { method: 'POST', body: input }),
  list: (orgId: string, page: { limit: number; offset: number }) =>
    api<{ items: EmployerSeat[]; total: number }>(
      `${base(orgId)}?${new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) })}`,
    ),
  mine: async () => (await api<{ items: MySeat[] }>('/api/v1/me/seats')).items,
  claim: (seatId: string) => api<MySeat>(`/api/v1/me/seats/${seatId}/claim`, { method: 'POST' }),
};

export const seatKeys = {
  list: (orgId: string, offset: number) => ['workforce', orgId, 'sponsorships', offset] as const,
  mine: ['me', 'seats'] as const,
};
