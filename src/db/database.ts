// The database as Kysely sees it: the composition of every context's own table types.
import type { Kysely, Transaction } from 'kysely';
import type { BadgesTables } from '../badges/tables.ts';
import type { CatalogTables } from '../catalog/tables.ts';
import type { CommerceTables } from '../commerce/tables.ts';
import type { GradebookTables } from '../gradebook/tables.ts';
import type { IdentityTables } from '../identity/tables.ts';
import type { ImportsTables } from '../imports/tables.ts';
import type { InsightsTables } from '../insights/tables.ts';
import type { IssuingTables } from '../issuing/tables.ts';
import type { LearningTables } from '../learning/tables.ts';
import type { LtiTables } from '../lti/tables.ts';
import type { MailTables } from '../mail/tables.ts';
import type { ObApiTables } from '../obapi/tables.ts';
import type { OrgTables } from '../orgs/tables.ts';
import type { ShowcaseTables } from '../showcase/tables.ts';
import type { SkillsTables } from '../skills/tables.ts';
import type { WalletsTables } from '../wallets/tables.ts';
import type { WebhooksTables } from '../webhooks/tables.ts';
import type { WorkforceTables } from '../workforce/tables.ts';

export interface Database
  extends IdentityTables,
    OrgTables,
    MailTables,
    IssuingTables,
    CatalogTables,
    LearningTables,
    BadgesTables,
    ShowcaseTables,
    ImportsTables,
    CommerceTables,
    SkillsTables,
    InsightsTables,
    WorkforceTables,
    WalletsTables,
    WebhooksTables,
    GradebookTables,
    LtiTables,
    ObApiTables {}

/** What store functions take first: the database or a transaction on it. */
export type Executor = Kysely<Database> | Transaction<Database>;
