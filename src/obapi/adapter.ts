// oidc-provider's persistence on our database (table oauth_models, migration 0046): every model instance in
// one row, so a restart loses nothing and several processes share clients, grants and tokens.
// Opaque tokens, codes and session ids ARE their ids: the row key is their SHA-256 and the value itself is
// kept only wrapped under the key-encryption key, so the table never holds a usable token. A client's secret
// (`client_secret`) is wrapped the same way (a client registered before that keeps its plain one and works on).
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import { decryptSecretKey, encryptSecretKey } from '../credentials/index.ts';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';

/** The row key of a model instance: the SHA-256 of its id (a token's id is the token). */
export const keyOf = (id: string) => createHash('sha256').update(id).digest('base64url');

type Stored = Record<string, unknown> & { jtiWrapped?: string; clientSecretWrapped?: string };
type Kek = Deps['secrets']['keyEncryptionKey'];

function sealed(kek: Kek, payload: AdapterPayload): Stored {
  const { jti, client_secret, ...rest } = payload as AdapterPayload & {
    jti?: unknown;
    client_secret?: unknown;
  };
  return {
    ...rest,
    ...(typeof jti === 'string' ? { jtiWrapped: encryptSecretKey(kek, jti) } : {}),
    ...(typeof client_secret === 'string'
      ? { clientSecretWrapped: encryptSecretKey(kek, client_secret) }
      : {}),
  };
}

function opened(
  kek: Kek,
  row: { payloadText: string; consumedAt: Date | null } | undefined,
): AdapterPayload | undefined {
  if (!row) return undefined;
  const { jtiWrapped, clientSecretWrapped, ...rest } = JSON.parse(row.payloadText) as Stored;
  return {
    ...rest,
    ...(jtiWrapped ? { jti: decryptSecretKey(kek, jtiWrapped) } : {}),
    ...(clientSecretWrapped ? { client_secret: decryptSecretKey(kek, clientSecretWrapped) } : {}),
    ...(row.consumedAt ? { consumed: Math.floor(row.consumedAt.getTime() / 1000) } : {}),
  } as AdapterPayload;
}

/**
 * Stores a model instance as the adapter does (its secrets wrapped), on any executor: a transaction that keeps
 * something beside it (an organization's OAuth app and its owner, oauth-clients-store.ts) writes both or neither.
 */
export async function upsertModel(
  db: Executor,
  kek: Kek,
  model: { kind: string; id: string; payload: AdapterPayload; expiresIn: number },
): Promise<void> {
  const { kind, id, payload, expiresIn } = model;
  const row = {
    payload: JSON.stringify(sealed(kek, payload)),
    grantId: payload.grantId ?? null,
    userCode: payload.userCode ?? null,
    uid: payload.uid ?? null,
    expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
  };
  await db
    .insertInto('oauthModels')
    .values({ kind, id: keyOf(id), ...row })
    .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet(row))
    .execute();
}

/** A model instance as the provider reads it (its secrets unwrapped), live or not; undefined when absent. */
export async function findModel(
  db: Executor,
  kek: Kek,
  kind: string,
  id: string,
): Promise<AdapterPayload | undefined> {
  const row = await db
    .selectFrom('oauthModels')
    .select([sql<string>`payload::text`.as('payloadText'), 'consumedAt'])
    .where('kind', '=', kind)
    .where('id', '=', keyOf(id))
    .executeTakeFirst();
  return opened(kek, row);
}

/** The adapter class oidc-provider instantiates once per model name. */
export function kyselyAdapter(deps: Deps): new (name: string) => Adapter {
  const kek = deps.secrets.keyEncryptionKey;

  return class KyselyAdapter implements Adapter {
    constructor(private readonly kind: string) {}

    // The provider computes lifetimes with the system clock, so expiry here uses it too.
    private live() {
      return (
        deps.db
          .selectFrom('oauthModels')
          // As text: the camel-case plugin would rename the keys inside a JSON value (client_id → clientId).
          .select([sql<string>`payload::text`.as('payloadText'), 'consumedAt'])
          .where('kind', '=', this.kind)
          .where((eb) => eb.or([eb('expiresAt', 'is', null), eb('expiresAt', '>', new Date())]))
      );
    }

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      await upsertModel(deps.db, kek, { kind: this.kind, id, payload, expiresIn });
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      return opened(kek, await this.live().where('id', '=', keyOf(id)).executeTakeFirst());
    }

    async findByUid(uid: string): Promise<AdapterPayload | undefined> {
      return opened(kek, await this.live().where('uid', '=', uid).executeTakeFirst());
    }

    async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
      return opened(kek, await this.live().where('userCode', '=', userCode).executeTakeFirst());
    }

    async consume(id: string): Promise<void> {
      await deps.db
        .updateTable('oauthModels')
        .set({ consumedAt: new Date() })
        .where('kind', '=', this.kind)
        .where('id', '=', keyOf(id))
        .execute();
    }

    async destroy(id: string): Promise<void> {
      await deps.db
        .deleteFrom('oauthModels')
        .where('kind', '=', this.kind)
        .where('id', '=', keyOf(id))
        .execute();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await deps.db.deleteFrom('oauthModels').where('grantId', '=', grantId).execute();
    }
  };
}

/** Deletes the records whose lifetime ended before `now` (registered clients have none and stay). */
export async function deleteExpiredOAuthModels(db: Deps['db'], now: Date): Promise<number> {
  const result = await db.deleteFrom('oauthModels').where('expiresAt', '<', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
