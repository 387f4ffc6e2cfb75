// Writes docs/examples/: one real example of every format Tessera emits, made with the credential
// library and a fixed, published example key (never use it for real issuance).
// Run: npx tsx scripts/credential-examples.ts
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import {
  Bitstring,
  bake,
  buildDidWebDocument,
  buildOb2Assertion,
  buildOpenBadgeCredential,
  buildStatusEntry,
  buildStatusListCredential,
  didWebId,
  Ed25519KeyPair,
  encodeList,
  signCredential,
  signCredentialJwt,
} from '../src/credentials/index.ts';

const out = new URL('../docs/examples/', import.meta.url);
mkdirSync(out, { recursive: true });
const write = (name: string, content: string | Uint8Array) => writeFileSync(new URL(name, out), content);
const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

const keyPair = Ed25519KeyPair.fromSeed(
  createHash('sha256').update('tessera documentation example key').digest(),
);
const did = didWebId('badges.example.org', ['issuers', 'northwind-academy']);
const verificationMethod = `${did}#key-1`;
const now = new Date('2026-11-23T10:00:00Z');
const listUrl = 'https://badges.example.org/issuers/northwind-academy/status/revocation/1';

const credential = buildOpenBadgeCredential({
  id: 'urn:uuid:2f1e8a52-6c1d-4c8e-9a4b-0d7e51c0f0a1',
  issuer: { id: did, name: 'Northwind Academy', url: 'https://northwind.example.org' },
  name: 'Gestión de nóminas',
  recipient: { email: 'ana.nunez@example.org', salt: '4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f' },
  achievement: {
    id: 'https://badges.example.org/achievements/gestion-de-nominas',
    name: 'Gestión de nóminas',
    description: 'Runs a payroll cycle end to end: gross to net, deductions, filings.',
    criteria: {
      narrative: 'Completed the three required micro-courses, answering every assessment question correctly.',
    },
    alignments: [
      {
        targetName: 'Payroll and Timekeeping Clerks',
        targetUrl: 'https://www.onetonline.org/link/summary/43-3051.00',
        targetFramework: 'O*NET-SOC 2019',
        targetCode: '43-3051.00',
      },
    ],
    achievementType: 'Badge',
  },
  evidence: [
    {
      id: 'https://badges.example.org/evidence/7f3a',
      name: 'Payroll project',
      narrative: 'Ran a full payroll for a 12-person company.',
    },
  ],
  validFrom: now,
  validUntil: new Date('2029-11-23T10:00:00Z'),
  awardedDate: now,
  credentialStatus: buildStatusEntry({ listCredentialUrl: listUrl, index: 94567, purpose: 'revocation' }),
});

const signed = await signCredential(credential, { keyPair, verificationMethod, created: now });
write('credential.json', json(signed));
const jwt = await signCredentialJwt(credential, { keyPair, verificationMethod });
write('credential.jwt', `${jwt}\n`);
write('did.json', json(buildDidWebDocument(did, [{ publicKeyMultibase: keyPair.publicKeyMultibase }])));

const bits = new Bitstring();
bits.set(42, true); // one revoked credential
const list = await signCredential(
  buildStatusListCredential({
    id: listUrl,
    issuer: did,
    statusPurpose: 'revocation',
    encodedList: encodeList(bits),
    validFrom: now,
  }),
  { keyPair, verificationMethod, created: now },
);
write('status-list.json', json(list));

const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256"><circle cx="128" cy="128" r="120" fill="#1d4ed8"/><circle cx="128" cy="128" r="100" fill="#fff"/><text x="128" y="136" font-family="sans-serif" font-size="18" text-anchor="middle" fill="#1e293b">Gestión de nóminas</text></svg>`;
write('badge.svg', bake(Buffer.from(svg), { format: 'ob3-json', payload: JSON.stringify(signed) }));
const png = new Resvg(svg).render().asPng();
write('badge.png', bake(png, { format: 'ob3-json', payload: JSON.stringify(signed) }));
write('badge-jwt.svg', bake(Buffer.from(svg), { format: 'ob3-jwt', payload: jwt }));

write(
  'ob2-assertion.json',
  json(
    buildOb2Assertion({
      assertionUrl: 'https://badges.example.org/ob2/assertions/2f1e8a52-6c1d-4c8e-9a4b-0d7e51c0f0a1',
      badgeClassUrl: 'https://badges.example.org/ob2/assertions/2f1e8a52-6c1d-4c8e-9a4b-0d7e51c0f0a1/badge',
      recipient: { email: 'ana.nunez@example.org', salt: '4f1c2d3e5a6b7c8d9e0f1a2b3c4d5e6f' },
      issuedOn: now,
      expires: new Date('2029-11-23T10:00:00Z'),
    }),
  ),
);
console.log(`Examples written to ${out.pathname}`);
