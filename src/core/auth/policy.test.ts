import { describe, expect, it } from 'vitest';
import { definePolicy, type Subject } from './policy.js';
import { STAFF } from './roles.js';

const policy = definePolicy({
  edit: { admits: STAFF },
  read: { admits: 'signed-in' },
  look: { admits: 'anyone' },
  checkIn: {
    admits: STAFF,
    when: 'a representative for their own member',
    unless: (subject, resource: { personId: string }) => subject.id === resource.personId,
  },
});

const staff: Subject = { id: 's', roles: ['staff'] };
const representative: Subject = { id: 'r', roles: ['representative'] };

describe('a policy', () => {
  it('admits the roles of a rule and no others', () => {
    expect(policy.can(staff, 'edit')).toBe(true);
    expect(policy.can(representative, 'edit')).toBe(false);
    expect(policy.can(null, 'read')).toBe(false);
    expect(policy.can(representative, 'read')).toBe(true);
    expect(policy.can(null, 'look')).toBe(true);
  });

  it('lets a condition on the resource admit someone the role set does not', () => {
    expect(policy.can(representative, 'checkIn', { personId: 'r' })).toBe(true);
    expect(policy.can(representative, 'checkIn', { personId: 'someone else' })).toBe(false);
    expect(policy.can(staff, 'checkIn', { personId: 'someone else' })).toBe(true);
    expect(policy.can(null, 'checkIn', { personId: 'r' })).toBe(false);
  });

  it('answers 401 to the public and 403 to a signed-in person it refuses', () => {
    expect(() => policy.authorize(null, 'edit')).toThrow(expect.objectContaining({ status: 401 }));
    expect(() => policy.authorize(representative, 'edit')).toThrow(expect.objectContaining({ status: 403 }));
    expect(() => policy.authorize(staff, 'edit')).not.toThrow();
  });

  it('guards a conditional rule with sign-in only, and states the rule for the documentation', async () => {
    const guard = policy.guard('checkIn');
    expect(guard.admits).toEqual(STAFF);
    expect(guard.when).toBe('a representative for their own member');
    const request = (person: Subject) => ({ session: person ? { person } : null }) as never;
    await expect(guard(request(representative))).resolves.toBeUndefined();
    await expect(guard(request(null))).rejects.toMatchObject({ status: 401 });
    await expect(policy.guard('edit')(request(representative))).rejects.toMatchObject({ status: 403 });
  });
});
