// The small picture in front of a cart line: the course's picture (from the catalog page's data, cached and
// shared with the course page) or its designed fallback; a badge bundle gets the fallback of its badge.
import { useQuery } from '@tanstack/react-query';
import { learningApi, learningKeys } from '../../learning.ts';
import { CourseCover } from './CourseCover.tsx';

export function CartItemCover({
  courseId,
  badgeId,
  title,
}: {
  courseId: string | null;
  badgeId: string | null;
  title: string;
}) {
  const course = useQuery({
    queryKey: learningKeys.course(courseId ?? ''),
    queryFn: () => learningApi.course(courseId ?? ''),
    enabled: courseId !== null,
    retry: false,
    staleTime: 5 * 60_000,
  });
  return (
    <CourseCover
      courseId={courseId ?? badgeId ?? title}
      title={title}
      image={course.data?.image ?? null}
      size="thumb"
    />
  );
}
