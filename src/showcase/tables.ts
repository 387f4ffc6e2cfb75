// Table types of the showcase context: public profiles (the awards' sharing choices live on awards).
import type { ColumnType } from 'kysely';

export interface ProfilesTable {
  userId: string;
  /** /people/<slug>: lower-case letters, digits and single hyphens. */
  slug: string;
  /** Off until the learner turns it on; off → the page is 404 to everyone. */
  enabled: boolean;
  headline: string | null;
  /** The uploaded photo's storage key (`avatars/<uuid>.<png|jpeg>`), null for none: initials are drawn. */
  avatarKey: ColumnType<string | null, string | null | undefined, string | null>;
  updatedAt: Date;
}

export interface ShowcaseTables {
  profiles: ProfilesTable;
}
