// The "Download" panel of one of my badges: one download a person needs (the badge picture with the
// credential inside it), and behind "More formats" the files wallets, older backpacks and developers ask for —
// each said in words a learner understands.
import { useTranslation } from 'react-i18next';
import { DOWNLOAD_FILES, type DownloadFile, downloadUrl } from '../../sharing.ts';
import './Share.css';

/** i18n key of each file (file names carry dots and dashes, keys do not). */
const KEYS: Record<DownloadFile, string> = {
  'badge.png': 'png',
  'badge.svg': 'svg',
  'badge-jwt.png': 'jwtPng',
  'badge-ob2.png': 'ob2Png',
  'badge-ob2.svg': 'ob2Svg',
  'credential.json': 'json',
  'credential.jwt': 'jwt',
};

/** The one file most people want: the picture to post or keep, which also proves itself. */
export const MAIN_DOWNLOAD: DownloadFile = 'badge.png';

export function DownloadsPanel({ awardId }: { awardId: string }) {
  const { t } = useTranslation();
  const more = DOWNLOAD_FILES.filter((file) => file !== MAIN_DOWNLOAD);
  return (
    <section aria-labelledby="downloads-title" className="downloads-panel" id="download">
      <h2 id="downloads-title">{t('downloads.title')}</h2>
      <p>{t('downloads.intro')}</p>
      <p>
        <a
          className="button"
          href={downloadUrl(awardId, MAIN_DOWNLOAD)}
          download
          aria-describedby="download-main-hint"
        >
          {t('downloads.main')}
        </a>
      </p>
      <p id="download-main-hint" className="field__hint">
        {t('downloads.mainHint')}
      </p>
      <details className="downloads-more">
        <summary>{t('downloads.more')}</summary>
        <ul className="downloads">
          {more.map((file) => (
            <li key={file}>
              <a href={downloadUrl(awardId, file)} download aria-describedby={`download-${KEYS[file]}-hint`}>
                {t(`downloads.file.${KEYS[file]}`)}
              </a>
              <p id={`download-${KEYS[file]}-hint`} className="field__hint">
                {t(`downloads.hint.${KEYS[file]}`)}
              </p>
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
