// A skill picker: a text input that suggests framework concepts (O*NET, ESCO) as the author types, following
// the WAI-ARIA combobox pattern (a listbox popup; arrow keys move, Enter picks, Escape closes). Picking a
// suggestion gives a concept skill; the last option always keeps the typed words as a free-text skill.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Skill, type SkillSuggestion, searchable, skillKeys, skillsApi } from '../skills.ts';

const MAX_SUGGESTIONS = 8;
const DEBOUNCE_MS = 200;

interface SkillPickerProps {
  /** The input's id (a form's error summary may point at it). */
  id: string;
  label: string;
  hint?: string;
  onPick: (skill: Skill) => void;
}

type Option = { kind: 'concept'; suggestion: SkillSuggestion } | { kind: 'free'; text: string };

/** The typed text, settled: it follows `text` once the author pauses. */
function useSettled(text: string): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text.trim()), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text]);
  return settled;
}

export function SkillPicker({ id, label, hint, onPick }: SkillPickerProps) {
  const { t } = useTranslation();
  const listId = useId();
  const hintId = `${id}-hint`;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const settled = useSettled(text);
  const search = useQuery({
    queryKey: skillKeys.search(settled),
    queryFn: ({ signal }) => skillsApi.search(settled, MAX_SUGGESTIONS, signal),
    enabled: searchable(settled),
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
  const suggestions = searchable(text) && searchable(settled) ? (search.data?.items ?? []) : [];
  const options: Option[] = [
    ...suggestions.slice(0, MAX_SUGGESTIONS).map((suggestion): Option => ({ kind: 'concept', suggestion })),
    ...(text.trim() ? [{ kind: 'free', text: text.trim() } as const] : []),
  ];
  const expanded = open && options.length > 0;
  const optionId = (index: number) => `${id}-option-${index}`;

  useEffect(() => {
    if (active >= 0) document.getElementById(`${id}-option-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, id]);

  const close = () => {
    setOpen(false);
    setActive(-1);
  };
  const choose = (option: Option) => {
    onPick(
      option.kind === 'free'
        ? { name: option.text }
        : {
            name: option.suggestion.label,
            concept: { framework: option.suggestion.framework, code: option.suggestion.code },
            description: option.suggestion.description,
          },
    );
    setText('');
    close();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const count = options.length;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (count === 0) return;
      setOpen(true);
      const down = event.key === 'ArrowDown';
      if (!expanded) setActive(down ? 0 : count - 1);
      else setActive((i) => (down ? (i + 1) % count : i <= 0 ? count - 1 : i - 1));
    } else if (event.key === 'Enter') {
      // Enter in the picker never submits the surrounding form.
      event.preventDefault();
      const option = expanded ? options[active] : undefined;
      if (option) choose(option);
    } else if (event.key === 'Escape') {
      if (expanded) {
        event.preventDefault();
        close();
      } else if (text) setText('');
    } else if (event.key === 'Tab') close();
  };

  const status = !searchable(text)
    ? ''
    : search.isFetching || settled !== text.trim()
      ? t('skillPicker.searching')
      : search.isError
        ? t('skillPicker.searchFailed')
        : t('skillPicker.found', { count: suggestions.length });

  return (
    <div className="field skill-picker">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      <div className="skill-picker__box">
        <input
          id={id}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={hint ? hintId : undefined}
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onClick={() => setOpen(true)}
          onBlur={close}
          onKeyDown={onKeyDown}
        />
        <div
          id={listId}
          role="listbox"
          aria-label={t('skillPicker.suggestions')}
          className="skill-picker__list"
          hidden={!expanded}
          // Keeps the focus in the input while an option is clicked.
          onMouseDown={(event) => event.preventDefault()}
        >
          {options.map((option, index) => (
            <SkillOption
              key={
                option.kind === 'free' ? 'free' : `${option.suggestion.framework}:${option.suggestion.code}`
              }
              id={optionId(index)}
              option={option}
              active={index === active}
              onChoose={() => choose(option)}
            />
          ))}
        </div>
      </div>
      <p className="visually-hidden" role="status">
        {status}
      </p>
      <p className="field__hint skill-picker__source">
        {t('skillPicker.source')} <a href="/about/data/onet">{t('skillPicker.onetAttribution')}</a> ·{' '}
        <a href="/about/data/esco">{t('skillPicker.escoAttribution')}</a>
      </p>
    </div>
  );
}

function SkillOption({
  id,
  option,
  active,
  onChoose,
}: {
  id: string;
  option: Option;
  active: boolean;
  onChoose: () => void;
}) {
  const { t } = useTranslation();
  const free = option.kind === 'free';
  const suggestion = free ? undefined : option.suggestion;
  const framework = suggestion && t(`skillPicker.framework.${suggestion.framework}`);
  const kind = suggestion && t(`skillPicker.kind.${suggestion.kind}`);
  return (
    // The input keeps the focus and handles the keys (aria-activedescendant); a click picks too.
    // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox's input handles the keys, see above
    <div
      id={id}
      role="option"
      tabIndex={-1}
      aria-selected={active}
      aria-label={suggestion && t('skillPicker.optionName', { label: suggestion.label, framework, kind })}
      aria-describedby={suggestion?.description ? `${id}-description` : undefined}
      className={['skill-option', active && 'skill-option--active', free && 'skill-option--free']
        .filter(Boolean)
        .join(' ')}
      onClick={onChoose}
    >
      {option.kind === 'free' ? (
        t('skillPicker.freeText', { text: option.text })
      ) : (
        <>
          <span className="skill-option__label">{option.suggestion.label}</span>
          <span className="skill-option__meta">
            {framework} · {kind}
          </span>
          {option.suggestion.description && (
            <span id={`${id}-description`} className="skill-option__description">
              {option.suggestion.description}
            </span>
          )}
        </>
      )}
    </div>
  );
}
