// Sponsored seats as the app sees them: the employer's quote, order and seat list, and the person's offered
// seats and claim. Shapes come from the OpenAPI description (src/workforce/seat-schemas.ts;
// docs/sponsored-learning.md).
import { type ApiBody, type ApiResult, api, type Item } from './api.ts';

export type SponsorshipInput = ApiBody<'postOrgsByOrgIdSponsorships'>;
export type SponsoredItem = Item<SponsorshipInput['items']>;
export type SeatQuote = ApiResult<'postOrgsByOrgIdSponsorshipsQuote'>;
export type QuoteLine = Item<SeatQuote['lines']>;
export type PlacedSponsorship = ApiResult<'postOrgsByOrgIdSponsorships'>;
export type EmployerSeats = ApiResult<'getOrgsByOrgIdSponsorships'>;
export type EmployerSeat = Item<EmployerSeats['items']>;
export type SeatStatus = EmployerSeat['status'];
export type MySeat = Item<ApiResult<'getMeSeats'>['items']>;

const base = (orgId: string) => `/api/v1/orgs/${orgId}/sponsorships`;

export const seatsApi = {
  quote: (orgId: string, input: SponsorshipInput) =>
    api<SeatQuote>(`${base(orgId)}/quote`, { method: 'POST', body: input }),
  place: (orgId: string, input: SponsorshipInput) =>
    api<PlacedSponsorship>(base(orgId), { method: 'POST', body: input }),
  list: (orgId: string, page: { limit: number; offset: number }) =>
    api<EmployerSeats>(
      `${base(orgId)}?${new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) })}`,
    ),
  mine: async () => (await api<ApiResult<'getMeSeats'>>('/api/v1/me/seats')).items,
  claim: (seatId: string) => api<MySeat>(`/api/v1/me/seats/${seatId}/claim`, { method: 'POST' }),
};

export const seatKeys = {
  list: (orgId: string, offset: number) => ['workforce', orgId, 'sponsorships', offset] as const,
  mine: ['me', 'seats'] as const,
};
