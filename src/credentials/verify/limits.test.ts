import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OB_V3_CONTEXT, VC_V2_CONTEXT } from '../contexts/index.ts';
import { buildOpenBadgeCredential } from '../model/build.ts';
import { signCredential } from '../proof/dataIntegrity.ts';
import { badgeInput, didKeyIssuer, NOW } from '../testing/fixtures.ts';
import { readStandardsExample, standardsExamplePath } from '../testing/standards.ts';
import { DEFAULT_DOCUMENT_LIMITS, findDocumentLimitExcess, findJsonTextLimitExcess } from './limits.ts';
import type { VerificationWork } from './types.ts';
import { verifyCredential } from './verifyCredential.ts';
import { verificationWorkInThisThread } from './work.ts';

type Json = Record<string, unknown>;
const example = (path: string) => JSON.parse(readStandardsExample(path)) as Json;
const clrExample = () => example('ob_v3p0/impl-guide-signing/clr_v2p0/credential-signed.json');

/** A CLR transcript with `count` achievements and as many embedded achievement credentials. */
function clrTranscript(count: number): Json {
  const clr = clrExample();
  const subject = clr.credentialSubject as { verifiableCredential: Json[]; achievement: Json[] };
  const [credential] = subject.verifiableCredential;
  const [achievement] = subject.achievement;
  subject.verifiableCredential = Array.from({ length: count }, (_, i) => ({
    ...structuredClone(credential),
    id: `urn:uuid:00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  }));
  subject.achievement = Array.from({ length: count }, (_, i) => ({
    ...structuredClone(achievement),
    id: `urn:uuid:10000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    name: `Achievement ${i + 1}`,
  }));
  return clr;
}

const specExamples = readdirSync(standardsExamplePath('ob_v3p0'))
  .filter((name) => name.endsWith('.json'))
  .map((name) => `ob_v3p0/${name}`);

