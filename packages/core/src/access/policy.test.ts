import { describe, expect, it } from 'vitest';
import type { Actor, Role } from './access.types.ts';
import { decidePlan, readablePlanStatuses, type PlanOperation } from './policy.ts';

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
