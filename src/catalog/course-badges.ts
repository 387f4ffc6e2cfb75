// The badges a published course counts toward (issue #18 item 11): the published badges whose latest version
// requires the course, or one of its evidence tasks, with their picture and name, so the course page can link
// to each badge's public page. Published badges only; each once, in the order they were published.
import { publishedVersionsRequiring, versionImageUrl } from '../badges/index.ts';
import type { Deps } from '../deps.ts';

export interface CourseBadge {
  id: string;
  name: string;
  imageUrl: string;
}

export async function badgesCountingToward(deps: Deps, courseId: string): Promise<CourseBadge[]> {
  const [byCourse, byEvidence] = await Promise.all([
    publishedVersionsRequiring(deps.db, 'course', courseId),
    publishedVersionsRequiring(deps.db, 'evidence', courseId),
  ]);
  const seen = new Set<string>();
  return [...byCourse, ...byEvidence]
    .sort((a, b) => a.publishedAt.getTime() - b.publishedAt.getTime())
    .flatMap((version) => {
      if (seen.has(version.badgeId)) return [];
      seen.add(version.badgeId);
      return [{ id: version.badgeId, name: version.name, imageUrl: versionImageUrl(deps, version) }];
    });
}
