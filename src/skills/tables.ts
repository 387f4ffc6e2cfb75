// Table types of the skills context: imported skill frameworks (O*NET, ESCO) and their concepts.
import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export type FrameworkId = 'onet' | 'esco';

export interface SkillFrameworksTable {
  id: FrameworkId;
  name: string;
  version: string;
  status: 'importing' | 'complete';
  /** Files fully loaded by the current import, in order: an interrupted import skips them. */
  completedFiles: Json<string[]>;
  importedAt: Date | null;
  updatedAt: Date;
}

export interface SkillIscoGroupsTable {
  code: string;
  uri: string;
  label: string;
  description: string;
}

export interface SkillOccupationsTable {
  framework: FrameworkId;
  code: string;
  title: string;
  description: string;
  jobZone: number | null;
  iscoGroup: string | null;
  notation: string | null;
}

export interface SkillConceptsTable {
  framework: FrameworkId;
  code: string;
  kind: 'skill' | 'knowledge';
  label: string;
  description: string;
  altLabels: Json<string[]>;
  reuseLevel: string | null;
}

export interface SkillOccupationConceptsTable {
  framework: FrameworkId;
  occupationCode: string;
  conceptCode: string;
  importance: number | null;
  level: number | null;
  relation: 'essential' | 'optional' | null;
}

export interface SkillOccupationTitlesTable {
  framework: FrameworkId;
  occupationCode: string;
  kind: 'alternate' | 'reported';
  title: string;
}

export interface SkillTechnologiesTable {
  framework: FrameworkId;
  occupationCode: string;
  example: string;
  commodityCode: string;
  commodityTitle: string;
  hot: boolean;
  inDemand: boolean;
}

export interface SkillsTables {
  skillFrameworks: SkillFrameworksTable;
  skillIscoGroups: SkillIscoGroupsTable;
  skillOccupations: SkillOccupationsTable;
  skillConcepts: SkillConceptsTable;
  skillOccupationConcepts: SkillOccupationConceptsTable;
  skillOccupationTitles: SkillOccupationTitlesTable;
  skillTechnologies: SkillTechnologiesTable;
}
