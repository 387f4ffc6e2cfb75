// The badge designer: a template, three colours (or a ready palette), an icon from the icon set, the
// organization's logo, a subtitle, and a live preview drawn by the server; "Save design" makes the drawn
// picture the badge's picture. Uploading an own picture stays available beside it (BadgeImageFields).
import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Badge,
  type BadgeDesign,
  type BadgeDesignOptions,
  type BadgeTemplate,
  badgesApi,
} from '../../badges.ts';
import { describeProblem } from '../../forms.ts';
import { IconPicker } from './IconPicker.tsx';
import './badge-designer.css';
import { Skeleton } from '../../components/Skeleton.tsx';

const TEMPLATE_OUTLINES: Record<BadgeTemplate, string> = {
  circle: '<circle cx="16" cy="16" r="14"/>',
  shield: '<path d="M16 2 L29 5 V14 C29 22 24 27 16 30 C8 27 3 22 3 14 V5 Z"/>',
  hexagon: '<polygon points="16,2 28,9 28,23 16,30 4,23 4,9"/>',
  rosette:
    '<polygon points="16,2 18.5,5.3 22.5,3.9 23.4,8 27.5,8.7 26.4,12.8 29.9,15.2 26.8,18 28.4,21.9 24.3,22.6 23.6,26.7 19.6,25.6 17.3,29.1 14.6,26 10.6,27.5 9.7,23.4 5.6,22.9 6.3,18.7 2.9,16.4 5.9,13.6 4.2,9.8 8.3,8.9 8.9,4.8 13,5.8"/>',
  'rounded-square': '<rect x="3" y="3" width="26" height="26" rx="6"/>',
};

