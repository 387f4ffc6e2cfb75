// Every page of the app, by path. Only the landing page and the catalog are in the main chunk (the pages
// people arrive on); every other page is its own chunk, loaded on first use (Layout shows a skeleton meanwhile).
import type { RouteObject } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { LandingPage } from './pages/Landing.tsx';
import { CatalogPage, CoursePage } from './pages/learn/Catalog.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';

/** The issuer's or operator's dashboard, loaded on first use like every page but the landing page and catalog. */
async function dashboard(kind: 'issuer' | 'operator') {
  const { DashboardPage } = await import('./pages/dashboards/Dashboard.tsx');
  return { Component: () => <DashboardPage kind={kind} /> };
}

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: '/', element: <LandingPage /> },
      {
        path: '/signup',
        lazy: async () => ({ Component: (await import('./pages/SignUp.tsx')).SignUpPage }),
      },
      {
        path: '/verify-email',
        lazy: async () => ({ Component: (await import('./pages/VerifyEmail.tsx')).VerifyEmailPage }),
      },
      {
        path: '/login',
        lazy: async () => ({ Component: (await import('./pages/LogIn.tsx')).LogInPage }),
      },
      {
        path: '/logout',
        lazy: async () => ({ Component: (await import('./pages/LogOut.tsx')).LogOutPage }),
      },
      {
        path: '/forgot-password',
        lazy: async () => ({ Component: (await import('./pages/ForgotPassword.tsx')).ForgotPasswordPage }),
      },
      {
        path: '/reset-password',
        lazy: async () => ({ Component: (await import('./pages/ResetPassword.tsx')).ResetPasswordPage }),
      },
      {
        path: '/outbox',
        lazy: async () => ({ Component: (await import('./pages/Outbox.tsx')).OutboxPage }),
      },
      {
        path: '/outbox/:id',
        lazy: async () => ({ Component: (await import('./pages/Outbox.tsx')).OutboxMessagePage }),
      },
      { path: '/catalog', element: <CatalogPage /> },
      { path: '/catalog/:courseId', element: <CoursePage /> },
      {
        path: '/catalog/badges/:badgeId',
        lazy: async () => ({ Component: (await import('./pages/shop/BadgePublic.tsx')).BadgePublicPage }),
      },
      {
        path: '/learn',
        lazy: async () => ({ Component: (await import('./pages/learn/MyLearning.tsx')).MyLearningPage }),
      },
      {
        path: '/learn/badges',
        lazy: async () => ({ Component: (await import('./pages/learn/Backpack.tsx')).BackpackPage }),
      },
      {
        path: '/learn/badges/:awardId',
        lazy: async () => ({
          Component: (await import('./pages/learn/BackpackBadge.tsx')).BackpackBadgePage,
        }),
      },
      {
        path: '/learn/badge-progress',
        lazy: async () => ({
          Component: (await import('./pages/learn/BadgeProgress.tsx')).BadgeProgressPage,
        }),
      },
      {
        path: '/learn/profile',
        lazy: async () => ({
          Component: (await import('./pages/learn/ProfileSettings.tsx')).ProfileSettingsPage,
        }),
      },
      {
        path: '/account',
        lazy: async () => ({ Component: (await import('./pages/account/Account.tsx')).AccountPage }),
      },
      // Insights: where a learner's skills lead (signed in) and the jobs where one skill matters (anyone).
      {
        path: '/learn/skills',
        lazy: async () => ({ Component: (await import('./pages/insights/MySkills.tsx')).MySkillsPage }),
      },
      {
        path: '/jobs',
        lazy: async () => ({ Component: (await import('./pages/insights/Jobs.tsx')).JobsPage }),
      },
      // Shop pages load on first use too: browsing and learning never need them.
      {
        path: '/learn/orders',
        lazy: async () => ({ Component: (await import('./pages/shop/Orders.tsx')).OrdersPage }),
      },
      {
        path: '/learn/orders/:orderId',
        lazy: async () => ({ Component: (await import('./pages/shop/Order.tsx')).OrderPage }),
      },
      { path: '/cart', lazy: async () => ({ Component: (await import('./pages/shop/Cart.tsx')).CartPage }) },
      {
        path: '/bundles',
        lazy: async () => ({ Component: (await import('./pages/shop/Storefront.tsx')).StorefrontPage }),
      },
      {
        path: '/claim/:token',
        lazy: async () => ({ Component: (await import('./pages/learn/Claim.tsx')).ClaimPage }),
      },
      {
        path: '/learn/:enrolmentId',
        lazy: async () => ({ Component: (await import('./pages/learn/Player.tsx')).PlayerPage }),
      },
      {
        path: '/issue',
        lazy: async () => dashboard('issuer'),
      },
      // Staff pages load on first use, so learners never download the course editor.
      {
        path: '/issue/courses',
        lazy: async () => ({ Component: (await import('./pages/issue/Courses.tsx')).CoursesPage }),
      },
      {
        path: '/issue/courses/:courseId',
        lazy: async () => ({ Component: (await import('./pages/issue/CourseEditor.tsx')).CourseEditorPage }),
      },
      {
        path: '/issue/badges',
        lazy: async () => ({ Component: (await import('./pages/badges/Badges.tsx')).BadgesPage }),
      },
      {
        path: '/issue/badges/:badgeId',
        lazy: async () => ({ Component: (await import('./pages/badges/BadgeEditor.tsx')).BadgeEditorPage }),
      },
      {
        path: '/issue/badges/:badgeId/bulk',
        lazy: async () => ({ Component: (await import('./pages/badges/BulkAward.tsx')).BulkAwardPage }),
      },
      {
        path: '/issue/awards',
        lazy: async () => ({ Component: (await import('./pages/badges/Awards.tsx')).AwardsPage }),
      },
      {
        path: '/issue/sales',
        lazy: async () => ({ Component: (await import('./pages/sell/Orders.tsx')).SalesOrdersPage }),
      },
      {
        path: '/issue/sales/orders/:orderId',
        lazy: async () => ({ Component: (await import('./pages/sell/Order.tsx')).SalesOrderPage }),
      },
      {
        path: '/issue/sales/reports',
        lazy: async () => ({ Component: (await import('./pages/sell/Reports.tsx')).SalesReportsPage }),
      },
      {
        path: '/issue/sales/bundles',
        lazy: async () => ({ Component: (await import('./pages/sell/Bundles.tsx')).SalesBundlesPage }),
      },
      {
        path: '/issue/sales/coupons',
        lazy: async () => ({ Component: (await import('./pages/sell/Coupons.tsx')).SalesCouponsPage }),
      },
      {
        path: '/issue/sales/settings',
        lazy: async () => ({
          Component: (await import('./pages/sell/CommerceSettings.tsx')).CommerceSettingsPage,
        }),
      },
      {
        path: '/assess',
        lazy: async () => ({ Component: (await import('./pages/assess/Reviews.tsx')).ReviewsPage }),
      },
      {
        path: '/employ',
        lazy: async () => ({ Component: (await import('./pages/employ/Overview.tsx')).OverviewPage }),
      },
      // @routes:org-console — the organization console: create, settings and branding, members, invitations.
      {
        path: '/orgs/new',
        lazy: async () => ({ Component: (await import('./pages/org/NewOrg.tsx')).NewOrgPage }),
      },
      {
        path: '/org/settings',
        lazy: async () => ({ Component: (await import('./pages/org/OrgSettings.tsx')).OrgSettingsPage }),
      },
      {
        path: '/org/members',
        lazy: async () => ({ Component: (await import('./pages/org/Members.tsx')).MembersPage }),
      },
      {
        path: '/org/identity',
        lazy: async () => ({ Component: (await import('./pages/org/Identity.tsx')).IdentityPage }),
      },
      {
        path: '/org/webhooks',
        lazy: async () => ({ Component: (await import('./pages/org/Webhooks.tsx')).WebhooksPage }),
      },
      {
        path: '/org/lti',
        lazy: async () => ({ Component: (await import('./pages/org/LtiPlatforms.tsx')).LtiPlatformsPage }),
      },
      {
        path: '/org/oauth-apps',
        lazy: async () => ({ Component: (await import('./pages/org/OAuthApps.tsx')).OAuthAppsPage }),
      },
      {
        path: '/join/org/:token',
        lazy: async () => ({ Component: (await import('./pages/org/JoinOrg.tsx')).JoinOrgPage }),
      },
      // @routes:employee-pages
      {
        path: '/join/employer/:token',
        lazy: async () => ({ Component: (await import('./pages/employ/JoinEmployer.tsx')).JoinEmployerPage }),
      },
      {
        path: '/learn/employers',
        lazy: async () => ({ Component: (await import('./pages/learn/Employers.tsx')).EmployersPage }),
      },
      // @routes:employer-pages
      {
        path: '/employ/people',
        lazy: async () => ({ Component: (await import('./pages/employ/People.tsx')).PeoplePage }),
      },
      {
        path: '/employ/people/:employeeId',
        lazy: async () => ({ Component: (await import('./pages/employ/Person.tsx')).PersonPage }),
      },
      {
        path: '/employ/roles',
        lazy: async () => ({ Component: (await import('./pages/employ/Roles.tsx')).RolesPage }),
      },
      {
        path: '/employ/roles/:roleId',
        lazy: async () => ({ Component: (await import('./pages/employ/RoleEditor.tsx')).RoleEditorPage }),
      },
      {
        path: '/employ/teams',
        lazy: async () => ({ Component: (await import('./pages/employ/Teams.tsx')).TeamsPage }),
      },
      // @routes:analytics-pages
      {
        path: '/employ/gaps',
        lazy: async () => ({ Component: (await import('./pages/employ/Gaps.tsx')).GapsPage }),
      },
      // @routes:sponsor-pages
      {
        path: '/employ/sponsor',
        lazy: async () => ({ Component: (await import('./pages/employ/Sponsor.tsx')).SponsorPage }),
      },
      {
        path: '/learn/seats',
        lazy: async () => ({ Component: (await import('./pages/learn/Seats.tsx')).SeatsPage }),
      },
      // @routes:endorse-pages
      {
        path: '/employ/settings',
        lazy: async () => ({ Component: (await import('./pages/employ/Settings.tsx')).EmploySettingsPage }),
      },
      // @routes:open-role-pages
      {
        path: '/employ/open-roles',
        lazy: async () => ({ Component: (await import('./pages/employ/OpenRoles.tsx')).OpenRolesPage }),
      },
      // @routes:checkout-pages
      {
        path: '/checkout/test/:paymentId',
        lazy: async () => ({ Component: (await import('./pages/shop/TestCheckout.tsx')).TestCheckoutPage }),
      },
      {
        path: '/operate',
        lazy: async () => dashboard('operator'),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
