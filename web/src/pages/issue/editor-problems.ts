// The course editor's problems: the API's field errors (named by paths such as units.1.questions.0.prompt)
// tied to fields, described in words for the summary, and counted per section of the outline.
import type { TFunction } from 'i18next';
import { ApiProblem } from '../../api.ts';
import type { FormProblem } from '../../components/ErrorSummary.tsx';
import { describeProblem, type FieldErrors } from '../../forms.ts';

export interface EditorProblems {
  fields: FieldErrors;
  summary: FormProblem[];
}

export const noProblems: EditorProblems = { fields: {}, summary: [] };

/** "units.1.questions.0.prompt" → "Unit 2, question 1, prompt", for the error summary. */
export function describePath(t: TFunction, path: string): string {
  const parts = path.split('.');
  const words: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? '';
    const next = parts[i + 1];
    if (
      next !== undefined &&
      /^\d+$/.test(next) &&
      ['units', 'questions', 'options', 'rubric', 'levels', 'skills'].includes(part)
    ) {
      words.push(t(`authoring.pathPart.${part}`, { number: Number(next) + 1 }));
      i++;
    } else {
      const own = t(`courseEditor.pathField.${part}`, { defaultValue: part });
      words.push(t(`authoring.pathField.${part}`, { defaultValue: own }));
    }
  }
  return words.join(', ');
}

/**
 * Every problem is a link in the summary (the editor opens the field's section before focusing it, see
 * CourseEditor's summary click handler), so a problem in a unit not on screen is one click away.
 */
export function problemsOf(t: TFunction, error: unknown): EditorProblems {
  if (!(error instanceof ApiProblem) || error.errors.length === 0)
    return { fields: {}, summary: [{ message: describeProblem(t, error) }] };
  const fields: FieldErrors = {};
  const summary: FormProblem[] = [];
  for (const [path, message] of Object.entries(error.fieldErrors())) {
    fields[path] = message;
    summary.push({ field: path, message: `${describePath(t, path)}: ${message}` });
  }
  return { fields, summary };
}

/** The unit index a field path belongs to (units.2.title → 2), or null for the course's details. */
export function unitIndexOf(path: string): number | null {
  const match = /^units\.(\d+)(\.|$)/.exec(path);
  return match ? Number(match[1]) : null;
}

/** How many problems each unit has, by index; details' problems under -1. */
export function problemCounts(fields: FieldErrors): Map<number, number> {
  const counts = new Map<number, number>();
  for (const path of Object.keys(fields)) {
    const index = unitIndexOf(path) ?? -1;
    counts.set(index, (counts.get(index) ?? 0) + 1);
  }
  return counts;
}
