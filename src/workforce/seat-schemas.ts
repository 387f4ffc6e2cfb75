// Requests and replies of the sponsored-seat routes, built by presenters with explicit fields.
import { z } from 'zod';
import { ORDER_PROVIDERS, ORDER_STATES } from '../commerce/index.ts';
import type { MySeat } from './seat-claims.ts';
import type { EmployerSeat } from './seat-list.ts';
import { MAX_SPONSORED_ITEMS, MAX_SPONSORED_PEOPLE, SEAT_STATUSES } from './seat-model.ts';
import type { PlacedSponsorship, SeatQuoteView } from './seat-service.ts';

const EXAMPLE = {
  employee: '5d0c7a8e-2f4b-4c1a-9e3d-6b7f8a9c0d1e',
  course: '8a1f2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b',
  badge: '1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d',
  org: '0b9f3c52-6c1e-4a53-9a3e-2f3c1d7e8a10',
  order: '7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918',
  seat: '3c4d5e6f-7081-4a2b-9c3d-4e5f60718293',
};

export const seatParams = z.strictObject({ seatId: z.uuid() });
export const sponsorshipPageQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const sponsoredItem = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('course'), courseId: z.uuid() }),
  z.strictObject({
    kind: z.literal('bundle'),
    badgeId: z.uuid().describe('The badge whose bundle is bought'),
  }),
]);

export const sponsorshipBody = z
  .strictObject({
    employeeIds: z
      .array(z.uuid())
      .min(1)
      .max(MAX_SPONSORED_PEOPLE)
      .describe(`1–${MAX_SPONSORED_PEOPLE} active employees of this organization`),
    items: z
      .array(sponsoredItem)
      .min(1)
      .max(MAX_SPONSORED_ITEMS)
      .describe(`1–${MAX_SPONSORED_ITEMS} courses or badge bundles on sale, all from one issuer`),
    provider: z.enum(['manual', 'stripe']).describe('manual: an invoice the issuer marks paid; stripe: card'),
    couponCode: z.string().trim().min(1).max(60).optional(),
  })
  .meta({
    examples: [
      {
        employeeIds: [EXAMPLE.employee],
        items: [{ kind: 'bundle', badgeId: EXAMPLE.badge }],
        provider: 'manual',
      },
    ],
  });

const quoteLine = z.object({
  employeeId: z.uuid(),
  item: z.number().int().describe('The index of the item in the request'),
  kind: z.enum(['course', 'bundle-course']),
  courseId: z.uuid(),
  badgeId: z.uuid().nullable(),
  title: z.string(),
  listMinor: z.number().int(),
  discountMinor: z.number().int().describe('Bundle discount and coupon'),
  taxMinor: z.number().int(),
  totalMinor: z.number().int(),
  alreadyHeld: z.boolean().describe('The person holds the course already: not charged (amounts 0)'),
});

export const quoteReply = z
  .object({
    issuer: z.object({ orgId: z.uuid(), name: z.string() }),
    currency: z.string(),
    lines: z.array(quoteLine),
    coupon: z.object({ code: z.string(), discountMinor: z.number().int() }).nullable(),
    subtotalMinor: z.number().int(),
    discountMinor: z.number().int(),
    taxMinor: z.number().int(),
    totalMinor: z.number().int(),
    taxLabel: z.string(),
    taxRateBp: z.number().int(),
  })
  .meta({
    examples: [
      {
        issuer: { orgId: EXAMPLE.org, name: 'Northwind Academy' },
        currency: 'EUR',
        lines: [
          {
            employeeId: EXAMPLE.employee,
            item: 0,
            kind: 'course',
            courseId: EXAMPLE.course,
            badgeId: null,
            title: 'Employment law basics',
            listMinor: 4500,
            discountMinor: 0,
            taxMinor: 900,
            totalMinor: 5400,
            alreadyHeld: false,
          },
        ],
        coupon: null,
        subtotalMinor: 4500,
        discountMinor: 0,
        taxMinor: 900,
        totalMinor: 5400,
        taxLabel: 'VAT',
        taxRateBp: 2000,
      },
    ],
  });

export const presentQuote = (quote: SeatQuoteView): z.infer<typeof quoteReply> => ({
  issuer: quote.issuer,
  currency: quote.currency,
  lines: quote.lines.map((l) => ({ ...l })),
  coupon: quote.coupon,
  subtotalMinor: quote.subtotalMinor,
  discountMinor: quote.discountMinor,
  taxMinor: quote.taxMinor,
  totalMinor: quote.totalMinor,
  taxLabel: quote.taxLabel,
  taxRateBp: quote.taxRateBp,
});

