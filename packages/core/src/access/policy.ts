import type { Action, Actor, Decision, Role, RoleAssignment } from './access.types.ts';
import { ACTIONS, SCHOOL_ROLES } from './access.types.ts';

/**
 * What each role may do, within the units it can see. The administrator may do everything.
 * - office staff read everything in their unit's subtree; they never write into a school (issue 4);
 * - the principal does everything in the school, including its accounts, password resets and audit;
 * - council members edit plans; the monitoring team updates progress and results; staff read
 *   (CONTRACTS.md "Plan lifecycle": progress stays editable after approval by those who own it);
 * - issue 14: office staff review what their schools send (inbox states, comments, roll-up,
 *   deadlines) without writing into a school; the principal sends and publishes; the council, the
 *   monitoring team and the principal answer the offices' comments.
 */
const ROLE_ACTIONS: Record<Role, readonly Action[]> = {
  admin: ACTIONS,
  office_staff: ['unit.read', 'school.read', 'people.read', 'plan.read', 'office.review'],
  principal: [
    'unit.read',
    'school.read',
    'school.update',
    'people.read',
    'people.write',
    'user.read',
    'user.manage',
    'user.resetPassword',
    'audit.read',
    'plan.read',
    'plan.edit',
    'plan.approve',
    'plan.progress',
    'plan.send',
    'comment.reply',
  ],
  council_member: [
    'unit.read',
    'school.read',
    'people.read',
    'plan.read',
    'plan.edit',
    'comment.reply',
  ],
  monitoring_member: [
    'unit.read',
    'school.read',
    'people.read',
    'plan.read',
    'plan.progress',
    'comment.reply',
  ],
  staff: ['unit.read', 'school.read', 'plan.read'],
};

/** True when the actor holds the system administrator role. */
export function isAdmin(actor: Actor): boolean {
  return actor.assignments.some((a) => a.role === 'admin');
}

/** Assignments whose unit covers the given unit path (the unit itself or an ancestor). */
function coveringAssignments(actor: Actor, unitPath: string): RoleAssignment[] {
  return actor.assignments.filter(
    (a) => a.role === 'admin' || (a.unitPath !== null && unitPath.startsWith(a.unitPath)),
  );
}

/** True when the actor can see anything of the unit at `unitPath` (itself or its subtree). */
export function canSeeUnit(actor: Actor, unitPath: string): boolean {
  return coveringAssignments(actor, unitPath).length > 0;
}

/**
 * The one permission decision: may `actor` do `action` on something that belongs to the unit at
 * `unitPath`? Invisible → not_found (no hint that it exists); visible but not permitted → forbidden.
 */
export function decide(actor: Actor, action: Action, unitPath: string): Decision {
  const covering = coveringAssignments(actor, unitPath);
  if (covering.length === 0) return { allowed: false, reason: 'not_found' };
  const permitted = covering.some((a) => ROLE_ACTIONS[a.role].includes(action));
  return permitted ? { allowed: true } : { allowed: false, reason: 'forbidden' };
}

/**
 * May the actor grant `role` at the unit `unitPath` (kind `unitKind`)? Only the administrator grants
 * admin and office roles; a principal grants school roles in their own school.
 */
export function decideRoleGrant(
  actor: Actor,
  grant: { role: Role; unitPath: string | null; unitIsSchool: boolean },
): Decision {
  if (isAdmin(actor)) return { allowed: true };
  if (grant.unitPath === null) return { allowed: false, reason: 'forbidden' };
  const visible = decide(actor, 'user.manage', grant.unitPath);
  if (!visible.allowed) return visible;
  const schoolRole = SCHOOL_ROLES.includes(grant.role);
  return schoolRole && grant.unitIsSchool
    ? { allowed: true }
    : { allowed: false, reason: 'forbidden' };
}

/** The actions an actor may take at a unit (for the UI to show or hide controls; the server decides). */
export function allowedActions(actor: Actor, unitPath: string): Action[] {
  const covering = coveringAssignments(actor, unitPath);
  const actions = new Set<Action>();
  for (const a of covering) for (const action of ROLE_ACTIONS[a.role]) actions.add(action);
  return [...actions];
}

/** What a decision about one plan needs to know of it. */
export interface PlanAccessSubject {
  /** The school's materialised unit path. */
  schoolPath: string;
  /** The plan's lifecycle status (decisions after approval differ). */
  status: 'draft' | 'submitted' | 'approved';
}

/**
 * What someone does to a plan:
 * - `read`: see it;
 * - `edit`: change its content (header, sections, rows' planned fields, focus issues, layout);
 * - `progress`: change what stays editable after approval (rows' progress and results, review rounds);
 * - `approve`: sign it;
 * - `submit`: hand it to the principal ("trình");
 * - `revise`: start a revision ("điều chỉnh, bổ sung") of an approved plan.
 */
export type PlanOperation = 'read' | 'edit' | 'progress' | 'approve' | 'submit' | 'revise';

