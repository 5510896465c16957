import { COUNCIL_ROLE_LABELS, COUNCIL_ROLES, type CouncilRole } from '@caitien/core';
import { useState } from 'react';
import { conflictCurrentOf, errorMessageOf } from '../../api/api-error.ts';
import { vi } from '../../i18n/vi.ts';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../ui/form.tsx';
import { ConflictNotice } from '../../ui/conflict-notice.tsx';
import { useAccess } from '../auth/use-access.ts';
import { usePeople } from '../people/people.queries.ts';
import type { AssessmentContext } from './assessment-screen.tsx';
import {
  useSaveCouncil,
  useSaveSettings,
  useSaveWorkPlan,
  type AssessmentDetail,
} from './assessments.queries.ts';
import { assigneeName } from './criteria-section.tsx';

const t = vi.assessment;

type Council = AssessmentDetail['council'];
type WorkPlan = AssessmentDetail['workPlan'];

/** A new id for a member, group or step the browser adds (the server keeps what it is sent). */
function newId(): string {
  return crypto.randomUUID();
}

/** Hội đồng & kế hoạch: the council, its working groups, the decision, the work plan, settings. */
export function CouncilSection({ context }: { context: AssessmentContext }) {
  const { assessment } = context;
  return (
    <div className="stack" data-testid="council-section">
      <CouncilForm key={`council:${assessment.version}`} context={context} />
      <AssignmentList context={context} />
      <WorkPlanForm key={`plan:${assessment.version}`} context={context} />
      <SettingsForm context={context} />
    </div>
  );
}

