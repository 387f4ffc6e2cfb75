// The 1EdTech implementation-guide vectors (OB 3.0 and CLR 2.0): fixed key, fixed date, expected bytes.
import { describe, expect, it } from 'vitest';
import { Ed25519KeyPair } from '../keys/multikey.ts';
import { readStandardsExample } from '../testing/standards.ts';
import {
  createDataIntegrityProof,
  hashForProof,
  signCredential,
  verifyDataIntegrityProof,
} from './dataIntegrity.ts';

function loadVector(name: 'ob_v3p0' | 'clr_v2p0') {
  const read = (file: string) => readStandardsExample(`ob_v3p0/impl-guide-signing/${name}/${file}`);
  return {
    unsigned: JSON.parse(read('credential-unsigned.json')),
    signed: JSON.parse(read('credential-signed.json')),
    documentCanon: read('document-canon.nq'),
    proofCanon: read('proof-canon.nq'),
    vector: JSON.parse(read('vector.json')),
  };
}

describe.each(['ob_v3p0', 'clr_v2p0'] as const)('the %s implementation-guide vector', (name) => {
  const { unsigned, signed, documentCanon, proofCanon, vector } = loadVector(name);
  // The CLR vector writes its proof as a one-element array, the OB vector as an object.
  const signedProof = Array.isArray(signed.proof) ? signed.proof[0] : signed.proof;
  const keyPair = Ed25519KeyPair.fromSecretKeyMultibase(vector.keyPair.secretKeyMultibase);

  it('derives the published public key from the published secret key', () => {
    expect(keyPair.publicKeyMultibase).toBe(vector.keyPair.publicKeyMultibase);
  });

  it('canonicalises the document and the proof options to the published N-Quads byte for byte', async () => {
    const { proofValue: _v, ...options } = vector.proofOptions;
    const result = await hashForProof(unsigned, { '@context': unsigned['@context'], ...options });
    expect(result.canonicalDocument).toBe(documentCanon);
    expect(result.canonicalProofConfig).toBe(proofCanon);
    expect(Buffer.from(result.hashData).toString('hex')).toBe(vector.dataToSignHex);
  });

  it('produces the published proofValue', async () => {
    const proof = await createDataIntegrityProof(unsigned, {
      keyPair,
      verificationMethod: vector.proofOptions.verificationMethod,
      created: vector.proofOptions.created,
    });
    expect(proof.proofValue).toBe(vector.proofValue);
    expect(proof).toEqual(signedProof);
  });

  it('signs the unsigned credential into the published signed credential', async () => {
    const ours = await signCredential(unsigned, {
      keyPair,
      verificationMethod: vector.proofOptions.verificationMethod,
      created: vector.proofOptions.created,
      proofAsObject: !Array.isArray(signed.proof),
    });
    expect(JSON.stringify(ours)).toBe(JSON.stringify(signed));
  });

  it('verifies the published signed credential', async () => {
    expect(await verifyDataIntegrityProof(signed, signedProof, keyPair.publicKey)).toEqual({ ok: true });
  });

  it('rejects the published signed credential once its name is changed', async () => {
    const tampered = { ...signed, name: `${signed.name} (edited)` };
    const result = await verifyDataIntegrityProof(tampered, signedProof, keyPair.publicKey);
    expect(result).toMatchObject({ ok: false, reason: 'signature' });
  });
});