function coversAsOffice(actor: Actor, unitPath: string): boolean {
  return coveringAssignments(actor, unitPath).some((a) => a.role === 'office_staff');
}

/**
 * Which plan statuses the actor may read at a school (null: every status). Those who write a plan
 * (its editors and monitoring team) and office staff, who follow every school's work, read drafts;
 * everyone else who sees the school reads only plans that left the draft (issue 4 roles;
 * ARCHITECTURE.md "Open decisions"). List queries apply this in SQL.
 */
export function readablePlanStatuses(
  actor: Actor,
  schoolPath: string,
): readonly PlanAccessSubject['status'][] | null {
  if (
    decide(actor, 'plan.edit', schoolPath).allowed ||
    decide(actor, 'plan.progress', schoolPath).allowed ||
    coversAsOffice(actor, schoolPath)
  )
    return null;
  return ['submitted', 'approved'];
}

/**
 * The one decision about a plan. Invisible (another school, or a draft the actor may not read) →
 * not_found; visible without the right → forbidden. After approval only the monitoring team, the
 * principal and the administrator change progress, results and review rounds (README roles;
 * CONTRACTS.md "Plan lifecycle"); before it, edit rights imply progress rights. Whether the content
 * may still change at all (approved → make a revision) is the lifecycle's answer, not access.
 */
export function decidePlan(
  actor: Actor,
  operation: PlanOperation,
  plan: PlanAccessSubject,
): Decision {
  const read = decide(actor, 'plan.read', plan.schoolPath);
  if (!read.allowed) return read;
  const statuses = readablePlanStatuses(actor, plan.schoolPath);
  if (statuses !== null && !statuses.includes(plan.status))
    return { allowed: false, reason: 'not_found' };
  switch (operation) {
    case 'read':
      return read;
    case 'edit':
    case 'submit':
    case 'revise':
      return decide(actor, 'plan.edit', plan.schoolPath);
    case 'approve':
      return decide(actor, 'plan.approve', plan.schoolPath);
    case 'progress': {
      const progress = decide(actor, 'plan.progress', plan.schoolPath);
      if (progress.allowed || plan.status === 'approved') return progress;
      return decide(actor, 'plan.edit', plan.schoolPath);
    }
  }
}

/** What a decision about one self-assessment needs to know of it. */
export interface AssessmentAccessSubject {
  /** The school's materialised unit path. */
  schoolPath: string;
  status: 'draft' | 'submitted' | 'approved';
}

/**
 * What someone does to a self-assessment: `read`; `edit` (marks, texts, evidence, council, work
 * plan; the council's work); `submit` and `revise` (the council); `approve` (the chủ tịch, who is the
 * principal: TT17 Điều 24, TT57 Điều 9).
 */
export type AssessmentOperation = 'read' | 'edit' | 'submit' | 'approve' | 'revise';

/**
 * Which assessment statuses the actor may read at a school (null: every status). The council (plan
 * editors), the principal and office staff follow the work in progress; everyone else who sees the
 * school — staff, the monitoring team — reads only the approved assessment (issue 12). List queries
 * apply this in SQL.
 */
export function readableAssessmentStatuses(
  actor: Actor,
  schoolPath: string,
): readonly AssessmentAccessSubject['status'][] | null {
  if (decide(actor, 'plan.edit', schoolPath).allowed || coversAsOffice(actor, schoolPath))
    return null;
  return ['approved'];
}

/**
 * The one decision about a self-assessment. Invisible (another school, or a status the actor may
 * not read) → not_found; visible without the right → forbidden. Whether content may still change
 * (approved → make a revision) is the lifecycle's answer, not access.
 */
export function decideAssessment(
  actor: Actor,
  operation: AssessmentOperation,
  assessment: AssessmentAccessSubject,
): Decision {
  const read = decide(actor, 'plan.read', assessment.schoolPath);
  if (!read.allowed) return read;
  const statuses = readableAssessmentStatuses(actor, assessment.schoolPath);
  if (statuses !== null && !statuses.includes(assessment.status))
    return { allowed: false, reason: 'not_found' };
  switch (operation) {
    case 'read':
      return read;
    case 'edit':
    case 'submit':
    case 'revise':
      return decide(actor, 'plan.edit', assessment.schoolPath);
    case 'approve':
      return decide(actor, 'plan.approve', assessment.schoolPath);
  }
}

/**
 * May the actor record progress on one row (issue 13)? Those who follow the plan's progress (the
 * monitoring team, the principal, the administrator) on every row; anyone else who reads the plan
 * only on a row they lead or coordinate (`assignee`: their directory person is named in the row's
 * people, through an account linked to that person). Invisible → not_found; visible → forbidden.
 */
export function decideRowProgress(
  actor: Actor,
  plan: PlanAccessSubject,
  assignee: boolean,
): Decision {
  const read = decidePlan(actor, 'read', plan);
  if (!read.allowed) return read;
  if (decide(actor, 'plan.progress', plan.schoolPath).allowed) return { allowed: true };
  return assignee ? { allowed: true } : { allowed: false, reason: 'forbidden' };
}
