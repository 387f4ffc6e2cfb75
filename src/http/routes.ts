// The route plugins of every context: one list, so the whole API surface is visible in one place.
import type { FastifyInstance } from 'fastify';
import {
  awardListRoutes,
  awardRoutes,
  backpackRoutes,
  badgeDefinitionRoutes,
  badgePublicRoutes,
  bulkAwardRoutes,
  claimRoutes,
  progressRoutes,
} from '../badges/index.ts';
import {
  catalogPublicRoutes,
  catalogRoutes,
  courseImagePublicRoutes,
  courseImageRoutes,
  issuerPageRoutes,
} from '../catalog/index.ts';
import {
  feeRoutes,
  offerRoutes,
  orderRoutes,
  paymentWebhookRoutes,
  receiptRoutes,
  refundRoutes,
  reportRoutes,
} from '../commerce/index.ts';
import type { Deps } from '../deps.ts';
import { gradebookRoutes } from '../gradebook/index.ts';
import { identityRoutes } from '../identity/index.ts';
import { importPublicRoutes, importRoutes } from '../imports/index.ts';
import { insightsRoutes } from '../insights/index.ts';
import {
  issuerDomainPublicRoutes,
  issuerDomainRoutes,
  issuingPublicRoutes,
  issuingRoutes,
  ob2HostedRoutes,
} from '../issuing/index.ts';
import { certificatePublicRoutes, learningRoutes } from '../learning/index.ts';
import { ltiPlatformRoutes, ltiToolRoutes } from '../lti/index.ts';
import { mailRoutes } from '../mail/index.ts';
import { obApiPlugin } from '../obapi/index.ts';
import { orgBrandingRoutes, orgInvitationRoutes, orgLogoPublicRoutes, orgRoutes } from '../orgs/index.ts';
import { figuresRoutes } from '../reports/index.ts';
import { showcasePublicRoutes, showcaseRoutes } from '../showcase/index.ts';
import { skillPublicRoutes, skillRoutes } from '../skills/index.ts';
import { vcApiRoutes } from '../vcapi/index.ts';
import { verificationRoutes } from '../verification/index.ts';
import { oid4vciRoutes, walletPublicRoutes, walletRoutes } from '../wallets/index.ts';
import { webhookRoutes } from '../webhooks/index.ts';
import {
  analyticsRoutes,
  digestPublicRoutes,
  digestRoutes,
  endorsementPublicRoutes,
  endorsementRoutes,
  openRoleRoutes,
  roleProfileRoutes,
  seatRoutes,
  teamRoutes,
  workforceRoutes,
} from '../workforce/index.ts';

type Plugin = (app: FastifyInstance, options: { deps: Deps }) => Promise<void>;

/** Mounted under /api/v1. */
const api: Plugin[] = [
  issuingRoutes,
  issuerDomainRoutes,
  mailRoutes,
  identityRoutes,
  orgRoutes,
  orgBrandingRoutes,
  orgInvitationRoutes,
  catalogRoutes,
  courseImageRoutes,
  learningRoutes,
  badgeDefinitionRoutes,
  showcaseRoutes,
  backpackRoutes,
  progressRoutes,
  awardListRoutes,
  awardRoutes,
  claimRoutes,
  bulkAwardRoutes,
  importRoutes,
  offerRoutes,
  orderRoutes,
  refundRoutes,
  feeRoutes,
  receiptRoutes,
  reportRoutes,
  skillRoutes,
  insightsRoutes,
  workforceRoutes,
  roleProfileRoutes,
  teamRoutes,
  openRoleRoutes,
  analyticsRoutes,
  figuresRoutes,
  seatRoutes,
  endorsementRoutes,
  digestRoutes,
  walletRoutes,
  webhookRoutes,
  gradebookRoutes,
  ltiPlatformRoutes,
];

/** Mounted at the root: pages and documents others link to (DID documents, badge pages …). */
const root: Plugin[] = [
  issuingPublicRoutes,
  issuerDomainPublicRoutes,
  issuerPageRoutes,
  ob2HostedRoutes,
  vcApiRoutes,
  certificatePublicRoutes,
  catalogPublicRoutes,
  courseImagePublicRoutes,
  badgePublicRoutes,
  verificationRoutes,
  showcasePublicRoutes,
  skillPublicRoutes,
  importPublicRoutes,
  paymentWebhookRoutes,
  endorsementPublicRoutes,
  digestPublicRoutes,
  orgLogoPublicRoutes,
  walletPublicRoutes,
  oid4vciRoutes,
  ltiToolRoutes,
  obApiPlugin,
];

export async function apiRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  for (const plugin of api) await app.register(plugin, { deps });
}

export async function publicRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  for (const plugin of root) await app.register(plugin, { deps });
}
