// The badge's picture: a design made in the badge designer, an uploaded PNG or SVG, or the default generated
// from the name (and the two colours). Saving a design, uploading and removing take effect at once; the
// colours are saved with the rest of the form.
import { type ChangeEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Badge, badgesApi } from '../../badges.ts';
import { fieldId } from '../../components/Inputs.tsx';
import { describeProblem, type FieldErrors } from '../../forms.ts';
import { BadgeDesigner } from './BadgeDesigner.tsx';
import { DEFAULT_COLORS } from './badge-draft.ts';

interface BadgeImageFieldsProps {
  orgId: string;
  badge: Badge;
  colors: { primary: string; secondary: string; customColors: boolean };
  errors: FieldErrors;
  onColors: (change: { primary?: string; secondary?: string; customColors: boolean }) => void;
  onBadge: (badge: Badge) => void;
}

export function BadgeImageFields({ orgId, badge, colors, errors, onColors, onBadge }: BadgeImageFieldsProps) {
  const { t } = useTranslation();
  const id = useId();
  const [status, setStatus] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);

  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    setStatus({ tone: 'info', text: t('badgeEditor.imageUploading') });
    try {
      onBadge(await badgesApi.uploadImage(orgId, badge.id, file));
      setStatus({ tone: 'info', text: t('badgeEditor.imageUploaded') });
    } catch (error) {
      setStatus({ tone: 'error', text: describeProblem(t, error) });
    } finally {
      event.target.value = '';
    }
  };
  const remove = async () => {
    try {
      onBadge(await badgesApi.removeImage(orgId, badge.id));
      setStatus({ tone: 'info', text: t('badgeEditor.imageRemoved') });
    } catch (error) {
      setStatus({ tone: 'error', text: describeProblem(t, error) });
    }
  };

  return (
    <section aria-labelledby="image-title">
      <h2 id="image-title">{t('badgeEditor.image')}</h2>
      <figure className="badge-preview">
        <img
          src={badge.imageUrl}
          alt={t('badgeEditor.imageAlt', { name: badge.name })}
          width={160}
          height={160}
        />
        <figcaption>
          {badge.design
            ? t('badgeDesigner.designedCaption')
            : badge.hasImage
              ? t('badgeEditor.imageUploadedCaption')
              : t('badgeEditor.imageDefault')}
        </figcaption>
      </figure>
      <BadgeDesigner orgId={orgId} badge={badge} onBadge={onBadge} />
      <h3>{t('badgeDesigner.ownImage')}</h3>
      <div className="field">
        <label htmlFor={id}>{t('badgeEditor.uploadImage')}</label>
        <p className="field__hint" id={`${id}-hint`}>
          {t('badgeEditor.uploadImageHint')}
        </p>
        <input
          id={id}
          type="file"
          accept="image/png,image/svg+xml"
          aria-describedby={`${id}-hint`}
          onChange={upload}
        />
      </div>
      {badge.hasImage && (
        <p>
          <button type="button" className="button button--secondary" onClick={remove}>
            {t('badgeEditor.removeImage')}
          </button>
        </p>
      )}
      <div aria-live="polite">
        {status && <p className={status.tone === 'error' ? 'field__error' : 'status'}>{status.text}</p>}
      </div>
      <div className="color-row">
        {(['primary', 'secondary'] as const).map((which) => {
          const path = `colors.${which}`;
          return (
            <div key={which} className={errors[path] ? 'field field--invalid' : 'field'}>
              <label htmlFor={fieldId(path)}>{t(`badgeEditor.color.${which}`)}</label>
              {errors[path] && (
                <p id={`${fieldId(path)}-error`} className="field__error">
                  {errors[path]}
                </p>
              )}
              <input
                id={fieldId(path)}
                type="color"
                value={colors[which]}
                aria-describedby={errors[path] ? `${fieldId(path)}-error` : undefined}
                onChange={(event) => onColors({ [which]: event.target.value, customColors: true })}
              />
            </div>
          );
        })}
      </div>
      <p className="field__hint">
        {colors.customColors ? t('badgeEditor.colorsCustom') : t('badgeEditor.colorsDefault')}
      </p>
      {colors.customColors && (
        <p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => onColors({ ...DEFAULT_COLORS, customColors: false })}
          >
            {t('badgeEditor.useOrgColors')}
          </button>
        </p>
      )}
    </section>
  );
}
