// `/account`: the signed-in person's own settings — email addresses, API tokens and connected apps.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Page } from '../../components/Page.tsx';
import { RequireSession } from '../../components/RequireSession.tsx';
import { ConnectedAppsSection } from './ConnectedApps.tsx';
import { EmailsSection } from './Emails.tsx';
import { TokensSection } from './Tokens.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  return (
    <RequireSession>
      {(session) => (
        <Page title={t('account.title')}>
          <p>
            {t('account.otherSettings')} <Link to="/learn/profile">{t('account.profileLink')}</Link>
          </p>
          <EmailsSection />
          <TokensSection session={session} />
          <ConnectedAppsSection />
        </Page>
      )}
    </RequireSession>
  );
}
