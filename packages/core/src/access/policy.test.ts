import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './access.types.ts';
import { decide, decidePlan, readablePlanStatuses, type PlanOperation } from './policy.ts';

const SCHOOL = '/so/xa/truong-a/';
const OTHER = '/so/xa/truong-b/';
const as = (role: Role, unitPath: string | null = SCHOOL): Actor => ({
  userId: `u-${role}`,
  assignments: [{ role, unitId: 'x', unitPath: role === 'admin' ? null : unitPath }],
});
const office = as('office_staff', '/so/');

type Status = 'draft' | 'submitted' | 'approved';
const outcome = (actor: Actor, operation: PlanOperation, status: Status, path = SCHOOL) => {
  const d = decidePlan(actor, operation, { schoolPath: path, status });
  return d.allowed ? 'allowed' : d.reason;
};

describe('decidePlan', () => {
  it('hides drafts from staff, not from editors, the monitoring team or office staff', () => {
    expect(outcome(as('staff'), 'read', 'draft')).toBe('not_found');
    expect(outcome(as('staff'), 'read', 'submitted')).toBe('allowed');
    expect(outcome(as('staff'), 'read', 'approved')).toBe('allowed');
    for (const actor of [as('council_member'), as('monitoring_member'), as('principal'), office])
      expect(outcome(actor, 'read', 'draft')).toBe('allowed');
    expect(readablePlanStatuses(as('staff'), SCHOOL)).toEqual(['submitted', 'approved']);
    expect(readablePlanStatuses(office, SCHOOL)).toBeNull();
  });

  it('answers not_found for another school whatever the role', () => {
    for (const role of ['principal', 'council_member', 'monitoring_member', 'staff'] as const)
      expect(outcome(as(role), 'read', 'approved', OTHER)).toBe('not_found');
  });

  it('lets edit rights imply progress rights only while the plan is not approved', () => {
    expect(outcome(as('council_member'), 'progress', 'draft')).toBe('allowed');
    expect(outcome(as('council_member'), 'progress', 'submitted')).toBe('allowed');
    expect(outcome(as('council_member'), 'progress', 'approved')).toBe('forbidden');
  });

  it('keeps progress after approval to the monitoring team, the principal and the administrator', () => {
    expect(outcome(as('monitoring_member'), 'progress', 'approved')).toBe('allowed');
    expect(outcome(as('principal'), 'progress', 'approved')).toBe('allowed');
    expect(outcome(as('admin'), 'progress', 'approved')).toBe('allowed');
    expect(outcome(as('staff'), 'progress', 'approved')).toBe('forbidden');
    expect(outcome(office, 'progress', 'approved')).toBe('forbidden');
  });

  it('keeps editing and approving to their roles', () => {
    expect(outcome(as('monitoring_member'), 'edit', 'draft')).toBe('forbidden');
    expect(outcome(as('council_member'), 'approve', 'submitted')).toBe('forbidden');
    expect(outcome(as('principal'), 'approve', 'submitted')).toBe('allowed');
    expect(outcome(office, 'edit', 'draft')).toBe('forbidden');
  });
});

describe('the offices (issue 14)', () => {
  const verdict = (actor: Actor, action: Parameters<typeof decide>[1], path = SCHOOL) => {
    const d = decide(actor, action, path);
    return d.allowed ? 'allowed' : d.reason;
  };
  const otherCommune = as('office_staff', '/so/xa-khac/');

  it('lets office staff review the schools of their subtree only, and never write into them', () => {
    expect(verdict(office, 'office.review')).toBe('allowed');
    expect(verdict(as('office_staff', '/so/xa/'), 'office.review')).toBe('allowed');
    expect(verdict(otherCommune, 'office.review')).toBe('not_found');
    for (const action of ['plan.edit', 'plan.send', 'comment.reply', 'plan.progress'] as const)
      expect(verdict(office, action)).toBe('forbidden');
  });

  it('lets only the principal send and publish, and the working roles answer comments', () => {
    expect(verdict(as('principal'), 'plan.send')).toBe('allowed');
    for (const role of ['council_member', 'monitoring_member', 'staff'] as const)
      expect(verdict(as(role), 'plan.send')).toBe('forbidden');
    for (const role of ['principal', 'council_member', 'monitoring_member'] as const)
      expect(verdict(as(role), 'comment.reply')).toBe('allowed');
    expect(verdict(as('staff'), 'comment.reply')).toBe('forbidden');
    expect(verdict(as('principal'), 'office.review')).toBe('forbidden');
    expect(verdict(as('principal'), 'plan.send', OTHER)).toBe('not_found');
  });
});
