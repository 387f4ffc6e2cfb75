// Every page of the app, by path.
import type { RouteObject } from 'react-router';
import { Layout } from './components/Layout.tsx';
import { DashboardPage, HomeRedirect } from './pages/dashboards/Dashboard.tsx';
import { ForgotPasswordPage } from './pages/ForgotPassword.tsx';
import { LogInPage } from './pages/LogIn.tsx';
import { LogOutPage } from './pages/LogOut.tsx';
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
      { path: '/learn', element: <DashboardPage kind="learner" /> },
      { path: '/issue', element: <DashboardPage kind="issuer" /> },
      { path: '/assess', element: <DashboardPage kind="assessor" /> },
      { path: '/employ', element: <DashboardPage kind="employer" /> },
      { path: '/operate', element: <DashboardPage kind="operator" /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];
