// A course's picture on the catalog card, the course page and the cart, or, when it has none, a designed
// fallback: the course's initials on a gradient whose hue comes from the course (the same course always
// looks the same). The fallback is decorative (the title is next to it); a picture carries its description.
import './course-cover.css';

export interface CourseImage {
  url: string;
  alt: string;
}

/** Up to two initials of the title's first words ("Payroll basics" → "PB"). */
export function initialsOf(title: string): string {
  const words = title.match(/\p{L}[\p{L}\p{N}]*/gu) ?? [];
  return words
    .slice(0, 2)
    .map((word) => word[0]?.toLocaleUpperCase() ?? '')
    .join('');
}

/** A hue from 0 to 359 from the course id, stable across pages. */
export function hueOf(seed: string): number {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % 360;
}

interface CourseCoverProps {
  courseId: string;
  title: string;
  image: CourseImage | null | undefined;
  size?: 'card' | 'banner' | 'thumb';
}

export function CourseCover({ courseId, title, image, size = 'card' }: CourseCoverProps) {
  const className = `course-cover course-cover--${size}`;
  if (image) {
    return (
      <img
        className={className}
        src={image.url}
        alt={image.alt}
        loading={size === 'banner' ? 'eager' : 'lazy'}
      />
    );
  }
  const hue = hueOf(courseId);
  return (
    <div
      className={`${className} course-cover--fallback`}
      aria-hidden="true"
      style={{
        background: `linear-gradient(135deg, hsl(${hue} 55% 32%), hsl(${(hue + 40) % 360} 60% 22%))`,
      }}
    >
      <span>{initialsOf(title)}</span>
    </div>
  );
}
