import type { Action } from '@caitien/core';
import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { useDocumentTitle } from '../../ui/page.tsx';
import { AuditList } from '../audit/audit-screen.tsx';
import { useAccess } from '../auth/use-access.ts';
import { AssessmentsTab } from '../assessments/assessments-tab.tsx';
import { PlansTab } from '../plans/plans-tab.tsx';
import { GroupsTab } from '../people/groups-tab.tsx';
import { PeopleTab } from '../people/people-tab.tsx';
import { hrefs, type SchoolTab } from '../shell/app-routes.ts';
import { UsersScreen } from '../users/users-screen.tsx';
import { SentSubmissionsTab } from '../submissions/sent-submissions-tab.tsx';
import { SchoolProfileTab } from './school-profile-tab.tsx';

const t = vi.school;

/** What each tab needs (tabs the role cannot use are hidden; the server refuses them anyway). */
const TAB_ACTIONS: Record<SchoolTab, Action> = {
  'ho-so': 'school.read',
  'ke-hoach': 'plan.read',
  'tu-danh-gia': 'plan.read',
  'nhan-su': 'people.read',
  nhom: 'people.read',
  'tai-khoan': 'user.read',
  'nhat-ky': 'audit.read',
  'van-ban-da-gui': 'plan.send',
};

/** Trường → Hồ sơ trường | Kế hoạch | Tự đánh giá | Nhân sự | Nhóm & Hội đồng | Tài khoản | Nhật ký thay đổi. */
export function SchoolScreen({ schoolId, tab }: { schoolId: string; tab: SchoolTab }) {
  const { access, unit } = useAccess(schoolId);
  const school = unit.data?.kind === 'school' ? unit.data : undefined;
  const name = school?.name ?? t.fallbackName;
  useDocumentTitle(`${t.tabs[tab]} — ${name}`);
  const visibleTabs = (Object.keys(TAB_ACTIONS) as SchoolTab[]).filter(
    (key) => key === tab || key === 'ho-so' || (access?.can(TAB_ACTIONS[key], schoolId) ?? false),
  );

  // Not a school this user may see: let the server's own answer (404) speak.
  if (!unit.isPending && !school) return <SchoolProfileTab schoolId={schoolId} nested={false} />;

  return (
    <div className="stack">
      <header className="school-header">
        {school && school.ancestors.length > 0 ? (
          <nav aria-label={t.breadcrumbs} className="breadcrumbs">
            <ol>
              {school.ancestors.map((ancestor) => (
                <li key={ancestor.id}>{ancestor.name}</li>
              ))}
            </ol>
          </nav>
        ) : null}
        <h1 className="page-header__title" data-testid="school-name">
          {name}
        </h1>
      </header>
      <nav className="section-nav" aria-label={t.sectionsLabel}>
        <ul className="tabs">
          {visibleTabs.map((key) => (
            <li key={key}>
              <AppLink
                href={hrefs.school(schoolId, key)}
                className={`tabs__link ${key === tab ? 'is-selected' : ''}`}
                aria-current={key === tab ? 'page' : undefined}
              >
                {t.tabs[key]}
              </AppLink>
            </li>
          ))}
        </ul>
      </nav>
      <SchoolTabContent schoolId={schoolId} tab={tab} />
    </div>
  );
}

function SchoolTabContent({ schoolId, tab }: { schoolId: string; tab: SchoolTab }) {
  switch (tab) {
    case 'ho-so':
      return <SchoolProfileTab schoolId={schoolId} />;
    case 'ke-hoach':
      return <PlansTab schoolId={schoolId} />;
    case 'tu-danh-gia':
      return <AssessmentsTab schoolId={schoolId} />;
    case 'nhan-su':
      return <PeopleTab schoolId={schoolId} />;
    case 'nhom':
      return <GroupsTab schoolId={schoolId} />;
    case 'tai-khoan':
      return <UsersScreen schoolId={schoolId} />;
    case 'nhat-ky':
      return <AuditList unitId={schoolId} />;
    case 'van-ban-da-gui':
      return <SentSubmissionsTab schoolId={schoolId} />;
  }
}
