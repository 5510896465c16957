import { lazy, Suspense } from 'react';
import { vi } from '../../i18n/vi.ts';
import { NoAccessState, Redirect } from '../../ui/page.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../ui/status.tsx';
import { currentHref, useLocationSearch } from '../../ui/use-location-search.ts';
import { landingHref } from '../auth/access.ts';
import { ChangePasswordScreen } from '../auth/change-password-screen.tsx';
import { LoginScreen } from '../auth/login-screen.tsx';
import { ResetPasswordScreen } from '../auth/reset-password-screen.tsx';
import { useSession, type CurrentUser } from '../auth/session.ts';
import { SetupScreen } from '../auth/setup-screen.tsx';
import { FrameworkBrowser } from '../frameworks/framework-browser.tsx';
import { hrefs, routeAudience, safeNext, type AppRoute } from './app-routes.ts';
import { AdminTabs } from './admin-tabs.tsx';

/*
 * The signed-in screens load on demand: a visitor of the public "Tra cứu tiêu chuẩn" does not
 * download the administration.
 */
const UnitsScreen = lazy(() =>
  import('../units/units-screen.tsx').then((m) => ({ default: m.UnitsScreen })),
);
const SchoolsScreen = lazy(() =>
  import('../units/schools-screen.tsx').then((m) => ({ default: m.SchoolsScreen })),
);
const SchoolScreen = lazy(() =>
  import('../schools/school-screen.tsx').then((m) => ({ default: m.SchoolScreen })),
);
const PlanEditor = lazy(() =>
  import('../plans/plan-editor.tsx').then((m) => ({ default: m.PlanEditor })),
);
const AssessmentScreen = lazy(() =>
  import('../assessments/assessment-screen.tsx').then((m) => ({ default: m.AssessmentScreen })),
);
const UsersScreen = lazy(() =>
  import('../users/users-screen.tsx').then((m) => ({ default: m.UsersScreen })),
);
const BackgroundWorkScreen = lazy(() =>
  import('../admin/background-work-screen.tsx').then((m) => ({
    default: m.BackgroundWorkScreen,
  })),
);
const AuditScreen = lazy(() =>
  import('../audit/audit-screen.tsx').then((m) => ({ default: m.AuditScreen })),
);
const MyTasksScreen = lazy(() =>
  import('../my-tasks/my-tasks-screen.tsx').then((m) => ({ default: m.MyTasksScreen })),
);
const NotificationSettingsScreen = lazy(() =>
  import('../notifications/notification-settings-screen.tsx').then((m) => ({
    default: m.NotificationSettingsScreen,
  })),
);
const RollupScreen = lazy(() =>
  import('../rollup/rollup-screen.tsx').then((m) => ({ default: m.RollupScreen })),
);
const RollupHome = lazy(() =>
  import('../rollup/rollup-screen.tsx').then((m) => ({ default: m.RollupHome })),
);
const OfficeInboxScreen = lazy(() =>
  import('../submissions/office-inbox-screen.tsx').then((m) => ({
    default: m.OfficeInboxScreen,
  })),
);
const SessionsScreen = lazy(() =>
  import('../auth/sessions-screen.tsx').then((m) => ({ default: m.SessionsScreen })),
);

const LibraryScreen = lazy(() =>
  import('../library/library-screen.tsx').then((m) => ({ default: m.LibraryScreen })),
);

/** Screens a user with a temporary password may still open (the server allows these routes). */
const BEFORE_PASSWORD_CHANGE = new Set<AppRoute['name']>(['changePassword', 'sessions']);

/**
 * The screen of the current URL, behind the checks a user would expect: signed-out users are
 * sent to sign in (and come back), a temporary password is changed first, signed-in users skip
 * the sign-in page.
 */
export function Screens({ route }: { route: AppRoute }) {
  const session = useSession();
  const search = useLocationSearch();
  const audience = routeAudience(route);

  if (audience === 'public') return <PublicScreen route={route} />;
  if (session.isPending) return <LoadingState label={vi.common.loading} />;
  if (session.isError)
    return (
      <ErrorState
        title={vi.auth.sessionError}
        error={session.error}
        onRetry={() => void session.refetch()}
      />
    );
  const user = session.data?.user ?? null;

  if (audience === 'guest') {
    if (user && route.name !== 'resetPassword')
      return <Redirect to={safeNext(search) ?? landingHref(user)} />;
    if (route.name === 'setup') return <SetupScreen />;
    if (route.name === 'resetPassword') return <ResetPasswordScreen />;
    return <LoginScreen />;
  }

  if (!user) return <Redirect to={hrefs.login(currentHref())} />;
  if (user.mustChangePassword && !BEFORE_PASSWORD_CHANGE.has(route.name))
    return <Redirect to={hrefs.changePassword(currentHref())} />;
  return (
    <Suspense fallback={<LoadingState label={vi.common.loading} />}>
      <SignedInScreen route={route} user={user} />
    </Suspense>
  );
}

const PublicPlanScreen = lazy(() =>
  import('../public-disclosure/public-plan-screen.tsx').then((m) => ({
    default: m.PublicPlanScreen,
  })),
);

function PublicScreen({ route }: { route: AppRoute }) {
  if (route.name === 'frameworks') return <FrameworkBrowser />;
  if (route.name === 'publicPlan')
    return (
      <Suspense fallback={<LoadingState label={vi.common.loading} />}>
        <PublicPlanScreen slug={route.slug} />
      </Suspense>
    );
  return (
    <EmptyState title={vi.notFound.title} testId="not-found">
      <p>{vi.notFound.intro}</p>
    </EmptyState>
  );
}

function SignedInScreen({ route, user }: { route: AppRoute; user: CurrentUser }) {
  const isAdmin = user.roles.some((role) => role.role === 'admin');
  switch (route.name) {
    case 'changePassword':
      return <ChangePasswordScreen user={user} />;
    case 'sessions':
      return <SessionsScreen />;
    case 'units':
      // Only the administrator manages the tree; the server refuses everyone else's changes.
      return isAdmin ? (
        <>
          <AdminTabs current="units" />
          <UnitsScreen />
        </>
      ) : (
        <NoAccessState />
      );
    case 'backgroundWork':
      return isAdmin ? (
        <>
          <AdminTabs current="backgroundWork" />
          <BackgroundWorkScreen />
        </>
      ) : (
        <NoAccessState />
      );
    case 'users':
      return (
        <>
          {isAdmin ? <AdminTabs current="users" /> : null}
          <UsersScreen />
        </>
      );
    case 'schools':
      return <SchoolsScreen />;
    case 'school':
      return <SchoolScreen schoolId={route.schoolId} tab={route.tab} />;
    case 'plan':
      return <PlanEditor planId={route.planId} />;
    case 'assessment':
      return <AssessmentScreen assessmentId={route.assessmentId} />;
    case 'audit':
      return <AuditScreen />;
    case 'myTasks':
      return <MyTasksScreen />;
    case 'notificationSettings':
      return <NotificationSettingsScreen />;
    case 'library':
      return <LibraryScreen />;
    case 'rollup':
      return route.unitId ? (
        <RollupScreen key={route.unitId} unitId={route.unitId} />
      ) : (
        <RollupHome user={user} />
      );
    case 'officeInbox':
      return <OfficeInboxScreen />;
    case 'frameworks':
    case 'notFound':
    case 'publicPlan':
    case 'setup':
    case 'login':
    case 'resetPassword':
      return <PublicScreen route={route} />;
  }
}