function CouncilForm({ context }: { context: AssessmentContext }) {
  const { assessment, editable } = context;
  const { access } = useAccess(assessment.schoolId);
  const people = usePeople(assessment.schoolId, {
    enabled: editable && (access?.can('people.read', assessment.schoolId) ?? false),
  });
  const save = useSaveCouncil(assessment.id);
  const [council, setCouncil] = useState<Council>(assessment.council);
  const [version, setVersion] = useState(assessment.version);
  const [picking, setPicking] = useState('');
  const conflict = conflictCurrentOf<AssessmentDetail>(save.error);
  const inCouncil = new Set(council.members.map((m) => m.personId).filter(Boolean));

  function updateMember(id: string, patch: Partial<Council['members'][number]>) {
    setCouncil({
      ...council,
      members: council.members.map((m) => (m.id === id ? { ...m, ...patch } : m)),
    });
  }

  function addMember(personId: string | null) {
    const person = people.data?.find((p) => p.id === personId);
    setCouncil({
      ...council,
      members: [
        ...council.members,
        {
          id: newId(),
          personId: person?.id ?? null,
          name: person?.fullName ?? '',
          positionTitle: person?.position ?? '',
          role: council.members.length === 0 ? 'chu_tich' : 'uy_vien',
          duty: '',
        },
      ],
    });
  }

  return (
    <section className="card form--padded stack" aria-labelledby="council-title">
      <h2 id="council-title" className="section-head__title">
        {t.council.title}
      </h2>
      <p className="muted">{t.council.intro}</p>
      <div className="form-grid">
        <TextField
          label={t.council.decisionNumber}
          value={council.decisionNumber}
          readOnly={!editable}
          onChange={(event) => setCouncil({ ...council, decisionNumber: event.target.value })}
        />
        <TextField
          label={t.council.decisionDate}
          value={council.decisionDate}
          readOnly={!editable}
          placeholder="dd/mm/yyyy"
          onChange={(event) => setCouncil({ ...council, decisionDate: event.target.value })}
        />
      </div>
      <h3 className="criterion-level__title">{t.council.members}</h3>
      {council.members.length === 0 ? <p className="muted">{t.council.empty}</p> : null}
      <ul className="council-members" data-testid="council-members">
        {council.members.map((m) => (
          <li key={m.id} className="council-member" data-testid="council-member">
            <TextField
              label={t.council.name}
              value={m.name}
              readOnly={!editable || m.personId !== null}
              onChange={(event) => updateMember(m.id, { name: event.target.value })}
            />
            <TextField
              label={t.council.position}
              value={m.positionTitle}
              readOnly={!editable}
              onChange={(event) => updateMember(m.id, { positionTitle: event.target.value })}
            />
            <SelectField
              label={t.council.role}
              value={m.role}
              disabled={!editable}
              onChange={(event) => updateMember(m.id, { role: event.target.value as CouncilRole })}
            >
              {COUNCIL_ROLES.map((role) => (
                <option key={role} value={role}>
                  {COUNCIL_ROLE_LABELS[role]}
                </option>
              ))}
            </SelectField>
            <TextField
              label={t.council.duty}
              value={m.duty}
              readOnly={!editable}
              onChange={(event) => updateMember(m.id, { duty: event.target.value })}
            />
            {editable ? (
              <button
                type="button"
                className="button button--small button--ghost button--danger-text council-member__remove"
                onClick={() =>
                  setCouncil({
                    ...council,
                    members: council.members.filter((x) => x.id !== m.id),
                    groups: council.groups.map((g) => ({
                      ...g,
                      memberIds: g.memberIds.filter((id) => id !== m.id),
                    })),
                  })
                }
              >
                {t.council.remove}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <div className="inline-form">
          {people.data ? (
            <>
              <SelectField
                label={t.council.addFromStaff}
                value={picking}
                onChange={(event) => setPicking(event.target.value)}
                className="inline-form__field"
                data-testid="council-pick-person"
              >
                <option value="">{t.council.addFromStaffPlaceholder}</option>
                {people.data
                  .filter((p) => !inCouncil.has(p.id))
                  .map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.fullName}
                      {p.position ? ` — ${p.position}` : ''}
                    </option>
                  ))}
              </SelectField>
              <button
                type="button"
                className="button button--small button--secondary"
                disabled={!picking}
                onClick={() => {
                  addMember(picking);
                  setPicking('');
                }}
                data-testid="council-add-person"
              >
                {t.council.addFromStaff}
              </button>
            </>
          ) : null}
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() => addMember(null)}
          >
            {t.council.addTyped}
          </button>
        </div>
      ) : null}

      <h3 className="criterion-level__title">{t.council.groups}</h3>
      <ul className="council-groups">
        {council.groups.map((g) => (
          <li key={g.id} className="council-group" data-testid="council-group">
            <TextField
              label={t.council.groupName}
              value={g.name}
              readOnly={!editable}
              onChange={(event) =>
                setCouncil({
                  ...council,
                  groups: council.groups.map((x) =>
                    x.id === g.id ? { ...x, name: event.target.value } : x,
                  ),
                })
              }
            />
            <fieldset className="fieldset">
              <legend className="field__label">{t.council.groupMembers}</legend>
              <div className="checkbox-grid">
                {council.members.map((m) => (
                  <CheckboxField
                    key={m.id}
                    label={m.name || '—'}
                    checked={g.memberIds.includes(m.id)}
                    disabled={!editable}
                    onChange={(event) =>
                      setCouncil({
                        ...council,
                        groups: council.groups.map((x) =>
                          x.id === g.id
                            ? {
                                ...x,
                                memberIds: event.target.checked
                                  ? [...x.memberIds, m.id]
                                  : x.memberIds.filter((id) => id !== m.id),
                              }
                            : x,
                        ),
                      })
                    }
                  />
                ))}
              </div>
            </fieldset>
            <TextField
              label={t.council.duty}
              value={g.duty}
              readOnly={!editable}
              onChange={(event) =>
                setCouncil({
                  ...council,
                  groups: council.groups.map((x) =>
                    x.id === g.id ? { ...x, duty: event.target.value } : x,
                  ),
                })
              }
            />
            {editable ? (
              <button
                type="button"
                className="button button--small button--ghost button--danger-text"
                onClick={() =>
                  setCouncil({ ...council, groups: council.groups.filter((x) => x.id !== g.id) })
                }
              >
                {t.council.remove}
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <div>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() =>
              setCouncil({
                ...council,
                groups: [...council.groups, { id: newId(), name: '', memberIds: [], duty: '' }],
              })
            }
          >
            {t.council.addGroup}
          </button>
        </div>
      ) : null}
      <WholeSaveFeedback
        save={save}
        conflict={
          conflict && {
            label: t.council.members,
            theirs: conflict.council.members.map((m) => m.name).join(', '),
            mine: council.members.map((m) => m.name).join(', '),
            version: conflict.version,
            useTheirs: () => setCouncil(conflict.council),
          }
        }
        setVersion={setVersion}
      />
      {editable ? (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={save.isPending}
            onClick={() => save.mutate({ council, version })}
            data-testid="council-save"
          >
            {t.council.save}
          </button>
        </div>
      ) : null}
    </section>
  );
}

/** Phân công: who answers for each criterion (changed in the criterion's panel). */
function AssignmentList({ context }: { context: AssessmentContext }) {
  const { assessment, framework } = context;
  const byCode = new Map(assessment.criteria.map((c) => [c.criterionCode, c]));
  return (
    <section className="card form--padded stack" aria-labelledby="assign-title">
      <h2 id="assign-title" className="section-head__title">
        {t.council.assignments}
      </h2>
      <p className="muted">{t.council.assignmentsHint}</p>
      <div className="table-wrap">
        <table className="table table--compact" data-testid="assignment-table">
          <tbody>
            {framework.standards.flatMap((s) =>
              s.criteria.map((c) => (
                <tr key={c.code}>
                  <th scope="row">{c.code}</th>
                  <td>{c.title}</td>
                  <td>{assigneeName(assessment, byCode.get(c.code)) ?? t.noAssignee}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const WORK_PLAN_TEXTS = [
  'purpose',
  'scope',
  'tools',
  'training',
  'resources',
  'consultants',
] as const;

function WorkPlanForm({ context }: { context: AssessmentContext }) {
  const { assessment, editable } = context;
  const save = useSaveWorkPlan(assessment.id);
  const [plan, setPlan] = useState<WorkPlan>(assessment.workPlan);
  const [version, setVersion] = useState(assessment.version);
  const conflict = conflictCurrentOf<AssessmentDetail>(save.error);

  function updateStep(id: string, patch: Partial<WorkPlan['steps'][number]>) {
    setPlan({ ...plan, steps: plan.steps.map((s) => (s.id === id ? { ...s, ...patch } : s)) });
  }

  return (
    <section className="card form--padded stack" aria-labelledby="work-plan-title">
      <h2 id="work-plan-title" className="section-head__title">
        {t.workPlan.title}
      </h2>
      <div className="form-grid">
        <TextField
          label={t.workPlan.number}
          value={plan.number}
          readOnly={!editable}
          onChange={(event) => setPlan({ ...plan, number: event.target.value })}
        />
        <TextField
          label={t.workPlan.date}
          value={plan.date}
          readOnly={!editable}
          onChange={(event) => setPlan({ ...plan, date: event.target.value })}
        />
      </div>
      <h3 className="criterion-level__title">{t.workPlan.steps}</h3>
      {plan.steps.length === 0 ? <p className="muted">{t.workPlan.noSteps}</p> : null}
      <ol className="timeline" data-testid="work-plan-steps">
        {plan.steps.map((step) => (
          <li key={step.id} className={`timeline__step ${step.done ? 'is-done' : ''}`}>
            <TextField
              label={t.workPlan.time}
              value={step.time}
              readOnly={!editable}
              onChange={(event) => updateStep(step.id, { time: event.target.value })}
            />
            <TextAreaField
              label={t.workPlan.activity}
              value={step.activity}
              rows={2}
              readOnly={!editable}
              onChange={(event) => updateStep(step.id, { activity: event.target.value })}
            />
            <div className="timeline__controls">
              <CheckboxField
                label={t.workPlan.done}
                checked={step.done}
                disabled={!editable}
                onChange={(event) => updateStep(step.id, { done: event.target.checked })}
              />
              {editable ? (
                <button
                  type="button"
                  className="button button--small button--ghost button--danger-text"
                  onClick={() =>
                    setPlan({ ...plan, steps: plan.steps.filter((s) => s.id !== step.id) })
                  }
                >
                  {t.council.remove}
                </button>
              ) : null}
            </div>
          </li>
        ))}
      </ol>
      {editable ? (
        <div>
          <button
            type="button"
            className="button button--small button--secondary"
            onClick={() =>
              setPlan({
                ...plan,
                steps: [...plan.steps, { id: newId(), time: '', activity: '', done: false }],
              })
            }
          >
            {t.workPlan.addStep}
          </button>
        </div>
      ) : null}
      <details className="disclosure">
        <summary>{t.workPlan.purpose} …</summary>
        {WORK_PLAN_TEXTS.map((field) => (
          <TextAreaField
            key={field}
            label={t.workPlan[field]}
            value={plan[field]}
            rows={3}
            readOnly={!editable}
            onChange={(event) => setPlan({ ...plan, [field]: event.target.value })}
          />
        ))}
      </details>
      <WholeSaveFeedback
        save={save}
        conflict={
          conflict && {
            label: t.workPlan.steps,
            theirs: conflict.workPlan.steps.map((s) => `${s.time}: ${s.activity}`).join('\n'),
            mine: plan.steps.map((s) => `${s.time}: ${s.activity}`).join('\n'),
            version: conflict.version,
            useTheirs: () => setPlan(conflict.workPlan),
          }
        }
        setVersion={setVersion}
      />
      {editable ? (
        <div className="form-actions">
          <button
            type="button"
            className="button"
            disabled={save.isPending}
            onClick={() => save.mutate({ workPlan: plan, version })}
          >
            {t.workPlan.save}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function SettingsForm({ context }: { context: AssessmentContext }) {
  const { assessment, editable } = context;
  const save = useSaveSettings(assessment.id);
  return (
    <section className="card form--padded stack" aria-labelledby="settings-title">
      <h2 id="settings-title" className="section-head__title">
        {t.settings.title}
      </h2>
      <CheckboxField
        label={t.settings.requireEvidence}
        hint={t.settings.requireEvidenceHint}
        checked={assessment.settings.requireEvidenceForMet}
        disabled={!editable || save.isPending}
        onChange={(event) =>
          save.mutate({
            settings: { requireEvidenceForMet: event.target.checked },
            version: assessment.version,
          })
        }
      />
      {save.isError ? (
        <p className="form-alert" role="alert">
          {errorMessageOf(save.error)}
        </p>
      ) : null}
    </section>
  );
}

/**
 * What a whole-record save (council, work plan) answers under its form: the conflict notice when
 * someone else saved first (take theirs, or keep mine on top of their version), else the error.
 */
function WholeSaveFeedback(props: {
  save: { reset: () => void; isError: boolean; error: unknown };
  conflict:
    | { label: string; theirs: string; mine: string; version: number; useTheirs: () => void }
    | null
    | undefined;
  setVersion: (version: number) => void;
}) {
  const { save, conflict, setVersion } = props;
  if (conflict)
    return (
      <ConflictNotice
        fields={[
          { label: conflict.label, theirs: conflict.theirs, mine: conflict.mine, isClash: true },
        ]}
        onUseTheirs={() => {
          save.reset();
          conflict.useTheirs();
          setVersion(conflict.version);
        }}
        onKeepMine={() => {
          save.reset();
          setVersion(conflict.version);
        }}
      />
    );
  if (save.isError)
    return (
      <p className="form-alert" role="alert">
        {errorMessageOf(save.error)}
      </p>
    );
  return null;
}
