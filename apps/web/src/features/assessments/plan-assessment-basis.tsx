import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { hrefs } from '../shell/app-routes.ts';
import { canApplyAssessmentBasis } from './assessment-logic.ts';
import { useApplyPlanAssessmentBasis, usePlanAssessmentBasis } from './assessments.queries.ts';
// The plan editor may be opened without the assessment screen having loaded its styles.
import './assessment.css';

const t = vi.assessment.planBasis;

/**
 * In the plan editor: the Căn cứ and the summary counts the plan takes from the school's approved
 * self-assessment of its year, and how many criteria the latest assessment finds weak. The lines
 * are shown as the plan would take them (`basisLines` holds the Căn cứ line, the results heading
 * and the counts ending with the school's level, so `summary` is not shown again); a draft plan's
 * editors may put them into the plan's Căn cứ section.
 */
export function PlanAssessmentBasis({
  planId,
  planVersion,
  planStatus,
  canEditPlan,
  onApplied,
}: {
  planId: string;
  planVersion: number;
  planStatus: string;
  canEditPlan: boolean;
  /** Called with the answered plan's version once the lines are in its Căn cứ section. */
  onApplied: (planVersion: number) => void;
}) {
  const basis = usePlanAssessmentBasis(planId);
  const apply = useApplyPlanAssessmentBasis(planId);
  // The plan works without an assessment: a failed or refused look-up shows nothing.
  if (!basis.data) return null;
  const data = basis.data;
  const assessmentId = data.approvedAssessmentId ?? data.latestAssessmentId;
  return (
    <section
      className="card plan-assessment-basis"
      data-testid="plan-assessment-basis"
      aria-labelledby="plan-assessment-basis-title"
    >
      <p id="plan-assessment-basis-title" className="plan-assessment-basis__title">
        {t.title}
      </p>
      {data.approvedAssessmentId ? (
        <div data-testid="plan-basis-lines">
          {data.basisLines.map((line, index) => (
            <p key={`${index}-${line}`} className="pre-line">
              {line}
            </p>
          ))}
        </div>
      ) : (
        <p className="muted">{t.none}</p>
      )}
      {data.weakCriteria.length > 0 ? (
        <p className="muted" data-testid="plan-weak-criteria">
          {t.weak(data.weakCriteria.length)}{' '}
          {data.weakCriteria.map((w) => w.criterionCode).join(', ')}
        </p>
      ) : null}
      <div className="plan-assessment-basis__actions">
        {canApplyAssessmentBasis({
          planStatus,
          canEditPlan,
          approvedAssessmentId: data.approvedAssessmentId,
        }) ? (
          <button
            type="button"
            className="button button--small"
            title={t.applyTitle}
            disabled={apply.isPending}
            data-testid="plan-basis-apply"
            onClick={() =>
              apply.mutate(planVersion, { onSuccess: (plan) => onApplied(plan.version) })
            }
          >
            {t.apply}
          </button>
        ) : null}
        {assessmentId ? (
          <AppLink
            href={hrefs.assessment(assessmentId)}
            className="button button--small button--secondary"
          >
            {t.open}
          </AppLink>
        ) : null}
      </div>
    </section>
  );
}