function TemplateOutline({ template, color }: { template: BadgeTemplate; color: string }) {
  const markup = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="40" height="40" fill="${color}">${TEMPLATE_OUTLINES[template]}</svg>`;
  return <img src={`data:image/svg+xml,${encodeURIComponent(markup)}`} alt="" width={40} height={40} />;
}

/** The preview of the design, drawn by the server a moment after the last change. */
function useDesignPreview(orgId: string, name: string, design: BadgeDesign | null) {
  const [url, setUrl] = useState<string | null>(null);
  const [failed, setFailed] = useState<unknown>(null);
  const key = JSON.stringify(design);
  useEffect(() => {
    // The key stands for the design's content: a new object with the same content draws nothing new.
    const design = JSON.parse(key) as BadgeDesign | null;
    if (!design) return;
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      badgesApi
        .previewDesign(orgId, { name, design }, controller.signal)
        .then((blob) => {
          setFailed(null);
          setUrl((previous) => {
            if (previous) URL.revokeObjectURL(previous);
            return URL.createObjectURL(blob);
          });
        })
        .catch((error: unknown) => {
          if (!(error instanceof DOMException && error.name === 'AbortError')) setFailed(error);
        });
    }, 350);
    return () => {
      window.clearTimeout(timer);
      controller.abort();
    };
  }, [orgId, name, key]);
  return { url, failed };
}

interface BadgeDesignerProps {
  orgId: string;
  badge: Badge;
  onBadge: (badge: Badge) => void;
}

export function BadgeDesigner({ orgId, badge, onBadge }: BadgeDesignerProps) {
  const { t } = useTranslation();
  const options = useQuery({
    queryKey: ['badge-design-options', orgId, badge.id],
    queryFn: () => badgesApi.designOptions(orgId, badge.id),
    staleTime: 60_000,
  });
  if (options.isPending) return <Skeleton fields={4} label={t('badgeDesigner.loading')} />;
  if (options.isError) return <p className="field__error">{describeProblem(t, options.error)}</p>;
  return <Designer orgId={orgId} badge={badge} options={options.data} onBadge={onBadge} />;
}

function Designer({ orgId, badge, options, onBadge }: BadgeDesignerProps & { options: BadgeDesignOptions }) {
  const { t } = useTranslation();
  const id = useId();
  const [design, setDesign] = useState<BadgeDesign>(badge.design ?? options.suggested);
  const [status, setStatus] = useState<{ tone: 'info' | 'error'; text: string } | null>(null);
  const [saving, setSaving] = useState(false);
  const preview = useDesignPreview(orgId, badge.name, design);
  const change = (patch: Partial<BadgeDesign>) => {
    setStatus(null);
    setDesign((current) => ({ ...current, ...patch }));
  };
  const paletteNames = useMemo(
    () => options.palettes.map((_, i) => t('badgeDesigner.palette', { number: i + 1 })),
    [options.palettes, t],
  );

  const save = async () => {
    setSaving(true);
    try {
      onBadge(await badgesApi.saveDesign(orgId, badge.id, design));
      setStatus({ tone: 'info', text: t('badgeDesigner.saved') });
    } catch (error) {
      setStatus({ tone: 'error', text: describeProblem(t, error) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="badge-designer">
      <h3>{t('badgeDesigner.title')}</h3>
      <p className="field__hint">{t('badgeDesigner.intro')}</p>
      <div className="badge-designer__layout">
        <div className="badge-designer__controls">
          <fieldset className="template-cards">
            <legend>{t('badgeDesigner.template')}</legend>
            {options.templates.map((template) => (
              <label key={template} className="template-card">
                <input
                  type="radio"
                  name={`${id}-template`}
                  value={template}
                  checked={design.template === template}
                  onChange={() => change({ template })}
                />
                <TemplateOutline template={template} color={design.colors.primary} />
                <span>{t(`badgeDesigner.templates.${template}`)}</span>
              </label>
            ))}
          </fieldset>

          <fieldset>
            <legend>{t('badgeDesigner.colors')}</legend>
            <div className="palette-row">
              {options.palettes.map((palette, i) => (
                <button
                  key={paletteNames[i]}
                  type="button"
                  className="palette-swatch"
                  aria-label={paletteNames[i]}
                  aria-pressed={
                    palette.primary === design.colors.primary &&
                    palette.secondary === design.colors.secondary &&
                    palette.accent === design.colors.accent
                  }
                  onClick={() => change({ colors: { ...palette } })}
                >
                  <span style={{ background: palette.primary }} />
                  <span style={{ background: palette.secondary }} />
                  <span style={{ background: palette.accent }} />
                </button>
              ))}
            </div>
            <div className="color-row">
              {(['primary', 'secondary', 'accent'] as const).map((which) => (
                <div key={which} className="field">
                  <label htmlFor={`${id}-${which}`}>{t(`badgeDesigner.color.${which}`)}</label>
                  <input
                    id={`${id}-${which}`}
                    type="color"
                    value={design.colors[which]}
                    onChange={(event) =>
                      change({ colors: { ...design.colors, [which]: event.target.value } })
                    }
                  />
                </div>
              ))}
            </div>
          </fieldset>

          <IconPicker icons={options.icons} value={design.icon} onChange={(icon) => change({ icon })} />

          <div className="field">
            <label htmlFor={`${id}-subtitle`}>{t('badgeDesigner.subtitle')}</label>
            <p className="field__hint" id={`${id}-subtitle-hint`}>
              {t('badgeDesigner.subtitleHint')}
            </p>
            <input
              id={`${id}-subtitle`}
              type="text"
              maxLength={40}
              value={design.subtitle ?? ''}
              aria-describedby={`${id}-subtitle-hint`}
              onChange={(event) => change({ subtitle: event.target.value || null })}
            />
          </div>

          <div className="field field--checkbox">
            <input
              id={`${id}-logo`}
              type="checkbox"
              checked={design.useLogo && options.hasLogo}
              disabled={!options.hasLogo}
              aria-describedby={`${id}-logo-hint`}
              onChange={(event) => change({ useLogo: event.target.checked })}
            />
            <label htmlFor={`${id}-logo`}>{t('badgeDesigner.useLogo')}</label>
            <p className="field__hint" id={`${id}-logo-hint`}>
              {options.hasLogo ? t('badgeDesigner.useLogoHint') : t('badgeDesigner.noLogo')}
            </p>
          </div>
        </div>

        <figure className="badge-designer__preview">
          {preview.url ? (
            <img
              src={preview.url}
              alt={t('badgeDesigner.previewAlt', { name: badge.name })}
              width={200}
              height={200}
            />
          ) : (
            <div className="badge-designer__placeholder" aria-hidden="true" />
          )}
          <figcaption>{t('badgeDesigner.previewCaption')}</figcaption>
          {preview.failed !== null && <p className="field__error">{describeProblem(t, preview.failed)}</p>}
          <button type="button" className="button" onClick={save} disabled={saving}>
            {saving ? t('badgeDesigner.saving') : t('badgeDesigner.save')}
          </button>
          <div aria-live="polite">
            {status && <p className={status.tone === 'error' ? 'field__error' : 'status'}>{status.text}</p>}
          </div>
        </figure>
      </div>
    </div>
  );
}
