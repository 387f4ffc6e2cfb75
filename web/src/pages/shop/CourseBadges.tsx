// On the course page: the badges the course counts toward, each with its picture and name, linking to the
// badge's public page (what it takes, its price and fee, how long it stays valid).
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CourseBadgeLink } from '../../learning.ts';
import './course-cover.css';

export function CourseBadges({ badges }: { badges: CourseBadgeLink[] }) {
  const { t } = useTranslation();
  if (badges.length === 0) return null;
  return (
    <section aria-labelledby="course-badges-title">
      <h2 id="course-badges-title">{t('courseImage.badgesTitle', { count: badges.length })}</h2>
      <ul className="course-badges">
        {badges.map((badge) => (
          <li key={badge.id}>
            <Link to={`/catalog/badges/${badge.id}`}>
              <img src={badge.imageUrl} alt="" width={56} height={56} loading="lazy" />
              <span>{badge.name}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