describe('the document limits', () => {
  it.each(specExamples)('accept the OB 3.0 specification example %s', (path) => {
    expect(findDocumentLimitExcess(example(path))).toBeUndefined();
  });

  it('accept a CLR transcript with 500 achievements and their 500 credentials', () => {
    const transcript = clrTranscript(500);
    expect(Buffer.byteLength(JSON.stringify(transcript))).toBeGreaterThan(500_000);
    expect(findDocumentLimitExcess(transcript)).toBeUndefined();
  });

  it('refuse 2,000 repeated contexts, naming how many one @context may list', () => {
    const credential = { ...clrExample(), '@context': [VC_V2_CONTEXT, ...Array(2000).fill(OB_V3_CONTEXT)] };
    expect(findDocumentLimitExcess(credential)).toEqual({
      limit: 'contexts-per-node',
      message: 'The document lists 2,001 contexts in one @context; at most 16 are accepted.',
      tooLarge: true,
    });
  });

  it('refuse a context listed twice as malformed, not as too large', () => {
    const credential = { ...clrExample(), '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT, OB_V3_CONTEXT] };
    expect(findDocumentLimitExcess(credential)).toMatchObject({
      limit: 'duplicate-context',
      tooLarge: false,
      message: expect.stringContaining(OB_V3_CONTEXT),
    });
  });

  it('refuse contexts spread over many nested objects once they are more than 2,000 in all', () => {
    const nested = Array.from({ length: 1001 }, () => ({ '@context': [VC_V2_CONTEXT, OB_V3_CONTEXT] }));
    const credential = { ...clrExample(), evidence: nested.slice(0, 500), endorsement: nested.slice(500) };
    expect(findDocumentLimitExcess(credential)?.limit).toBe('context-entries');
  });

  it('refuse 200,000 empty subjects by the length of their list', () => {
    const credential = { ...clrExample(), credentialSubject: Array(200_000).fill({}) };
    expect(findDocumentLimitExcess(credential)).toMatchObject({
      limit: 'array-length',
      message: 'The document has a list of 200,000 items; at most 1,000 are accepted.',
    });
  });

  it('refuse more than 10,000 objects however they are spread over short lists', () => {
    const subjects = Array.from({ length: 1000 }, () => ({ a: Array(20).fill({}) }));
    expect(findDocumentLimitExcess({ ...clrExample(), credentialSubject: subjects })?.limit).toBe('nodes');
  });

  it('refuse nesting deeper than 32 levels, even 100,000 levels deep, without running out of stack', () => {
    let deep: unknown = {};
    for (let i = 0; i < 100_000; i++) deep = { next: deep };
    expect(findDocumentLimitExcess({ ...clrExample(), evidence: deep })?.limit).toBe('depth');
  });

  it('refuse a document over 1 MiB, counting multi-byte characters by their UTF-8 size', () => {
    const text = 'ñ'.repeat(600_000); // 1.2 MB in UTF-8, 600,000 characters
    expect(findDocumentLimitExcess({ ...clrExample(), description: text })?.limit).toBe('bytes');
    expect(findDocumentLimitExcess({ ...clrExample(), description: 'n'.repeat(600_000) })).toBeUndefined();
  });

  it('refuse more than four proofs on the document itself', () => {
    const proof = (clrExample().proof as Json[])[0];
    expect(findDocumentLimitExcess({ ...clrExample(), proof: Array(5).fill(proof) })?.limit).toBe('proofs');
  });

  it('refuse a presentation of more than 50 credentials', () => {
    const presentation = {
      '@context': [VC_V2_CONTEXT],
      type: ['VerifiablePresentation'],
      verifiableCredential: Array.from({ length: 51 }, () =>
        example('ob_v3p0/sample-openbadgecredential.json'),
      ),
    };
    expect(findDocumentLimitExcess(presentation)?.limit).toBe('presentation-credentials');
  });

  it('are the defaults docs/credentials.md states', () => {
    expect(DEFAULT_DOCUMENT_LIMITS).toEqual({
      maxBytes: 1_048_576,
      maxContextsPerNode: 16,
      maxContextEntries: 2_000,
      maxNodes: 10_000,
      maxArrayLength: 1_000,
      maxDepth: 32,
      maxProofs: 4,
      maxPresentationCredentials: 50,
    });
  });
});

describe('verifyCredential and the document limits', () => {
  const issuer = didKeyIssuer();

  /** The in-thread work, counting how often the costly steps are asked for. */
  function countingWork(): VerificationWork & { calls: number } {
    const work = {
      calls: 0,
      verifyProof: (...args: Parameters<VerificationWork['verifyProof']>) => {
        work.calls += 1;
        return verificationWorkInThisThread.verifyProof(...args);
      },
      checkStructure: (credential: Json) => {
        work.calls += 1;
        return verificationWorkInThisThread.checkStructure(credential);
      },
    };
    return work;
  }

  it('refuses a signed credential with 2,000 repeated contexts before any costly step', async () => {
    const signed = await signCredential(buildOpenBadgeCredential(badgeInput(issuer)), {
      keyPair: issuer.keyPair,
      verificationMethod: issuer.verificationMethod,
      created: NOW,
    });
    const hostile = { ...signed, '@context': [VC_V2_CONTEXT, ...Array(2000).fill(OB_V3_CONTEXT)] };
    const work = countingWork();
    const result = await verifyCredential(hostile, { now: NOW, resolveDid: async () => undefined, work });
    expect(work.calls).toBe(0);
    expect(result.verified).toBe(false);
    expect(result.checks).toEqual([
      {
        code: 'structure',
        status: 'failed',
        message: 'The document lists 2,001 contexts in one @context; at most 16 are accepted.',
      },
    ]);
  });

  it('passes a credential within the limits on to the costly steps', async () => {
    const signed = await signCredential(buildOpenBadgeCredential(badgeInput(issuer)), {
      keyPair: issuer.keyPair,
      verificationMethod: issuer.verificationMethod,
      created: NOW,
    });
    const work = countingWork();
    const result = await verifyCredential(signed, { now: NOW, resolveDid: async () => undefined, work });
    expect(result.verified).toBe(true);
    expect(work.calls).toBe(2);
  });
});

describe('the document limits on JSON text', () => {
  const text = (document: unknown) => JSON.stringify(document);

  it.each(specExamples)('accept the text of the OB 3.0 specification example %s', (path) => {
    expect(findJsonTextLimitExcess(readStandardsExample(path))).toBeUndefined();
  });

  it('accept the text of a CLR transcript with 500 achievements and their credentials', () => {
    expect(findJsonTextLimitExcess(text(clrTranscript(500)))).toBeUndefined();
  });

  it('refuse 200,000 empty subjects with the same words as the parsed check', () => {
    const credential = { ...clrExample(), credentialSubject: Array(200_000).fill({}) };
    expect(findJsonTextLimitExcess(text(credential))).toEqual(findDocumentLimitExcess(credential));
  });

  it('refuse more than 10,000 objects and nesting deeper than 32, as the parsed check does', () => {
    const subjects = Array.from({ length: 1000 }, () => ({ a: Array(20).fill({}) }));
    expect(findJsonTextLimitExcess(text({ ...clrExample(), credentialSubject: subjects }))?.limit).toBe(
      'nodes',
    );
    let deep: unknown = {};
    for (let i = 0; i < 40; i++) deep = { next: deep };
    expect(findJsonTextLimitExcess(text({ evidence: deep }))?.limit).toBe('depth');
  });

  it('count brackets, braces and commas inside strings as text, escaped quotes included', () => {
    const tricky = { name: `"\\"[{${',{'.repeat(20_000)}`, list: Array(999).fill('a,b') };
    expect(findJsonTextLimitExcess(text(tricky))).toBeUndefined();
  });

  it('allow for the objects that enclose the document in a request body', () => {
    let deep: unknown = {};
    for (let i = 0; i < 31; i++) deep = { next: deep };
    expect(findJsonTextLimitExcess(text({ credential: deep }))?.limit).toBe('depth');
    expect(findJsonTextLimitExcess(text({ credential: deep }), DEFAULT_DOCUMENT_LIMITS, 1)).toBeUndefined();
  });
});
