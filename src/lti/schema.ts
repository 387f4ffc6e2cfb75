// Requests and replies of the LTI platform registration API; the presenter never shows the private key.
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import type { PlatformRow } from './store.ts';

export const orgParams = z.strictObject({ orgId: z.uuid() });
export const platformParams = z.strictObject({ orgId: z.uuid(), id: z.uuid() });

const url = z.string().trim().min(1).max(2000);
const deploymentIds = z.array(z.string().trim().min(1).max(255)).min(1).max(50);

export const platformBody = z.strictObject({
  name: z.string().trim().max(200).optional(),
  issuer: url.describe('The platform’s issuer (`iss` of its id_tokens), e.g. https://canvas.instructure.com'),
  clientId: z.string().trim().min(1).max(255).describe('The client id the platform gave the tool'),
  deploymentIds: deploymentIds.describe('The deployment ids the platform may launch with'),
  authUrl: url.describe('The platform’s OIDC authorization endpoint'),
  tokenUrl: url.describe('The platform’s OAuth 2.0 token endpoint (services)'),
  jwksUrl: url.describe('The platform’s public keys (JWKS)'),
});

export const platformPatch = z.strictObject({
  name: z.string().trim().max(200).optional(),
  issuer: url.optional(),
  clientId: z.string().trim().min(1).max(255).optional(),
  deploymentIds: deploymentIds.optional(),
  authUrl: url.optional(),
  tokenUrl: url.optional(),
  jwksUrl: url.optional(),
});

export const platformReply = z.object({
  id: z.uuid(),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  deploymentIds: z.array(z.string()),
  authUrl: z.string(),
  tokenUrl: z.string(),
  jwksUrl: z.string(),
  tool: z
    .object({
      loginUrl: z.string(),
      launchUrl: z.string(),
      deepLinkingUrl: z.string(),
      jwksUrl: z.string(),
      keyId: z.string(),
      publicJwk: z.record(z.string(), z.unknown()),
    })
    .describe('What to paste into the platform: the tool’s URLs and its public key for this registration'),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export function presentPlatform(deps: Deps, row: PlatformRow): z.infer<typeof platformReply> {
  const base = deps.config.publicUrl;
  return {
    id: row.id,
    name: row.name,
    issuer: row.issuer,
    clientId: row.clientId,
    deploymentIds: row.deploymentIds,
    authUrl: row.authUrl,
    tokenUrl: row.tokenUrl,
    jwksUrl: row.jwksUrl,
    tool: {
      loginUrl: `${base}/lti/login`,
      launchUrl: `${base}/lti/launch`,
      deepLinkingUrl: `${base}/lti/launch`,
      jwksUrl: `${base}/lti/jwks.json`,
      keyId: row.keyId,
      publicJwk: row.publicJwk as Record<string, unknown>,
    },
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
