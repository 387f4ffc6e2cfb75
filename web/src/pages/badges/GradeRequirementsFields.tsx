// Grade requirements of the badge editor: a grade on an LMS line item (reported through LTI) reaching a bar of
// points, percent or a letter on the issuer's scale; the grade requirements may be grouped as "all of" or
// "any of" (one group level, as the API allows), shown as a nested list under "All of:" / "Any of:". Each line
// item is named with the LMS and course it belongs to, as the grade sync reported them.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type GradeBar,
  lineItemsApi,
  type Requirement,
  requirementKey,
  type SingleRequirement,
} from '../../badges.ts';
import { InputField, SelectField } from '../../components/Inputs.tsx';
import './grade-requirements.css';

type BarKind = 'points' | 'percent' | 'letter';

/** "A:90, B:80" → the scale, best first; undefined when a step does not read. */
export function parseScale(text: string): { letter: string; minPercent: number }[] | undefined {
  const steps = text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const [letter, percent] = part.split(':').map((s) => s.trim());
      const minPercent = Number(percent);
      return letter && percent && Number.isFinite(minPercent) ? { letter, minPercent } : undefined;
    });
  if (steps.length === 0 || steps.some((s) => !s)) return undefined;
  return steps as { letter: string; minPercent: number }[];
}

function barOf(kind: BarKind, value: string, scaleText: string): GradeBar | undefined {
  if (kind === 'letter') {
    const scale = parseScale(scaleText);
    const letter = value.trim();
    return scale && letter && scale.some((s) => s.letter.toUpperCase() === letter.toUpperCase())
      ? { letter, scale }
      : undefined;
  }
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) return undefined;
  return kind === 'points' ? { points: n } : { percent: n };
}

interface Props {
  orgId: string;
  items: Requirement[];
  onChange: (items: Requirement[]) => void;
}

export function GradeRequirementsFields({ orgId, items, onChange }: Props) {
  const { t } = useTranslation();
  const lineItems = useQuery({
    queryKey: ['lms-line-items', orgId],
    queryFn: () => lineItemsApi.list(orgId),
  });
  const [lineItemId, setLineItemId] = useState('');
  const [kind, setKind] = useState<BarKind>('percent');
  const [value, setValue] = useState('');
  const [scaleText, setScaleText] = useState('A:90, B:80, C:70, D:60');
  const [mode, setMode] = useState<'all' | 'any'>('all');
  const [invalid, setInvalid] = useState(false);
  const nameOf = (l: { label: string; platformName: string | null; contextTitle: string | null }) => {
    const where = [l.platformName, l.contextTitle].filter(Boolean).join(', ');
    return where ? t('gradeRequirements.lineItemAt', { label: l.label, where }) : l.label;
  };
  const labels = new Map((lineItems.data?.items ?? []).map((l) => [l.id, nameOf(l)]));
  const chosenId = lineItemId || lineItems.data?.items[0]?.id || '';

  const describe = (req: SingleRequirement): string => {
    if (req.kind !== 'grade') return requirementKey(req);
    const name = labels.get(req.lineItemId) ?? req.lineItemId;
    if ('points' in req.min) return t('gradeRequirements.barPoints', { name, value: req.min.points });
    if ('percent' in req.min) return t('gradeRequirements.barPercent', { name, value: req.min.percent });
    return t('gradeRequirements.barLetter', { name, value: req.min.letter });
  };
  const grades = items.filter((req): req is Extract<Requirement, { kind: 'grade' }> => req.kind === 'grade');
  const groups = items.filter((req): req is Extract<Requirement, { kind: 'group' }> => req.kind === 'group');

  const add = () => {
    const min = barOf(kind, value, scaleText);
    if (!chosenId || !min) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    const req: Requirement = { kind: 'grade', lineItemId: chosenId, min };
    onChange([...items.filter((item) => requirementKey(item) !== requirementKey(req)), req]);
    setValue('');
  };
  const group = () => {
    const inGroup: Requirement = { kind: 'group', mode, items: grades };
    onChange([...items.filter((item) => item.kind !== 'grade'), inGroup]);
  };
  const ungroup = (g: Extract<Requirement, { kind: 'group' }>) =>
    onChange([...items.filter((item) => item !== g), ...g.items]);

  return (
    <fieldset className="grade-requirements">
      <legend>{t('gradeRequirements.legend')}</legend>
      <p className="field__hint">{t('gradeRequirements.hint')}</p>
      <ul>
        {grades.map((req) => (
          <li key={requirementKey(req)}>
            {describe(req)}{' '}
            <button type="button" onClick={() => onChange(items.filter((item) => item !== req))}>
              {t('gradeRequirements.remove')}
            </button>
          </li>
        ))}
        {groups.map((g) => (
          <li key={requirementKey(g)}>
            {t(g.mode === 'all' ? 'gradeRequirements.allOf' : 'gradeRequirements.anyOf')}{' '}
            <button type="button" onClick={() => ungroup(g)}>
              {t('gradeRequirements.ungroup')}
            </button>{' '}
            <button type="button" onClick={() => onChange(items.filter((item) => item !== g))}>
              {t('gradeRequirements.remove')}
            </button>
            <ul>
              {g.items.map((item) => (
                <li key={requirementKey(item)}>{describe(item)}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      {lineItems.data && lineItems.data.items.length === 0 ? (
        <p>{t('gradeRequirements.noLineItems')}</p>
      ) : (
        <>
          <SelectField
            name="grade-line-item"
            label={t('gradeRequirements.lineItem')}
            value={chosenId}
            onChange={setLineItemId}
          >
            {(lineItems.data?.items ?? []).map((l) => (
              <option key={l.id} value={l.id}>
                {nameOf(l)}
              </option>
            ))}
          </SelectField>
          <SelectField
            name="grade-bar-kind"
            label={t('gradeRequirements.barKind')}
            value={kind}
            onChange={(k) => setKind(k as BarKind)}
          >
            <option value="points">{t('gradeRequirements.points')}</option>
            <option value="percent">{t('gradeRequirements.percent')}</option>
            <option value="letter">{t('gradeRequirements.letter')}</option>
          </SelectField>
          <InputField
            name="grade-bar-value"
            label={t(kind === 'letter' ? 'gradeRequirements.letterValue' : 'gradeRequirements.value')}
            value={value}
            onChange={setValue}
            required={false}
            error={invalid ? t('gradeRequirements.invalid') : undefined}
          />
          {kind === 'letter' && (
            <InputField
              name="grade-bar-scale"
              label={t('gradeRequirements.scale')}
              hint={t('gradeRequirements.scaleHint')}
              value={scaleText}
              onChange={setScaleText}
              required={false}
            />
          )}
          <button type="button" onClick={add}>
            {t('gradeRequirements.add')}
          </button>
        </>
      )}
      {grades.length > 1 && (
        <div>
          <SelectField
            name="grade-group-mode"
            label={t('gradeRequirements.groupMode')}
            value={mode}
            onChange={(m) => setMode(m as 'all' | 'any')}
          >
            <option value="all">{t('gradeRequirements.all')}</option>
            <option value="any">{t('gradeRequirements.any')}</option>
          </SelectField>
          <button type="button" onClick={group}>
            {t('gradeRequirements.group')}
          </button>
        </div>
      )}
    </fieldset>
  );
}
