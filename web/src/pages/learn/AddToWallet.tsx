// "Add to wallet" on one of my accepted badges (the badge page, and the claim page right after accepting):
// makes a single-use, expiring link (src/wallets) and shows its QR code for a wallet on another device,
// "Open in wallet" for the wallet on this one, and the link itself; below, the same offer for OpenID wallets,
// with the transaction code when the learner asked for one (it is shown here only, never in a QR code).
import { useMutation } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import { openidQrCodePath, qrCodePath, type WalletOffer, walletsApi } from '../../wallets.ts';
import './wallet.css';

export function AddToWallet({
  awardId,
  badgeName,
  intro,
}: {
  awardId: string;
  badgeName: string;
  /** What leads to it where it is not the badge's own page (the claim page, right after accepting). */
  intro?: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [withCode, setWithCode] = useState(false);
  const offer = useMutation({ mutationFn: () => walletsApi.createOffer(awardId, { txCode: withCode }) });
  const { hash } = useLocation();
  // Arriving from the "Accept your badge" mail's wallet link (/learn/badges/<id>#wallet): bring it into view.
  useEffect(() => {
    if (hash === '#wallet') document.getElementById('wallet')?.scrollIntoView({ block: 'start' });
  }, [hash]);
  return (
    <section aria-labelledby={`${id}-title`} id="wallet">
      <h2 id={`${id}-title`}>{t('wallet.title')}</h2>
      {intro && <p>{intro}</p>}
      <p>{t('wallet.intro')}</p>
      <div className="field field--checkbox">
        <input
          id={`${id}-code`}
          type="checkbox"
          checked={withCode}
          aria-describedby={`${id}-code-hint`}
          onChange={(event) => setWithCode(event.target.checked)}
        />
        <label htmlFor={`${id}-code`}>{t('wallet.withCode')}</label>
        <p className="field__hint" id={`${id}-code-hint`}>
          {t('wallet.withCodeHint')}
        </p>
      </div>
      <p>
        <button
          type="button"
          className={offer.data ? 'button button--secondary' : 'button'}
          disabled={offer.isPending}
          onClick={() => offer.mutate()}
        >
          {offer.isPending ? t('wallet.making') : offer.data ? t('wallet.again') : t('wallet.add')}
        </button>
      </p>
      <div aria-live="polite">
        {offer.isError && <Status tone="error">{describeProblem(t, offer.error)}</Status>}
        {offer.data && <OfferShown offer={offer.data} badgeName={badgeName} />}
      </div>
    </section>
  );
}

function OfferShown({ offer, badgeName }: { offer: WalletOffer; badgeName: string }) {
  const { t, i18n } = useTranslation();
  const time = new Intl.DateTimeFormat(i18n.language, { timeStyle: 'short' }).format(
    new Date(offer.expiresAt),
  );
  return (
    <>
      <div className="wallet-offer">
        <img
          className="wallet-offer__qr"
          src={qrCodePath(offer)}
          alt={t('wallet.qrAlt', { name: badgeName })}
          width={192}
          height={192}
        />
        <div className="wallet-offer__details">
          <p>{t('wallet.scan')}</p>
          <p>
            <a className="button" href={offer.interactionUrl}>
              {t('wallet.open')}
            </a>
          </p>
          <p>
            {t('wallet.linkLabel')}: <code className="wallet-offer__link">{offer.interactionUrl}</code>
          </p>
          <p className="field__hint">{t('wallet.expires', { time })}</p>
        </div>
      </div>
      <details className="wallet-offer__openid" open={offer.txCode !== undefined}>
        <summary>{t('wallet.openidTitle')}</summary>
        <div className="wallet-offer">
          <img
            className="wallet-offer__qr"
            src={openidQrCodePath(offer)}
            alt={t('wallet.openidQrAlt', { name: badgeName })}
            width={192}
            height={192}
          />
          <div className="wallet-offer__details">
            <p>{t('wallet.openidScan')}</p>
            <p>
              <a className="button button--secondary" href={offer.openidCredentialOffer}>
                {t('wallet.openidOpen')}
              </a>
            </p>
            {offer.txCode !== undefined && (
              <p className="wallet-offer__code">
                {t('wallet.codeLabel')}: <strong data-testid="wallet-tx-code">{offer.txCode}</strong>
                <br />
                <span className="field__hint">{t('wallet.codeHint')}</span>
              </p>
            )}
          </div>
        </div>
      </details>
    </>
  );
}
