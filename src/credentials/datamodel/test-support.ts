// Fixtures for the data model tests (not exported from the library).
import { validateCredentialDataModel } from './credential.ts';
import type { DataModelRule, DataModelViolation } from './types.ts';

export type Json = Record<string, unknown>;

export const VC_V2 = 'https://www.w3.org/ns/credentials/v2';
export const VC_V1 = 'https://www.w3.org/2018/credentials/v1';
export const EXAMPLES_V2 = 'https://www.w3.org/ns/credentials/examples/v2';

/** A conforming plain VC 2.0 credential (a university degree). */
export function plainCredential(changes: Json = {}): Json {
  return {
    '@context': [VC_V2, EXAMPLES_V2],
    id: 'http://university.example/credentials/3732',
    type: ['VerifiableCredential', 'ExampleDegreeCredential'],
    issuer: 'https://university.example/issuers/565049',
    validFrom: '2010-01-01T00:00:00Z',
    credentialSubject: {
      id: 'did:example:ebfeb1f712ebc6f1c276e12ec21',
      degree: { type: 'ExampleBachelorDegree', name: 'Bachelor of Science and Arts' },
    },
    ...changes,
  };
}

/** A conforming VC 1.1 credential. */
export function v1Credential(changes: Json = {}): Json {
  return {
    '@context': [VC_V1, 'https://www.w3.org/2018/credentials/examples/v1'],
    id: 'http://example.edu/credentials/1872',
    type: ['VerifiableCredential', 'AlumniCredential'],
    issuer: 'https://example.edu/issuers/565049',
    issuanceDate: '2010-01-01T19:23:24Z',
    credentialSubject: { id: 'did:example:ebfeb1f712ebc6f1c276e12ec21', alumniOf: 'Example University' },
    ...changes,
  };
}

/** The rule and path of each violation, for compact assertions. */
export const brief = (violations: DataModelViolation[]) =>
  violations.map(({ rule, path }) => ({ rule, path }));

export const violationsOf = (credential: Json) => brief(validateCredentialDataModel(credential));

/** Exactly one violation, of `rule` at `path`, with a message in plain words. */
export function expectOnly(violations: DataModelViolation[], rule: DataModelRule, path: string): void {
  if (violations.length !== 1 || violations[0]?.rule !== rule || violations[0]?.path !== path) {
    throw new Error(`expected only ${rule} at "${path}", got ${JSON.stringify(violations, null, 1)}`);
  }
  const message = violations[0].message;
  if (message.length < 10 || /undefined|\[object|TypeError/.test(message))
    throw new Error(`unclear message: ${message}`);
}
