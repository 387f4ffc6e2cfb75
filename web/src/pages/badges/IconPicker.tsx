// The badge designer's icon picker: a search box over a grid of icons, each a radio button with its name
// (arrow keys move between icons, as in any radio group), and "No icon".
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface IconPickerProps {
  icons: { name: string; svg: string }[];
  value: string | null;
  onChange: (icon: string | null) => void;
}

const imageOf = (svg: string) => `data:image/svg+xml,${encodeURIComponent(svg)}`;

export function IconPicker({ icons, value, onChange }: IconPickerProps) {
  const { t } = useTranslation();
  const id = useId();
  const [search, setSearch] = useState('');
  const label = (name: string) => t(`badgeDesigner.icons.${name}`, { defaultValue: name.replace(/-/g, ' ') });
  const words = search.trim().toLowerCase();
  const shown = icons.filter(
    (icon) =>
      icon.name === value ||
      !words ||
      label(icon.name).toLowerCase().includes(words) ||
      icon.name.includes(words),
  );
  return (
    <fieldset className="icon-picker">
      <legend>{t('badgeDesigner.icon')}</legend>
      <div className="field">
        <label htmlFor={`${id}-search`}>{t('badgeDesigner.iconSearch')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={search}
          aria-controls={`${id}-grid`}
          onChange={(event) => setSearch(event.target.value)}
        />
      </div>
      <p className="visually-hidden" aria-live="polite">
        {t('badgeDesigner.iconCount', { count: shown.length })}
      </p>
      <div className="icon-grid" id={`${id}-grid`}>
        <label className="icon-option" title={t('badgeDesigner.noIcon')}>
          <input type="radio" name={`${id}-icon`} checked={value === null} onChange={() => onChange(null)} />
          <span className="icon-option__none" aria-hidden="true">
            ∅
          </span>
          <span className="visually-hidden">{t('badgeDesigner.noIcon')}</span>
        </label>
        {shown.map((icon) => (
          <label key={icon.name} className="icon-option" title={label(icon.name)}>
            <input
              type="radio"
              name={`${id}-icon`}
              value={icon.name}
              checked={value === icon.name}
              onChange={() => onChange(icon.name)}
            />
            <img src={imageOf(icon.svg)} alt="" width={24} height={24} />
            <span className="visually-hidden">{label(icon.name)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
