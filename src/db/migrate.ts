// Forward-only migrations, one ordered timeline, listed explicitly (no directory scanning at run time).
import type { Kysely } from 'kysely';
import { type Migration, Migrator } from 'kysely/migration';
import * as m0001 from './migrations/0001_foundation.ts';
import * as m0003 from './migrations/0003_issuing.ts';
import * as m0004 from './migrations/0004_learning.ts';
import * as m0005 from './migrations/0005_issuer_did_method.ts';
import * as m0006 from './migrations/0006_badges.ts';
import * as m0007 from './migrations/0007_bulk_lease.ts';
import * as m0008 from './migrations/0008_showcase.ts';
import * as m0009 from './migrations/0009_profiles.ts';
import * as m0010 from './migrations/0010_imported_badges.ts';
import * as m0011 from './migrations/0011_commerce.ts';
import * as m0012 from './migrations/0012_award_credential_deferred.ts';
import * as m0013 from './migrations/0013_mail_secrets.ts';
import * as m0014 from './migrations/0014_retries_and_lease_holders.ts';
import * as m0015 from './migrations/0015_api_token_scopes.ts';
import * as m0016 from './migrations/0016_vcapi_credentials.ts';
import * as m0017 from './migrations/0017_vcapi_status_source.ts';
import * as m0018 from './migrations/0018_skill_frameworks.ts';
import * as m0019 from './migrations/0019_award_results_evidence.ts';
import * as m0020 from './migrations/0020_course_skill_objects.ts';
import * as m0021 from './migrations/0021_learner_target_occupation.ts';
import * as m0022 from './migrations/0022_pending_user_emails.ts';
import * as m0023 from './migrations/0023_workforce_people.ts';
import * as m0024 from './migrations/0024_workforce_roles.ts';
import * as m0025 from './migrations/0025_workforce_seats.ts';
import * as m0026 from './migrations/0026_workforce_recognition.ts';
import * as m0027 from './migrations/0027_workforce_open_roles.ts';
import * as m0028 from './migrations/0028_test_card_provider.ts';
import * as m0029 from './migrations/0029_org_branding_invitations.ts';
import * as m0031 from './migrations/0031_sponsorship_orders.ts';
import * as m0032 from './migrations/0032_analytics_indexes.ts';
import * as m0033 from './migrations/0033_profile_avatars.ts';
import * as m0034 from './migrations/0034_badge_designs.ts';
import * as m0035 from './migrations/0035_issuer_key_revocation.ts';
import * as m0036 from './migrations/0036_skill_rollup.ts';
import * as m0037 from './migrations/0037_course_images.ts';
import * as m0038 from './migrations/0038_evidence_items_api_credentials.ts';
import * as m0039 from './migrations/0039_issuer_domains.ts';
import * as m0040 from './migrations/0040_assessment_draws.ts';
import * as m0041 from './migrations/0041_wallet_offers.ts';
import * as m0042 from './migrations/0042_wallet_oid4vci.ts';
import * as m0043 from './migrations/0043_webhooks.ts';
import * as m0044 from './migrations/0044_workforce_shared_skills.ts';
import * as m0045 from './migrations/0045_platform_keys.ts';
import * as m0046 from './migrations/0046_ob_api_oauth.ts';
import * as m0047 from './migrations/0047_lti.ts';
import * as m0048 from './migrations/0048_gradebook.ts';
import * as m0049 from './migrations/0049_webhook_rotation_expiry.ts';
import * as m0050 from './migrations/0050_issuer_registries.ts';
import * as m0051 from './migrations/0051_workforce_visible_awards.ts';
import * as m0054 from './migrations/0054_line_item_sources.ts';
import * as m0055 from './migrations/0055_oauth_client_owners.ts';
import * as m0056 from './migrations/0056_workforce_skill_days.ts';
import * as m0057 from './migrations/0057_awards_credential_index.ts';

const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0003_issuing': m0003,
  '0004_learning': m0004,
  '0005_issuer_did_method': m0005,
  '0006_badges': m0006,
  '0007_bulk_lease': m0007,
  '0008_showcase': m0008,
  '0009_profiles': m0009,
  '0010_imported_badges': m0010,
  '0011_commerce': m0011,
  '0012_award_credential_deferred': m0012,
  '0013_mail_secrets': m0013,
  '0014_retries_and_lease_holders': m0014,
  '0015_api_token_scopes': m0015,
  '0016_vcapi_credentials': m0016,
  '0017_vcapi_status_source': m0017,
  '0018_skill_frameworks': m0018,
  '0019_award_results_evidence': m0019,
  '0020_course_skill_objects': m0020,
  '0021_learner_target_occupation': m0021,
  '0022_pending_user_emails': m0022,
  '0023_workforce_people': m0023,
  '0024_workforce_roles': m0024,
  '0025_workforce_seats': m0025,
  '0029_org_branding_invitations': m0029,
  '0026_workforce_recognition': m0026,
  '0031_sponsorship_orders': m0031,
  '0032_analytics_indexes': m0032,
  '0027_workforce_open_roles': m0027,
  '0028_test_card_provider': m0028,
  '0033_profile_avatars': m0033,
  '0034_badge_designs': m0034,
  '0035_issuer_key_revocation': m0035,
  '0036_skill_rollup': m0036,
  '0037_course_images': m0037,
  '0038_evidence_items_api_credentials': m0038,
  '0039_issuer_domains': m0039,
  '0040_assessment_draws': m0040,
  '0041_wallet_offers': m0041,
  '0042_wallet_oid4vci': m0042,
  '0043_webhooks': m0043,
  '0044_workforce_shared_skills': m0044,
  '0045_platform_keys': m0045,
  '0046_ob_api_oauth': m0046,
  '0047_lti': m0047,
  '0048_gradebook': m0048,
  '0049_webhook_rotation_expiry': m0049,
  '0050_issuer_registries': m0050,
  '0051_workforce_visible_awards': m0051,
  '0054_line_item_sources': m0054,
  '0055_oauth_client_owners': m0055,
  '0056_workforce_skill_days': m0056,
  '0057_awards_credential_index': m0057,
};

// biome-ignore lint/suspicious/noExplicitAny: migrations work on the untyped schema, before the Database type holds.
export async function migrateToLatest(db: Kysely<any>, schema: string): Promise<string[]> {
  const migrator = new Migrator({
    db,
    // Explicit: Kysely otherwise finds a migration table of another schema and skips creating its own.
    migrationTableSchema: schema,
    provider: { getMigrations: async () => migrations },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
