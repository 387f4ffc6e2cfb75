// Test helpers of the wallets context: a wallet holder with a fresh did:key (as DCC's Learner Credential
// Wallet makes one: @digitalbazaar/did-method-key over an Ed25519 Multikey) that answers a DIDAuthentication
// request with a presentation signed by the reference library, and an accepted award to deliver.
import { DataIntegrityProof } from '@digitalbazaar/data-integrity';
import { driver } from '@digitalbazaar/did-method-key';
import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey';
import { cryptosuite } from '@digitalbazaar/eddsa-rdfc-2022-cryptosuite';
import * as vc from '@digitalbazaar/vc';
import type { FastifyInstance } from 'fastify';
import { awardBadge } from '../badges/award.ts';
import { findVersion } from '../badges/definition-store.ts';
import { aPublishedBadge } from '../badges/testing.ts';
import { aPublishedCourse } from '../catalog/testing.ts';
import { createStaticDocumentLoader } from '../credentials/index.ts';
import type { Deps } from '../deps.ts';
import type { TestIssuer } from '../issuing/testing.ts';

type Json = Record<string, unknown>;

export interface WalletHolder {
  did: string;
  /**
   * A DIDAuthentication presentation (no credentials) for this challenge and domain; `claimedHolder` names
   * another DID as its holder (a presentation signed by the wrong key).
   */
  authenticate(challenge: string, domain: string, claimedHolder?: string): Promise<Json>;
}

const didKeys = driver();
didKeys.use({ multibaseMultikeyHeader: 'z6Mk', fromMultibase: Ed25519Multikey.from });

/** Tessera's bundled contexts, and did:key documents resolved by the did:key driver. */
const holderLoader = (documents: Map<string, Json>) =>
  createStaticDocumentLoader((url) => documents.get(url));

export async function aWalletHolder(): Promise<WalletHolder> {
  const keyPair = await Ed25519Multikey.generate();
  const { didDocument, methodFor } = await didKeys.fromKeyPair({ verificationKeyPair: keyPair });
  const authentication = methodFor({ purpose: 'authentication' });
  // The driver answers the key's public half; the wallet signs with its own pair, named as the DID names it.
  Object.assign(keyPair, { id: authentication.id, controller: didDocument.id });
  const documents = new Map<string, Json>([[didDocument.id, didDocument]]);
  documents.set(authentication.id, await didKeys.get({ url: authentication.id }));
  return {
    did: didDocument.id,
    authenticate: (challenge, domain, claimedHolder) =>
      vc.signPresentation({
        presentation: vc.createPresentation({ holder: claimedHolder ?? didDocument.id, version: 2.0 }),
        suite: new DataIntegrityProof({ signer: keyPair.signer(), cryptosuite }),
        challenge,
        domain,
        documentLoader: holderLoader(documents),
      }),
  };
}

/** A badge awarded to the learner and accepted by them (a manual award, so no course has to be done). */
export async function anAcceptedAward(
  app: FastifyInstance,
  deps: Deps,
  issuer: TestIssuer,
  learner: { email: string; userId: string },
  options: { name?: string } = {},
) {
  const courseId = await aPublishedCourse(app, issuer.orgId, issuer.owner);
  const badge = await aPublishedBadge(app, issuer, { courseIds: [courseId], name: options.name });
  const version = await findVersion(deps.db, badge.latestVersion.id);
  if (!version) throw new Error('published badge has no version');
  const { award } = await deps.db
    .transaction()
    .execute((trx) =>
      awardBadge(deps, trx, { version, email: learner.email, userId: learner.userId, source: 'manual' }),
    );
  await deps.db
    .updateTable('awards')
    .set({ state: 'accepted', decidedAt: deps.now() })
    .where('id', '=', award.id)
    .execute();
  return { ...award, state: 'accepted' as const };
}
