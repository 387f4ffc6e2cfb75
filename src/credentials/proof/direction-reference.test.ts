// A credential holding right-to-left language value objects ({"@value", "@language": "ar",
// "@direction": "rtl"}): what we sign verifies with the reference (@digitalbazaar/vc with the
// eddsa-rdfc-2022 cryptosuite, which canonizes with rdfDirection 'i18n-datatype'), and the other way round.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import { describe, expect, it } from 'vitest';
import { buildBadge, didKeyIssuer, loaderWithDids } from '../testing/fixtures.ts';
import { signCredential, verifyDataIntegrityProof } from './dataIntegrity.ts';

const CREATED = '2026-05-21T09:30:00Z';
const issuer = didKeyIssuer();
const loader = loaderWithDids(issuer.didDocument);

type Json = Record<string, unknown>;

/** A badge whose name, achievement name and description carry Arabic right-to-left text. */
function rightToLeftBadge(): Json {
  const badge = structuredClone(buildBadge(issuer)) as unknown as Json;
  const subject = badge.credentialSubject as Json;
  const achievement = subject.achievement as Json;
  badge.name = [
    { '@value': 'Gestión de nóminas', '@language': 'es', '@direction': 'ltr' },
    { '@value': 'إدارة الرواتب', '@language': 'ar', '@direction': 'rtl' },
  ];
  achievement.name = { '@value': 'إدارة الرواتب', '@language': 'ar', '@direction': 'rtl' };
  achievement.description = {
    '@value': 'يدير دورة الرواتب الشهرية من البداية إلى النهاية.',
    '@language': 'ar',
    '@direction': 'rtl',
  };
  return badge;
}

const referenceVerify = (credential: object) =>
  vc.verifyCredential({
    credential,
    suite: new DataIntegrityProof({ cryptosuite }),
    documentLoader: loader,
    now: new Date('2026-06-01T00:00:00Z'),
  });

async function referenceSign(credential: Json) {
  const key = await Ed25519Multikey.from({
    type: 'Multikey',
    id: issuer.verificationMethod,
    controller: issuer.id,
    publicKeyMultibase: issuer.keyPair.publicKeyMultibase,
    secretKeyMultibase: issuer.keyPair.secretKeyMultibase,
  });
  const suite = new DataIntegrityProof({ signer: key.signer(), date: CREATED, cryptosuite });
  return vc.issue({ credential: structuredClone(credential), suite, documentLoader: loader });
}

const sign = (credential: Json, proofAsObject = false) =>
  signCredential(credential as never, {
    keyPair: issuer.keyPair,
    verificationMethod: issuer.verificationMethod,
    created: CREATED,
    proofAsObject,
  }) as unknown as Promise<Json>;

describe('a credential with right-to-left language value objects', () => {
  it('is signed by us with the very proof the reference library makes', async () => {
    const credential = rightToLeftBadge();
    const ours = await sign(credential, true);
    const theirs = await referenceSign(credential);
    expect(theirs.proof.proofValue).toBe((ours.proof as Json).proofValue);
  });

  it('signed by us, verifies with @digitalbazaar/vc', async () => {
    const result = await referenceVerify(await sign(rightToLeftBadge()));
    expect(result.error).toBeUndefined();
    expect(result.verified).toBe(true);
  });

  it('signed by the reference library, verifies with our verifier', async () => {
    const signed = await referenceSign(rightToLeftBadge());
    const check = await verifyDataIntegrityProof(signed, signed.proof, issuer.keyPair.publicKey, loader);
    expect(check).toEqual({ ok: true });
  });

  it('no longer verifies with @digitalbazaar/vc once only a direction is changed', async () => {
    const signed = await sign(rightToLeftBadge());
    const achievement = (signed.credentialSubject as Json).achievement as Json;
    achievement.name = { ...(achievement.name as Json), '@direction': 'ltr' };
    const result = await referenceVerify(signed);
    expect(result.verified).toBe(false);
  });
});
