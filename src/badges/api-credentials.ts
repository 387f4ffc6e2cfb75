// Credentials an issuer issued through the API rather than as a badge award, for its list of issued credentials
// (GET /orgs/{orgId}/api-credentials): those of POST /orgs/{orgId}/credentials (kept whole, with no award), and
// those of the W3C VC-API's /credentials/issue (the caller keeps the credential; we keep its name, whom it names
// and its status slots). One set-based query over both, filtered by the organization; revoking, suspending and
// reinstating a VC-API one sets its bits on the issuer's lists as POST /credentials/status does.
import { sql } from 'kysely';
import type { Executor } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { NotFoundError, RuleError } from '../errors.ts';
import type { Actor } from '../identity/actor.ts';
import { requireScope } from '../identity/index.ts';
import { changeVcApiStatus, type StateChange } from '../issuing/index.ts';
import type { CredentialState } from '../issuing/tables.ts';
import { requireMembership } from '../orgs/index.ts';
import { AWARD_READERS } from './award-export.ts';

/** `issued`: POST /orgs/{orgId}/credentials; `vc-api`: POST /credentials/issue. */
export type ApiCredentialKind = 'issued' | 'vc-api';

export interface ApiCredential {
  kind: ApiCredentialKind;
  /** The issued credential's id (issued), or the VC-API record's (vc-api). */
  id: string;
  /** The credential's own id (`urn:uuid:…` or the caller's); null for a VC-API credential issued without one. */
  credentialId: string | null;
  name: string | null;
  recipient: string | null;
  state: CredentialState;
  issuedAt: Date;
  validUntil: Date | null;
  /** Whether the issuer can change its status here (a VC-API credential with our status entries and an id). */
  statusChangeable: boolean;
  /** Also a suspension entry (VC-API credentials get one only when asked for). */
  suspendable: boolean;
}

export interface ApiCredentialFilter {
  q?: string;
  state?: CredentialState;
  issuedFrom?: Date;
  issuedBefore?: Date;
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

async function apiCredentials(
  db: Executor,
  orgId: string,
  filter: ApiCredentialFilter,
  page: { limit: number; offset: number },
): Promise<{ items: ApiCredential[]; total: number }> {
  const q = filter.q?.trim();
  const pattern = q ? likePattern(q) : null;
  const { rows } = await sql<Record<string, unknown>>`
    with listed as (
      select 'issued' as kind, c.id::text as id, 'urn:uuid:' || c.id::text as credential_id,
             c.achievement_name as name, c.recipient_label as recipient, c.state, c.issued_at, c.valid_until,
             true as status_changeable, true as suspendable, c.recipient_email as email
      from issued_credentials c
      where c.org_id = ${orgId} and not exists (select 1 from awards a where a.credential_id = c.id)
      union all
      select 'vc-api', v.id::text, v.credential_id, v.name, v.subject_label, v.state, v.issued_at, null,
             v.status_source = 'tessera' and v.revocation_list_id is not null and v.credential_id is not null,
             v.suspension_list_id is not null, null
      from vcapi_credentials v
      where v.org_id = ${orgId}
    )
    select *, count(*) over () as total from listed
    where (${pattern}::text is null or name ilike ${pattern} or recipient ilike ${pattern} or email ilike ${pattern}
           or credential_id = ${q ?? null} or id = ${q ?? null})
      and (${filter.state ?? null}::text is null or state = ${filter.state ?? null})
      and (${filter.issuedFrom ?? null}::timestamptz is null or issued_at >= ${filter.issuedFrom ?? null})
      and (${filter.issuedBefore ?? null}::timestamptz is null or issued_at < ${filter.issuedBefore ?? null})
    order by issued_at desc, id desc
    limit ${page.limit} offset ${page.offset}`.execute(db);
  return {
    total: rows.length === 0 ? 0 : Number(rows[0]?.total),
    items: rows.map((r) => ({
      kind: r.kind as ApiCredentialKind,
      id: String(r.id),
      credentialId: (r.credentialId as string | null) ?? null,
      name: (r.name as string | null) ?? null,
      recipient: (r.recipient as string | null) ?? null,
      state: r.state as CredentialState,
      issuedAt: new Date(r.issuedAt as string),
      validUntil: r.validUntil ? new Date(r.validUntil as string) : null,
      statusChangeable: Boolean(r.statusChangeable),
      suspendable: Boolean(r.suspendable),
    })),
  };
}

export async function listApiCredentials(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  filter: ApiCredentialFilter,
  page: { limit: number; offset: number },
): Promise<{ items: ApiCredential[]; total: number }> {
  requireScope(actor, 'read');
  requireMembership(actor, orgId, AWARD_READERS);
  return apiCredentials(deps.db, orgId, filter, page);
}

/** Revoke, suspend or reinstate a VC-API credential (owners and admins), as POST /credentials/status would. */
export async function changeVcApiCredentialState(
  deps: Deps,
  actor: Actor | null,
  orgId: string,
  recordId: string,
  change: StateChange,
): Promise<ApiCredential> {
  requireMembership(actor, orgId, ['owner', 'admin']);
  requireScope(actor, 'awards:write');
  const record = await deps.db
    .selectFrom('vcapiCredentials')
    .select(['credentialId'])
    .where('orgId', '=', orgId)
    .where('id', '=', recordId)
    .executeTakeFirst();
  if (!record) throw new NotFoundError('credential');
  if (!record.credentialId)
    throw new RuleError(
      'status-not-changeable',
      'This credential was issued without an id: its status cannot be changed.',
    );
  const purpose = change === 'revoke' ? 'revocation' : 'suspension';
  await changeVcApiStatus(deps, orgId, record.credentialId, [{ purpose, set: change !== 'reinstate' }]);
  const found = await apiCredentials(deps.db, orgId, { q: recordId }, { limit: 1, offset: 0 });
  const item = found.items[0];
  if (!item) throw new NotFoundError('credential');
  return item;
}
