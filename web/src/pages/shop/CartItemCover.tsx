// The small picture in front of a cart line: the course's picture (from the catalog page's data, cached and
// shared with the course page) or its designed fallback; a badge bundle shows its badge's picture (the cart
// quote names it), the fallback only when the bundle is no longer sold.
import { useQuery } from '@tanstack/react-query';
import { learningApi, learningKeys } from '../../learning.ts';
import { CourseCover } from './CourseCover.tsx';

export function CartItemCover({
  courseId,
  badgeId,
  imageUrl,
  title,
}: {
  courseId: string | null;
  badgeId: string | null;
  /** A bundle's badge picture; decorative, as the line's title is beside it. */
  imageUrl: string | null;
  title: string;
}) {
  const course = useQuery({
    queryKey: learningKeys.course(courseId ?? ''),
    queryFn: () => learningApi.course(courseId ?? ''),
    enabled: courseId !== null,
    retry: false,
    staleTime: 5 * 60_000,
  });
  if (imageUrl) {
    return (
      <img
        className="course-cover course-cover--thumb course-cover--badge"
        src={imageUrl}
        alt=""
        loading="lazy"
      />
    );
  }
  return (
    <CourseCover
      courseId={courseId ?? badgeId ?? title}
      title={title}
      image={course.data?.image ?? null}
      size="thumb"
    />
  );
}