export const placedReply = z
  .object({
    order: z.object({
      id: z.uuid(),
      number: z.number().int(),
      state: z.enum(ORDER_STATES),
      provider: z.enum(ORDER_PROVIDERS),
      totalMinor: z.number().int(),
      currency: z.string(),
    }),
    payment: z
      .object({
        provider: z.string(),
        state: z.string(),
        reference: z.string().describe('The invoice number (INV-<order>) or the Checkout Session id'),
        redirectUrl: z.string().nullable().describe('Stripe: the Checkout page to send the buyer to'),
      })
      .nullable(),
    seats: z.number().int().describe('Seats created: one per person × item'),
  })
  .meta({
    examples: [
      {
        order: {
          id: EXAMPLE.order,
          number: 1042,
          state: 'awaiting-payment',
          provider: 'manual',
          totalMinor: 5400,
          currency: 'EUR',
        },
        payment: { provider: 'manual', state: 'pending', reference: 'INV-1042', redirectUrl: null },
        seats: 1,
      },
    ],
  });

export const presentPlaced = (placed: PlacedSponsorship): z.infer<typeof placedReply> => ({
  order: placed.order,
  payment: placed.payment,
  seats: placed.seats,
});

const item = {
  kind: z.enum(['course', 'bundle']),
  courseId: z.uuid().nullable(),
  badgeId: z.uuid().nullable(),
  title: z.string(),
};

const employerSeat = z.object({
  id: z.uuid(),
  employee: z.object({
    id: z.uuid(),
    name: z.string().nullable().describe('null once the person is no longer active'),
    email: z.string(),
  }),
  ...item,
  status: z.enum(SEAT_STATUSES),
  order: z.object({ id: z.uuid(), number: z.number().int(), state: z.enum(ORDER_STATES) }),
  courses: z.array(z.object({ courseId: z.uuid(), title: z.string(), charged: z.boolean() })),
  createdAt: z.string(),
  claimedAt: z.string().nullable(),
});

export const employerSeatsReply = z.object({ items: z.array(employerSeat), total: z.number().int() }).meta({
  examples: [
    {
      items: [
        {
          id: EXAMPLE.seat,
          employee: { id: EXAMPLE.employee, name: 'Maria Lopez', email: 'maria@example.org' },
          kind: 'course',
          courseId: EXAMPLE.course,
          badgeId: null,
          title: 'Employment law basics',
          status: 'claimed',
          order: { id: EXAMPLE.order, number: 1042, state: 'paid' },
          courses: [{ courseId: EXAMPLE.course, title: 'Employment law basics', charged: true }],
          createdAt: '2026-03-02T09:00:00.000Z',
          claimedAt: '2026-03-03T10:15:00.000Z',
        },
      ],
      total: 1,
    },
  ],
});

export const presentEmployerSeats = (page: {
  items: EmployerSeat[];
  total: number;
}): z.infer<typeof employerSeatsReply> => ({
  total: page.total,
  items: page.items.map((seat) => ({
    id: seat.id,
    employee: { id: seat.employeeId, name: seat.name, email: seat.invitedEmail },
    kind: seat.kind,
    courseId: seat.courseId,
    badgeId: seat.badgeId,
    title: seat.title,
    status: seat.status,
    order: seat.order,
    courses: seat.courses.map((c) => ({ courseId: c.courseId, title: c.title, charged: c.charged })),
    createdAt: seat.createdAt.toISOString(),
    claimedAt: seat.claimedAt?.toISOString() ?? null,
  })),
});

export const mySeatReply = z
  .object({
    id: z.uuid(),
    employer: z.object({ id: z.uuid(), name: z.string() }),
    ...item,
    status: z.enum(SEAT_STATUSES),
    courses: z.array(
      z.object({
        courseId: z.uuid(),
        title: z.string(),
        enrolmentId: z.uuid().nullable().describe('Set once claimed: open it at /learn/{enrolmentId}'),
      }),
    ),
    offeredAt: z.string(),
    claimedAt: z.string().nullable(),
  })
  .meta({
    examples: [
      {
        id: EXAMPLE.seat,
        employer: { id: EXAMPLE.org, name: 'Contoso' },
        kind: 'course',
        courseId: EXAMPLE.course,
        badgeId: null,
        title: 'Employment law basics',
        status: 'open',
        courses: [{ courseId: EXAMPLE.course, title: 'Employment law basics', enrolmentId: null }],
        offeredAt: '2026-03-02T09:00:00.000Z',
        claimedAt: null,
      },
    ],
  });

export const presentMySeat = (seat: MySeat): z.infer<typeof mySeatReply> => ({
  id: seat.id,
  employer: seat.employer,
  kind: seat.kind,
  courseId: seat.courseId,
  badgeId: seat.badgeId,
  title: seat.title,
  status: seat.status,
  courses: seat.courses.map((c) => ({ courseId: c.courseId, title: c.title, enrolmentId: c.enrolmentId })),
  offeredAt: seat.createdAt.toISOString(),
  claimedAt: seat.claimedAt?.toISOString() ?? null,
});
