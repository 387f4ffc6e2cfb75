// What issuers offer and learners see of it: commerce settings, badge bundles (the issuer's list and the
// public storefront), coupons, and a learner's purchase options toward a badge. Mounted under /api/v1.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { bundlesOnSale, listIssuerBundles, publicBundle, setBundle } from './bundles.ts';
import { changeCoupon, createCoupon, listCoupons } from './coupons.ts';
import {
  bundleBody,
  bundlePatchBody,
  couponPatchBody,
  couponSchema,
  dateOrNull,
  issuerBundleSchema,
  newCouponBody,
  orgParams,
  presentCoupon,
  presentIssuerBundle,
  presentPublicBundles,
  presentSettings,
  publicBundleSchema,
  purchaseOptionsSchema,
  settingsBody,
  settingsSchema,
} from './offer-schema.ts';
import { purchaseOptions } from './purchase-options.ts';
import { getCommerceSettings, updateCommerceSettings } from './settings.ts';

export async function offerRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['commerce'];

  r.get(
    '/orgs/:orgId/commerce/settings',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: "The issuer's tax, default bundle discount, seller details and first-badge issuance fee",
        params: orgParams,
        response: { 200: settingsSchema },
      },
    },
    async (request) => presentSettings(await getCommerceSettings(deps, request.actor, request.params.orgId)),
  );

  r.put(
    '/orgs/:orgId/commerce/settings',
    {
      config: { scope: 'commerce:write' },
      schema: {
        tags,
        summary: 'Change the commerce settings (owners and admins)',
        params: orgParams,
        body: settingsBody,
        response: { 200: settingsSchema },
      },
    },
    async (request) =>
      presentSettings(await updateCommerceSettings(deps, request.actor, request.params.orgId, request.body)),
  );

  r.get(
    '/orgs/:orgId/bundles',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: 'Every published badge with its bundle: courses, list sum, price, discount, on sale',
        params: orgParams,
        response: { 200: z.object({ bundles: z.array(issuerBundleSchema) }) },
      },
    },
    async (request) => ({
      bundles: (await listIssuerBundles(deps, request.actor, request.params.orgId)).map(presentIssuerBundle),
    }),
  );

  r.put(
    '/orgs/:orgId/bundles/:badgeId',
    {
      config: { scope: 'commerce:write' },
      schema: {
        tags,
        summary:
          "Replace a bundle's own price, discount and sale state, all three (owners and admins; PATCH changes one)",
        params: orgParams.extend({ badgeId: z.uuid() }),
        body: bundleBody,
        response: { 200: issuerBundleSchema },
      },
    },
    async (request) => {
      const { orgId, badgeId } = request.params;
      const offer = await setBundle(deps, request.actor, orgId, badgeId, request.body);
      return presentIssuerBundle({ badgeId, name: offer.name, sellable: true, offer });
    },
  );

  r.patch(
    '/orgs/:orgId/bundles/:badgeId',
    {
      config: { scope: 'commerce:write' },
      schema: {
        tags,
        summary:
          "Change a bundle's own price, discount or sale state: only the fields sent (owners and admins)",
        params: orgParams.extend({ badgeId: z.uuid() }),
        body: bundlePatchBody,
        response: { 200: issuerBundleSchema },
      },
    },
    async (request) => {
      const { orgId, badgeId } = request.params;
      const offer = await setBundle(deps, request.actor, orgId, badgeId, request.body);
      return presentIssuerBundle({ badgeId, name: offer.name, sellable: true, offer });
    },
  );

  r.get(
    '/bundles',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'The storefront: badge bundles on sale, of every issuer',
        response: { 200: z.object({ bundles: z.array(publicBundleSchema) }) },
      },
    },
    async () => ({ bundles: await presentPublicBundles(deps, await bundlesOnSale(deps.db)) }),
  );

  r.get(
    '/bundles/:badgeId',
    {
      config: { auth: 'public' },
      schema: {
        tags,
        summary: 'One badge bundle on sale',
        params: z.object({ badgeId: z.uuid() }),
        response: { 200: publicBundleSchema },
      },
    },
    async (request) => {
      const [bundle] = await presentPublicBundles(deps, [
        await publicBundle(deps.db, request.params.badgeId),
      ]);
      return bundle!;
    },
  );

  r.get(
    '/orgs/:orgId/coupons',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: "The issuer's coupons, newest first",
        params: orgParams,
        response: { 200: z.object({ coupons: z.array(couponSchema) }) },
      },
    },
    async (request) => ({
      coupons: (await listCoupons(deps, request.actor, request.params.orgId)).map(presentCoupon),
    }),
  );

  r.post(
    '/orgs/:orgId/coupons',
    {
      config: { scope: 'commerce:write' },
      schema: {
        tags,
        summary:
          'Create a coupon: percent or fixed, for the issuer, one course or one bundle (owners and admins)',
        params: orgParams,
        body: newCouponBody,
        response: { 201: couponSchema },
      },
    },
    async (request, reply) => {
      const { validUntil, ...rest } = request.body;
      const coupon = await createCoupon(deps, request.actor, request.params.orgId, {
        ...rest,
        validUntil: dateOrNull(validUntil) ?? null,
      });
      return reply.code(201).send(presentCoupon(coupon));
    },
  );

  r.patch(
    '/orgs/:orgId/coupons/:couponId',
    {
      config: { scope: 'commerce:write' },
      schema: {
        tags,
        summary: 'Deactivate or reactivate a coupon, or change its expiry or usage limit',
        params: orgParams.extend({ couponId: z.uuid() }),
        body: couponPatchBody,
        response: { 200: couponSchema },
      },
    },
    async (request) => {
      const { orgId, couponId } = request.params;
      const { validUntil, ...rest } = request.body;
      const coupon = await changeCoupon(deps, request.actor, orgId, couponId, {
        ...rest,
        ...(validUntil !== undefined ? { validUntil: dateOrNull(validUntil) } : {}),
      });
      return presentCoupon(coupon);
    },
  );

  r.get(
    '/me/badges/:badgeId/purchase-options',
    {
      config: { scope: 'read' },
      schema: {
        tags,
        summary: "My options toward a badge: each course's status, what is left to buy, and the cheaper way",
        params: z.object({ badgeId: z.uuid() }),
        response: { 200: purchaseOptionsSchema },
      },
    },
    async (request) => {
      const options = await purchaseOptions(deps, request.actor, request.params.badgeId);
      return {
        ...options,
        courses: options.courses.map((c) => ({ ...c, accessUntil: c.accessUntil?.toISOString() ?? null })),
      };
    },
  );
}
