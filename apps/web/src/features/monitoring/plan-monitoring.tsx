import { lazy, Suspense } from 'react';
import { vi } from '../../i18n/vi.ts';
import { viMonitoring } from '../../i18n/vi-monitoring.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { LoadingState } from '../../ui/status.tsx';
import { useLocationSearch } from '../../ui/use-location-search.ts';
import type { PlanDetail } from '../plans/plan-layout.ts';
import { useRevisions } from '../plans/plans.queries.ts';
import { hrefs } from '../shell/app-routes.ts';
import { PLAN_SECTIONS, planSectionOf, type PlanSection } from './monitoring-logic.ts';
import { ProgressTab } from './progress-tab.tsx';
import { ReviewRoundsTab } from './review-rounds-tab.tsx';

const t = viMonitoring;

// The charting library loads only with the dashboard, not with every plan.
const DashboardTab = lazy(() =>
  import('./dashboard-tab.tsx').then((m) => ({ default: m.DashboardTab })),
);

export function planSectionHref(planId: string, section: PlanSection): string {
  return section === 'ke-hoach' ? hrefs.plan(planId) : `${hrefs.plan(planId)}?muc=${section}`;
}

/**
 * The section of the plan's screen the URL asks for (`?muc=theo-doi|tong-quan|ra-soat`), once
 * the plan's lineage has an approved revision; "ke-hoach" (the editor) otherwise.
 */
export function usePlanSection(plan: PlanDetail): { section: PlanSection; monitored: boolean } {
  const search = useLocationSearch();
  const revisions = useRevisions(plan.id);
  const monitored =
    plan.status === 'approved' || (revisions.data ?? []).some((r) => r.status === 'approved');
  const requested = planSectionOf(search);
  return { section: monitored ? requested : 'ke-hoach', monitored };
}

/** Kế hoạch | Theo dõi thực hiện | Tổng quan | Rà soát. */
export function PlanSectionTabs({ planId, current }: { planId: string; current: PlanSection }) {
  return (
    <nav className="section-nav no-print" aria-label={t.tabsLabel} data-testid="plan-tabs">
      <ul className="tabs">
        {PLAN_SECTIONS.map((key) => (
          <li key={key}>
            <AppLink
              href={planSectionHref(planId, key)}
              className={`tabs__link ${key === current ? 'is-selected' : ''}`}
              aria-current={key === current ? 'page' : undefined}
              data-testid={`plan-tab-${key}`}
            >
              {t.tabs[key]}
            </AppLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The follow-up section shown instead of the editor. */
export function MonitoringSection({ plan, section }: { plan: PlanDetail; section: PlanSection }) {
  const search = useLocationSearch();
  switch (section) {
    case 'theo-doi':
      return <ProgressTab planId={plan.id} />;
    case 'tong-quan':
      return (
        <Suspense fallback={<LoadingState label={vi.common.loading} />}>
          <DashboardTab planId={plan.id} />
        </Suspense>
      );
    case 'ra-soat':
      return <ReviewRoundsTab plan={plan} roundId={new URLSearchParams(search).get('dot')} />;
    case 'ke-hoach':
      return null;
  }
}
