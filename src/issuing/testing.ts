// Test factories of the issuing context: an issuer organization with a logged-in owner, a sample request.
import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.ts';
import { aLoggedInUser, type TestSession } from '../identity/testing.ts';

export interface TestIssuer {
  orgId: string;
  slug: string;
  owner: TestSession & { email: string };
}

let counter = 0;

export async function anIssuerWithOwner(
  app: FastifyInstance,
  deps: Deps,
  name = 'Gestión Academy®',
): Promise<TestIssuer> {
  counter += 1;
  const owner = await aLoggedInUser(app, deps);
  const slug = `issuer-${counter}-${Date.now().toString(36)}`;
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/orgs',
    headers: owner.headers,
    payload: { name, slug, kind: 'issuer', websiteUrl: 'https://academy.example.org' },
  });
  if (response.statusCode !== 201)
    throw new Error(`org creation failed: ${response.statusCode} ${response.body}`);
  return { orgId: response.json().id, slug, owner };
}

export const sampleIssueRequest = (email = 'ana.nunez@example.org') => ({
  achievement: {
    id: 'https://academy.example.org/achievements/gestion-de-nominas',
    name: 'Gestión de nóminas — SAFe®',
    description: 'Runs a payroll cycle end to end.',
    criteria: { narrative: 'Completed every course of the badge and answered every question correctly.' },
    alignments: [
      {
        targetName: 'Payroll Clerks',
        targetUrl: 'https://www.onetonline.org/link/summary/43-3051.00',
        targetFramework: 'O*NET',
        targetCode: '43-3051.00',
      },
    ],
  },
  recipient: { email, name: 'Ana Núñez' },
  evidence: [
    {
      id: 'https://academy.example.org/evidence/1',
      name: 'Payroll project',
      narrative: 'Ran a full payroll for 12 people.',
    },
  ],
  validUntil: '2029-11-23T00:00:00Z',
});
