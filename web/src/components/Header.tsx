// The app header: product name, main navigation, organization switcher, account menu, language.

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { cartItemCount, commerceKeys, shopApi } from '../commerce.ts';
import { describeProblem } from '../forms.ts';
import { isLanguage, languages } from '../i18n/languages.ts';
import {
  dashboardFor,
  dashboardPaths,
  type Session,
  sessionKey,
  useSession,
  useSwitchOrganization,
} from '../session.ts';
import './header.css';

export function Header() {
  const { t } = useTranslation();
  const { data: session } = useSession();
  return (
    <header className="app-header">
      <Link to="/" className="app-header__brand">
        {t('app.name')}
      </Link>
      <nav aria-label={t('app.mainNav')} className="app-header__nav">
        <ul>
          {session && (
            <li>
              <NavLink to={dashboardPaths[dashboardFor(session)]} end>
                {t('nav.dashboard')}
              </NavLink>
            </li>
          )}
          {session && dashboardFor(session) !== 'learner' && (
            <li>
              <NavLink to={dashboardPaths.learner} end>
                {t('nav.learning')}
              </NavLink>
            </li>
          )}
          {session && (
            <li>
              <NavLink to="/learn/badges">{t('nav.myBadges')}</NavLink>
            </li>
          )}
          {session && (
            <li>
              <NavLink to="/learn/skills">{t('insights.navLink')}</NavLink>
            </li>
          )}
          {session && dashboardFor(session) === 'issuer' && (
            <li>
              <NavLink to="/issue/badges">{t('nav.badges')}</NavLink>
            </li>
          )}
          {session && dashboardFor(session) === 'issuer' && (
            <li>
              <NavLink to="/issue/sales">{t('nav.sales')}</NavLink>
            </li>
          )}
          <li>
            <NavLink to="/catalog">{t('nav.catalog')}</NavLink>
          </li>
          <li>
            <NavLink to="/bundles">{t('nav.bundles')}</NavLink>
          </li>
          {session && (
            <li>
              <CartLink />
            </li>
          )}
          {session?.user.isOperator && dashboardFor(session) !== 'operator' && (
            <li>
              <NavLink to={dashboardPaths.operator}>{t('nav.operations')}</NavLink>
            </li>
          )}
          {session?.user.isOperator && (
            <li>
              <NavLink to="/outbox">{t('nav.outbox')}</NavLink>
            </li>
          )}
          {!session && (
            <>
              <li>
                <NavLink to="/login">{t('nav.logIn')}</NavLink>
              </li>
              <li>
                <NavLink to="/signup">{t('nav.signUp')}</NavLink>
              </li>
            </>
          )}
        </ul>
      </nav>
      <div className="app-header__tools">
        {session && session.memberships.length > 0 && <OrganizationSwitcher session={session} />}
        {session && <UserMenu session={session} />}
        <LanguageSwitcher />
      </div>
    </header>
  );
}

/** The cart, with how many items wait in it (every issuer's cart together). */
function CartLink() {
  const { t } = useTranslation();
  const carts = useQuery({ queryKey: commerceKeys.carts, queryFn: shopApi.carts, staleTime: 30_000 });
  const count = cartItemCount(carts.data?.carts);
  return <NavLink to="/cart">{count > 0 ? t('nav.cartCount', { count }) : t('nav.cart')}</NavLink>;
}

