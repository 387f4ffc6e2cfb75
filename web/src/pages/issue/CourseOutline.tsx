// The course editor's outline: the details and every unit, the one on screen marked as current. A list
// of buttons beside the content on a wide screen (arrow keys move between them); on a phone a select
// above the content (course-editor.css shows one or the other).
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UnitDraft } from '../../authoring.ts';
import { SelectField } from '../../components/Inputs.tsx';

export const DETAILS = 'details';

interface CourseOutlineProps {
  units: UnitDraft[];
  /** DETAILS or the key of the unit on screen. */
  current: string;
  /** Problems per unit index (-1: the details). */
  problems: Map<number, number>;
  onSelect: (section: string) => void;
  onAdd: (kind: UnitDraft['kind']) => void;
}

export function CourseOutline({ units, current, problems, onSelect, onAdd }: CourseOutlineProps) {
  const { t } = useTranslation();
  const label = (unit: UnitDraft, index: number) =>
    t('courseEditor.outlineUnit', {
      number: index + 1,
      title: unit.title.trim() || t('courseEditor.untitled'),
      kind: t(`unitKind.${unit.kind}`),
    });
  const withProblems = (text: string, index: number) => {
    const count = problems.get(index) ?? 0;
    return count > 0 ? `${text} — ${t('courseEditor.problemCount', { count })}` : text;
  };
  const sections = [
    { id: DETAILS, text: withProblems(t('courseEditor.details'), -1) },
    ...units.map((unit, i) => ({ id: unit.key, text: withProblems(label(unit, i), i) })),
  ];
  // Up and down arrows move along the outline's buttons, as in a list.
  const onKeyDown = (event: KeyboardEvent<HTMLOListElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = [...event.currentTarget.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (at === -1) return;
    event.preventDefault();
    buttons[(at + (event.key === 'ArrowDown' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  };
  return (
    <nav className="editor-outline" aria-label={t('courseEditor.outline')}>
      <div className="editor-outline__select">
        <SelectField name="section" label={t('courseEditor.section')} value={current} onChange={onSelect}>
          {sections.map((section) => (
            <option key={section.id} value={section.id}>
              {section.text}
            </option>
          ))}
        </SelectField>
      </div>
      <ol className="editor-outline__list" onKeyDown={onKeyDown}>
        {sections.map((section) => (
          <li key={section.id}>
            <button
              type="button"
              className="editor-outline__item"
              aria-current={section.id === current ? 'true' : undefined}
              onClick={() => onSelect(section.id)}
            >
              {section.text}
            </button>
          </li>
        ))}
      </ol>
      <div className="editor-outline__add">
        {(['lesson', 'assessment', 'evidence'] as const).map((kind) => (
          <button key={kind} type="button" className="button button--secondary" onClick={() => onAdd(kind)}>
            {t(`authoring.add.${kind}`)}
          </button>
        ))}
      </div>
    </nav>
  );
}
