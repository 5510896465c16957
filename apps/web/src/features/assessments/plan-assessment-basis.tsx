import { vi } from '../../i18n/vi.ts';
import { AppLink } from '../../ui/app-link.tsx';
import { hrefs } from '../shell/app-routes.ts';
import { levelLabel } from './assessment-logic.ts';
import { usePlanAssessmentBasis } from './assessments.queries.ts';

const t = vi.assessment.planBasis;

/**
 * In the plan editor: the Căn cứ and the summary counts the plan takes from the school's approved
 * self-assessment of its year, and how many criteria the latest assessment finds weak.
 */
export function PlanAssessmentBasis({ planId }: { planId: string }) {
  const basis = usePlanAssessmentBasis(planId);
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
        <>
          {data.basisLines.map((line) => (
            <p key={line} className="pre-line">
              {line}
            </p>
          ))}
          {data.schoolLevel !== null ? <p>{t.level(levelLabel(data.schoolLevel))}</p> : null}
          {data.summary.length > 0 ? (
            <ul className="tight-list">
              {data.summary.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </>
      ) : (
        <p className="muted">{t.none}</p>
      )}
      {data.weakCriteria.length > 0 ? (
        <p className="muted" data-testid="plan-weak-criteria">
          {t.weak(data.weakCriteria.length)}{' '}
          {data.weakCriteria.map((w) => w.criterionCode).join(', ')}
        </p>
      ) : null}
      {assessmentId ? (
        <AppLink
          href={hrefs.assessment(assessmentId)}
          className="button button--small button--secondary"
        >
          {t.open}
        </AppLink>
      ) : null}
    </section>
  );
}
