// Every page of the app, by path.
import type { RouteObject } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { DashboardPage, HomeRedirect } from './pages/dashboards/Dashboard.tsx';
import { ForgotPasswordPage } from './pages/ForgotPassword.tsx';
import { LogInPage } from './pages/LogIn.tsx';
import { LogOutPage } from './pages/LogOut.tsx';
import { BackpackPage } from './pages/learn/Backpack.tsx';
import { BackpackBadgePage } from './pages/learn/BackpackBadge.tsx';
import { BadgeProgressPage } from './pages/learn/BadgeProgress.tsx';
import { CatalogPage, CoursePage } from './pages/learn/Catalog.tsx';
import { ClaimPage } from './pages/learn/Claim.tsx';
import { MyLearningPage } from './pages/learn/MyLearning.tsx';
import { PlayerPage } from './pages/learn/Player.tsx';
import { ProfileSettingsPage } from './pages/learn/ProfileSettings.tsx';
import { NotFoundPage } from './pages/NotFound.tsx';
import { OutboxMessagePage, OutboxPage } from './pages/Outbox.tsx';
import { ResetPasswordPage } from './pages/ResetPassword.tsx';
import { SignUpPage } from './pages/SignUp.tsx';
import { VerifyEmailPage } from './pages/VerifyEmail.tsx';

export const routes: RouteObject[] = [
  {
    element: <Layout />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      { path: '/signup', element: <SignUpPage /> },
      { path: '/verify-email', element: <VerifyEmailPage /> },
      { path: '/login', element: <LogInPage /> },
      { path: '/logout', element: <LogOutPage /> },
      { path: '/forgot-password', element: <ForgotPasswordPage /> },
      { path: '/reset-password', element: <ResetPasswordPage /> },
      { path: '/outbox', element: <OutboxPage /> },
      { path: '/outbox/:id', element: <OutboxMessagePage /> },
      { path: '/catalog', element: <CatalogPage /> },
      { path: '/catalog/:courseId', element: <CoursePage /> },
      { path: '/learn', element: <MyLearningPage /> },
      { path: '/learn/badges', element: <BackpackPage /> },
      { path: '/learn/badges/:awardId', element: <BackpackBadgePage /> },
      { path: '/learn/badge-progress', element: <BadgeProgressPage /> },
      { path: '/learn/profile', element: <ProfileSettingsPage /> },
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
      { path: '/claim/:token', element: <ClaimPage /> },
      { path: '/learn/:enrolmentId', element: <PlayerPage /> },
      { path: '/issue', element: <DashboardPage kind="issuer" /> },
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
      { path: '/employ', element: <DashboardPage kind="employer" /> },
      // @routes:employee-pages
      // @routes:employer-pages
      // @routes:analytics-pages
      // @routes:sponsor-pages
      // @routes:endorse-pages
      // @routes:open-role-pages
      // @routes:checkout-pages
      { path: '/operate', element: <DashboardPage kind="operator" /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
