// "Add to wallet" on one of my accepted badges: makes a single-use, expiring link (src/wallets) and shows its QR
// code for a wallet on another device, "Open in wallet" for the wallet on this one, and the link itself.
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Status } from '../../components/Page.tsx';
import { describeProblem } from '../../forms.ts';
import { qrCodePath, type WalletOffer, walletsApi } from '../../wallets.ts';
import './wallet.css';

export function AddToWallet({ awardId, badgeName }: { awardId: string; badgeName: string }) {
  const { t } = useTranslation();
  const offer = useMutation({ mutationFn: () => walletsApi.createOffer(awardId) });
  return (
    <section aria-labelledby="wallet-title" id="wallet">
      <h2 id="wallet-title">{t('wallet.title')}</h2>
      <p>{t('wallet.intro')}</p>
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
  );
}