function OrganizationSwitcher({ session }: { session: Session }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const switchOrganization = useSwitchOrganization();
  const [orgId, setOrgId] = useState(session.activeOrgId ?? session.memberships[0]?.org.id ?? '');
  const only = session.memberships.length === 1 ? session.memberships[0] : undefined;
  // With one organization, already active, there is nothing to switch to: just say where you are.
  if (only && only.org.id === session.activeOrgId) {
    return (
      <p className="org-switcher">
        {t('orgSwitcher.label')}:{' '}
        {t('orgSwitcher.option', { name: only.org.name, role: t(`orgSwitcher.role.${only.role}`) })}
      </p>
    );
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    switchOrganization.mutate(orgId, {
      onSuccess: async () => {
        await queryClient.refetchQueries({ queryKey: sessionKey });
        const next = queryClient.getQueryData<Session | null>(sessionKey);
        if (next) navigate(dashboardPaths[dashboardFor(next)]);
      },
    });
  };
  // Nothing to do while the organization chosen is the one in use: the button says so, and looks it.
  const current = orgId === session.activeOrgId;
  return (
    <form className="org-switcher" onSubmit={onSubmit}>
      <label htmlFor="org-switcher">{t('orgSwitcher.label')}</label>
      <select id="org-switcher" value={orgId} onChange={(event) => setOrgId(event.target.value)}>
        {session.memberships.map((m) => (
          <option key={m.org.id} value={m.org.id}>
            {t('orgSwitcher.option', { name: m.org.name, role: t(`orgSwitcher.role.${m.role}`) })}
          </option>
        ))}
      </select>
      <button
        type="submit"
        disabled={switchOrganization.isPending || current}
        aria-describedby={current ? 'org-switcher-current' : undefined}
      >
        {switchOrganization.isPending ? t('orgSwitcher.switching') : t('orgSwitcher.submit')}
      </button>
      {current && (
        <span id="org-switcher-current" className="visually-hidden">
          {t('orgSwitcher.current')}
        </span>
      )}
      {switchOrganization.isError && (
        <p className="field__error" role="alert">
          {describeProblem(t, switchOrganization.error)}
        </p>
      )}
    </form>
  );
}

/** The organization console: settings and members of the active organization, and a new one. */
function OrgConsoleLinks({ session }: { session: Session }) {
  const { t } = useTranslation();
  const active = session.memberships.find((m) => m.org.id === session.activeOrgId);
  const role = active?.role;
  return (
    <ul className="user-menu__links">
      {(role === 'owner' || role === 'admin') && (
        <li>
          <Link to="/org/settings">{t('orgConsole.menu.settings')}</Link>
        </li>
      )}
      {(role === 'owner' || role === 'admin') && active?.org.kind === 'issuer' && (
        <li>
          <Link to="/org/identity">{t('issuerConsole.menu.identity')}</Link>
        </li>
      )}
      {(role === 'owner' || role === 'admin') && active?.org.kind === 'issuer' && (
        <li>
          <Link to="/org/webhooks">{t('webhooks.menu')}</Link>
        </li>
      )}
      {(role === 'owner' || role === 'admin') && active?.org.kind === 'issuer' && (
        <li>
          <Link to="/org/lti">{t('lti.menu')}</Link>
        </li>
      )}
      {(role === 'owner' || role === 'admin') && active?.org.kind === 'issuer' && (
        <li>
          <Link to="/org/oauth-apps">{t('orgConsole.menu.oauthApps')}</Link>
        </li>
      )}
      {role && (
        <li>
          <Link to="/org/members">{t('orgConsole.menu.members')}</Link>
        </li>
      )}
      <li>
        <Link to="/orgs/new">{t('orgConsole.menu.newOrg')}</Link>
      </li>
    </ul>
  );
}

function UserMenu({ session }: { session: Session }) {
  const { t } = useTranslation();
  // Keyed by the path, so the menu is closed again on the next page.
  const { pathname } = useLocation();
  return (
    <details className="user-menu" key={pathname}>
      <summary aria-label={t('userMenu.label', { name: session.user.name })}>{session.user.name}</summary>
      <div className="user-menu__panel">
        <p>{t('userMenu.signedInAs', { name: session.user.name })}</p>
        <ul className="user-menu__emails">
          {session.user.emails.map((e) => (
            <li key={e.email}>
              {e.email}
              {!e.verified && ` (${t('userMenu.unverified')})`}
            </li>
          ))}
        </ul>
        <p>
          <Link to="/account">{t('userMenu.account')}</Link>
        </p>
        <OrgConsoleLinks session={session} />
        <Link to="/logout" className="button button--secondary">
          {t('nav.logOut')}
        </Link>
      </div>
    </details>
  );
}

function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <fieldset className="language-switcher">
      <legend>{t('language.label')}</legend>
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          lang={language}
          aria-pressed={current === language}
          onClick={() => void i18n.changeLanguage(language)}
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </fieldset>
  );
}
