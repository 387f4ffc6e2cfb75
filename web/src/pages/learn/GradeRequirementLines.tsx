// Grade requirements and "all of" / "any of" groups on the badge progress page: what the grade must reach on
// which LMS line item (and in which LMS course), the learner's grade when the LMS reported one, and whether it
// is met; a group is a nested list under "All of:" or "Any of:".
import { useTranslation } from 'react-i18next';
import type { ProgressRequirement } from '../../badges.ts';

type GradeDetail = NonNullable<ProgressRequirement['grade']>;
type GroupItem = NonNullable<ProgressRequirement['items']>[number];

function useNumber() {
  const { i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  return (n: number) => format.format(n);
}

/** "Final exam (Canvas, Algebra 101)": the line item and where it lives, as far as the LMS said. */
function useLineItemName() {
  const { t } = useTranslation();
  return ({ label, platformName, contextTitle }: GradeDetail['lineItem']) => {
    const where = [platformName, contextTitle].filter(Boolean).join(', ');
    return where ? t('gradeProgress.lineItemAt', { label, where }) : label;
  };
}

/** What the grade must reach: "Score at least 80% on …", "Letter grade B or better on …", points. */
export function GradeRequirement({ grade, met }: { grade: GradeDetail; met: boolean }) {
  const { t } = useTranslation();
  const number = useNumber();
  const item = useLineItemName()(grade.lineItem);
  const { bar, current } = grade;
  let wanted: string;
  if ('percent' in bar) wanted = t('gradeProgress.barPercent', { value: number(bar.percent), item });
  else if ('points' in bar)
    wanted = t('gradeProgress.barPoints', {
      value: number(bar.points),
      max: number(grade.lineItem.scoreMaximum),
      item,
    });
  else {
    const best = bar.scale[0]?.letter.toUpperCase() === bar.letter.toUpperCase();
    wanted = t(best ? 'gradeProgress.barLetterBest' : 'gradeProgress.barLetter', {
      letter: bar.letter,
      item,
    });
  }
  let yours = t('gradeProgress.noGrade');
  if (current) {
    const percent = current.percent === null ? '' : number(current.percent);
    if (current.letterGrade) yours = t('gradeProgress.yourLetter', { letter: current.letterGrade });
    else if (current.scoreGiven === null) yours = t('gradeProgress.notScored');
    else if ('points' in bar)
      yours = t('gradeProgress.yourPoints', {
        value: number(current.scoreGiven),
        max: number(current.scoreMaximum),
      });
    else yours = t('gradeProgress.yourPercent', { value: percent });
  }
  const state = met ? 'done' : current ? 'not-met' : 'no-grade';
  return (
    <>
      {wanted}
      {': '}
      <span className={`requirement-status requirement-status--${met ? 'done' : 'not-started'}`}>
        {t(`gradeProgress.state.${state}`)}
      </span>{' '}
      <span className="field__hint">({yours})</span>
    </>
  );
}

/** Unique within a group (the API refuses a requirement listed twice). */
const itemKey = (
  item: Pick<GroupItem, 'lineItemId' | 'courseId' | 'unitId' | 'badgeId'> & { kind: string },
) =>
  `${item.kind}:${item.lineItemId ?? ''}:${item.courseId ?? ''}:${item.unitId ?? ''}:${item.badgeId ?? ''}`;

/** Unique within a badge: a group by its items, any other requirement by its target. */
export const requirementKey = (req: ProgressRequirement) =>
  req.kind === 'group' ? `group:${req.mode}(${(req.items ?? []).map(itemKey).join(',')})` : itemKey(req);

function GroupItemLine({ item }: { item: GroupItem }) {
  const { t } = useTranslation();
  if (item.grade) return <GradeRequirement grade={item.grade} met={item.status === 'done'} />;
  return (
    <>
      {item.title}
      {': '}
      <span className={`requirement-status requirement-status--${item.status}`}>
        {t(`requirementStatus.${item.status}`)}
      </span>
    </>
  );
}

/** "All of:" / "Any of:" and the group's requirements as a nested list, each with its own state. */
export function GroupRequirement({ req }: { req: ProgressRequirement }) {
  const { t } = useTranslation();
  const items = req.items ?? [];
  return (
    <>
      {t(req.mode === 'any' ? 'gradeProgress.anyOf' : 'gradeProgress.allOf')}{' '}
      <span className={`requirement-status requirement-status--${req.status}`}>
        {t(req.status === 'done' ? 'gradeProgress.groupMet' : 'gradeProgress.groupNotMet')}
      </span>
      <ul className="requirement-list">
        {items.map((item) => (
          <li key={itemKey(item)}>
            <GroupItemLine item={item} />
          </li>
        ))}
      </ul>
    </>
  );
}
