// The pieces of evidence of a manual award, up to ten: each a link (http or https) with an optional name and
// description, carried in the credential's OB 3.0 `evidence` list. Added and removed one at a time; a removed
// piece's fields go with it, and focus moves to the new piece's link.
import type { TFunction } from 'i18next';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem } from '../../badges.ts';
import { fieldId, InputField, TextArea } from '../../components/Inputs.tsx';
import type { FieldErrors } from '../../forms.ts';

export const MAX_EVIDENCE_ITEMS = 10;
const HTTP_URL = /^https?:\/\/[^\s]+$/i;

export interface EvidenceRow {
  key: number;
  url: string;
  name: string;
  description: string;
}

let nextKey = 1;
const emptyRow = (): EvidenceRow => ({ key: nextKey++, url: '', name: '', description: '' });
const fieldOf = (index: number, part: 'url' | 'name' | 'description') => `evidence-${index + 1}-${part}`;

/** The rows' field names, in the order the error summary lists them. */
export const evidenceFieldNames = (rows: EvidenceRow[]) =>
  rows.flatMap((_, i) => [fieldOf(i, 'url'), fieldOf(i, 'name'), fieldOf(i, 'description')]);

export function evidenceErrors(t: TFunction, rows: EvidenceRow[]): Record<string, string | undefined> {
  return Object.fromEntries(
    rows.flatMap((row, i) => [
      [
        fieldOf(i, 'url'),
        !row.url.trim()
          ? t('issuerConsole.evidenceItems.urlMissing', { n: i + 1 })
          : HTTP_URL.test(row.url.trim())
            ? undefined
            : t('issuerConsole.manual.evidenceUrlInvalid'),
      ],
      [fieldOf(i, 'name'), row.name.length > 200 ? t('issuerConsole.evidenceItems.nameTooLong') : undefined],
      [
        fieldOf(i, 'description'),
        row.description.length > 2000 ? t('issuerConsole.evidenceItems.descriptionTooLong') : undefined,
      ],
    ]),
  );
}

export function evidenceOf(rows: EvidenceRow[]): EvidenceItem[] {
  return rows.map((row) => ({
    url: row.url.trim(),
    ...(row.name.trim() ? { name: row.name.trim() } : {}),
    ...(row.description.trim() ? { description: row.description.trim() } : {}),
  }));
}

export function EvidenceItems({
  rows,
  onChange,
  errors,
}: {
  rows: EvidenceRow[];
  onChange: (rows: EvidenceRow[]) => void;
  errors: FieldErrors;
}) {
  const { t } = useTranslation();
  const added = useRef<number | null>(null);
  useEffect(() => {
    if (added.current === null) return;
    document.getElementById(fieldId(fieldOf(added.current, 'url')))?.focus();
    added.current = null;
  });
  const update = (index: number, part: 'url' | 'name' | 'description') => (value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [part]: value } : row)));
  const add = () => {
    added.current = rows.length;
    onChange([...rows, emptyRow()]);
  };
  return (
    <fieldset className="evidence-items">
      <legend>{t('issuerConsole.evidenceItems.legend')}</legend>
      <p className="hint">{t('issuerConsole.evidenceItems.hint', { max: MAX_EVIDENCE_ITEMS })}</p>
      <ol>
        {rows.map((row, i) => (
          <li key={row.key}>
            <InputField
              name={fieldOf(i, 'url')}
              type="url"
              label={t('issuerConsole.evidenceItems.url', { n: i + 1 })}
              hint={t('issuerConsole.manual.evidenceUrlHint')}
              value={row.url}
              onChange={update(i, 'url')}
              error={errors[fieldOf(i, 'url')]}
            />
            <InputField
              name={fieldOf(i, 'name')}
              label={t('issuerConsole.evidenceItems.name', { n: i + 1 })}
              required={false}
              value={row.name}
              onChange={update(i, 'name')}
              error={errors[fieldOf(i, 'name')]}
            />
            <TextArea
              name={fieldOf(i, 'description')}
              label={t('issuerConsole.evidenceItems.description', { n: i + 1 })}
              required={false}
              rows={2}
              value={row.description}
              onChange={update(i, 'description')}
              error={errors[fieldOf(i, 'description')]}
            />
            <button
              type="button"
              className="button button--secondary"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              {t('issuerConsole.evidenceItems.remove', { n: i + 1 })}
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="button button--secondary"
        onClick={add}
        disabled={rows.length >= MAX_EVIDENCE_ITEMS}
      >
        {rows.length === 0 ? t('issuerConsole.evidenceItems.addFirst') : t('issuerConsole.evidenceItems.add')}
      </button>
    </fieldset>
  );
}
